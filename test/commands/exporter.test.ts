/**
 * `oscar-rest exporter` on the simulator: the last completed run on /metrics (a scrape never
 * checks), no secret in any series, runs that never overlap, shards that split the fleet exactly,
 * and the built CLI stopping cleanly on SIGTERM and SIGINT.
 */
import {spawn} from 'node:child_process';
import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {defaultListen, parseListen, startExporter, type ExporterOptions, type RunningExporter} from '../../source/commands/exporter.js';
import {exitCode} from '../../source/core/exit-codes.js';
import type {Inventory} from '../../source/core/model.js';
import {startSimulator, type RunningSimulator, dedicatedProviderNo} from '../../source/simulator/index.js';
import {exporterMetricNames} from '../../source/output/exporter-metrics.js';
import {cliPath} from '../helpers/run-cli.js';
import {parsePrometheus, type Sample} from '../output/prometheus-parser.js';
import {consumerSecret, expectNoSecret, fleetInventory, portalSecretEnv, startFleet, workspace, type Workspace} from './helpers/fleet.js';

let simulator: RunningSimulator;
let space: Workspace;
beforeAll(async () => {
	simulator = await startFleet();
	space = workspace(fleetInventory(simulator));
});
afterAll(async () => {
	await simulator.close();
	space.remove();
});

function options(patch: Partial<ExporterOptions> = {}): ExporterOptions {
	return {
		configPath: space.configPath,
		selectors: [],
		host: '127.0.0.1',
		port: 0,
		intervalSeconds: 3600,
		concurrency: 16,
		timeoutMs: 5000,
		env: {[portalSecretEnv]: consumerSecret('portal')},
		log: () => undefined,
		random: () => 0.5,
		...patch,
	};
}

async function scrape(exporter: RunningExporter, path = '/metrics'): Promise<{status: number; text: string; type: string | null}> {
	const response = await fetch(`${exporter.url}${path}`);
	return {status: response.status, text: await response.text(), type: response.headers.get('content-type')};
}

const value = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}) =>
	samples.find(sample => sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted))?.value;

describe('oscar-rest exporter', () => {
	it("serves the last completed run: the textfile series, the exporter's own, no secrets; a scrape never checks", async () => {
		const exporter = await startExporter(options());
		try {
			await exporter.nextRun();
			const requests = simulator.requestCount();
			const first = await scrape(exporter);
			expect(first.status).toBe(200);
			expect(first.type).toBe('text/plain; version=0.0.4; charset=utf-8');
			for (let index = 0; index < 10; index++) expect((await scrape(exporter)).text).toBe(first.text);
			expect(simulator.requestCount()).toBe(requests);
			expectNoSecret(first.text);
			const {samples} = parsePrometheus(first.text);
			expect(value(samples, 'oscar_rest_up', {oscar_instance: 'maple', integration: 'booking'})).toBe(1);
			expect(value(samples, 'oscar_rest_up', {oscar_instance: 'birch', integration: 'labs'})).toBe(0);
			expect(value(samples, 'oscar_rest_diagnosis_info', {oscar_instance: 'birch', integration: 'labs', code: 'rest-module-off'})).toBe(1);
			expect(value(samples, 'oscar_rest_clock_skew_seconds', {oscar_instance: 'drift'})).toBeGreaterThan(500);
			expect(value(samples, 'oscar_rest_exporter_integrations_checked')).toBe(6);
			expect(value(samples, 'oscar_rest_exporter_runs_total')).toBe(1);
			expect(value(samples, 'oscar_rest_exporter_interval_seconds')).toBe(3600);
			expect(value(samples, 'oscar_rest_exporter_shard_info', {shard: '1', shards: '1'})).toBe(1);
			expect(value(samples, 'oscar_rest_exporter_run_duration_seconds')).toBeGreaterThan(0);
			expect(value(samples, 'oscar_rest_diagnosis_count', {code: 'rest-module-off'})).toBe(1);
			const counted = samples.filter(sample => sample.name === 'oscar_rest_diagnosis_count').reduce((sum, sample) => sum + sample.value, 0);
			expect(counted).toBe(6);
			for (const name of exporterMetricNames)
				expect(
					samples.some(sample => sample.name === name),
					name,
				).toBe(true);
			const health = await scrape(exporter, '/healthz');
			expect(health.status).toBe(200);
			expect(health.text).toContain('ok: 1 run(s) completed');
			expect((await scrape(exporter, '/nothing')).status).toBe(404);
			expect((await fetch(`${exporter.url}/metrics`, {method: 'POST'})).status).toBe(405);
		} finally {
			await exporter.stop();
		}
	});

	it('starts a run only after the last one ended, even when a run outlasts the interval', async () => {
		const slow = await startSimulator({
			latencyMs: 700,
			fleet: {
				instances: [
					{
						name: 'slow',
						clients: [{name: 'app', key: 'slowkey000000000', secret: 'slow-secret', uri: 'http://127.0.0.1:8765', lifetime: -1}],
						tokens: [{clientKey: 'slowkey000000000', token: 'slowtoken', secret: 'slow-token-secret', providerNo: dedicatedProviderNo}],
					},
				],
			},
		});
		const slowSpace = workspace({
			instances: [
				{
					name: 'slow',
					baseUrl: slow.instance('slow').baseUrl,
					integrations: [
						{
							name: 'app',
							consumerKey: 'slowkey000000000',
							consumerSecret: 'slow-secret',
							accessToken: 'slowtoken',
							tokenSecret: 'slow-token-secret',
							lifetime: -1,
							tags: [],
						},
					],
				},
			],
		} satisfies Inventory);
		// Two requests of 700 ms each: every run takes longer than the 1 s interval.
		const exporter = await startExporter(options({configPath: slowSpace.configPath, intervalSeconds: 1, random: () => 0}));
		try {
			const runs: Array<{start: number; end: number}> = [];
			for (let index = 0; index < 3; index++) {
				await exporter.nextRun();
				const {samples} = parsePrometheus((await scrape(exporter)).text);
				const end = value(samples, 'oscar_rest_exporter_last_run_timestamp_seconds')!;
				runs.push({start: end - value(samples, 'oscar_rest_exporter_run_duration_seconds')!, end});
			}

			expect(runs.every(run => run.end - run.start > 1)).toBe(true);
			for (let index = 1; index < runs.length; index++) expect(runs[index]!.start).toBeGreaterThanOrEqual(runs[index - 1]!.end);
		} finally {
			await exporter.stop();
			await slow.close();
			slowSpace.remove();
		}
	});

	it('--shard K/N: N exporters check disjoint parts of the fleet that together are all of it', async () => {
		const count = 3;
		const exporters = await Promise.all(
			Array.from({length: count}, async (_, index) => startExporter(options({shard: {index: index + 1, count}}))),
		);
		try {
			await Promise.all(exporters.map(async exporter => exporter.nextRun()));
			const parts = await Promise.all(
				exporters.map(async exporter => {
					const {samples} = parsePrometheus((await scrape(exporter)).text);
					return samples
						.filter(sample => sample.name === 'oscar_rest_up')
						.map(sample => `${sample.labels.oscar_instance}/${sample.labels.integration}`);
				}),
			);
			const all = parts.flat();
			expect(new Set(all).size).toBe(all.length);
			expect(all.sort()).toEqual(['birch/labs', 'cedar/intake', 'drift/sync', 'maple/booking', 'maple/kiosk', 'maple/portal']);
			expect(parts.filter(part => part.length > 0).length).toBeGreaterThan(1);
		} finally {
			await Promise.all(exporters.map(async exporter => exporter.stop()));
		}
	});
});

describe('the built exporter process', () => {
	async function started(
		args: readonly string[],
	): Promise<{child: ReturnType<typeof spawn>; url: string; stderr: () => string; exit: Promise<number | null>}> {
		const child = spawn(process.execPath, [cliPath, '--config', space.configPath, 'exporter', ...args], {
			env: {...process.env, [portalSecretEnv]: consumerSecret('portal')},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stderr = '';
		const exit = new Promise<number | null>(resolve => child.on('exit', resolve));
		const url = await new Promise<string>((resolve, reject) => {
			child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
				stderr += chunk;
				const match = /serving (http:\/\/\S+)\/metrics/.exec(stderr);
				if (match) resolve(match[1]!);
			});
			void exit.then(code => reject(new Error(`exited ${code}: ${stderr}`)));
		});
		return {child, url, stderr: () => stderr, exit};
	}

	it.each(['SIGTERM', 'SIGINT'] as const)('serves /metrics and /healthz and stops cleanly on %s', async signal => {
		const exporter = await started(['--listen', '127.0.0.1:0', '--interval', '3600']);
		expect(exporter.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		await expect.poll(async () => (await fetch(`${exporter.url}/metrics`)).text(), {timeout: 15_000}).toContain('oscar_rest_up{');
		expect((await fetch(`${exporter.url}/healthz`)).status).toBe(200);
		exporter.child.kill(signal);
		expect(await exporter.exit).toBe(0);
		expect(exporter.stderr()).toContain('oscar-rest exporter: stopped.');
		expectNoSecret(exporter.stderr());
	});

	it('listens on loopback unless told otherwise', () => {
		expect(parseListen(defaultListen)).toEqual({host: '127.0.0.1', port: 9877});
		expect(parseListen(':9100')).toEqual({host: '127.0.0.1', port: 9100});
		expect(parseListen('[::1]:9100')).toEqual({host: '::1', port: 9100});
		expect(parseListen('0.0.0.0:9877')).toEqual({host: '0.0.0.0', port: 9877});
		expect(parseListen('host:99999')).toEqual({error: expect.stringContaining('at most 65535')});
	});

	it('exits 69 (unavailable) when the address is taken, naming it', async () => {
		const {runCli} = await import('../helpers/run-cli.js');
		const taken = net.createServer();
		await new Promise<void>(resolve => {
			taken.listen(0, '127.0.0.1', resolve);
		});
		try {
			const {port} = taken.address() as net.AddressInfo;
			const result = await runCli(['--config', space.configPath, 'exporter', '--listen', `127.0.0.1:${port}`]);
			expect(result.code).toBe(exitCode('unavailable'));
			expect(result.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
		} finally {
			await new Promise(resolve => {
				taken.close(resolve);
			});
		}
	});

	it('refuses bad flags with exit 64 and says which', async () => {
		const {runCli} = await import('../helpers/run-cli.js');
		for (const [flags, message] of [
			[['--shard', '4/3'], '--shard K must be between 1 and N'],
			[['--listen', 'nowhere'], '--listen must be HOST:PORT'],
			[['--interval', '0'], '--interval must be a whole number >= 1'],
		] as const) {
			const result = await runCli(['--config', space.configPath, 'exporter', ...flags]);
			expect(result.code).toBe(64);
			expect(result.stderr).toContain(message);
		}
	});
});
