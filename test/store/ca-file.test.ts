import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {checkCaFile} from '../../source/store/ca-file.js';

let dir: string;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-ca-file-'));
});

afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('checkCaFile', () => {
	it('returns the absolute path of a PEM file, resolved from the working directory', () => {
		fs.writeFileSync(path.join(dir, 'ca.pem'), 'subject=CN = Clinic CA\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
		expect(checkCaFile('ca.pem', dir)).toBe(path.join(dir, 'ca.pem'));
	});

	it('refuses a missing file, a folder and a file without a PEM certificate', () => {
		fs.writeFileSync(path.join(dir, 'ca.der'), Buffer.from([0x30, 0x82]));
		fs.writeFileSync(path.join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
		const cases: Array<[string, string]> = [
			['missing.pem', 'does not exist'],
			['.', 'is not a file'],
			['ca.der', 'holds no PEM certificate'],
			['key.pem', 'holds no PEM certificate'],
		];
		for (const [file, message] of cases) expect(() => checkCaFile(file, dir), file).toThrow(message);
	});
});
