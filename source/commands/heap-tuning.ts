/**
 * V8 lets the heap grow to several times what is live when a process allocates fast, as a check of
 * thousands of integrations does (every request makes short-lived objects): 10,000 integrations
 * peaked near 300 MiB with 50 MiB live, and the dashboard grew by ~90 MiB over one check of 1,000.
 * A smaller growing factor keeps those peaks near 200 MiB and 150 MiB for about 15 % more CPU in
 * the garbage collector. Small headless runs keep V8's default (their heap stays small anyway).
 */
import v8 from 'node:v8';

/** From this many integrations a headless run trades some CPU for a bounded heap. */
export const bigRunIntegrations = 2000;

let bounded = false;

/** Let the heap grow by half of what is live after a collection, not by up to four times. */
export function boundHeapGrowth(): void {
	if (bounded) return;
	bounded = true;
	v8.setFlagsFromString('--heap-growing-percent=50');
}

/** boundHeapGrowth for a headless run of `integrations`, when it is big. */
export function tuneHeapForRun(integrations: number): void {
	if (integrations >= bigRunIntegrations) boundHeapGrowth();
}
