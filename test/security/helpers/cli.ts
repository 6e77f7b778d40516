/**
 * Running the BUILT CLI under faults: as an unprivileged user (so a read-only directory really is
 * read-only even when the tests run as root), under a file-size limit (`ulimit -f`, the portable way
 * to make a write fail as on a full disk), or as a child that a test interrupts with a signal.
 */
import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {vi} from 'vitest';
import {cliPath, type CliResult} from '../../helpers/run-cli.js';

/** root ignores file modes; its tests run the CLI as `nobody` so a 0500 directory refuses writes. */
export const runsAsRoot = process.getuid?.() === 0;
const nobody = 65_534;

export interface FaultRun {
	readonly args: readonly string[];
	readonly env?: NodeJS.ProcessEnv;
	readonly input?: string;
	/** Run as an unprivileged user (nobody when the tests run as root, else the current user). */
	readonly unprivileged?: boolean;
	/** A file-size limit in KiB for the child (`ulimit -f`): writes past it fail with EFBIG. */
	readonly fileSizeLimitKiB?: number;
}

/** A temp directory the unprivileged user may use (owned by it when the tests run as root). */
export function faultDirectory(): {directory: string; remove: () => void} {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-faults-'));
	return {directory, remove: () => fs.rmSync(directory, {recursive: true, force: true})};
}

/** Hand a directory tree to the unprivileged user (a no-op when the tests do not run as root). */
export function giveToUnprivileged(target: string): void {
	if (!runsAsRoot) return;
	const walk = (item: string): void => {
		fs.chownSync(item, nobody, nobody);
		if (fs.statSync(item).isDirectory()) for (const name of fs.readdirSync(item)) walk(path.join(item, name));
	};

	walk(target);
}

function command(run: FaultRun): {file: string; args: string[]} {
	if (run.fileSizeLimitKiB === undefined) return {file: process.execPath, args: [cliPath, ...run.args]};
	// "$@" keeps every argument intact; the limit applies to the shell and the node it execs.
	return {file: '/bin/sh', args: ['-c', `ulimit -f ${run.fileSizeLimitKiB} && exec "$0" "$@"`, process.execPath, cliPath, ...run.args]};
}

/** Start the CLI; the caller may signal it and must await `done`. */
export function startFaultRun(run: FaultRun): {
	child: ChildProcessWithoutNullStreams;
	done: Promise<CliResult & {signal: NodeJS.Signals | null}>;
	stdout: () => string;
	stderr: () => string;
} {
	const {file, args} = command(run);
	const child = spawn(file, args, {
		env: {...process.env, NO_COLOR: '1', OSCAR_REST_CONFIG: undefined, ...run.env},
		stdio: ['pipe', 'pipe', 'pipe'],
		...(run.unprivileged && runsAsRoot ? {uid: nobody, gid: nobody} : {}),
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin.end(run.input ?? '');
	const done = new Promise<CliResult & {signal: NodeJS.Signals | null}>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => {
			resolve({code, signal, stdout, stderr});
		});
	});
	return {child, done, stdout: () => stdout, stderr: () => stderr};
}

/** Run the CLI to the end. */
export async function runFault(run: FaultRun): Promise<CliResult> {
	return startFaultRun(run).done;
}

/**
 * The exporter as an output: start it on a free loopback port, wait for its first completed run,
 * scrape /metrics once, stop it with SIGTERM. `stdout` is the process's stdout followed by the scraped
 * text (the exporter's output), `stderr` what it logged; `code` its exit code.
 */
export async function scrapeExporter(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
	const run = startFaultRun({args: [...args, '--listen', '127.0.0.1:0', '--interval', '3600'], env});
	try {
		const url = await new Promise<string>((resolve, reject) => {
			const look = (): void => {
				const match = /serving (http:\/\/\S+)\/metrics/.exec(run.stderr());
				if (match) resolve(match[1]!);
			};

			run.child.stderr.on('data', look);
			look();
			void run.done.then(result => reject(new Error(`the exporter exited ${result.code}: ${result.stderr}`)));
		});
		// The first run completes on its own schedule: poll for it (a scrape never starts one).
		const metrics = await vi.waitFor(
			async () => {
				if (run.child.exitCode !== null) throw new Error(`the exporter exited: ${run.stderr()}`);
				const text = await (await fetch(`${url}/metrics`)).text();
				if (!/^oscar_rest_exporter_runs_total [1-9]/m.test(text)) throw new Error('no completed run yet');
				return text;
			},
			{timeout: 30_000, interval: 50},
		);
		run.child.kill('SIGTERM');
		const result = await run.done;
		return {code: result.code, stdout: `${result.stdout}${metrics}`, stderr: result.stderr};
	} finally {
		if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
	}
}
