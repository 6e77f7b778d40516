/**
 * Terminal manners of the list (what people expect from k9s, lazygit, htop): status lines that
 * expire and stay on their screen, Esc clearing a filter, an empty filter result that says so,
 * groups that collapse with their line kept on top while scrolling, `y` copying with OSC 52, and
 * rows checked again after an edit.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {Inventory} from '../../source/core/model.js';
import type {IntegrationReport} from '../../source/core/report.js';
import {diagnosis} from '../../source/core/diagnoses.js';
import {keys} from './helpers/keys.js';
import {createFakeEngine} from './helpers/fake-engine.js';
import {cursorLine, fixedNow, fleet, memoryStore, renderApp, type Rendered} from './helpers/render-app.js';

afterEach(() => {
	cleanup();
});

/** The line under the column header: the first line of the list. */
function firstListLine(frame: string): string {
	const lines = frame.split('\n');
	return lines[lines.findIndex(line => line.includes('INTEGRATION')) + 1] ?? '';
}

/** Every text the app copied with OSC 52, decoded. */
function copied(app: Rendered): string[] {
	// eslint-disable-next-line no-control-regex
	return [...app.written().matchAll(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map(match =>
		Buffer.from(match[1]!, 'base64').toString('utf8'),
	);
}

describe('status line', () => {
	it('expires after its time', async () => {
		const app = await renderApp({inventory: fleet(3), statusMs: 150});
		await app.waitFor('app0002');
		await app.press('z');
		await app.waitFor('z is not a key here');
		await app.waitForNot('z is not a key here');
	});

	it('never follows into another screen, and does not come back', async () => {
		const app = await renderApp({inventory: fleet(3)});
		await app.waitFor('app0002');
		await app.press('z');
		await app.waitFor('z is not a key here');
		await app.press('?');
		await app.waitFor('Keys (');
		expect(app.frame()).not.toContain('z is not a key here');
		await app.press(keys.escape);
		await app.waitFor('INTEGRATION');
		expect(app.frame()).not.toContain('z is not a key here');
		await app.press('z', keys.down, keys.enter);
		await app.waitFor('Credentials:');
		expect(app.frame()).not.toContain('z is not a key here');
	});
});

describe('filter', () => {
	it('Esc in the list clears an applied filter', async () => {
		const app = await renderApp({inventory: fleet(30), rows: 40});
		await app.waitFor('app0000');
		await app.press('/', 'app0003', keys.enter);
		await app.waitFor('filter "app0003": 1 shown (Esc clears)');
		expect(app.frame()).not.toContain('app0004');
		await app.press(keys.escape);
		await app.waitFor('Filter cleared: every row is shown');
		await app.waitFor('app0004');
		expect(app.frame()).not.toContain('filter "');
		await app.press(keys.escape);
		await app.waitFor('does nothing now: no filter is applied');
	});

	it('a filter that matches nothing says so, and keys say why they do nothing', async () => {
		const app = await renderApp({inventory: fleet(3), columns: 160});
		await app.waitFor('app0002');
		await app.press('/', 'nomatch', keys.enter);
		await app.waitFor('No rows match the filter "nomatch": Esc clears it, / changes it.');
		expect(app.frame()).not.toContain('add an instance');
		await app.press('c');
		await app.waitFor('no rows match the filter: Esc clears it');
	});
});

describe('groups', () => {
	it('collapse and expand with h/l, ←/→ and Enter on the group line', async () => {
		const app = await renderApp({inventory: fleet(60), rows: 30});
		await app.waitFor('app0000');
		await app.press('jjj');
		await app.waitFor(/^›.*app0002/m);
		await app.press('h');
		// The cursor moves to the group line, whose rows are hidden under it.
		await app.waitFor(/^›.*▸ site000 \(50 hidden\)/m);
		expect(app.frame()).not.toContain('app0002');
		await app.press('l');
		await app.waitFor(/^›.*▾ site000 \(50\)/m);
		await app.waitFor('app0002');
		await app.press(keys.left);
		await app.waitFor(/^›.*▸ site000/m);
		await app.press(keys.right);
		await app.waitFor(/^›.*▾ site000/m);
		await app.press(keys.enter);
		await app.waitFor(/^›.*▸ site000/m);
		// The next group follows the collapsed one directly.
		await app.press(keys.down);
		await app.waitFor(/^›.*▾ site001/m);
		await app.press(keys.enter);
		await app.waitFor(/^›.*▸ site001 \(10 hidden\)/m);
		await app.press('l');
		await app.press(keys.down, keys.enter);
		// Enter on an integration still opens its detail.
		await app.waitFor('Credentials:');
	});

	it('Space on a collapsed group marks all its rows, and l says when there is nothing to expand', async () => {
		const app = await renderApp({inventory: fleet(60), rows: 30});
		await app.waitFor('app0000');
		await app.press('l');
		await app.waitFor('this group is already expanded');
		await app.press('h', ' ');
		await app.waitFor('50 marked');
	});

	it('keeps the group line of the rows shown on top while scrolling', async () => {
		const app = await renderApp({inventory: fleet(120), rows: 24});
		await app.waitFor('app0000');
		await app.press('j'.repeat(30));
		await app.waitFor(/^›.*app0029/m);
		expect(firstListLine(app.frame())).toMatch(/▾ site000 \(50\)/);
		expect(app.frame()).not.toContain('app0005');
		await app.press('G');
		await app.waitFor(/^›.*app0119/m);
		expect(firstListLine(app.frame())).toMatch(/▾ site002 \(20\)/);
		expect(app.frame()).not.toContain('app0100 ');
	});
});

describe('y copies with OSC 52', () => {
	const inventory: Inventory = {
		instances: [
			{
				name: 'clinic',
				baseUrl: 'https://clinic.example:8443/oscar',
				integrations: [
					{name: 'booking', consumerKey: 'abcdefgh12345678', consumerSecret: 's', tags: []},
					{name: 'kiosk', consumerKey: 'abcdefgh12345679', consumerSecret: 's', tags: []},
				],
			},
		],
	};
	const report = (id: string, code: string): IntegrationReport => ({
		id,
		instance: 'clinic',
		integration: id.split('/')[1]!,
		severity: 'critical',
		code,
		summary: code,
		checkedAt: fixedNow,
		deep: false,
		restModule: 'unknown',
		credentials: 'unchecked',
		token: 'unchecked',
		probes: [],
	});

	it('the selected id in the list, the instance URL on its line, the fix command in the detail view', async () => {
		const engine = createFakeEngine({
			results: new Map([
				['clinic/booking', report('clinic/booking', 'dns-not-found')],
				['clinic/kiosk', report('clinic/kiosk', 'rest-module-off')],
			]),
		});
		const app = await renderApp({inventory, engine, columns: 160, rows: 50});
		await app.waitFor('kiosk');
		await app.press('y');
		await app.waitFor('Copied the URL of clinic');
		await app.press('jy');
		await app.waitFor('Copied clinic/booking');
		await app.press(keys.enter, 'y');
		await app.waitFor('Copied the fix command "nslookup clinic.example"');
		// No command in the fix steps: the summary and the numbered steps, for a ticket or an e-mail.
		// Esc alone, then the next keys: Esc followed at once by j would be Alt+j, as in any terminal.
		await app.press(keys.escape);
		await app.waitFor('INTEGRATION');
		await app.press('j', keys.enter, 'y');
		await app.waitFor('Copied the fix steps for clinic/kiosk');
		const entry = diagnosis('rest-module-off');
		expect(copied(app)).toEqual([
			'https://clinic.example:8443/oscar',
			'clinic/booking',
			'nslookup clinic.example',
			`clinic/kiosk: ${entry.summary}\n${entry.fix.map((step, index) => `${index + 1}. ${step}`).join('\n')}`,
		]);
	});
});

describe('re-check after an edit', () => {
	it('saving an integration checks it again; saving an instance checks its integrations', async () => {
		const engine = createFakeEngine();
		const store = memoryStore(fleet(3));
		const app = await renderApp({store, engine, columns: 160, rows: 40});
		await app.waitFor('app0002');
		await app.press('jj', 'e');
		await app.waitFor('Edit integration site000/app0001');
		await app.press(keys.tab, keys.tab, keys.tab, 'X');
		await app.press(keys.enter);
		await app.waitFor('Saved integration site000/app0001');
		expect(store.current.instances[0]!.integrations[1]!.accessToken).toBe('tok1X');
		expect(engine.requests).toEqual([{ids: ['site000/app0001']}]);
		await app.press('g', 'e');
		await app.waitFor('Edit instance site000');
		await app.press(keys.enter);
		await app.waitFor('Saved instance site000');
		expect(engine.requests[1]).toEqual({ids: ['site000/app0000', 'site000/app0001', 'site000/app0002']});
	});

	it('a key saved by the wizard checks the row again', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(2), engine, columns: 160, rows: 50});
		await app.waitFor('app0001');
		await app.press('jo');
		await app.waitFor('Step 1: Dedicated user');
		await app.press('nnnnnnn');
		await app.waitFor('Step 8: Key and secret');
		await app.press('kabcdef0123456789\r');
		await app.waitFor('Key saved.');
		expect(engine.requests).toEqual([{ids: ['site000/app0000']}]);
		expect(cursorLine(app.frame())).toBe('');
	});
});
