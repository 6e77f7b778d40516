/**
 * The fault matrix's bookkeeping: each hostile input is one `cell` (one test), counted as an input
 * and as handled or failed; each file reports its section's counts, and the global teardown
 * (matrix-totals.ts) prints the total: "N inputs, N handled, 0 failed".
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, inject, it} from 'vitest';

declare module 'vitest' {
	export interface ProvidedContext {
		faultMatrixDirectory: string;
	}
}

export interface MatrixCounts {
	readonly section: string;
	inputs: number;
	handled: number;
	failed: number;
}

/** One section of the matrix (one test file): `cell` adds a counted test, the counts are written after the file. */
export function matrixSection(section: string): {cell: (title: string, run: () => Promise<void> | void, timeoutMs?: number) => void} {
	const counts: MatrixCounts = {section, inputs: 0, handled: 0, failed: 0};
	afterAll(() => {
		process.stdout.write(`fault matrix, ${section}: ${counts.inputs} inputs, ${counts.handled} handled, ${counts.failed} failed\n`);
		const directory = inject('faultMatrixDirectory');
		if (directory) fs.writeFileSync(path.join(directory, `${section.replaceAll(/[^a-z0-9]+/gi, '-')}.json`), JSON.stringify(counts));
	});
	return {
		cell(title, run, timeoutMs) {
			it(
				title,
				async () => {
					counts.inputs++;
					try {
						await run();
						counts.handled++;
					} catch (error) {
						counts.failed++;
						throw error;
					}
				},
				timeoutMs,
			);
		},
	};
}
