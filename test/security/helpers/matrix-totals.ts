/**
 * Vitest global setup: a directory where each fault-matrix file leaves its counts, and at the end of
 * the run the total, e.g. "fault matrix: 142 inputs, 142 handled, 0 failed" (the README quotes it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {TestProject} from 'vitest/node';
import type {MatrixCounts} from './matrix.js';

export default function setup(project: TestProject): () => void {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-fault-matrix-'));
	project.provide('faultMatrixDirectory', directory);
	return () => {
		const sections = fs.readdirSync(directory).map(name => JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8')) as MatrixCounts);
		fs.rmSync(directory, {recursive: true, force: true});
		if (sections.length === 0) return;
		const total = (key: 'inputs' | 'handled' | 'failed') => sections.reduce((sum, section) => sum + section[key], 0);
		process.stdout.write(
			`\nfault matrix (${sections.length} sections): ${total('inputs')} inputs, ${total('handled')} handled, ${total('failed')} failed\n`,
		);
	};
}
