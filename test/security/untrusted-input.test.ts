/**
 * Fault matrix, part 4: text a person types or imports. One table of hostile values goes through
 * every path that accepts input (add and set-token on the command line, import as CSV and as JSON):
 * each is refused with a message naming the field, exit 64, the config byte-identical, and the
 * message itself shows the character escaped. Values already stored (a hand-edited config) are
 * printed escaped by every output: list, list --json, export (JSON and CSV), check, report.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect} from 'vitest';
import {formatCsv} from '../../source/store/csv.js';
import {baseColumns} from '../../source/store/inventory-file-format.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {type Workspace, workspace} from '../commands/helpers/fleet.js';
import {type CliResult, runCli} from '../helpers/run-cli.js';
import {scrapeExporter} from './helpers/cli.js';
import {type HostileServer, firstControl, startHostileServer} from './helpers/hostile-server.js';
import {matrixSection} from './helpers/matrix.js';

let server: HostileServer;
const spaces: Workspace[] = [];

beforeAll(async () => {
	await ensureBuilt();
	server = await startHostileServer();
});

afterAll(async () => {
	await server?.close();
	for (const space of spaces) space.remove();
});

/** A config with one instance maple (no integrations). */
function fresh(): Workspace {
	const space = workspace({instances: [{name: 'maple', baseUrl: 'https://maple.example/oscar', integrations: []}]});
	spaces.push(space);
	return space;
}

const {cell} = matrixSection('typed, imported and stored text');

function expectClean(result: {stdout: string; stderr: string}): void {
	expect(result.stderr).not.toContain('internal error');
	expect(firstControl(result.stdout), 'stdout').toBeUndefined();
	expect(firstControl(result.stderr), 'stderr').toBeUndefined();
}

/**
 * Control characters a pasted or imported value can carry, one of each class: C0 (an OSC 0 with ESC
 * and BEL), C1 (a one-byte CSI) and a bidi override. Every character of every class is in the unit
 * table of validatePlainText (test/core/validate.test.ts).
 */
const hostileValues = {
	'OSC 0': 'ab\u001B]0;PWNED\u0007cd',
	'C1 CSI': 'ab\u009B2Jcd',
	'bidi override': 'ab\u202Ecd',
} as const;

interface Field {
	/** How messages name it. */
	readonly label: RegExp;
	/** `oscar-rest add ...` arguments carrying the value (undefined: not a flag of add). */
	readonly add?: (value: string) => {args: string[]; input?: string};
	/** The CSV column and JSON field (integration-level unless `instanceLevel`). */
	readonly column?: string;
	readonly instanceLevel?: boolean;
	/** Values that are URLs get a plausible shape around the hostile part. */
	readonly wrap?: (value: string) => string;
}

const key = 'abcdefabcdefabcd';
const integrationArgs = (extra: string[]) => [
	'add',
	'integration',
	'maple/booking',
	'--key',
	key,
	'--secret-env',
	'BOOKING_SECRET',
	...extra,
];
const fields: Record<string, Field> = {
	'instance name': {
		label: /Instance name/,
		add: value => ({args: ['add', 'instance', value, 'https://cedar.example/oscar']}),
		column: 'instance',
		instanceLevel: true,
	},
	'integration name': {
		label: /Integration name/,
		add: value => ({args: ['add', 'integration', `maple/${value}`, '--key', key, '--secret-env', 'X']}),
		column: 'integration',
	},
	'base URL': {
		label: /Base URL/,
		add: value => ({args: ['add', 'instance', 'cedar', value]}),
		column: 'baseUrl',
		instanceLevel: true,
		wrap: value => `https://cedar.example/${value}`,
	},
	notes: {label: /Notes/, add: value => ({args: ['add', 'instance', 'cedar', 'https://cedar.example/oscar', '--notes', value]})},
	'CA file': {
		label: /CA file/,
		add: value => ({args: ['add', 'instance', 'cedar', 'https://cedar.example/oscar', '--ca', value]}),
		column: 'caFile',
		instanceLevel: true,
	},
	'consumer key': {
		label: /Consumer key/,
		add: value => ({args: ['add', 'integration', 'maple/booking', '--key', value, '--secret-env', 'X']}),
		column: 'consumerKey',
	},
	'consumer secret': {
		label: /Consumer secret/,
		add: value => ({args: ['add', 'integration', 'maple/booking', '--key', key], input: `${value}\n`}),
		column: 'consumerSecret',
	},
	'expected provider': {
		label: /Expected provider/,
		add: value => ({args: integrationArgs(['--provider', value])}),
		column: 'expectedProvider',
	},
	URI: {
		label: /URI/,
		add: value => ({args: integrationArgs(['--uri', value])}),
		column: 'uri',
		wrap: value => `https://booking.example/${value}`,
	},
	callback: {
		label: /Callback/,
		add: value => ({args: integrationArgs(['--callback', value])}),
		column: 'callback',
		wrap: value => `https://booking.example/${value}`,
	},
	tag: {label: /Tag name/, add: value => ({args: integrationArgs(['--tag', value])}), column: 'tags'},
	'access token': {label: /Access token/, column: 'accessToken'},
};

/** One CSV row for maple/booking with `column` set to `value` (the other cells valid). */
function csvWith(column: string, value: string): string {
	const row: Record<string, string> = {
		instance: 'maple',
		baseUrl: 'https://maple.example/oscar',
		caFile: '',
		integration: 'booking',
		consumerKey: key,
		consumerSecret: 'env:BOOKING_SECRET',
		uri: '',
		callback: '',
		accessToken: '',
		tokenSecret: '',
		expectedProvider: '',
		lifetime: '-1',
		issuedAt: '',
		tags: '',
	};
	row[column] = value;
	if (column === 'accessToken') row.tokenSecret = 'env:BOOKING_TOKEN_SECRET';
	return formatCsv([[...baseColumns], baseColumns.map(name => row[name] ?? '')]);
}

function jsonWith(column: string, value: string, instanceLevel: boolean): string {
	const integration: Record<string, unknown> = {
		name: 'booking',
		consumerKey: key,
		consumerSecret: 'env:BOOKING_SECRET',
		lifetime: -1,
		tags: [],
	};
	const instance: Record<string, unknown> = {name: 'maple', baseUrl: 'https://maple.example/oscar', integrations: [integration]};
	const target = instanceLevel ? instance : integration;
	const name = column === 'instance' ? 'name' : column === 'integration' ? 'name' : column;
	target[name] = column === 'tags' ? [value] : value;
	if (column === 'accessToken') integration.tokenSecret = 'env:BOOKING_TOKEN_SECRET';
	return JSON.stringify({instances: [instance]});
}

describe('typed or imported control characters are refused, naming the field', () => {
	for (const [fieldName, field] of Object.entries(fields)) {
		for (const [valueName, raw] of Object.entries(hostileValues)) {
			const value = field.wrap ? field.wrap(raw) : raw;
			const paths: Array<{name: string; run: (space: Workspace) => Promise<{code: number | null; stdout: string; stderr: string}>}> = [];
			if (field.add) {
				paths.push({
					name: 'add',
					async run(space) {
						const {args, input} = field.add!(value);
						return runCli(['--config', space.configPath, ...args], {input, env: {BOOKING_SECRET: 'x'}});
					},
				});
			}

			if (field.column) {
				paths.push(
					{
						name: 'import csv',
						async run(space) {
							const file = path.join(space.directory, 'in.csv');
							fs.writeFileSync(file, csvWith(field.column!, value));
							return runCli(['--config', space.configPath, 'import', file]);
						},
					},
					{
						name: 'import json',
						async run(space) {
							const file = path.join(space.directory, 'in.json');
							fs.writeFileSync(file, jsonWith(field.column!, value, field.instanceLevel === true));
							return runCli(['--config', space.configPath, 'import', file]);
						},
					},
				);
			} else if (fieldName === 'notes') {
				paths.push({
					name: 'import json',
					async run(space) {
						const file = path.join(space.directory, 'in.json');
						fs.writeFileSync(file, jsonWith('notes', value, true));
						return runCli(['--config', space.configPath, 'import', file]);
					},
				});
			}

			for (const entry of paths) {
				cell(`${fieldName} with ${valueName} via ${entry.name}`, async () => {
					const space = fresh();
					const before = fs.readFileSync(space.configPath);
					const result = await entry.run(space);
					expectClean(result);
					expect(result.code, result.stderr).toBe(64);
					expect(result.stderr).toMatch(field.label);
					expect(result.stderr).toMatch(/control character|invisible|not be|contains/);
					expect(fs.readFileSync(space.configPath).equals(before)).toBe(true);
				});
			}
		}
	}

	cell('set-token --token and --provider with an escape sequence', async () => {
		const space = workspace({
			instances: [
				{
					name: 'maple',
					baseUrl: 'https://maple.example/oscar',
					integrations: [{name: 'booking', consumerKey: key, consumerSecret: 'env:X', tags: []}],
				},
			],
		});
		spaces.push(space);
		const before = fs.readFileSync(space.configPath);
		for (const [flag, label] of [
			['--token', /Access token/],
			['--provider', /Expected provider/],
		] as const) {
			const args =
				flag === '--token'
					? ['set-token', 'maple/booking', '--token', hostileValues['OSC 0'], '--token-secret-env', 'Y']
					: ['set-token', 'maple/booking', '--token', 'tok123', '--token-secret-env', 'Y', '--provider', hostileValues['C1 CSI']];
			const result = await runCli(['--config', space.configPath, ...args]);
			expectClean(result);
			expect(result.code, result.stderr).toBe(64);
			expect(result.stderr).toMatch(label);
		}

		expect(fs.readFileSync(space.configPath).equals(before)).toBe(true);
	});
});

describe('values already stored with control characters are printed escaped by every output', () => {
	let space: Workspace;
	const payload = '\u001B]0;PWNED-STORED\u0007\u001B[2J\u009B5m';

	beforeAll(() => {
		space = fresh();
		// A hand-edited config: every free-text field the schema allows holds the payload.
		const data = {
			instances: [
				{
					name: 'evil',
					baseUrl: server.baseUrl('provider'),
					notes: `notes ${payload}`,
					integrations: [
						{
							name: 'app',
							consumerKey: `key${payload}`,
							consumerSecret: `env:NOT_SET`,
							accessToken: 'access-token-x',
							tokenSecret: 'token-secret-x',
							uri: `https://app.example/${payload}`,
							callback: `https://app.example/${payload}/cb`,
							expectedProvider: `Dr ${payload}`,
							notes: `n ${payload}`,
							lifetime: -1,
							tags: [],
						},
						{
							name: 'signed',
							consumerKey: 'abcdefabcdefabcd',
							consumerSecret: 'consumer-secret-x',
							accessToken: 'access-token-x',
							tokenSecret: 'token-secret-x',
							expectedProvider: `Dr ${payload}`,
							lifetime: -1,
							tags: [],
						},
					],
				},
				{
					// The schema's URL pattern refuses whitespace, not an escape in the path.
					name: 'oddurl',
					baseUrl: `${server.baseUrl('healthy')}${payload}`,
					integrations: [{name: 'app', consumerKey: 'abcdefabcdefabcd', consumerSecret: 'consumer-secret-x', tags: []}],
				},
				{
					name: 'badca',
					baseUrl: server.baseUrl('healthy'),
					caFile: `/nonexistent/${payload}.pem`,
					integrations: [
						{
							name: 'app',
							consumerKey: 'abcdefabcdefabcd',
							consumerSecret: 'consumer-secret-x',
							accessToken: 'access-token-x',
							tokenSecret: 'token-secret-x',
							tags: [],
						},
					],
				},
			],
			__internal__: {migrations: {version: '1.0.0'}},
		};
		fs.writeFileSync(space.configPath, JSON.stringify(data, null, 2), {mode: 0o600});
	});

	const outputs: Array<{name: string; args: string[]; shows?: 'escaped' | 'json'; run?: (args: readonly string[]) => Promise<CliResult>}> =
		[
			{name: 'list', args: ['list'], shows: 'escaped'},
			{name: 'list --json', args: ['list', '--json'], shows: 'json'},
			{name: 'export (JSON)', args: ['export'], shows: 'json'},
			{name: 'export --format csv', args: ['export', '--format', 'csv'], shows: 'escaped'},
			{name: 'check (table)', args: ['check']},
			{name: 'check --json', args: ['check', '--json'], shows: 'json'},
			{name: 'check --format nagios', args: ['check', '--format', 'nagios']},
			{name: 'check --format prometheus', args: ['check', '--format', 'prometheus']},
			{name: 'report (wrong user)', args: ['report', 'evil/signed'], shows: 'escaped'},
			{name: 'report (unreadable CA file)', args: ['report', 'badca/app'], shows: 'escaped'},
			{name: 'report (escape in the base URL)', args: ['report', 'oddurl/app'], shows: 'escaped'},
			{name: 'call (unreadable CA file)', args: ['call', 'badca/app', 'oauth/info']},
			{name: 'exporter /metrics', args: ['exporter'], run: scrapeExporter},
		];
	for (const output of outputs) {
		cell(`stored control characters x ${output.name}`, async () => {
			const result = await (output.run ?? runCli)(['--config', space.configPath, ...output.args]);
			// CSV ends its records with CRLF (RFC 4180): the one control character that belongs there.
			expectClean(output.name.includes('csv') ? {...result, stdout: result.stdout.replaceAll('\r\n', '\n')} : result);
			if (output.shows === 'escaped') expect(result.stdout).toContain('\\x1b]0;PWNED-STORED\\x07');
			if (output.shows === 'json') expect(result.stdout).toContain('\\u001b]0;PWNED-STORED\\u0007');
		});
	}
});
