import {describe, expect, it} from 'vitest';
import {nextRunDelay, refreshBlocked} from '../../source/checks/refresh-rule.js';

describe('the scheduled-run rule', () => {
	it('blocks while anything is in flight, and says how far the run is', () => {
		expect(refreshBlocked({inFlight: new Set(), progress: null})).toBeUndefined();
		expect(refreshBlocked({inFlight: new Set(['a/b']), progress: null})).toBe('Auto-refresh skipped: the previous check is still running');
		expect(
			refreshBlocked({
				inFlight: new Set(['a/b']),
				progress: {
					runId: 3,
					total: 1000,
					done: 312,
					failures: 4,
					failing: {critical: 0, warning: 0, unknown: 0},
					deep: false,
					cancelled: false,
				},
			}),
		).toBe('Auto-refresh skipped: the previous check is still running (312/1000)');
	});

	it('starts the next run an interval after the last one started, spread by the jitter, never before it ended', () => {
		const cases: Array<[random: number, startedAgo: number, expected: number]> = [
			[0.5, 0, 60_000], // no spread
			[0, 0, 54_000], // -10 %
			[1, 0, 66_000], // +10 %
			[0.5, 20_000, 40_000], // the run took 20 s
			[0.5, 60_000, 0], // took the whole interval: next at once
			[0.5, 90_000, 0], // overran: next at once (after it ended), never overlapping
		];
		for (const [random, startedAgo, expected] of cases) expect(nextRunDelay(60_000, startedAgo, () => random)).toBe(expected);
	});
});
