import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {keys} from './helpers/keys.js';
import {fleet, renderApp} from './helpers/render-app.js';
import {keymap} from '../../source/ui/keymap.js';
import {themeFor} from '../../source/ui/theme.js';

afterEach(() => {
	cleanup();
});

describe('layout by terminal size', () => {
	it('shows name, status, problem and last checked at 80 and all columns at 160', async () => {
		const narrow = await renderApp({inventory: fleet(3), columns: 80, rows: 24});
		await narrow.waitFor(/INTEGRATION.*STATUS.*PROBLEM.*CHECKED/);
		expect(narrow.frame()).not.toContain('LATENCY');
		expect(narrow.frame()).not.toContain('ACTING AS');
		for (const line of narrow.frame().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		expect(narrow.frame().split('\n').length).toBeLessThanOrEqual(24);
		narrow.unmount();

		const wide = await renderApp({inventory: fleet(3), columns: 160, rows: 24});
		await wide.waitFor(/INTEGRATION.*STATUS.*PROBLEM.*REST.*CREDS.*SKEW.*TOKEN.*ACTING AS.*EXPIRES.*LATENCY.*CHECKED/);
	});

	it('re-picks the columns when the terminal is resized', async () => {
		const app = await renderApp({inventory: fleet(3), columns: 160, rows: 24});
		await app.waitFor('LATENCY');
		app.resize(80, 24);
		await app.waitForNot('LATENCY');
		expect(app.frame()).toMatch(/INTEGRATION.*STATUS.*PROBLEM.*CHECKED/);
		app.resize(160, 30);
		await app.waitFor('ACTING AS');
	});

	it('marks instances whose TLS verification is off, in the header and on every row', async () => {
		const inventory = fleet(2);
		const insecure = {instances: [{...inventory.instances[0]!, insecureTls: true}]};
		const app = await renderApp({inventory: insecure});
		await app.waitFor('⚠ TLS verification disabled (untrusted): site000');
		const rows = app.frame().split('\n').filter(line => /app000\d/.test(line));
		expect(rows).toHaveLength(2);
		for (const row of rows) expect(row).toContain('⚠');
	});
});

describe('help overlay and footer', () => {
	it('lists keymap entries with their keys, and why a command is off now', async () => {
		const app = await renderApp({inventory: fleet(2), rows: 80, columns: 200});
		await app.waitFor('app0001');
		await app.press('?');
		await app.waitFor('Keys (');
		const frame = app.frame();
		for (const id of ['checkAll', 'markRange', 'fix', 'reveal', 'autoRefresh', 'cancel'] as const) {
			expect(frame).toContain(keymap[id].description);
		}

		expect(frame).toContain('R ctrl+a');
		expect(frame).toContain('cancel running checks  (now: no checks are running)');
		expect(frame).toContain('Onboarding wizard');
		await app.press(keys.escape);
		await app.waitForNot('Keys (');
	});

	it('scrolls the help at 80x24', async () => {
		const app = await renderApp({inventory: fleet(2), rows: 24, columns: 80});
		await app.waitFor('app0001');
		await app.press('?');
		await app.waitFor(/Keys \(1-\d+ of \d+/);
		await app.press(keys.pageDown);
		await app.waitForNot(/Keys \(1-/);
	});

	it('keeps help and quit in the footer at 80 columns, and hides keys that type while in a form', async () => {
		const app = await renderApp({inventory: fleet(2), columns: 80, rows: 24});
		await app.waitFor('app0001');
		const footer = app.frame().split('\n').at(-1)!;
		expect(footer).toContain('↑↓ move');
		expect(footer).toMatch(/\? help {2}q quit\s*$/);
		await app.press('i');
		await app.waitFor('Add an OSCAR instance');
		const formFooter = app.frame().split('\n').at(-1)!;
		expect(formFooter).toContain('Esc cancel');
		expect(formFooter).toContain('ctrl+c quit');
		expect(formFooter).not.toContain('? help');
	});

	it('shows footer hints from the keymap, disabled ones included', async () => {
		const app = await renderApp({inventory: fleet(2), columns: 160});
		await app.waitFor('app0001');
		const footer = app.frame().split('\n').at(-1)!;
		expect(footer).toContain('↑↓ move');
		expect(footer).toContain('/ filter');
		expect(footer).toContain('? help');
		expect(footer).toContain('q quit');
	});
});

describe('colour', () => {
	it('turns colour off with NO_COLOR and keeps words and icons', async () => {
		expect(themeFor({NO_COLOR: '1'}).color('error')).toBeUndefined();
		expect(themeFor({}).color('error')).toBe('red');
		const app = await renderApp({inventory: fleet(1)});
		await app.waitFor('NEW');
		// eslint-disable-next-line no-control-regex
		expect(app.rawFrame()).not.toMatch(/\u001B\[/);
	});
});
