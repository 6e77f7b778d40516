/**
 * Fault matrix, part 1: a hostile server x every headless output. Whatever the server puts in a page
 * title, a provider name, an error body or a header, no output of the built CLI (stdout or stderr)
 * carries an ESC, BEL or C1 byte; where the output shows that text, it shows it escaped (JSON keeps
 * it exactly, as JSON escapes). `call --raw` is the one deliberate exception: bytes unchanged.
 */
import {afterAll, beforeAll, describe, expect} from 'vitest';
import type {Integration, Inventory} from '../../source/core/model.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {type Workspace, workspace} from '../commands/helpers/fleet.js';
import {type CliResult, runCli} from '../helpers/run-cli.js';
import {scrapeExporter} from './helpers/cli.js';
import {type HostileMode, type HostileServer, firstControl, hostilePayload, startHostileServer} from './helpers/hostile-server.js';
import {matrixSection} from './helpers/matrix.js';

const modes = ['provider', 'error', 'denied', 'waf', 'title'] as const satisfies readonly HostileMode[];
type Mode = (typeof modes)[number];

let server: HostileServer;
let space: Workspace;

function app(): Integration {
	return {
		name: 'app',
		consumerKey: 'abcdefabcdefabcd',
		consumerSecret: 'consumer-secret-x',
		accessToken: 'access-token-x',
		tokenSecret: 'token-secret-x',
		expectedProvider: 'Booking App',
		lifetime: -1,
		tags: [],
	};
}

beforeAll(async () => {
	await ensureBuilt();
	server = await startHostileServer();
	const inventory: Inventory = {instances: modes.map(mode => ({name: mode, baseUrl: server.baseUrl(mode), integrations: [app()]}))};
	space = workspace(inventory);
});

afterAll(async () => {
	await server?.close();
	space?.remove();
});

interface Output {
	readonly name: string;
	readonly args: (mode: Mode) => string[];
	/** Modes whose hostile text this output shows (so the test can see it arrived, escaped). */
	readonly shows: readonly Mode[];
	/** How the output is obtained (default: run the command to its end). */
	readonly run?: (args: readonly string[]) => Promise<CliResult>;
}

// The title lives on the login page, which only the deep check reads.
const deep = (mode: Mode) => (mode === 'title' ? ['--deep'] : []);
const outputs: readonly Output[] = [
	{name: 'check table', args: mode => ['check', mode, ...deep(mode)], shows: []},
	{name: 'check --json', args: mode => ['check', mode, '--json', ...deep(mode)], shows: modes},
	{name: 'check --format nagios', args: mode => ['check', mode, '--format', 'nagios', ...deep(mode)], shows: []},
	{name: 'check --format prometheus', args: mode => ['check', mode, '--format', 'prometheus', ...deep(mode)], shows: []},
	{name: 'report', args: mode => ['report', `${mode}/app`, ...deep(mode)], shows: modes},
	{name: 'call', args: mode => ['call', `${mode}/app`, 'oauth/info'], shows: ['provider', 'error', 'denied']},
	// The exporter's quick checks meet every mode but the login page's title; /metrics is its stdout.
	{name: 'exporter /metrics', args: mode => ['exporter', mode], shows: [], run: scrapeExporter},
];

/** Every string inside parsed JSON. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

const {cell} = matrixSection('hostile server x outputs');

describe('a hostile server x every output of the built CLI', () => {
	for (const output of outputs) {
		for (const mode of modes) {
			cell(`${output.name} / ${mode}: no control byte reaches stdout or stderr`, async () => {
				const result = await (output.run ?? runCli)(['--config', space.configPath, ...output.args(mode)]);
				expect(result.stderr).not.toContain('internal error');
				expect(firstControl(result.stdout), 'stdout').toBeUndefined();
				expect(firstControl(result.stderr), 'stderr').toBeUndefined();
				if (!output.shows.includes(mode)) return;
				if (output.name === 'check --json') {
					// JSON keeps the text exactly (as \u escapes): parsed back, the server's string is there.
					const texts = strings(JSON.parse(result.stdout));
					expect(texts.some(text => text.includes('\u001B]0;PWNED-TITLE\u0007') || text.includes('\u009D0;PWNED-HEADER'))).toBe(true);
				} else {
					expect(result.stdout).toMatch(/\\x1b\]0;PWNED-TITLE\\x07|\\x9d0;PWNED-HEADER/);
				}
			});
		}
	}

	cell('call --raw writes the body byte for byte (for piping), and the status line goes to stderr', async () => {
		const result = await runCli(['--config', space.configPath, 'call', 'error/app', 'oauth/info', '--raw']);
		expect(result.stdout).toBe(`Failure ${hostilePayload}`);
		expect(result.stderr).toContain('HTTP 500');
		expect(firstControl(result.stderr), 'stderr').toBeUndefined();
	});
});
