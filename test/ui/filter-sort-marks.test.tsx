import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {IntegrationReport, Severity} from '../../source/core/report.js';
import {keys} from './helpers/keys.js';
import {createFakeEngine} from './helpers/fake-engine.js';
import {cursorLine, fixedNow, fleet, renderApp} from './helpers/render-app.js';

afterEach(() => {
	cleanup();
});

function report(id: string, severity: Severity, latencyMs: number): IntegrationReport {
	const [instance = '', integration = ''] = id.split('/');
	return {
		id,
		instance,
		integration,
		severity,
		code: severity === 'ok' ? 'ok' : 'rest-module-off',
		summary: 's',
		checkedAt: fixedNow - 1000,
		deep: false,
		restModule: severity === 'ok' ? 'on' : 'off',
		credentials: 'unchecked',
		token: 'ok',
		probes: [],
		latencyMs,
	};
}

/** Order of integration rows as they appear in the list (a row starts with its 4-character prefix). */
function order(frame: string): string[] {
	return [...frame.matchAll(/^[ ›][ *][ ⚠] (app\d{4})/gm)].map(match => match[1]!);
}

describe('filter', () => {
	it('filters live by name, keeps the filter with Enter, clears it with Esc', async () => {
		const app = await renderApp({inventory: fleet(12)});
		await app.waitFor('app0011');
		await app.press('/');
		await app.waitFor('/ ');
		await app.press('app0003');
		await app.waitForNot('app0004');
		expect(order(app.frame())).toEqual(['app0003']);
		await app.press(keys.enter);
		await app.waitFor('filter "app0003": 1 shown');
		await app.press('/');
		await app.press(keys.escape);
		await app.waitFor('app0011');
	});

	it('takes a filter pasted with its Enter in one chunk, then moves on in the list', async () => {
		const app = await renderApp({inventory: fleet(12)});
		await app.waitFor('app0011');
		await app.press('/');
		await app.waitFor('/ ');
		await app.press(`app0007${keys.enter}`);
		await app.waitFor('filter "app0007": 1 shown');
		expect(order(app.frame())).toEqual(['app0007']);
		// The list has the keys again: Enter on the row opens its detail, not the filter.
		await app.press(keys.down);
		await app.waitFor(/^›.*app0007/m);
		await app.press(keys.enter);
		await app.waitFor('site000/app0007');
	});

	it('filters by tag and by status word', async () => {
		const engine = createFakeEngine({results: new Map([['site000/app0002', report('site000/app0002', 'critical', 10)]])});
		const app = await renderApp({inventory: fleet(6), engine});
		await app.waitFor('app0005');
		await app.press('/', 'tag:odd', keys.enter);
		await app.waitFor('filter "tag:odd"');
		expect(order(app.frame())).toEqual(['app0001', 'app0003', 'app0005']);
		await app.press('/');
		await app.press(keys.escape);
		await app.waitFor('app0004');
		await app.press('/', 'crit', keys.enter);
		await app.waitFor('filter "crit"');
		expect(order(app.frame())).toEqual(['app0002']);
	});
});

describe('sort', () => {
	it('cycles name, status, latency, last checked with s', async () => {
		const engine = createFakeEngine({
			results: new Map([
				['site000/app0000', report('site000/app0000', 'ok', 50)],
				['site000/app0001', report('site000/app0001', 'critical', 10)],
				['site000/app0002', report('site000/app0002', 'warning', 900)],
			]),
		});
		const app = await renderApp({inventory: fleet(3), engine});
		await app.waitFor('app0002');
		expect(order(app.frame())).toEqual(['app0000', 'app0001', 'app0002']);
		expect(app.frame()).toMatch(/INTEGRATION ↑/);
		expect(app.frame()).not.toContain('LATENCY');
		await app.press('s');
		await app.waitFor(/STATUS ↓/);
		expect(app.frame()).not.toMatch(/INTEGRATION ↑/);
		expect(order(app.frame())).toEqual(['app0001', 'app0002', 'app0000']);
		await app.press('s');
		// LATENCY is not among the columns at 100 columns, until the rows are sorted by it.
		await app.waitFor(/LATENCY ↓/);
		expect(order(app.frame())).toEqual(['app0002', 'app0000', 'app0001']);
		await app.press('s');
		await app.waitFor(/CHECKED ↑/);
		await app.press('s');
		await app.waitFor(/INTEGRATION ↑/);
	});
});

describe('marks', () => {
	it('marks one, a range, all, and none; C checks exactly the marked ids', async () => {
		const engine = createFakeEngine();
		const app = await renderApp({inventory: fleet(6), engine});
		await app.waitFor('app0005');
		await app.press(keys.down);
		await app.waitFor(/^›.*app0000/m);
		await app.press(keys.space);
		await app.waitFor('1 marked');
		expect(cursorLine(app.frame())).toMatch(/^›\*/);
		await app.press(keys.space);
		await app.waitForNot('1 marked');

		await app.press('V');
		await app.waitFor('Range started');
		await app.press(keys.down);
		await app.press(keys.down);
		await app.waitFor(/^›.*app0002/m);
		await app.press('V');
		await app.waitFor('3 marked');
		await app.press('C');
		await waitRequests(engine, 1);
		expect([...engine.requests[0]!.ids]).toEqual(['site000/app0000', 'site000/app0001', 'site000/app0002']);

		await app.press(keys.shiftDown);
		await app.waitFor('4 marked');
		await app.press('A');
		await app.waitForNot(/\d+ marked/);
		await app.press('a');
		await app.waitFor('6 marked');
		await app.press('u');
		await app.waitFor('Unmarked all');
		await app.press('C');
		await app.waitFor('no rows marked');
	});
});

async function waitRequests(engine: ReturnType<typeof createFakeEngine>, count: number): Promise<void> {
	await vi.waitFor(() => {
		expect(engine.requests.length).toBeGreaterThanOrEqual(count);
	});
}
