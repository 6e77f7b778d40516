/**
 * The headless-command tests spawn the BUILT CLI (dist/cli.js), as users and cron do. It is rebuilt
 * only when a source file is newer than it; a lock directory keeps two test workers from building at once.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {vi} from 'vitest';
import {cliPath} from '../../helpers/run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const lockDirectory = path.join(root, 'dist', '.build-lock');

function newestSourceMs(directory: string): number {
	let newest = 0;
	for (const entry of fs.readdirSync(directory, {withFileTypes: true})) {
		const full = path.join(directory, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(full) : fs.statSync(full).mtimeMs);
	}

	return newest;
}

function isStale(): boolean {
	if (!fs.existsSync(cliPath)) return true;
	return newestSourceMs(path.join(root, 'source')) > fs.statSync(cliPath).mtimeMs;
}

/** Build dist/ when it is missing or older than source/. */
export async function ensureBuilt(): Promise<void> {
	if (!isStale()) return;
	fs.mkdirSync(path.dirname(lockDirectory), {recursive: true});
	// A lock left by a killed test run (a build takes well under two minutes) is removed.
	if (fs.existsSync(lockDirectory) && Date.now() - fs.statSync(lockDirectory).mtimeMs > 120_000) fs.rmSync(lockDirectory, {recursive: true, force: true});
	try {
		fs.mkdirSync(lockDirectory);
	} catch {
		// Another worker is building: wait for it to finish.
		await vi.waitFor(() => {
			if (fs.existsSync(lockDirectory)) throw new Error('build in progress');
		}, {timeout: 120_000, interval: 250});
		return;
	}

	try {
		// tsc emits even when other areas' work in progress has type errors; our files are checked by the typecheck.
		spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {cwd: root, stdio: 'ignore'});
		// Then bundle, as `npm run build` does: the tests run what ships.
		spawnSync(process.execPath, [path.join(root, 'scripts/bundle.js')], {cwd: root, stdio: 'ignore'});
		fs.chmodSync(cliPath, 0o755);
		// Make the result count as fresh even when a source file was saved during the build.
		const now = new Date();
		fs.utimesSync(cliPath, now, now);
	} finally {
		fs.rmSync(lockDirectory, {recursive: true, force: true});
	}

	if (!fs.existsSync(cliPath)) throw new Error('npm run build did not produce dist/cli.js');
}
