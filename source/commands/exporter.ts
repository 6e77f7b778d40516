/**
 * `oscar-rest exporter`: a Prometheus exporter for fleets that outgrow one machine. It runs quick
 * checks on its own schedule (with jitter, never two at once, with the same global and per-host
 * limits as `check`) and serves the last COMPLETED run on /metrics: a scrape never starts a check.
 * `--shard K/N` checks only the instances whose stable hash falls in shard K, so N exporters on N
 * machines cover every instance exactly once. It keeps the last run's results only (bounded by the
 * inventory) and writes nothing to disk.
 */
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import {type CommandContext, UserError} from './context.js';
import type {ExitName} from '../core/exit-codes.js';
import {resolveSecret} from '../store/secrets.js';
import {integerFlag, parseCommandArgs} from './args.js';
import {loadInventory, openStore, toUserError} from './open-store.js';
import {selectIntegrations} from '../core/inventory-ops.js';
import type {Inventory} from '../core/model.js';
import type {InstanceReport, IntegrationReport} from '../core/report.js';
import {inShard, parseShard, type Shard} from '../core/shard.js';
import {createChecksEngine} from '../checks/engine.js';
import {nextRunDelay, refreshBlocked} from '../checks/refresh-rule.js';
import {type CompletedRun, formatExporterMetrics} from '../output/exporter-metrics.js';
import {closeIdleConnections} from '../oscar/http.js';
import {ConfigStore} from '../store/config-store.js';
import {StateStore} from '../store/state-store.js';
import {safeText} from '../core/untrusted-text.js';
import {version} from '../version.js';
import {boundHeapGrowth} from './heap-tuning.js';
import {onInterrupt} from './interrupt.js';

const help = `Usage: oscar-rest exporter [SELECTOR...] [options]

Serve Prometheus metrics about the integrations' health. Quick checks run on the exporter's own
schedule (never two at once); a scrape returns the last completed run and never starts a check.

Options
  --listen HOST:PORT   where to serve /metrics and /healthz (default 127.0.0.1:9877; the metrics
                       name your clinics, so bind another address only behind a firewall)
  --interval SECONDS   time between the starts of two check runs, spread by +-10 % (default 60)
  --shard K/N          check only the instances in shard K of N (a stable hash of the instance
                       name): N exporters with the same config cover every instance exactly once
  --concurrency N      requests at once, all hosts together (default 16; at most 4 per host)
  --timeout MS         timeout per phase of each request (default 10000)

Metrics: the same series as "check --format prometheus" (oscar_rest_up, oscar_rest_status, ...)
plus oscar_rest_exporter_run_duration_seconds, oscar_rest_exporter_last_run_timestamp_seconds,
oscar_rest_exporter_integrations_checked and oscar_rest_diagnosis_count{code}. See examples/prometheus/.

Exit codes
  0 stopped cleanly by SIGINT or SIGTERM (it runs until then), 64 bad arguments, 69 cannot listen
  on the --listen address, 70 internal error, 78 unreadable config.

Examples
  oscar-rest exporter
  oscar-rest exporter tag:booking --interval 300
  oscar-rest exporter --shard 2/3 --listen 10.0.0.12:9877
`;

export interface ExporterOptions {
	readonly configPath: string;
	readonly selectors: readonly string[];
	readonly host: string;
	/** 0 picks a free port (tests). */
	readonly port: number;
	readonly intervalSeconds: number;
	readonly shard?: Shard;
	readonly concurrency: number;
	readonly timeoutMs: number;
	readonly env: NodeJS.ProcessEnv;
	/** The config, when the caller has opened it already (its warnings then come once, from that store). */
	readonly store?: ConfigStore;
	/** One line for stderr (the caller escapes it for the terminal: it may quote a server or a file). */
	readonly log: (line: string) => void;
	/** For the schedule's jitter (tests pass a fixed one). */
	readonly random?: () => number;
}

export interface RunningExporter {
	/** `http://host:port`. */
	readonly url: string;
	/** Completed runs so far. */
	readonly runs: number;
	/** Resolves when the run after the current count has completed. */
	nextRun(): Promise<void>;
	stop(): Promise<void>;
}

/** Loopback only unless told otherwise: the metrics name every clinic and integration. */
export const defaultListen = '127.0.0.1:9877';

/** `HOST:PORT`, `[v6]:PORT` or `:PORT` (loopback). */
export function parseListen(text: string): {host: string; port: number} | {error: string} {
	const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
	if (!match) return {error: `must be HOST:PORT (for example 127.0.0.1:9877), got "${text}"`};
	const port = Number(match[3]);
	if (port > 65_535) return {error: `the port must be at most 65535, got ${port}`};
	return {host: match[1] ?? (match[2] || '127.0.0.1'), port};
}

function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** The selected integrations of the shard: what one run checks. */
function selection(inventory: Inventory, selectors: readonly string[], shard: Shard | undefined): {ids: string[]; instances: Set<string>} {
	const instances = new Set(inventory.instances.filter(instance => inShard(instance.name, shard)).map(instance => instance.name));
	const ids = selectIntegrations(inventory, [...selectors]).filter(id => instances.has(id.slice(0, id.indexOf('/'))));
	return {ids, instances};
}

/** Start serving and checking; the first run starts at once. */
export async function startExporter(options: ExporterOptions): Promise<RunningExporter> {
	// A long-running process: a bounded heap over a little garbage-collector time.
	boundHeapGrowth();
	const store = options.store ?? new ConfigStore(options.configPath);
	let inventory = store.load();
	let configKey = fileKey(store.path);
	let reloadFailed = false;
	const engine = createChecksEngine({
		inventory: () => inventory,
		resolveSecret: ref => resolveSecret(ref, options.env),
		// What earlier checks on this machine proved (the state file, only read): without it, the first
		// run after a restart would prove every configuration again (a signed request-token call each).
		// Later runs use what the engine found itself.
		previousReports: () => (runs === 0 ? savedReports(options.configPath) : noReports),
		concurrency: options.concurrency,
		perHostConcurrency: Math.min(4, options.concurrency),
		timeoutMs: options.timeoutMs,
		// Nobody watches progress: one snapshot a second is plenty.
		batchMs: 1000,
	});
	const info = () => ({intervalSeconds: options.intervalSeconds, shard: options.shard ?? {index: 1, count: 1}, runs, version});
	let runs = 0;
	let completed: CompletedRun | undefined;
	let metrics = formatExporterMetrics(undefined, info());
	let lastProgressAt = Date.now();
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;
	let stopping = false;
	const waiters: Array<() => void> = [];

	/** Re-read the config only when the file changed; a broken edit keeps the last good inventory. */
	const reload = () => {
		const key = fileKey(store.path);
		if (key === configKey) return;
		try {
			inventory = store.load();
			configKey = key;
			reloadFailed = false;
			engine.bumpGeneration();
		} catch (error) {
			if (!reloadFailed)
				options.log(
					`oscar-rest exporter: the config could not be read again, checking the last good one: ${error instanceof Error ? error.message : String(error)}`,
				);
			reloadFailed = true;
		}
	};

	const runOnce = async () => {
		const startedAt = Date.now();
		reload();
		const {ids, instances} = selection(inventory, options.selectors, options.shard);
		if (ids.length > 0) await engine.check({ids});
		const snapshot = engine.getSnapshot();
		const reports: IntegrationReport[] = [];
		for (const id of ids) {
			const report = snapshot.results.get(id);
			if (report) reports.push(report);
		}

		const instanceReports = new Map<string, InstanceReport>();
		for (const [name, report] of snapshot.instances) if (instances.has(name)) instanceReports.set(name, report);
		if (stopping) return; // cut short: keep serving the last complete run
		completed = {startedAt, finishedAt: Date.now(), reports, instances: instanceReports, cancelled: false};
		runs++;
		lastProgressAt = completed.finishedAt;
		metrics = formatExporterMetrics(completed, info());
		for (const wake of waiters.splice(0)) wake();
	};

	const schedule = (delayMs: number) => {
		timer = setTimeout(() => {
			timer = undefined;
			if (stopping) return;
			const blocked = refreshBlocked(engine.getSnapshot());
			if (blocked) {
				// Cannot happen with this loop (a run is scheduled after the last one ended); the rule holds anyway.
				schedule(1000);
				return;
			}

			const startedAt = Date.now();
			running = runOnce()
				.catch((error: unknown) => {
					options.log(`oscar-rest exporter: a check run failed: ${error instanceof Error ? error.message : String(error)}`);
				})
				.finally(() => {
					running = undefined;
					if (!stopping) schedule(nextRunDelay(options.intervalSeconds * 1000, Date.now() - startedAt, options.random));
				});
		}, delayMs);
	};

	const staleAfterMs = Math.max(3 * options.intervalSeconds * 1000, options.intervalSeconds * 1000 + 6 * options.timeoutMs);
	const server = http.createServer((request, response) => {
		const path = (request.url ?? '/').split('?')[0];
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.writeHead(405, {allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8'}).end('Method not allowed\n');
			return;
		}

		if (path === '/metrics') {
			response.writeHead(200, {'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store'});
			response.end(request.method === 'HEAD' ? undefined : metrics);
		} else if (path === '/healthz') {
			const age = Date.now() - lastProgressAt;
			const stale = age > staleAfterMs;
			response.writeHead(stale ? 503 : 200, {'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store'});
			response.end(stale ? `stale: no check run completed for ${Math.round(age / 1000)} s\n` : `ok: ${runs} run(s) completed\n`);
		} else if (path === '/') {
			response.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end('oscar-rest exporter: /metrics, /healthz\n');
		} else {
			response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('Not found: try /metrics\n');
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as net.AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	schedule(0);

	return {
		url: `http://${host}:${address.port}`,
		get runs() {
			return runs;
		},
		async nextRun() {
			const target = runs + 1;
			while (runs < target) await new Promise<void>(resolve => waiters.push(resolve));
		},
		async stop() {
			stopping = true;
			if (timer) clearTimeout(timer);
			engine.cancel();
			await running;
			engine.dispose();
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
			closeIdleConnections();
			for (const wake of waiters.splice(0)) wake();
		},
	};
}

const noReports: ReadonlyMap<string, IntegrationReport> = new Map();

/** The state file's latest reports, or none when it cannot be read (the exporter writes nothing). */
function savedReports(configPath: string): ReadonlyMap<string, IntegrationReport> {
	try {
		return new StateStore(configPath).latest();
	} catch {
		return noReports;
	}
}

function fileKey(file: string): string {
	try {
		const stat = fs.statSync(file);
		return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
	} catch {
		return 'missing';
	}
}

export default async function run(context: CommandContext): Promise<ExitName> {
	const {
		values,
		positionals,
		help: wantsHelp,
	} = parseCommandArgs('exporter', context.argv, {
		listen: {type: 'string'},
		interval: {type: 'string'},
		shard: {type: 'string'},
		concurrency: {type: 'string'},
		timeout: {type: 'string'},
	});
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const listen = parseListen(values.listen ?? defaultListen);
	if ('error' in listen) throw new UserError(`exporter: --listen ${listen.error}.`);
	const shard = values.shard === undefined ? undefined : parseShard(values.shard);
	if (shard && 'error' in shard) throw new UserError(`exporter: --shard ${shard.error}.`);
	const intervalSeconds = integerFlag('exporter', 'interval', values.interval, 60);
	const concurrency = integerFlag('exporter', 'concurrency', values.concurrency, 16);
	const timeoutMs = integerFlag('exporter', 'timeout', values.timeout, 10_000);
	const store = openStore(context.configPath, context.stderr);
	const inventory = loadInventory(store);
	let selected: string[];
	try {
		selected = selection(inventory, positionals, shard).ids;
	} catch (error) {
		throw toUserError(error);
	}

	// Error messages may quote a server's answer or a file name: escaped like every other output.
	const log = (line: string) => {
		context.stderr.write(`${safeText(line)}\n`);
	};

	let exporter: RunningExporter;
	try {
		exporter = await startExporter({
			configPath: context.configPath,
			store,
			selectors: positionals,
			host: listen.host,
			port: listen.port,
			intervalSeconds,
			shard,
			concurrency,
			timeoutMs,
			env: context.env,
			log,
		});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
			throw new UserError(
				`exporter: cannot listen on ${listen.host}:${listen.port} (${code}). Choose another --listen address.`,
				'unavailable',
			);
		}

		throw toUserError(error);
	}

	const part = shard ? ` (shard ${shard.index}/${shard.count})` : '';
	log(
		`oscar-rest exporter: serving ${exporter.url}/metrics; checking ${selected.length} integration(s)${part} every ${intervalSeconds} s.`,
	);
	if (!isLoopback(listen.host))
		log(
			`oscar-rest exporter: listening on ${listen.host}: the metrics name your clinics and integrations; allow only your Prometheus to reach it.`,
		);
	if (selected.length === 0) log('oscar-rest exporter: nothing to check in this selection and shard (it serves its own metrics only).');

	// SIGINT and SIGTERM take the one path of the headless commands; for a service they are the way
	// it is told to stop, so a clean stop exits 0 (a second signal ends it at once).
	await new Promise<void>(resolve => {
		onInterrupt(() => {
			resolve();
		});
	});
	await exporter.stop();
	log('oscar-rest exporter: stopped.');
	return 'ok';
}
