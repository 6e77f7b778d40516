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

/** Run one build step; a failure throws with the step's own output, so a broken build never runs old code. */
function buildStep(what: string, args: readonly string[]): void {
	const result = spawnSync(process.execPath, args, {cwd: root, encoding: 'utf8'});
	if (result.status !== 0) {
		// Leave dist/ stale, so the next run builds again instead of testing what an earlier build left.
		fs.rmSync(cliPath, {force: true});
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
		throw new Error(
			`${what} failed (${result.error?.message ?? `exit ${String(result.status ?? result.signal)}`}); the tests need a working build:\n${output}`,
		);
	}
}

/** Build dist/ (tsc, then the bundle, as `npm run build`) when it is missing or older than source/. */
export async function ensureBuilt(): Promise<void> {
	if (!isStale()) return;
	fs.mkdirSync(path.dirname(lockDirectory), {recursive: true});
	// A lock left by a killed test run (a build takes well under two minutes) is removed.
	if (fs.existsSync(lockDirectory) && Date.now() - fs.statSync(lockDirectory).mtimeMs > 120_000)
		fs.rmSync(lockDirectory, {recursive: true, force: true});
	try {
		fs.mkdirSync(lockDirectory);
	} catch {
		// Another worker is building: wait for it, then look again (its build may have failed).
		await vi.waitFor(
			() => {
				if (fs.existsSync(lockDirectory)) throw new Error('build in progress');
			},
			{timeout: 120_000, interval: 250},
		);
		return ensureBuilt();
	}

	// Stamped with the time the build started: a source saved during the build makes it stale again.
	const started = new Date();
	try {
		buildStep('tsc -p tsconfig.build.json', [
			path.join(root, 'node_modules/typescript/bin/tsc'),
			'-p',
			path.join(root, 'tsconfig.build.json'),
		]);
		// Then bundle, as `npm run build` does: the tests run what ships.
		buildStep('scripts/bundle.js', [path.join(root, 'scripts/bundle.js')]);
		fs.chmodSync(cliPath, 0o755);
		fs.utimesSync(cliPath, started, started);
	} finally {
		fs.rmSync(lockDirectory, {recursive: true, force: true});
	}
}
