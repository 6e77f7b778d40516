/**
 * Small file primitives the stores share: an atomic private write (temp file + rename, mode 0600) and
 * a backup copy that never overwrites anything, used before we refuse or replace a damaged file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const privateFileMode = 0o600;
export const privateDirectoryMode = 0o700;

/** Create the directory (and parents) as 0700 when missing; an existing directory is left as it is. */
export function ensurePrivateDirectory(directory: string): void {
	fs.mkdirSync(directory, {recursive: true, mode: privateDirectoryMode});
}

/**
 * Write `data` so readers see the old or the new file, never half of one: a 0600 temp file in the same
 * directory, fsync, rename over the target. The temp file is created 0600, so there is no readable window.
 */
export function writeFileAtomic(file: string, data: string): void {
	writeAtomically(file, descriptor => fs.writeFileSync(descriptor, data));
}

/** The same atomic private write, with `write` filling the temp file through its descriptor (in pieces, say). */
export function writeAtomically(file: string, write: (descriptor: number) => void): void {
	const directory = path.dirname(file);
	const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
	let descriptor: number | undefined;
	try {
		descriptor = fs.openSync(temporary, 'wx', privateFileMode);
		write(descriptor);
		fs.fsyncSync(descriptor);
		fs.closeSync(descriptor);
		descriptor = undefined;
		fs.chmodSync(temporary, privateFileMode); // openSync's mode is filtered by the umask
		fs.renameSync(temporary, file);
	} catch (error) {
		if (descriptor !== undefined) fs.closeSync(descriptor);
		fs.rmSync(temporary, {force: true});
		throw error;
	}
}

/** `2024-05-01T12-00-00-123Z`: sortable and valid in file names everywhere. */
function fileTimestamp(date: Date = new Date()): string {
	return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * Copy `file` to `<file>.<label>-<timestamp>.bak` (0600) and return the backup's path. Never overwrites:
 * an identical earlier backup with the same label is reused, so running a command ten times against the
 * same broken file leaves one backup, not ten.
 */
export function backupFile(file: string, label: string): string {
	const directory = path.dirname(file);
	const prefix = `${path.basename(file)}.${label}-`;
	const contents = fs.readFileSync(file);
	for (const name of fs.readdirSync(directory)) {
		if (!name.startsWith(prefix) || !name.endsWith('.bak')) continue;
		const candidate = path.join(directory, name);
		try {
			if (fs.readFileSync(candidate).equals(contents)) return candidate;
		} catch {
			// unreadable earlier backup: make a new one
		}
	}

	const stamp = fileTimestamp();
	for (let attempt = 0; ; attempt++) {
		const backup = path.join(directory, `${prefix}${stamp}${attempt === 0 ? '' : `-${attempt}`}.bak`);
		try {
			fs.writeFileSync(backup, contents, {flag: 'wx', mode: privateFileMode});
			return backup;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw error;
		}
	}
}
