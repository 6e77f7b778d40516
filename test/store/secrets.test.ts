import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {resolveSecret, SecretError} from '../../source/store/secrets.js';
import {makeTempDir} from './helpers.js';

const secret = 'Zq9-Pangolin/secret+value&x=1';
let dir: string;
let cleanup: () => void;
beforeEach(() => ({dir, cleanup} = makeTempDir()));
afterEach(() => cleanup());

function secretError(action: () => unknown): SecretError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(SecretError);
		expect((error as Error).message).not.toContain('Pangolin');
		return error as SecretError;
	}

	throw new Error('expected a SecretError');
}

describe('resolveSecret', () => {
	it('returns inline values as they are', () => {
		expect(resolveSecret(secret, {})).toBe(secret);
	});

	it('reads env:NAME from the given environment', () => {
		expect(resolveSecret('env:BOOKING_SECRET', {BOOKING_SECRET: secret})).toBe(secret);
		expect(secretError(() => resolveSecret('env:BOOKING_SECRET', {})).message).toBe('environment variable BOOKING_SECRET is not set');
		expect(secretError(() => resolveSecret('env:BOOKING_SECRET', {BOOKING_SECRET: ''})).code).toBe('env-empty');
		expect(secretError(() => resolveSecret('env:9X', {})).code).toBe('env-name');
	});

	it('reads file:PATH, removing exactly one trailing newline', () => {
		const file = path.join(dir, 'secret');
		fs.writeFileSync(file, `${secret}\n\n`);
		expect(resolveSecret(`file:${file}`)).toBe(`${secret}\n`);
		fs.writeFileSync(file, `${secret}\r\n`);
		expect(resolveSecret(`file:${file}`)).toBe(secret);
		fs.writeFileSync(file, secret);
		expect(resolveSecret(`file:${file}`)).toBe(secret);
	});

	it('names the path of a missing, empty or unreadable file, never the value', () => {
		const missing = path.join(dir, 'missing');
		const error = secretError(() => resolveSecret(`file:${missing}`));
		expect(error.message).toBe(`secret file ${missing} does not exist`);
		expect(error.code).toBe('file-missing');
		const empty = path.join(dir, 'empty');
		fs.writeFileSync(empty, '\n');
		expect(secretError(() => resolveSecret(`file:${empty}`)).code).toBe('file-empty');
		expect(secretError(() => resolveSecret(`file:${dir}`)).message).toContain('is a directory');
	});
});
