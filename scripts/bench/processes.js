// Running and measuring the processes the bench compares: a child with the usage preload (CPU,
// peak RSS, wall), the simulator in its own process, and RSS samples of a running program.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import readline from 'node:readline';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.join(root, 'dist/cli.js');
const preload = path.join(root, 'scripts/bench/usage.js');

/**
 * Run `node [--import usage] script args`, wait for it to exit 0, and return the wall time seen from
 * here (spawn to exit), the child's own CPU time and peak RSS, and its stdout.
 */
export async function measured(script, args, {env = process.env, keepStdout = true} = {}) {
	const usageFile = path.join(os.tmpdir(), `oscar-rest-bench-usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
	const start = performance.now();
	const child = spawn(process.execPath, ['--import', preload, script, ...args], {
		env: {...env, BENCH_USAGE_FILE: usageFile},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', chunk => {
		if (keepStdout) stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', chunk => {
		stderr += chunk;
	});
	const code = await new Promise(resolve => child.on('close', resolve));
	const wallMs = performance.now() - start;
	let usage;
	try {
		usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
	} finally {
		fs.rmSync(usageFile, {force: true});
	}

	if (code !== 0 && code !== 1 && code !== 2)
		throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`);
	return {wallMs, cpuMs: usage.cpuMs, maxRssBytes: usage.maxRssBytes, stdout, stderr, code};
}

/** The bench's simulator in its own process (so it does not share a measured event loop). */
export async function startSimulatorProcess(instanceCount, perInstance, latencyMs) {
	const child = spawn(
		process.execPath,
		[path.join(root, 'scripts/bench/simulator.js'), String(instanceCount), String(perInstance), String(latencyMs)],
		{stdio: ['pipe', 'pipe', 'inherit']},
	);
	const line = await new Promise((resolve, reject) => {
		readline.createInterface({input: child.stdout}).once('line', resolve);
		child.once('exit', code => {
			reject(new Error(`the simulator exited (${code}) before listening`));
		});
	});
	const {baseUrls} = JSON.parse(line);
	return {
		baseUrls: new Map(Object.entries(baseUrls)),
		async close() {
			const exited = new Promise(resolve => child.once('exit', resolve));
			child.stdin.end();
			await exited;
		},
	};
}

/** Current resident set size (VmRSS) of a process, in bytes. */
export function currentRss(pid) {
	const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
	return Number(match[1]) * 1024;
}

/** Peak resident set size (VmHWM) of a process, in bytes. */
export function peakRss(pid) {
	const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
	return Number(match[1]) * 1024;
}
