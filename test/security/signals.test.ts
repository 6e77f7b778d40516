/**
 * Fault matrix, part 3: signals x commands. Ctrl+C (SIGINT) and SIGTERM take one path: an interrupted
 * `check` lists every integration it did not finish as `cancelled` (UNKNOWN) and exits 130 (3 with
 * --format nagios), and `--output` keeps the last COMPLETED run; `report` and `call` abort their
 * request, print nothing on stdout and exit 130. The run is interrupted while 41 of its 42
 * integrations wait on an instance that never answers and the 42nd has finished.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, vi} from 'vitest';
import type {Integration, Inventory} from '../../source/core/model.js';
import {StateStore} from '../../source/store/state-store.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {type Workspace, workspace} from '../commands/helpers/fleet.js';
import {runCli} from '../helpers/run-cli.js';
import {startFaultRun} from './helpers/cli.js';
import {type HostileServer, startHostileServer} from './helpers/hostile-server.js';
import {matrixSection} from './helpers/matrix.js';

let server: HostileServer;
let space: Workspace;

function integration(name: string): Integration {
	return {
		name,
		consumerKey: 'abcdefabcdefabcd',
		consumerSecret: 'consumer-secret-x',
		accessToken: 'access-token-x',
		tokenSecret: 'token-secret-x',
		lifetime: -1,
		tags: [],
	};
}

const waiting = Array.from({length: 41}, (_, index) => `app${String(index + 1).padStart(2, '0')}`);

beforeAll(async () => {
	await ensureBuilt();
	server = await startHostileServer();
	const inventory: Inventory = {
		instances: [
			{name: 'fast', baseUrl: server.baseUrl('healthy'), integrations: [integration('app')]},
			{name: 'stuck', baseUrl: server.baseUrl('hang'), integrations: waiting.map(integration)},
		],
	};
	space = workspace(inventory);
});

afterAll(async () => {
	await server?.close();
	space?.remove();
});

/**
 * Wait until the run is half done: fast/app's result is in the history and stuck's request is out.
 * The check cases pass `--checkpoint 0` so that what finished reaches the history while the run goes
 * on (by default it is saved every 30 s and at the end): the history is how this test can tell.
 */
async function halfway(since: number): Promise<void> {
	await vi.waitFor(
		() => {
			expect(server.requests.some(request => request.mode === 'hang' && request.at >= since)).toBe(true);
			// Read as the dashboard reads it (the snapshot and the journal of what was appended since).
			const latest = new StateStore(space.configPath).latest().get('fast/app');
			expect(latest?.checkedAt).toBeGreaterThanOrEqual(since);
		},
		{timeout: 20_000, interval: 20},
	);
}

interface Case {
	readonly name: string;
	readonly args: () => string[];
	/** Exit code after the interruption. */
	readonly exit: number;
	readonly verify: (result: {stdout: string; stderr: string}) => void;
	/** Wait for the point of interruption (default: halfway through a check). */
	readonly ready?: (since: number) => Promise<void>;
}

const prometheusFile = () => path.join(space.directory, 'textfile', 'oscar_rest.prom');
const lastGood = '# the last completed run\noscar_rest_up{oscar_instance="fast",integration="app"} 1\n';

function expectCancelledRows(text: string): void {
	for (const name of waiting) expect(text).toMatch(new RegExp(`stuck/${name}\\s+\\? UNKNOWN\\s+cancelled`));
	expect(text).toMatch(/fast\/app\s+✔ OK\s+ok/);
	expect(text).toContain('42 integrations: 41 unknown, 1 ok');
}

const halfwayVisible = ['--timeout', '120000', '--checkpoint', '0'];

const checkCases: readonly Case[] = [
	{name: 'check (table)', args: () => ['check', ...halfwayVisible], exit: 130, verify: ({stdout}) => expectCancelledRows(stdout)},
	{
		name: 'check --json',
		args: () => ['check', '--json', ...halfwayVisible],
		exit: 130,
		verify({stdout}) {
			const document = JSON.parse(stdout) as {
				summary: {total: number; ok: number; unknown: number};
				integrations: Array<{id: string; status: string; code: string}>;
			};
			expect(document.summary).toMatchObject({total: 42, ok: 1, unknown: 41});
			expect(document.integrations.filter(item => item.code === 'cancelled' && item.status === 'unknown')).toHaveLength(41);
		},
	},
	{
		name: 'check --format nagios',
		args: () => ['check', '--format', 'nagios', ...halfwayVisible],
		exit: 3,
		verify({stdout}) {
			expect(stdout.split('\n')[0]).toMatch(/^OSCAR-REST UNKNOWN - 41 unknown, 1 ok \|/);
		},
	},
	{
		name: 'check --format prometheus --output',
		args: () => ['check', '--format', 'prometheus', '--output', prometheusFile(), ...halfwayVisible],
		exit: 130,
		verify({stdout, stderr}) {
			expect(stdout).toBe('');
			expect(fs.readFileSync(prometheusFile(), 'utf8')).toBe(lastGood);
			expect(fs.readdirSync(path.dirname(prometheusFile()))).toEqual(['oscar_rest.prom']);
			expect(stderr).toContain('was not replaced: it keeps the last completed run');
		},
	},
];

// report and call wait on the instance that never answers; interrupted once their request is out.
const requestOut = async (since: number) =>
	vi.waitFor(
		() => {
			expect(server.requests.some(request => request.mode === 'hang' && request.at >= since)).toBe(true);
		},
		{timeout: 20_000, interval: 20},
	);

const otherCases: readonly Case[] = [
	{
		name: 'report',
		args: () => ['report', 'stuck/app01', '--timeout', '120000'],
		exit: 130,
		ready: requestOut,
		verify({stdout, stderr}) {
			expect(stdout).toBe('');
			expect(stderr).toContain('interrupted before the check of stuck/app01 finished');
		},
	},
	{
		name: 'call',
		args: () => ['call', 'stuck/app01', 'oauth/info', '--timeout', '120000'],
		exit: 130,
		ready: requestOut,
		verify({stdout, stderr}) {
			expect(stdout).toBe('');
			expect(stderr).toContain('interrupted before stuck/app01 answered');
		},
	},
];

const {cell} = matrixSection('signals x commands');

describe('signals x commands (the built CLI, interrupted halfway)', () => {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		for (const item of [...checkCases, ...otherCases]) {
			cell(
				`${signal} during ${item.name}: exit ${item.exit}, nothing passes for a completed run`,
				async () => {
					fs.mkdirSync(path.dirname(prometheusFile()), {recursive: true});
					fs.writeFileSync(prometheusFile(), lastGood);
					const since = Date.now();
					const run = startFaultRun({args: ['--config', space.configPath, ...item.args()]});
					await (item.ready ?? halfway)(since);
					run.child.kill(signal);
					const result = await run.done;
					expect(result.signal, result.stderr).toBeNull();
					expect(result.code, result.stderr).toBe(item.exit);
					expect(result.stderr).not.toContain('internal error');
					item.verify(result);
				},
				60_000,
			);
		}
	}

	cell('a completed run replaces the --output file (the control for the cases above)', async () => {
		fs.writeFileSync(prometheusFile(), lastGood);
		const result = await runCli(['--config', space.configPath, 'check', 'fast', '--format', 'prometheus', '--output', prometheusFile()]);
		expect(result.code).toBe(0);
		expect(fs.readFileSync(prometheusFile(), 'utf8')).toContain('oscar_rest_up{oscar_instance="fast",integration="app"} 1');
		expect(fs.readFileSync(prometheusFile(), 'utf8')).not.toBe(lastGood);
	});
});
