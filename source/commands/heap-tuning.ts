/**
 * V8 lets the heap grow to several times what is live when a process allocates fast, as a check of
 * thousands of integrations does (every request makes short-lived objects): 10,000 integrations
 * peaked near 300 MiB with 50 MiB live, and the dashboard grew by ~90 MiB over one check of 1,000.
 * A smaller growing factor keeps those peaks near 200 MiB and 150 MiB for about 15 % more CPU in
 * the garbage collector.
 *
 * A headless check also caps V8's young generation: it doubles its two semi-spaces up to 16 MiB
 * each while requests keep allocating, and both are touched in turn, so 32 MiB of a run's peak RSS
 * were the young generation alone (its live part is a few MiB: the requests in flight). A check of
 * 1,000 peaked at 140 MiB with 14 MiB live at its end; with semi-spaces of 8 MiB and the smaller
 * growing factor it peaks near 108 MiB, for no CPU cost told apart from noise over paired runs
 * (twice the young collections, each copying the same few in-flight MiB).
 */
import v8 from 'node:v8';
import {PerformanceObserver} from 'node:perf_hooks';

/** Each semi-space of the young generation stops growing at this size (V8's default stops at 16 MiB). */
const semiSpaceCapBytes = 8 * 1024 * 1024;

let bounded = false;
let capped = false;

/** Let the heap grow by half of what is live after a collection, not by up to four times. */
export function boundHeapGrowth(): void {
	if (bounded) return;
	bounded = true;
	v8.setFlagsFromString('--heap-growing-percent=50');
}

/**
 * Stop the young generation's growth once its semi-spaces reach 8 MiB. Its maximum is fixed when
 * the process starts (`--max-semi-space-size`, which a bin cannot pass to its own node), but V8
 * reads the growth factor each time it grows them: after each collection, until the cap is
 * reached, check the size, and set the factor to 1 there.
 */
export function capYoungGeneration(): void {
	if (capped) return;
	capped = true;
	const reached = (): boolean => {
		const young = v8.getHeapSpaceStatistics().find(space => space.space_name === 'new_space');
		// new_space counts both semi-spaces.
		return young === undefined || young.space_size >= 2 * semiSpaceCapBytes;
	};

	const stop = (): void => {
		v8.setFlagsFromString('--semi-space-growth-factor=1');
	};

	if (reached()) {
		stop();
		return;
	}

	const observer = new PerformanceObserver(() => {
		if (!reached()) return;
		stop();
		observer.disconnect();
	});
	observer.observe({entryTypes: ['gc']});
}

/** The heap settings of a headless run (whatever its size: a run of 1,000 peaked at 140 MiB without them). */
export function tuneHeapForRun(): void {
	boundHeapGrowth();
	capYoungGeneration();
}
