import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {sourceHash} from '../../scripts/build-stamp.js';

let dir: string;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-build-stamp-'));
	fs.mkdirSync(path.join(dir, 'source', 'ui'), {recursive: true});
	fs.writeFileSync(path.join(dir, 'source', 'cli.ts'), 'export {};\n');
	fs.writeFileSync(path.join(dir, 'source', 'ui', 'app.tsx'), 'export {};\n');
	fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}\n');
});

afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('sourceHash (is dist/ current?)', () => {
	it('changes with the content of any build input, a new file or a new dependency lock, never with dates alone', () => {
		const first = sourceHash(dir);
		expect(sourceHash(dir)).toBe(first);
		fs.utimesSync(path.join(dir, 'source', 'cli.ts'), new Date(), new Date(Date.now() + 60_000));
		expect(sourceHash(dir)).toBe(first);

		fs.writeFileSync(path.join(dir, 'source', 'ui', 'app.tsx'), 'export const changed = 1;\n');
		const edited = sourceHash(dir);
		expect(edited).not.toBe(first);
		fs.writeFileSync(path.join(dir, 'source', 'ui', 'new.ts'), '');
		const added = sourceHash(dir);
		expect(added).not.toBe(edited);
		fs.writeFileSync(path.join(dir, 'package-lock.json'), '{"lockfileVersion": 3}\n');
		expect(sourceHash(dir)).not.toBe(added);
	});

	it('ignores what is not a build input (tests, the output itself)', () => {
		const before = sourceHash(dir);
		fs.mkdirSync(path.join(dir, 'test'));
		fs.writeFileSync(path.join(dir, 'test', 'a.test.ts'), '');
		fs.mkdirSync(path.join(dir, 'dist'));
		fs.writeFileSync(path.join(dir, 'dist', '.build-hash'), 'x');
		expect(sourceHash(dir)).toBe(before);
	});
});
