import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {keys} from './helpers/keys.js';
import {expectFits, fleet, renderApp} from './helpers/render-app.js';
import {keymap} from '../../source/ui/keymap.js';
import {displayKey} from '../../source/ui/key-name.js';
import {themeFor} from '../../source/ui/theme.js';
import {asciiFold} from '../../source/core/terminal-charset.js';
import {cellWidth} from '../../source/core/text-wrap.js';
import {maxStatusRows, statusLines} from '../../source/ui/components/status-bar.js';
import {lineText} from '../../source/ui/layout/lines.js';

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
		const rows = app
			.frame()
			.split('\n')
			.filter(line => /app000\d/.test(line));
		expect(rows).toHaveLength(2);
		for (const row of rows) expect(row).toContain('⚠');
	});
});

describe('help overlay and footer', () => {
	it('lists keymap entries with their keys, and why a command is off now', async () => {
		// Tall enough for every entry (the admin view's keys included): nothing scrolled away.
		const app = await renderApp({inventory: fleet(2), rows: 160, columns: 200});
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

	it("keeps the help's scroll within its lines: past the end, one ↑ moves up at once", async () => {
		const app = await renderApp({inventory: fleet(2), rows: 24, columns: 80});
		await app.waitFor('app0001');
		await app.press('?');
		await app.waitFor(/Keys \(1-\d+ of \d+/);
		const shown = (): number[] => /Keys \((\d+)-(\d+) of (\d+)/.exec(app.frame())!.slice(1).map(Number);
		// Far more than the help has, in one read (a held j).
		app.stdin.write('j'.repeat(400));
		await vi.waitFor(() => expect(shown()[1]).toBe(shown()[2]));
		const [first, last] = shown();
		await app.press('k');
		await app.waitFor(`Keys (${first! - 1}-${last! - 1} of `);
		await app.press(keys.pageDown);
		await app.waitFor(`Keys (${first}-${last} of `);
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

describe('at the minimum size and below', () => {
	it('wraps the header (the filter) instead of cutting it, and sizes the list to what is left', async () => {
		const app = await renderApp({inventory: fleet(40), columns: 60, rows: 20});
		await app.waitFor('app0001');
		await app.press('/', 'a-filter-that-is-long-enough-to-wrap', keys.enter);
		await app.waitFor('filter "a-filter-that-is-long-enough-to-wrap": 0 shown');
		await app.press('/', keys.escape);
		await app.waitForNot('filter "');
		await app.press('/', 'app001', keys.enter);
		await app.waitFor('filter "app001": 10 shown');
		const frame = app.frame();
		expect(frame.split('\n').length).toBeLessThanOrEqual(20);
		for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
		expect(frame).not.toContain('…"');
	});

	it('wraps a long status message under its icon at 60 columns, and the list gives way', async () => {
		const app = await renderApp({inventory: fleet(40), columns: 60, rows: 20});
		await app.waitFor('app0001');
		const rowsBefore = app
			.frame()
			.split('\n')
			.filter(line => /app00\d\d/.test(line)).length;
		await app.press('G', '\u0006');
		const message = `${displayKey('ctrl+f')} (${keymap.pageDown.description}) does nothing now: already at the last row`;
		await app.waitFor('does nothing now');
		expectFits(app, {columns: 60, rows: 20}, 'a two-row status');
		const lines = app.frame().split('\n');
		const at = lines.findIndex(line => line.startsWith(`› ${displayKey('ctrl+f')} (`));
		expect(lines[at + 1]).toMatch(/^ {2}\S/);
		expect(
			lines
				.slice(at, at + 2)
				.map(line => line.trim())
				.join(' '),
		).toBe(`› ${message}`);
		expect(lines.filter(line => /app00\d\d/.test(line)).length).toBe(rowsBefore - 1);
	});

	it('cuts a status message longer than three rows with an ellipsis, keeping the frame inside 60x20', () => {
		const text = 'word '.repeat(60).trim();
		const lines = statusLines({text, tone: 'error'}, 59).map(lineText);
		expect(lines).toHaveLength(maxStatusRows);
		expect(lines[0]!.startsWith('✖ word')).toBe(true);
		expect(lines.at(-1)!.endsWith('…')).toBe(true);
		for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(59);
		expect(statusLines({text: 'word '.repeat(22).trim(), tone: 'info'}, 59).map(lineText)).toHaveLength(2);
	});

	it('says the terminal is too small below 60x20, and comes back on a resize', async () => {
		const app = await renderApp({inventory: fleet(3), columns: 80, rows: 24});
		await app.waitFor('app0001');
		app.resize(59, 20);
		await app.waitFor('terminal too small: need 60x20, have 59x20');
		expect(app.frame()).not.toContain('app0001');
		app.resize(60, 19);
		await app.waitFor('have 60x19');
		app.resize(60, 20);
		await app.waitForNot('too small');
		await app.waitFor('app0001');
	});

	it('wraps help lines under their description at 60 columns (the reason why a key is off included)', async () => {
		const app = await renderApp({inventory: fleet(2), columns: 60, rows: 200});
		await app.waitFor('app0001');
		await app.press('?');
		await app.waitFor('Keys (');
		const frame = app.frame();
		for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
		const flat = frame.replaceAll(/\s+/g, ' ');
		expect(flat).toContain(`(now: ${keymap.checkMarked.disabledReason!({markedCount: 0} as never)})`);
		expect(flat).toContain(keymap.repaint.description);
		expect(flat).toContain(keymap.evidence.description);
	});

	it('keeps a form inside 60x20, scrolling to the focused field', async () => {
		const app = await renderApp({inventory: fleet(2), columns: 60, rows: 20});
		await app.waitFor('app0001');
		await app.press(keys.down);
		await app.waitFor(/^›.*app0000/m);
		await app.press('e');
		await app.waitFor('Edit integration site000/app0000');
		for (let field = 0; field < 9; field++) {
			await app.press(keys.tab);
			await app.waitFor(
				new RegExp(
					`^› +${['Client key', 'Client secret', 'Access token', 'Token secret', 'Registered URI', 'Callback', 'Acts as provider', 'Token lifetime', 'Tags'][field]}`,
					'm',
				),
			);
			expect(app.frame().split('\n').length).toBeLessThanOrEqual(20);
		}
	});
});

describe('ASCII mode', () => {
	it.each([
		[{LANG: 'C.UTF-8'}, false],
		[{LANG: 'en_US.utf8'}, false],
		[{LANG: 'C'}, true],
		[{LC_ALL: 'POSIX', LANG: 'en_US.UTF-8'}, true],
		[{LC_CTYPE: 'C', LANG: 'en_US.UTF-8'}, true],
		[{LC_ALL: 'en_US.UTF-8', LC_CTYPE: 'C'}, false],
		[{LC_ALL: '', LC_CTYPE: '', LANG: 'de_DE.UTF-8'}, false],
		[{}, true],
	])('decides from LC_ALL > LC_CTYPE > LANG: %j -> ascii %s', (env, ascii) => {
		expect(themeFor(env).ascii).toBe(ascii);
		expect(themeFor({LANG: 'C.UTF-8'}, {ascii: true}).ascii).toBe(true);
	});

	// The list rows and the footer are drawn by the row list and the keymap; in the real terminal the
	// ASCII stream guard covers them too (test/e2e/screen-layout.test.ts checks the whole screen).
	it('draws the header and the detail with + ! x ? and no byte above 0x7f', async () => {
		const app = await renderApp({inventory: fleet(3), env: {LC_ALL: 'C'}});
		await app.waitFor('app0001');
		const frame = app.frame();
		expect(frame).toContain('+ 0 OK  ! 0 WARN  x 0 CRIT  ? 0 UNKNOWN  . 3 NEW');
		expect(themeFor({LC_ALL: 'C'}).status('critical').icon).toBe('x');
		expect(themeFor({LC_ALL: 'C'}).status('warning').icon).toBe('!');
		expect(themeFor({LC_ALL: 'C'}).status('ok').icon).toBe('+');
		await app.press(keys.down, keys.enter);
		await app.waitFor('Credentials:');
		const main = app.frame().split('\n').slice(0, -2).join('\n');
		expect(main).toContain('(press v to reveal secrets)');
		// eslint-disable-next-line no-control-regex
		expect(main).not.toMatch(/[^\u0000-\u007F]/);
	});

	it('folds anything else to ASCII of the same width on the way to the terminal', () => {
		expect(asciiFold('› ✔ OK ▲ ✖ · … ╭─╮│╰╯ ↑↓')).toBe('> + OK ! x . . +-+|++ ^v');
		expect(asciiFold('Dr Müller 漢字 e\u0301')).toBe('Dr M?ller ???? e');
		expect(asciiFold('\u001B[1mbold\u001B[22m')).toBe('\u001B[1mbold\u001B[22m');
	});
});
