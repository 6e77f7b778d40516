import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {keys} from './helpers/keys.js';
import {createFakeEngine} from './helpers/fake-engine.js';
import {cursorLine, fleet, renderApp} from './helpers/render-app.js';

afterEach(() => {
	cleanup();
});

describe('list navigation', () => {
	it('moves with arrows and j/k, and the cursor starts on the first instance', async () => {
		const app = await renderApp({inventory: fleet(5)});
		await app.waitFor('app0004');
		expect(cursorLine(app.frame())).toContain('site000');
		await app.press(keys.down);
		await app.waitFor(/^›.*app0000/m);
		await app.press('j');
		await app.waitFor(/^›.*app0001/m);
		await app.press(keys.up);
		await app.waitFor(/^›.*app0000/m);
		await app.press('k');
		await app.waitFor(/^›.*site000/m);
	});

	it('takes a burst of keys in one write without losing any (Down Down Enter opens the second row)', async () => {
		const app = await renderApp({inventory: fleet(5)});
		await app.waitFor('app0004');
		await app.press(keys.down + keys.down + keys.enter);
		await app.waitFor('site000/app0001');
		expect(app.frame()).toContain('Not checked yet');
	});

	it('pages and jumps to the ends (g/G, Home/End)', async () => {
		const app = await renderApp({inventory: fleet(100), rows: 24});
		await app.waitFor('app0000');
		await app.press('G');
		await app.waitFor(/^›.*app0099/m);
		await app.press('g');
		await app.waitFor(/^›.*site000/m);
		await app.press(keys.pageDown);
		await app.waitForNot(/^›.*site000/m);
		const paged = cursorLine(app.frame());
		expect(paged).toMatch(/app00(1\d|0\d)/);
		await app.press(keys.end);
		await app.waitFor(/^›.*app0099/m);
		await app.press(keys.home);
		await app.waitFor(/^›.*site000/m);
	});

	it('renders only a window of 1,000 rows and scrolls it with the cursor', async () => {
		const app = await renderApp({inventory: fleet(1000), rows: 24, columns: 80});
		await app.waitFor('app0000');
		const first = app.frame();
		expect(first.split('\n').length).toBeLessThanOrEqual(24);
		expect(first).not.toContain('app0500');
		expect(first).toContain('of 1020');
		await app.press('G');
		await app.waitFor(/^›.*app0999/m);
		expect(app.frame()).not.toContain('app0000');
		expect(app.frame().split('\n').length).toBeLessThanOrEqual(24);
	});

	it('says why a key does nothing right now, and where a key works instead', async () => {
		const app = await renderApp({inventory: fleet(3)});
		await app.waitFor('app0002');
		await app.press('x');
		await app.waitFor('x (cancel running checks) does nothing now: no checks are running');
		await app.press(keys.up);
		await app.waitFor('already at the first row');
		await app.press('v');
		await app.waitFor('reveal or hide secrets (explicit) works in the detail view');
		await app.press('C');
		await app.waitFor('no rows marked: press Space to mark one');
		await app.press('z');
		await app.waitFor('z is not a key here: press ? for the keys');
	});

	it('says what to do first on an empty inventory', async () => {
		const app = await renderApp({inventory: {instances: []}});
		await app.waitFor('Nothing to show');
		await app.press('n');
		await app.waitFor('add an instance first: press i');
	});

	it('opens the detail view with Enter and returns with Esc', async () => {
		const app = await renderApp({inventory: fleet(3)});
		await app.waitFor('app0002');
		await app.press(keys.down);
		await app.waitFor(/^›.*app0000/m);
		await app.press(keys.enter);
		await app.waitFor('Credentials:');
		await app.press('j');
		await app.waitFor('site000/app0001');
		await app.press(keys.escape);
		await app.waitFor(/^›.*app0001/m);
	});

	it('q quits from the list, but types a q inside a form; ctrl+c quits from a form', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(2), engine});
		await app.waitFor('app0001');
		expect(engine.listenerCount()).toBe(1);
		await app.press('i');
		await app.waitFor('Add an OSCAR instance');
		await app.press('q');
		await app.waitFor(/› Name\s+q/);
		expect(engine.listenerCount()).toBe(1);
		await app.press(keys.ctrlC);
		await vi.waitFor(() => {
			expect(engine.listenerCount()).toBe(0);
		});

		const second = createFakeEngine();
		const again = await renderApp({inventory: fleet(2), engine: second});
		await again.waitFor('app0001');
		await again.press('q');
		await vi.waitFor(() => {
			expect(second.listenerCount()).toBe(0);
		});
	});
});
