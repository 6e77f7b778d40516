/**
 * `--output FILE` for check, report and export: checked before any work starts (a directory, a
 * missing directory), and a write that fails later (no permission, read-only file system, full
 * disk, a file-size limit) becomes a message naming the file and the reason, never an internal error.
 * The writers are atomic (temp file + rename), so a failed write leaves the previous file as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describeFileError, isFileSystemError} from '../core/file-errors.js';
import type {ExitName} from '../core/exit-codes.js';
import {UserError} from './context.js';

/** The absolute path of `--output`, or a UserError (exit `exit`) when it can never be written. */
export function outputPath(command: string, raw: string, exit: ExitName = 'cant-create'): string {
	if (raw.trim() === '') throw new UserError(`${command}: --output needs a file name.`, exit);
	const file = path.resolve(raw);
	const directory = path.dirname(file);
	let stat: fs.Stats | undefined;
	try {
		stat = fs.statSync(file);
	} catch {
		stat = undefined;
	}

	if (stat?.isDirectory())
		throw new UserError(
			`${command}: --output ${file} is a directory: name a file inside it, e.g. ${path.join(file, `oscar-rest.${command === 'check' ? 'prom' : 'txt'}`)}.`,
			exit,
		);
	if (!fs.existsSync(directory))
		throw new UserError(`${command}: --output directory does not exist: ${directory} (cannot write ${file}).`, exit);
	return file;
}

/** Run the write of `file`; a file-system failure becomes a UserError that says what to fix. */
export async function writeOutput(
	command: string,
	file: string,
	write: () => void | Promise<void>,
	exit: ExitName = 'cant-create',
): Promise<void> {
	try {
		await write();
	} catch (error) {
		if (!isFileSystemError(error)) throw error;
		throw new UserError(
			`${command}: cannot write --output ${file}: ${describeFileError(error)}. Nothing was written (an earlier file there is unchanged).`,
			exit,
		);
	}
}
