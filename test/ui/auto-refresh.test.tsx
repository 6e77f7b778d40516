import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {createFakeEngine} from './helpers/fake-engine.js';
import {fleet, renderApp} from './helpers/render-app.js';

afterEach(() => {
	cleanup();
});

describe('auto-refresh never overlaps a run', () => {
	it('skips a tick while a check is running and says so; the next free tick checks', async () => {
		const engine = createFakeEngine({
			inFlight: new Set(['site000/app0000']),
			progress: {runId: 1, total: 2, done: 1, failures: 0, failing: {critical: 0, warning: 0, unknown: 0}, deep: false, cancelled: false},
		});
		const app = await renderApp({inventory: fleet(2), engine, refreshSeconds: 1, autoRefresh: true});
		await app.waitFor('Auto-refresh skipped: the previous check is still running (1/2)');
		expect(engine.requests).toHaveLength(0);
		engine.push({
			inFlight: new Set(),
			progress: {runId: 1, total: 2, done: 2, failures: 0, failing: {critical: 0, warning: 0, unknown: 0}, deep: false, cancelled: false},
		});
		await vi.waitFor(
			() => {
				expect(engine.requests).toHaveLength(1);
			},
			{timeout: 5000},
		);
		expect(engine.requests[0]!.ids).toEqual(['site000/app0000', 'site000/app0001']);
	});
});
