/**
 * Secrets in the inventory are `SecretRef`s: `env:NAME` (an environment variable), `file:PATH`
 * (a file holding the value, e.g. a Docker/systemd secret) or the value inline. They are resolved
 * only when a request is signed, and every message here names the reference, never the value.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {SecretRef} from '../core/model.js';

type SecretErrorCode = 'env-missing' | 'env-empty' | 'env-name' | 'file-missing' | 'file-unreadable' | 'file-empty' | 'empty';

/** A secret reference that cannot be resolved. The message never contains a secret value. */
export class SecretError extends Error {
	constructor(
		message: string,
		readonly code: SecretErrorCode,
	) {
		super(message);
		this.name = 'SecretError';
	}
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Expand a leading `~/` so `file:~/secrets/booking` works as people expect. */
function secretFilePath(reference: string): string {
	const file = reference.slice('file:'.length);
	if (file === '~' || file.startsWith('~/')) return path.join(os.homedir(), file.slice(1));
	return file;
}

/** The secret's value: env var, file contents (minus ONE trailing newline) or the inline value. */
export function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): string {
	if (ref.startsWith('env:')) {
		const name = ref.slice(4);
		if (!envName.test(name)) throw new SecretError(`"${ref}" is not a valid environment variable reference: use env:NAME.`, 'env-name');
		const value = env[name];
		if (value === undefined) throw new SecretError(`environment variable ${name} is not set`, 'env-missing');
		if (value === '') throw new SecretError(`environment variable ${name} is empty`, 'env-empty');
		return value;
	}

	if (ref.startsWith('file:')) {
		const file = secretFilePath(ref);
		if (file === '') throw new SecretError('"file:" has no path: use file:/path/to/secret.', 'file-missing');
		let contents: string;
		try {
			contents = fs.readFileSync(file, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT') throw new SecretError(`secret file ${file} does not exist`, 'file-missing');
			if (code === 'EACCES' || code === 'EPERM')
				throw new SecretError(`secret file ${file} is not readable (permission denied)`, 'file-unreadable');
			if (code === 'EISDIR') throw new SecretError(`secret file ${file} is a directory`, 'file-unreadable');
			throw new SecretError(`secret file ${file} cannot be read (${code ?? 'unknown error'})`, 'file-unreadable');
		}

		const value = contents.endsWith('\r\n') ? contents.slice(0, -2) : contents.endsWith('\n') ? contents.slice(0, -1) : contents;
		if (value === '') throw new SecretError(`secret file ${file} is empty`, 'file-empty');
		return value;
	}

	if (ref === '') throw new SecretError('the secret is empty', 'empty');
	return ref;
}
