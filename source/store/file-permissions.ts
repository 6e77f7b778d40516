/**
 * The config file holds secrets, so it must be private: mode 0600, in a 0700 directory. A file
 * someone copied, restored from a backup or created by hand is often 0644; like ssh with a private
 * key, every load warns with the mode found and the `chmod` that fixes it, and the next write fixes it.
 *
 * The directory is judged only when it is oscar-rest's own: named `oscar-rest` (the default
 * location), or holding nothing but this config's files (`config.json`, its state, locks and
 * backups). `--config ./clinics.json` in a shared directory must never chmod that directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import {privateDirectoryMode, privateFileMode} from './atomic-file.js';

function octal(mode: number): string {
	return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

function modeOf(file: string): number | undefined {
	try {
		return fs.statSync(file).mode & 0o777;
	} catch {
		return undefined;
	}
}

/** True when the directory is oscar-rest's own (see the file comment), so its mode is ours to judge. */
function isDedicatedDirectory(configPath: string): boolean {
	const directory = path.dirname(configPath);
	if (path.basename(directory) === 'oscar-rest') return true;
	const stem = path.basename(configPath).replace(/\.json$/, '');
	try {
		return fs.readdirSync(directory).every(name => name.replace(/^\./, '').startsWith(`${stem}.`));
	} catch {
		return false;
	}
}

/** Warnings for a config file (and its dedicated directory) that group or others can access. */
export function permissionProblems(configPath: string): string[] {
	const problems: string[] = [];
	const fileMode = modeOf(configPath);
	if (fileMode !== undefined && (fileMode & 0o077) !== 0) {
		problems.push(
			`${configPath} can be read by other users (mode ${octal(fileMode)}), and it holds secrets. Run: chmod 600 ${configPath} (oscar-rest also fixes it on its next save).`,
		);
	}

	const directory = path.dirname(configPath);
	const directoryMode = modeOf(directory);
	if (fileMode !== undefined && directoryMode !== undefined && (directoryMode & 0o077) !== 0 && isDedicatedDirectory(configPath)) {
		problems.push(
			`${directory} can be listed by other users (mode ${octal(directoryMode)}). Run: chmod 700 ${directory} (oscar-rest also fixes it on its next save).`,
		);
	}

	return problems;
}

/** After a write: the file 0600 and a dedicated directory 0700. Best effort: a failure here must not fail the save. */
export function tightenPermissions(configPath: string): void {
	try {
		if (((modeOf(configPath) ?? 0) & 0o077) !== 0) fs.chmodSync(configPath, privateFileMode);
		const directory = path.dirname(configPath);
		if (((modeOf(directory) ?? 0) & 0o077) !== 0 && isDedicatedDirectory(configPath)) fs.chmodSync(directory, privateDirectoryMode);
	} catch {
		// Not our file to chmod (another owner): the warning on the next load says what to run.
	}
}
