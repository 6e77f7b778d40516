/**
 * The headless run's young-generation cap, in a process of its own (V8 flags are per process): the
 * same allocation, that keeps what it allocates long enough for V8 to grow its semi-spaces, with
 * and without tuneHeapForRun. Without it V8 doubles them to 16 MiB each (32 MiB of RSS); with it
 * they stop at 8 MiB.
 */
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {beforeAll, expect, test} from 'vitest';
import {ensureBuilt} from './helpers/built-cli.js';

const tuning = pathToFileURL(path.resolve(import.meta.dirname, '../../dist/commands/heap-tuning.js')).href;
const mib = 1024 * 1024;

/** The young generation's size (both semi-spaces) after a fast-allocating loop, in MiB. */
function youngGenerationAfterLoad(tuned: boolean): number {
	const script = `
		import v8 from 'node:v8';
		import {tuneHeapForRun} from ${JSON.stringify(tuning)};
		if (${tuned}) tuneHeapForRun();
		const kept = [];
		for (let round = 0; round < 300; round++) {
			kept.push(Array.from({length: 5000}, (_, index) => ({index, text: 'x' + index})));
			if (kept.length > 40) kept.shift();
			await new Promise(resolve => setImmediate(resolve));
		}
		process.stdout.write(String(v8.getHeapSpaceStatistics().find(space => space.space_name === 'new_space').space_size));
	`;
	const result = spawnSync(process.execPath, ['--input-type=module', '--eval', script], {encoding: 'utf8'});
	if (result.status !== 0) throw new Error(result.stderr);
	return Number(result.stdout) / mib;
}

beforeAll(async () => {
	await ensureBuilt();
}, 180_000);

test.each([
	{tuned: false, expected: 'grows to 32 MiB', check: (size: number) => size > 16},
	{tuned: true, expected: 'stops at 16 MiB', check: (size: number) => size <= 16},
])('young generation of a fast-allocating process, tuned $tuned: $expected', ({tuned, check}) => {
	const size = youngGenerationAfterLoad(tuned);
	expect(check(size), `${size} MiB`).toBe(true);
});
