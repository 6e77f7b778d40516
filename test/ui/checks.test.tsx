import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {IntegrationReport, Severity} from '../../source/core/report.js';
import {keys} from './helpers/keys.js';
import {createFakeEngine, type FakeEngine} from './helpers/fake-engine.js';
import {fixedNow, fleet, renderApp} from './helpers/render-app.js';

afterEach(() => {
	cleanup();
});

function report(id: string, severity: Severity): IntegrationReport {
	const [instance = '', integration = ''] = id.split('/');
	return {
		id,
		instance,
		integration,
		severity,
		code: severity === 'ok' ? 'ok' : 'connection-refused',
		summary: 's',
		checkedAt: fixedNow - 12_000,
		deep: false,
		restModule: 'unknown',
		credentials: 'unchecked',
		token: 'unchecked',
		probes: [],
	};
}

async function requestsAtLeast(engine: FakeEngine, count: number): Promise<void> {
	await vi.waitFor(() => {
		expect(engine.requests.length).toBeGreaterThanOrEqual(count);
	});
}

describe('checks from the keyboard', () => {
	it('c checks the selected row, or every row of a selected instance; d is deep', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(3), engine});
		await app.waitFor('app0002');
		await app.press('c');
		await requestsAtLeast(engine, 1);
		expect(engine.requests[0]).toEqual({ids: ['site000/app0000', 'site000/app0001', 'site000/app0002'], deep: false});
		await app.press(keys.down);
		await app.waitFor(/^›.*app0000/m);
		await app.press('d');
		await requestsAtLeast(engine, 2);
		expect(engine.requests[1]).toEqual({ids: ['site000/app0000'], deep: true});
		// The fake engine finishes at once: the "Deep checking ..." line is gone again, not left stale.
		await app.waitForNot('Deep checking');
	});

	it('ctrl+a and R check all; x cancels while checks run', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(120), engine});
		await app.waitFor('app0000');
		await app.press(keys.ctrlA);
		await requestsAtLeast(engine, 1);
		expect(engine.requests[0]!.ids).toHaveLength(120);
		await app.press('R');
		await requestsAtLeast(engine, 2);
		engine.push({
			inFlight: new Set(['site000/app0000']),
			progress: {runId: 1, total: 120, done: 3, failures: 1, failing: {critical: 0, warning: 1, unknown: 0}, deep: false, cancelled: false},
		});
		await app.waitFor('checking 3/120: 0 critical, 1 warning');
		await app.press('x');
		await vi.waitFor(() => {
			expect(engine.cancels).toBe(1);
		});
	});

	it('shows bulk progress and live counts as snapshots arrive', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(1000), engine, rows: 24, columns: 80});
		await app.waitFor('app0000');
		expect(app.frame()).toContain('0 OK');
		const results = new Map<string, IntegrationReport>();
		for (let n = 0; n < 312; n++) {
			const id = `site${String(Math.floor(n / 50)).padStart(3, '0')}/app${String(n).padStart(4, '0')}`;
			results.set(id, report(id, n < 14 ? 'critical' : 'ok'));
		}

		engine.push({
			results,
			inFlight: new Set(['site006/app0312']),
			progress: {
				runId: 1,
				total: 1000,
				done: 312,
				failures: 14,
				failing: {critical: 14, warning: 0, unknown: 0},
				deep: false,
				cancelled: false,
			},
		});
		await app.waitFor('checking 312/1000: 14 critical, 0 warning');
		expect(app.frame()).toContain('298 OK');
		expect(app.frame()).toContain('14 CRIT');
		engine.push({
			inFlight: new Set(),
			progress: {
				runId: 1,
				total: 1000,
				done: 1000,
				failures: 15,
				failing: {critical: 14, warning: 0, unknown: 1},
				deep: false,
				cancelled: false,
			},
		});
		await app.waitFor('last run: checked 1000/1000: 14 critical, 0 warning, 1 unknown');
	});

	it('marks a row being checked, and never-checked rows as NEW', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(2), engine});
		await app.waitFor('app0001');
		expect(app.frame()).toContain('· NEW');
		engine.push({inFlight: new Set(['site000/app0001'])});
		await app.waitFor(/app0001.*… CHECKING/);
	});

	it('t toggles auto-refresh, which re-checks on its interval', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(2), engine, refreshSeconds: 1});
		await app.waitFor('auto-refresh off');
		await app.press('t');
		await app.waitFor('auto-refresh every 1 s');
		await vi.waitFor(
			() => {
				expect(engine.requests.length).toBeGreaterThanOrEqual(1);
			},
			{timeout: 4000},
		);
		expect(engine.requests[0]!.ids).toEqual(['site000/app0000', 'site000/app0001']);
		await app.press('t');
		await app.waitFor('auto-refresh off');
	});

	it('checks everything once at start with checkOnStart (--check)', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(4), engine, checkOnStart: true});
		await app.waitFor('app0003');
		await requestsAtLeast(engine, 1);
		expect(engine.requests).toHaveLength(1);
		expect(engine.requests[0]!.ids).toHaveLength(4);
	});
});
