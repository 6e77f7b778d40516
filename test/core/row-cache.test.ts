import {describe, expect, it} from 'vitest';
import type {Inventory} from '../../source/core/model.js';
import type {IntegrationReport, Severity} from '../../source/core/report.js';
import {RowCache} from '../../source/core/row-cache.js';
import {buildRows, sortRows} from '../../source/core/rows.js';

const now = 1_700_000_000_000;

function inventory(instances: number, perInstance: number): Inventory {
	return {
		instances: Array.from({length: instances}, (_, index) => ({
			name: `clinic-${String(((instances - index) * 7) % 100).padStart(2, '0')}-${index}`,
			baseUrl: `https://c${index}.example/oscar`,
			integrations: Array.from({length: perInstance}, (_, number) => ({
				name: `app-${perInstance - number}`,
				consumerKey: 'k',
				consumerSecret: 's',
				tags: [],
			})),
		})),
	};
}

function report(id: string, severity: Severity, checkedAt = now - 5000): IntegrationReport {
	const [instance = '', integration = ''] = id.split('/');
	return {
		id,
		instance,
		integration,
		severity,
		code: severity === 'ok' ? 'ok' : 'token-revoked',
		summary: 's',
		checkedAt,
		deep: false,
		restModule: 'on',
		credentials: 'unchecked',
		token: 'ok',
		probes: [],
	};
}

describe('RowCache', () => {
	it('rebuilds only the rows that changed, and equals a full build', () => {
		const fleet = inventory(4, 3);
		const results = new Map<string, IntegrationReport>();
		const inFlight = new Set<string>();
		const cache = new RowCache();
		const input = (changed?: ReadonlySet<string>) => ({inventory: fleet, report: (id: string) => results.get(id), inFlight, now, changed});
		const first = cache.update(input());
		expect(first).toEqual(buildRows({inventory: fleet, results, inFlight, now}));
		const id = first[4]!.id;
		inFlight.add(id);
		const checking = cache.update(input(new Set([id])));
		expect(checking).not.toBe(first);
		expect(checking[4]!.checking).toBe(true);
		for (const [index, row] of checking.entries()) if (index !== 4) expect(row).toBe(first[index]);
		inFlight.delete(id);
		results.set(id, report(id, 'critical'));
		const done = cache.update(input(new Set([id])));
		expect(done[4]!.severity).toBe('critical');
		expect(done).toEqual(buildRows({inventory: fleet, results, inFlight, now}));
		// Nothing changed: the same array.
		expect(cache.update(input(new Set()))).toBe(done);
	});

	it('rebuilds everything when the inventory or the clock changes, or nobody says what changed', () => {
		const fleet = inventory(3, 2);
		const results = new Map([[`${fleet.instances[0]!.name}/app-2`, report(`${fleet.instances[0]!.name}/app-2`, 'ok', now - 65_000)]]);
		const cache = new RowCache();
		cache.update({inventory: fleet, report: id => results.get(id), inFlight: new Set(), now});
		const later = cache.update({
			inventory: fleet,
			report: id => results.get(id),
			inFlight: new Set(),
			now: now + 60_000,
			changed: new Set(),
		});
		expect(later[0]!.cells.checked).toBe('2 min ago');
		const unknown = cache.update({inventory: fleet, report: () => undefined, inFlight: new Set(), now: now + 60_000});
		expect(unknown[0]!.severity).toBeNull();
		const bigger = inventory(4, 2);
		expect(cache.update({inventory: bigger, report: () => undefined, inFlight: new Set(), now, changed: new Set()})).toHaveLength(8);
	});

	it('keeps the order by name per inventory, the same as sorting the rows', () => {
		const fleet = inventory(12, 3);
		const cache = new RowCache();
		const rows = cache.update({inventory: fleet, report: () => undefined, inFlight: new Set(), now});
		expect(cache.nameOrder().map(index => rows[index]!.id)).toEqual(sortRows(rows, 'name').map(row => row.id));
	});
});
