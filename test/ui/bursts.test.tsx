/**
 * Keys that arrive in ONE read (a held key, a fast typist over SSH, a paste, tmux send-keys -l):
 * each test writes its burst with a single stdin.write, so Ink emits it as one input event, and
 * asserts the state the whole burst leads to, in the list, the filter, the forms and the wizard.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {keys} from './helpers/keys.js';
import {cursorLine, fleet, memoryStore, renderApp} from './helpers/render-app.js';

afterEach(() => {
	cleanup();
});

const paste = (text: string): string => `\u001B[200~${text}\u001B[201~`;

describe('bursts in the list', () => {
	it('a held j (20 in one read) moves 20 rows, and kkkj at once moves up 3 and down 1', async () => {
		const app = await renderApp({inventory: fleet(30), rows: 40, columns: 100});
		await app.waitFor('app0000');
		app.stdin.write('j'.repeat(20));
		// The instance line is row 0, so 20 moves land on app0019.
		await app.waitFor(/^›.*app0019/m);
		app.stdin.write('kkkj');
		await app.waitFor(/^›.*app0017/m);
		expect(app.frame()).not.toContain('is not a key here');
	});

	it('applies a burst to the list the burst itself filtered: /app0007 Enter j lands on the row', async () => {
		const app = await renderApp({inventory: fleet(30), rows: 40, columns: 100});
		await app.waitFor('app0000');
		app.stdin.write('/app0007\rj');
		await app.waitFor(/^›.*app0007/m);
		expect(app.frame()).toContain('filter "app0007": 1 shown');
	});

	it('opens the row the burst moved to (jjo opens the wizard for the second row)', async () => {
		const app = await renderApp({inventory: fleet(5), rows: 40, columns: 160});
		await app.waitFor('app0004');
		app.stdin.write('jjo');
		await app.waitFor('Onboarding site000 / app0001');
	});

	it('Esc and the next key in one read are both honoured: the detail closes, then ? opens the help', async () => {
		const app = await renderApp({inventory: fleet(3), rows: 30, columns: 100});
		await app.waitFor('app0002');
		app.stdin.write('j\r');
		await app.waitFor('Esc back');
		app.stdin.write('\u001B?');
		await app.waitFor(/Keys/);
		expect(app.frame()).not.toContain('is not a key here');
		app.stdin.write('\u001B\u001B[B');
		await app.waitFor(/^›.*app0001/m);
	});

	it('a bracketed paste in the list is never run as commands', async () => {
		const store = memoryStore(fleet(3));
		const app = await renderApp({store, rows: 30, columns: 100});
		await app.waitFor('app0002');
		app.stdin.write(`j${paste('DDy')}`);
		await app.waitFor('Pasted text is not a command: press / first to filter by it');
		expect(store.current.instances[0]!.integrations).toHaveLength(3);
		expect(app.frame()).not.toContain('Remove integration');
	});
});

describe('bursts in the filter', () => {
	it('three Backspaces in one write delete three characters', async () => {
		const app = await renderApp({inventory: fleet(30), rows: 40, columns: 100});
		await app.waitFor('app0000');
		app.stdin.write('/app0012xyz');
		await app.waitFor(/^\/ app0012xyz/m);
		app.stdin.write('\u007F\u007F\u007F');
		await app.waitFor(/^\/ app0012 /m);
		expect(app.frame()).toContain('filter "app0012": 1 shown');
	});

	it('a pasted filter keeps its text and drops the line break', async () => {
		const app = await renderApp({inventory: fleet(30), rows: 40, columns: 100});
		await app.waitFor('app0000');
		app.stdin.write(`/${paste('app0021\n')}`);
		await app.waitFor(/^\/ app0021 /m);
		app.stdin.write(keys.enter);
		await app.waitFor('filter "app0021": 1 shown');
	});
});

describe('bursts in the forms', () => {
	it('types a whole form in one read: text, Tab, text and Enter (a paste without brackets)', async () => {
		const store = memoryStore({instances: []});
		const app = await renderApp({store, rows: 40, columns: 120});
		await app.waitFor('Nothing to show');
		app.stdin.write('iclinic\tclinic.example.org/oscar\r');
		await app.waitFor('Added instance clinic');
		expect(store.current.instances.map(instance => [instance.name, instance.baseUrl])).toEqual([
			['clinic', 'https://clinic.example.org/oscar'],
		]);
	});

	it('pasted text without Enter stays in the field; three Backspaces in one write delete three characters', async () => {
		const store = memoryStore({instances: []});
		const app = await renderApp({store, rows: 40, columns: 120});
		await app.waitFor('Nothing to show');
		app.stdin.write('inorthside');
		await app.waitFor(/Name +northside/);
		app.stdin.write('\u007F\u007F\u007F');
		await app.waitFor(/Name +norths$/m);
		expect(store.current.instances).toHaveLength(0);
		expect(app.frame()).toContain('Add an OSCAR instance');
	});

	it('a bracketed paste is one insert: its trailing line break does not submit the form', async () => {
		const store = memoryStore({instances: []});
		const app = await renderApp({store, rows: 40, columns: 120});
		await app.waitFor('Nothing to show');
		app.stdin.write(`i${paste('harbour\r\n')}`);
		await app.waitFor(/Name +harbour/);
		expect(app.frame()).toContain('Add an OSCAR instance');
		expect(store.current.instances).toHaveLength(0);
	});

	it('refuses a pasted value with a line break inside, and says where', async () => {
		const app = await renderApp({inventory: {instances: []}, rows: 40, columns: 160});
		await app.waitFor('Nothing to show');
		app.stdin.write(`i${paste('first\nsecond')}`);
		await app.waitFor('The pasted Name contains a line break at position 6');
		expect(app.frame()).not.toMatch(/Name +first/);
	});
});

describe('bursts in the wizard', () => {
	it('nnn in one read moves three steps; a key typed with its Enter in one read is saved', async () => {
		const store = memoryStore(fleet(2));
		const app = await renderApp({store, rows: 50, columns: 160});
		await app.waitFor('app0001');
		app.stdin.write('jo');
		await app.waitFor('Onboarding site000 / app0000');
		await app.waitFor('Step 1: Dedicated user');
		app.stdin.write('nnn');
		await app.waitFor('Step 4: Open REST Clients');
		app.stdin.write('nnnn');
		await app.waitFor('Step 8: Key and secret');
		app.stdin.write('kabcdef0123456789\r');
		await app.waitFor('Key saved.');
		expect(store.current.instances[0]!.integrations[0]!.consumerKey).toBe('abcdef0123456789');
	});

	it('keys in the same read as the o that opens the wizard reach it: jonnn lands on step 4', async () => {
		const app = await renderApp({inventory: fleet(2), rows: 50, columns: 160});
		await app.waitFor('app0001');
		app.stdin.write('jonnn');
		await app.waitFor('Step 4: Open REST Clients');
		expect(app.frame()).toContain('Onboarding site000 / app0000');
	});

	it('a whole step 8 typed with the o that opens the wizard: seven steps on, k, the key and Enter in one read', async () => {
		const store = memoryStore(fleet(2));
		const app = await renderApp({store, rows: 50, columns: 160});
		await app.waitFor('app0001');
		app.stdin.write('jonnnnnnnkabcdef0123456789\r');
		await app.waitFor('Key saved.');
		expect(store.current.instances[0]!.integrations[0]!.consumerKey).toBe('abcdef0123456789');
		// Taken once: a key typed afterwards goes to the wizard as usual, not after a replay.
		app.stdin.write('p');
		await app.waitFor('Step 7: Add Client');
	});

	it('a bracketed paste into a wizard field is inserted whole, its line break not taken as Enter', async () => {
		const app = await renderApp({inventory: fleet(2), rows: 50, columns: 160});
		await app.waitFor('app0001');
		app.stdin.write('jo');
		await app.waitFor('Step 1: Dedicated user');
		app.stdin.write(`nnnnnnnk${paste('abcdef0123456789\n')}`);
		await app.waitFor(/Client Key: +abcdef0123456789/);
		expect(app.frame()).not.toContain('Key saved.');
		expect(cursorLine(app.frame())).toBe('');
	});
});
