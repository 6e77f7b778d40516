// `npm run bench [-- --quick]`: the performance targets, measured side by side in ONE run against
// the built-in simulator (in its own process), each figure the median of paired rounds with min
// and max (a ratio is taken pair by pair, never as a ratio of medians). Prints every row with its
// target and "met" / "not met", then `N of M targets met`, and rewrites the README's performance
// section from this run. It asserts nothing: it exits 0 whenever the measurements ran.
// --quick: 3 rounds, 1,000 and 10,000 integrations only, shorter soaks (under five minutes on a quiet machine).
/* global fetch */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {setTimeout as delay} from 'node:timers/promises';
import {ConfigStore} from '../dist/store/config-store.js';
import {allIds, benchInventory, benchPlan} from './bench/fleet.js';
import {cli, currentRss, measured, peakRss, root, startSimulatorProcess} from './bench/processes.js';
import {startInPty} from './bench/pty.js';
import {fillHistory} from './bench/state-file.js';
import {median, pairedRatios, percentile, slope, spread} from './bench/stats.js';
import {bundle} from './bundle.js';
import {writeReadmeTable} from './bench/readme-table.js';

const quick = process.argv.includes('--quick');
const rounds = quick ? 3 : 5;
const perInstance = 5;
const env = {
	...process.env,
	CI: 'false',
	NO_COLOR: '1',
	TERM: process.env.TERM && process.env.TERM !== 'dumb' ? process.env.TERM : 'xterm-256color',
};
const log = line => process.stderr.write(`${line}\n`);
const mib = bytes => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ms = value =>
	value >= 10_000
		? `${(value / 1000).toFixed(1)} s`
		: value >= 1000
			? `${(value / 1000).toFixed(2)} s`
			: `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const x = value => `${value.toFixed(2)}x`;
const range = (s, format) => `${format(s.median)} (${format(s.min)}-${format(s.max)})`;

/** Every row of the table: what, measured (median, min-max), target, met. */
const rows = [];
function row(metric, measuredText, target, met) {
	rows.push({metric, measured: measuredText, target, met});
	log(`   -> ${metric}: ${measuredText} [${target}: ${met === undefined ? 'info' : met ? 'met' : 'NOT MET'}]`);
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-bench-'));
const started = performance.now();
const evidence = {retries: 0, minimalRetries: 0};

/** A config of `instanceCount` instances on the simulator. */
function writeConfig(name, simulator, instanceCount) {
	const plan = benchPlan(instanceCount, perInstance);
	const inventory = benchInventory(plan, simulator.baseUrls);
	const configPath = path.join(folder, name, 'config.json');
	new ConfigStore(configPath).update(() => inventory);
	const fleetFile = path.join(folder, name, 'fleet.json');
	fs.writeFileSync(fleetFile, JSON.stringify(inventory));
	return {configPath, fleetFile, total: allIds(inventory).length, instanceCount};
}

/** `oscar-rest check` of a whole config, as cron runs it; fails unless every integration is ok. */
async function headless(config) {
	const output = path.join(folder, `out-${process.pid}.json`);
	const run = await measured(cli, ['--config', config.configPath, 'check', '--format', 'json', '--output', output], {
		env,
		keepStdout: false,
	});
	const text = fs.readFileSync(output, 'utf8');
	fs.rmSync(output, {force: true});
	const summary = /"summary": \{\s*"total": (\d+),\s*"ok": (\d+)/.exec(text);
	const ok = summary ? Number(summary[2]) : 0;
	if (ok !== config.total) throw new Error(`check: ${ok} of ${config.total} integrations ok (${run.stderr.slice(-300)})`);
	evidence.retries += countRetries(text, config.total);
	return run;
}

/** Requests the run retried after a keep-alive reset, from the evidence (instance probes once, token probes per integration). */
function countRetries(text, total) {
	if (!text.includes('"Retried"') || total > 10_000) return 0;
	const document = JSON.parse(text);
	const retried = probe => (probe.evidence.some(item => item.label === 'Retried') ? 1 : 0);
	let count = 0;
	for (const instance of document.instances) for (const probe of instance.probes) count += retried(probe);
	for (const integration of document.integrations)
		for (const probe of integration.probes) if (probe.probe === 'token') count += retried(probe);
	return count;
}

/** The minimal got script over the same fleet. */
async function minimal(config) {
	const run = await measured(path.join(root, 'scripts/bench/minimal-bulk.js'), [config.fleetFile], {env});
	const result = JSON.parse(run.stdout);
	evidence.minimalRetries += result.retries;
	if (result.unexpected > 0) throw new Error(`minimal script: ${result.unexpected} unexpected answers`);
	return run;
}

// ---- Headless scale and cost ---------------------------------------------------------------------

async function benchScale(zero, fifty) {
	log(
		`1. headless quick check at 0 ms: ${zero.small.total} on ${zero.small.instanceCount} instances vs ${zero.large.total} on ${zero.large.instanceCount} (${rounds} paired rounds)`,
	);
	await headless(zero.small); // warm-up: the state file exists from here on, as for cron
	await headless(zero.large);
	const small = [];
	const large = [];
	for (let round = 0; round < rounds; round++) {
		const order = round % 2 === 0 ? [zero.small, zero.large] : [zero.large, zero.small];
		for (const config of order) (config === zero.small ? small : large).push(await headless(config));
		log(
			`   round ${round + 1}: ${zero.small.total}: ${ms(small.at(-1).wallMs)} wall, ${ms(small.at(-1).cpuMs)} CPU, ${mib(small.at(-1).maxRssBytes)}; ` +
				`${zero.large.total}: ${ms(large.at(-1).wallMs)} wall, ${ms(large.at(-1).cpuMs)} CPU, ${mib(large.at(-1).maxRssBytes)}`,
		);
	}

	const wall = pairedRatios(
		large.map(run => run.wallMs),
		small.map(run => run.wallMs),
	);
	const cpu = pairedRatios(
		large.map(run => run.cpuMs),
		small.map(run => run.cpuMs),
	);
	row(
		`Headless quick check, 0 ms latency: wall of ${zero.large.total} on ${zero.large.instanceCount} instances / ${zero.small.total} on ${zero.small.instanceCount} (${ms(median(large.map(run => run.wallMs)))} / ${ms(median(small.map(run => run.wallMs)))})`,
		range(wall, x),
		'<= 11x (linear)',
		wall.median <= 11,
	);
	row(
		`The same, CPU time (${ms(median(large.map(run => run.cpuMs)))} / ${ms(median(small.map(run => run.cpuMs)))})`,
		range(cpu, x),
		'<= 11x (linear)',
		cpu.median <= 11,
	);
	const rssSmall = spread(small.map(run => run.maxRssBytes));
	const rssLarge = spread(large.map(run => run.maxRssBytes));
	row(`Peak RSS, headless ${zero.small.total}`, range(rssSmall, mib), '<= 120 MiB', rssSmall.median <= 120 * 1024 * 1024);
	row(`Peak RSS, headless ${zero.large.total}`, range(rssLarge, mib), '<= 250 MiB', rssLarge.median <= 250 * 1024 * 1024);

	log(`2. headless check vs the minimal got script (16 global, 4 per host), ${zero.small.total} integrations`);
	await minimal(zero.small);
	const cpuPairs = {cli: [], minimal: []};
	for (let round = 0; round < rounds; round++) {
		const a = await headless(zero.small);
		const b = await minimal(zero.small);
		cpuPairs.cli.push(a.cpuMs);
		cpuPairs.minimal.push(b.cpuMs);
		log(`   0 ms round ${round + 1}: check ${ms(a.cpuMs)} CPU (${ms(a.wallMs)} wall), minimal ${ms(b.cpuMs)} CPU (${ms(b.wallMs)} wall)`);
	}

	const cpuRatio = pairedRatios(cpuPairs.cli, cpuPairs.minimal);
	row(
		`Headless CPU time, ${zero.small.total} at 0 ms, vs the minimal got script (${ms(median(cpuPairs.cli))} / ${ms(median(cpuPairs.minimal))})`,
		range(cpuRatio, x),
		'<= 1.15x',
		cpuRatio.median <= 1.15,
	);
	await headless(fifty);
	await minimal(fifty);
	const wallPairs = {cli: [], minimal: []};
	for (let round = 0; round < rounds; round++) {
		const a = await headless(fifty);
		const b = await minimal(fifty);
		wallPairs.cli.push(a.wallMs);
		wallPairs.minimal.push(b.wallMs);
		log(`   50 ms round ${round + 1}: check ${ms(a.wallMs)} wall, minimal ${ms(b.wallMs)} wall`);
	}

	const wallRatio = pairedRatios(wallPairs.cli, wallPairs.minimal);
	row(
		`Headless wall time, ${fifty.total} at 50 ms latency, vs the minimal got script (${ms(median(wallPairs.cli))} / ${ms(median(wallPairs.minimal))})`,
		range(wallRatio, x),
		'<= 1.1x',
		wallRatio.median <= 1.1,
	);
}

async function benchFiftyThousand() {
	log('3. 50,000 integrations on 10,000 instances, 0 ms latency (one run)');
	const simulator = await startSimulatorProcess(10_000, perInstance, 0);
	try {
		const config = writeConfig('fifty-thousand', simulator, 10_000);
		const run = await headless(config);
		row(
			`Headless quick check of ${config.total} on ${config.instanceCount} instances completes (time, peak RSS)`,
			`${ms(run.wallMs)} wall, ${ms(run.cpuMs)} CPU, ${mib(run.maxRssBytes)}`,
			'completes',
			true,
		);
	} catch (error) {
		row('Headless quick check of 50,000 on 10,000 instances completes', `failed: ${error.message.slice(0, 120)}`, 'completes', false);
	} finally {
		await simulator.close();
	}
}

// ---- The dashboard in a pty (160x48) ---------------------------------------------------------------

const whole = header => ({test: plain => header.test(plain) && /\bquit\b/.test(plain), toString: () => `${header} and the footer`});

async function dashboardProcess(config, extraArgs = []) {
	const pty = startInPty([process.execPath, cli, '--config', config.configPath, ...extraArgs], {env, cwd: root});
	const frame = await pty.waitFor(whole(new RegExp(`${config.total} integrations`)));
	return {pty, firstFrameMs: frame - pty.startedAt};
}

async function stopDashboard(pty) {
	pty.type('q');
	await pty.stop();
}

async function benchFirstFrame(config) {
	log(
		`4. first frame with ${config.total} integrations and 20 history entries each, whole frame (pty 160x48), vs a bare Ink hello bundled the same way`,
	);
	const helloDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-hello-'));
	await bundle(path.join(root, 'scripts/bench/hello.js'), helloDir);
	// Marked ESM as the CLI's own dist/ is (by the package.json above it): without it Node would first
	// try the file as CommonJS, a cost (~20 ms) the dashboard does not pay and the baseline should not.
	fs.writeFileSync(path.join(helloDir, 'package.json'), '{"type": "module"}\n');
	const dashboard = [];
	const hello = [];
	try {
		for (let round = 0; round < rounds + 1; round++) {
			const a = await dashboardProcess(config);
			await stopDashboard(a.pty);
			const pty = startInPty([process.execPath, path.join(helloDir, 'hello.js')], {env, cwd: root});
			const b = (await pty.waitFor(/hello/)) - pty.startedAt;
			await pty.stop();
			if (round === 0) continue; // warm-up of the file cache
			dashboard.push(a.firstFrameMs);
			hello.push(b);
			log(`   round ${round}: dashboard ${ms(a.firstFrameMs)}, hello ${ms(b)}`);
		}
	} finally {
		fs.rmSync(helloDir, {recursive: true, force: true});
	}

	const ratio = pairedRatios(dashboard, hello);
	row(
		`First frame, whole, ${config.total} integrations + 20 history entries each, vs bare Ink hello (${ms(median(dashboard))} / ${ms(median(hello))})`,
		range(ratio, x),
		'<= 1.3x',
		ratio.median <= 1.3,
	);
}

async function benchDashboardRun(config) {
	log(
		`5. full check from the dashboard (R until "last run: checked ${config.total}/${config.total}") vs the same run headless, 0 ms latency`,
	);
	const fromDashboard = [];
	const headlessRuns = [];
	const rss = [];
	for (let round = 0; round < rounds; round++) {
		const {pty} = await dashboardProcess(config);
		try {
			pty.clear();
			const start = performance.now();
			pty.type('R');
			const done = await pty.waitFor(new RegExp(`last run: checked ${config.total}/${config.total}`), 180_000);
			fromDashboard.push(done - start);
			rss.push(peakRss(pty.programPid()));
		} finally {
			await stopDashboard(pty);
		}

		headlessRuns.push((await headless(config)).wallMs);
		log(`   round ${round + 1}: dashboard ${ms(fromDashboard.at(-1))} (peak RSS ${mib(rss.at(-1))}), headless ${ms(headlessRuns.at(-1))}`);
	}

	const ratio = pairedRatios(fromDashboard, headlessRuns);
	row(
		`Full check of ${config.total} started from the dashboard vs the same run headless, whole process (${ms(median(fromDashboard))} / ${ms(median(headlessRuns))})`,
		range(ratio, x),
		'<= 1.3x',
		ratio.median <= 1.3,
	);
	const memory = spread(rss);
	row(
		`Peak RSS of the dashboard after checking ${config.total}, state with 20 history entries each`,
		range(memory, mib),
		'<= 150 MiB',
		memory.median <= 150 * 1024 * 1024,
	);
}

/** The selected row: the › pointer, then the mark and TLS columns (the status line's › is followed by text). */
const selectedRow = /^›[ *][ ⚠] /;

async function benchKeys(config, presses) {
	const {pty} = await dashboardProcess(config);
	const latencies = [];
	try {
		let line = pty.lastLineWith(selectedRow);
		for (let press = 0; press < presses; press++) {
			await delay(60); // longer than Ink's 33 ms render throttle: each press is timed on its own
			pty.clear(); // only output after this press counts
			const moved = pty.waitForLineChange(selectedRow, line);
			const start = performance.now();
			pty.type('j');
			const answer = await moved;
			latencies.push(answer.at - start);
			line = answer.line;
		}
	} finally {
		await stopDashboard(pty);
	}

	const p50 = median(latencies);
	const p95 = percentile(latencies, 95);
	row(
		`Key to frame through a pty (160x48), ${config.total} rows, j x ${presses} (median; p95)`,
		`${ms(p50)}; ${ms(p95)} (min ${ms(Math.min(...latencies))}, max ${ms(Math.max(...latencies))})`,
		'median <= 16 ms, p95 <= 33 ms',
		p50 <= 16 && p95 <= 33,
	);
}

/** Sample a process's RSS every `everyMs` for `seconds`; the slope and the change after the warm-up. */
async function soak(pid, seconds, poke) {
	const samples = [];
	const start = performance.now();
	while (performance.now() - start < seconds * 1000) {
		await delay(500);
		try {
			samples.push([(performance.now() - start) / 60_000, currentRss(pid)]);
		} catch {
			break;
		}

		await poke?.();
	}

	// The first third is warm-up: the first runs fill the results, the caches and the heap (measured:
	// the dashboard at 1,000 integrations settles after about 40 s of back-to-back refreshes).
	const settled = samples.slice(Math.floor(samples.length / 3));
	const fifth = Math.max(1, Math.floor(settled.length / 5));
	const first = median(settled.slice(0, fifth).map(([, bytes]) => bytes));
	const last = median(settled.slice(-fifth).map(([, bytes]) => bytes));
	return {
		slopeMiBPerMinute: slope(settled) / 1024 / 1024,
		first,
		last,
		change: (last - first) / first,
		peak: Math.max(...samples.map(([, bytes]) => bytes)),
	};
}

async function benchDashboardSoak(config, seconds) {
	log(`6. dashboard with auto-refresh every 1 s on ${config.total} (0 ms latency) for ${seconds} s: RSS every 0.5 s`);
	const {pty} = await dashboardProcess(config, ['--refresh', '1']);
	let result;
	try {
		result = await soak(pty.programPid(), seconds);
	} finally {
		await stopDashboard(pty);
	}

	row(
		`Dashboard RSS over ${seconds} s of auto-refresh every 1 s (the 10-minute soak, shortened): after warm-up ${mib(result.first)} -> ${mib(result.last)}, slope ${result.slopeMiBPerMinute.toFixed(2)} MiB/min, peak ${mib(result.peak)}`,
		`${(result.change * 100).toFixed(1)} %`,
		'flat within 10 %',
		Math.abs(result.change) <= 0.1,
	);
}

async function benchExporterSoak(config, seconds) {
	log(`7. exporter --interval 1 on ${config.total} (0 ms latency) for ${seconds} s, scraped every 0.5 s: RSS`);
	const {spawn} = await import('node:child_process');
	const child = spawn(process.execPath, [cli, '--config', config.configPath, 'exporter', '--listen', '127.0.0.1:0', '--interval', '1'], {
		env,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	const url = await new Promise((resolve, reject) => {
		child.stderr.setEncoding('utf8').on('data', chunk => {
			stderr += chunk;
			const match = /serving (http:\/\/\S+)\/metrics/.exec(stderr);
			if (match) resolve(match[1]);
		});
		child.once('exit', code => reject(new Error(`exporter exited ${code}: ${stderr}`)));
	});
	let scrapes = 0;
	let result;
	try {
		result = await soak(child.pid, seconds, async () => {
			const text = await (await fetch(`${url}/metrics`)).text();
			if (text.includes('oscar_rest_exporter_runs_total')) scrapes++;
		});
	} finally {
		const exited = new Promise(resolve => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
	}

	row(
		`Exporter RSS over ${seconds} s at --interval 1 (the 24 h soak, shortened; ${scrapes} scrapes): after warm-up ${mib(result.first)} -> ${mib(result.last)}, slope ${result.slopeMiBPerMinute.toFixed(2)} MiB/min, peak ${mib(result.peak)}`,
		`${(result.change * 100).toFixed(1)} %`,
		'flat within 10 %',
		Math.abs(result.change) <= 0.1,
	);
}

// ---- main ----------------------------------------------------------------------------------------

log(
	`npm run bench${quick ? ' --quick' : ''}: Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
		.loadavg()
		.map(value => value.toFixed(1))
		.join(' ')}`,
);
log('Starting the simulators: 2,000 instances at 0 ms and 200 at 50 ms added latency, one port per instance');
const zeroSimulator = await startSimulatorProcess(2000, perInstance, 0);
const fiftySimulator = await startSimulatorProcess(200, perInstance, 50);
try {
	const zero = {small: writeConfig('small', zeroSimulator, 200), large: writeConfig('large', zeroSimulator, 2000)};
	const fifty = writeConfig('fifty', fiftySimulator, 200);
	await benchScale(zero, fifty);
	if (!quick) await benchFiftyThousand();
	// The dashboard's config: a state file as a dashboard that has refreshed 20 times leaves it.
	const dashboard = writeConfig('dashboard', zeroSimulator, 200);
	await headless(dashboard);
	fillHistory(dashboard.configPath, 20);
	await benchFirstFrame(dashboard);
	await benchDashboardRun(dashboard);
	log(`8. key press to frame, ${quick ? 60 : 200} presses of j`);
	await benchKeys(dashboard, quick ? 60 : 200);
	await benchKeys(zero.large, quick ? 60 : 200);
	await benchDashboardSoak(dashboard, quick ? 60 : 300);
	await benchExporterSoak(zero.small, quick ? 45 : 300);
} finally {
	await zeroSimulator.close();
	await fiftySimulator.close();
	fs.rmSync(folder, {recursive: true, force: true});
}

const targets = rows.filter(item => item.met !== undefined);
const metCount = targets.filter(item => item.met).length;
const elapsed = performance.now() - started;
const lines = [
	'| metric | measured: median (min-max) | target | |',
	'|---|---|---|---|',
	...rows.map(
		item => `| ${item.metric} | ${item.measured} | ${item.target} | ${item.met === undefined ? '-' : item.met ? 'met' : 'not met'} |`,
	),
];
const context =
	`${quick ? 'npm run bench -- --quick' : 'npm run bench'}, ${new Date().toISOString().slice(0, 10)}: ${rounds} paired rounds per figure, Node ${process.version}, ` +
	`${os.cpus().length} CPUs, load average at the end ${os
		.loadavg()
		.map(value => value.toFixed(1))
		.join(' ')}, ${ms(elapsed)} in all. ` +
	`Requests retried after a keep-alive reset: ${evidence.retries} by oscar-rest, ${evidence.minimalRetries} by the minimal script.`;
process.stdout.write(`\n${context}\n\n${lines.join('\n')}\n\n${metCount} of ${targets.length} targets met\n`);
writeReadmeTable(path.join(root, 'README.md'), {context, table: lines.join('\n'), summary: `${metCount} of ${targets.length} targets met`});
