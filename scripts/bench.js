// `npm run bench`: performance ratios measured side by side in one run against the built-in
// simulator with 50 ms added latency per response. Prints figures and whether each target is met;
// it asserts nothing and exits 0 whenever the measurements ran. Needs a build (npm run bench builds).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import readline from 'node:readline';
import {setTimeout as delay} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {ConfigStore} from '../dist/store/config-store.js';
import {createChecksEngine} from '../dist/checks/engine.js';
import {resolveSecret} from '../dist/store/secrets.js';
import {closeIdleConnections} from '../dist/oscar/http.js';
import {allIds, benchInventory, benchPlan, subsetInventory} from './bench/fleet.js';
import {minimalBulkCheck} from './bench/minimal-client.js';
import {measureKeypress} from './bench/keypress.js';
import {peakRss, startInPty} from './bench/pty.js';
import {bundle} from './bundle.js';

// The CLI runs React's production build (source/cli.ts sets NODE_ENV); so does the in-process key press test.
process.env.NODE_ENV ??= 'production';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli.js');
const latencyMs = 50;
const instanceCount = 200;
const perInstance = 5;
const sequentialInstances = 20;
const env = {...process.env, CI: 'false', TERM: process.env.TERM && process.env.TERM !== 'dumb' ? process.env.TERM : 'xterm-256color'};

const log = line => process.stderr.write(`${line}\n`);
const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const percentile = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const ms = value => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const mib = bytes => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const met = ok => (ok ? 'met' : 'not met');

async function startSimulatorProcess() {
	const child = spawn(process.execPath, [path.join(root, 'scripts/bench/simulator.js'), String(instanceCount), String(perInstance), String(latencyMs)], {stdio: ['pipe', 'pipe', 'inherit']});
	const line = await new Promise((resolve, reject) => {
		const lines = readline.createInterface({input: child.stdout});
		lines.once('line', resolve);
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

// ---- 1. Bulk quick check -------------------------------------------------------------------------

// What the state file keeps between checks: the proof of each configuration. A configuration's first
// check proves it with one signed request-token call; the timed runs measure proven (steady-state) checks.
const recorded = new Map();

async function engineRun(inventory) {
	const engine = createChecksEngine({
		inventory: () => inventory, resolveSecret, previousReports: () => recorded,
		onReports(reports) {
			for (const report of reports) recorded.set(report.id, report);
		},
	});
	const ids = allIds(inventory);
	const start = performance.now();
	await engine.check({ids});
	const elapsed = performance.now() - start;
	const results = [...engine.getSnapshot().results.values()];
	engine.dispose();
	closeIdleConnections();
	const bad = ids.length - results.filter(report => report.severity === 'ok').length;
	if (bad > 0) throw new Error(`engine: ${bad} of ${ids.length} integrations were not ok (first: ${results.find(report => report.severity !== 'ok')?.code ?? 'missing'})`);
	return elapsed;
}

async function minimalRun(inventory, limits) {
	const start = performance.now();
	const unexpected = await minimalBulkCheck(inventory, limits);
	const elapsed = performance.now() - start;
	if (unexpected > 0) throw new Error(`minimal script: ${unexpected} unexpected answers`);
	return elapsed;
}

async function benchBulk(inventory) {
	log('1. bulk quick check: warm-up');
	const warm = subsetInventory(inventory, 20);
	await engineRun(warm);
	await minimalRun(warm, {concurrency: 16, perHost: 4});
	log('   proving every configuration once (not timed: the first check of each sends one signed request-token call)');
	await engineRun(inventory);
	const engineTimes = [];
	const minimalTimes = [];
	for (let round = 0; round < 3; round++) {
		const order = round % 2 === 0 ? ['engine', 'minimal'] : ['minimal', 'engine'];
		for (const which of order) {
			if (which === 'engine') engineTimes.push(await engineRun(inventory));
			else minimalTimes.push(await minimalRun(inventory, {concurrency: 16, perHost: 4}));
		}

		log(`   round ${round + 1}: engine ${ms(engineTimes.at(-1))}, minimal got script ${ms(minimalTimes.at(-1))}`);
	}

	const subset = subsetInventory(inventory, sequentialInstances);
	const subsetCount = allIds(subset).length;
	const sequentialSubset = await minimalRun(subset, {concurrency: 1, perHost: 1});
	const factor = allIds(inventory).length / subsetCount;
	log(`   one-at-a-time: ${subsetCount} integrations on ${sequentialInstances} instances in ${ms(sequentialSubset)}, x${factor} = ${ms(sequentialSubset * factor)} (extrapolated)`);
	return {engine: median(engineTimes), minimal: median(minimalTimes), sequential: sequentialSubset * factor, sequentialSubset, subsetCount, factor};
}

// ---- 2 and 4. Dashboard in a pty -----------------------------------------------------------------

async function firstFrame(argv, pattern, extraEnv = {}) {
	const pty = startInPty(argv, {env: {...env, ...extraEnv}, cwd: root});
	try {
		const at = await pty.waitFor(pattern);
		return {ms: at - pty.startedAt, pty};
	} catch (error) {
		pty.type('q');
		await pty.stop(500);
		throw error;
	}
}

async function benchFirstFrame(configPath, total) {
	// The baseline is built the same way as the CLI: bundled by scripts/bundle.js.
	const helloDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-hello-'));
	await bundle(path.join(root, 'scripts/bench/hello.js'), helloDir);
	const dashboard = [];
	const hello = [];
	const header = new RegExp(`${total} integrations`);
	for (let run = 0; run < 5; run++) {
		const a = await firstFrame([process.execPath, cli, '--config', configPath], header);
		dashboard.push(a.ms);
		a.pty.type('q');
		await a.pty.stop();
		const b = await firstFrame([process.execPath, path.join(helloDir, 'hello.js')], /hello/, {NODE_ENV: 'production'});
		hello.push(b.ms);
		await b.pty.stop();
		log(`   run ${run + 1}: dashboard ${ms(a.ms)}, hello ${ms(b.ms)}`);
	}

	fs.rmSync(helloDir, {recursive: true, force: true});
	return {dashboard: median(dashboard), hello: median(hello)};
}

/** The list's selected row: the › pointer, then the mark and TLS columns (the status line's › is followed by text). */
const selectedRow = /^›[ *][ ⚠] /;

async function benchPeakRss(configPath, total) {
	const {pty} = await firstFrame([process.execPath, cli, '--config', configPath], new RegExp(`${total} integrations`));
	try {
		// The real process first: key press to frame through the pty (idle dashboard, presses 50 ms apart).
		const keys = [];
		let line = pty.lastLineWith(selectedRow);
		for (let press = 0; press < 30; press++) {
			await delay(50);
			const moved = pty.waitForLineChange(selectedRow, line);
			const start = performance.now();
			pty.type('j');
			const answer = await moved;
			keys.push(answer.at - start);
			line = answer.line;
		}

		pty.clear();
		const start = performance.now();
		pty.type('R');
		const done = await pty.waitFor(new RegExp(`last run: checked ${total}/${total}`), 120_000);
		const rss = peakRss(pty.programPid());
		return {rss, checkMs: done - start, keys};
	} finally {
		pty.type('q');
		await pty.stop();
	}
}

// ---- 5. check --json, whole process --------------------------------------------------------------

async function timeProcess(argv, childEnv) {
	const start = performance.now();
	const child = spawn(argv[0], argv.slice(1), {env: childEnv, stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	child.stdout.on('data', chunk => {
		out += chunk;
	});
	child.stderr.on('data', chunk => {
		err += chunk;
	});
	const code = await new Promise(resolve => child.on('close', resolve));
	const elapsed = performance.now() - start;
	if (code !== 0) throw new Error(`${path.basename(argv[1])} exited ${code}: ${err.slice(0, 300)}`);
	return {ms: elapsed, out};
}

async function benchCheckJson(configPath, instance, integration) {
	const cliTimes = [];
	const minimalTimes = [];
	const minimalEnv = {
		...process.env,
		BENCH_BASE_URL: instance.baseUrl,
		BENCH_CONSUMER_KEY: integration.consumerKey,
		BENCH_CONSUMER_SECRET: integration.consumerSecret,
		BENCH_TOKEN: integration.accessToken,
		BENCH_TOKEN_SECRET: integration.tokenSecret,
	};
	const id = `${instance.name}/${integration.name}`;
	for (let run = 0; run < 7; run++) {
		const a = await timeProcess([process.execPath, cli, 'check', '--json', '--config', configPath, id], env);
		const document = JSON.parse(a.out);
		const status = document.integrations?.[0]?.status;
		if (status !== 'ok') throw new Error(`check --json reported ${status ?? 'no integration'} for ${id}`);
		cliTimes.push(a.ms);
		const b = await timeProcess([process.execPath, path.join(root, 'scripts/bench/minimal-check.js')], minimalEnv);
		const answer = JSON.parse(b.out);
		if (answer.initiate !== 400 || answer.info !== 200) throw new Error(`minimal-check.js got initiate ${answer.initiate}, info ${answer.info}`);
		minimalTimes.push(b.ms);
	}

	log(`   check --json: ${cliTimes.map(value => ms(value)).join(', ')}`);
	log(`   minimal:      ${minimalTimes.map(value => ms(value)).join(', ')}`);
	return {cli: median(cliTimes), minimal: median(minimalTimes)};
}

// ---- main ----------------------------------------------------------------------------------------

const started = performance.now();
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-bench-'));
log(`Starting the simulator: ${instanceCount} instances x ${perInstance} integrations, one port each, ${latencyMs} ms added latency`);
const simulator = await startSimulatorProcess();
try {
	const plan = benchPlan(instanceCount, perInstance);
	const inventory = benchInventory(plan, simulator.baseUrls);
	const total = allIds(inventory).length;
	const dashboardConfig = path.join(folder, 'dashboard', 'config.json');
	const checkConfig = path.join(folder, 'check', 'config.json');
	for (const file of [dashboardConfig, checkConfig]) new ConfigStore(file).update(() => inventory);

	const bulk = await benchBulk(inventory);

	log(`3. key press to frame: ${total} integrations, 200 presses of j`);
	const latencies = await measureKeypress({inventory, presses: 200, key: 'j', gapMs: 50});
	const keyMedian = median(latencies);
	const keyP95 = percentile(latencies, 95);
	log(`   median ${ms(keyMedian)}, p95 ${ms(keyP95)}, max ${ms(Math.max(...latencies))}`);

	log(`2. time to first frame with ${total} integrations (pty 160x48, median of 5)`);
	const frame = await benchFirstFrame(dashboardConfig, total);

	log(`4. peak RSS of the dashboard after checking all ${total} (R)`);
	const memory = await benchPeakRss(dashboardConfig, total);
	log(`   VmHWM ${mib(memory.rss)}; the full check took ${ms(memory.checkMs)} in the dashboard`);
	log(`   key press to frame in the real process (pty, j x 30): median ${ms(median(memory.keys))}, p95 ${ms(percentile(memory.keys, 95))}`);

	log('5. check --json of one integration, whole process (median of 7)');
	const first = inventory.instances[0];
	const json = await benchCheckJson(checkConfig, first, first.integrations[0]);

	const rows = [
		[`Bulk quick check, ${total} integrations on ${instanceCount} instances (engine vs minimal got script, 16 global / 4 per host)`,
			ms(bulk.engine), ms(bulk.minimal), bulk.engine / bulk.minimal, '<= 1.15', met(bulk.engine / bulk.minimal <= 1.15)],
		[`Bulk quick check vs one-at-a-time (sequential ${bulk.subsetCount} on ${sequentialInstances} instances: ${ms(bulk.sequentialSubset)}, x${bulk.factor} extrapolated)`,
			ms(bulk.engine), ms(bulk.sequential), bulk.engine / bulk.sequential, '(info)', '-'],
		[`Time to first frame, ${total} integrations (vs bare Ink "hello", median of 5)`,
			ms(frame.dashboard), ms(frame.hello), frame.dashboard / frame.hello, '<= 1.2', met(frame.dashboard / frame.hello <= 1.2)],
		['Key press to frame, j x 200 through the list (median; p95 in brackets)',
			`${ms(keyMedian)} (p95 ${ms(keyP95)})`, '-', undefined, 'median <= 16 ms', met(keyMedian <= 16)],
		['Key press to frame in the real dashboard process through the pty, j x 30 (median; p95 in brackets)',
			`${ms(median(memory.keys))} (p95 ${ms(percentile(memory.keys, 95))})`, '-', undefined, '(info)', '-'],
		[`Full check of all ${total} from the dashboard (R until "last run: checked ${total}/${total}") vs the same engine headless`,
			ms(memory.checkMs), ms(bulk.engine), memory.checkMs / bulk.engine, '(info)', '-'],
		[`Peak RSS of the dashboard after checking all ${total} (VmHWM)`,
			mib(memory.rss), '-', undefined, '<= 150 MiB', met(memory.rss <= 150 * 1024 * 1024)],
		['`check --json` of one integration, whole process (vs minimal got script process, median of 7)',
			ms(json.cli), ms(json.minimal), json.cli / json.minimal, '<= 1.5', met(json.cli / json.minimal <= 1.5)],
	];
	const lines = [
		'| Metric | Measured | Baseline | Ratio | Target | Met? |',
		'|---|---|---|---|---|---|',
		...rows.map(([metric, measured, baseline, ratio, target, ok]) => `| ${metric} | ${measured} | ${baseline} | ${ratio === undefined ? '-' : ratio.toFixed(ratio < 0.1 ? 3 : 2)} | ${target} | ${ok} |`),
	];
	process.stdout.write(`\nSimulator: ${latencyMs} ms added latency per response, ${instanceCount} instances on their own ports, Node ${process.version}, ${os.cpus().length} CPUs.\n`);
	process.stdout.write('One-at-a-time figure: a 100-integration/20-instance subset checked sequentially, extrapolated linearly to 1,000.\n');
	process.stdout.write(`React build in the in-process key press test: ${process.env.NODE_ENV === 'production' ? 'production' : 'development'} (NODE_ENV ${process.env.NODE_ENV ?? 'unset'}, as dist/cli.js sets it).\n`);
	process.stdout.write('Key presses are 50 ms apart (longer than Ink\'s 33 ms render throttle), timed from the key to the frame with the moved cursor.\n\n');
	process.stdout.write(`${lines.join('\n')}\n\n`);
	log(`Bench finished in ${ms(performance.now() - started)}.`);
} finally {
	await simulator.close();
	fs.rmSync(folder, {recursive: true, force: true});
}
