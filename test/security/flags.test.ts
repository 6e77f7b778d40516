/**
 * Fault matrix, part 5: flags and hostile arguments, on the built CLI. Every example printed by every
 * command's --help parses as written (the example's own arguments plus --help: parseArgs checks every
 * flag before --help answers); negative numbers are option values (and get a range error where a
 * range applies); a pathological selector answers at once with a clear message; no error message
 * ends with a double period; CSV export neutralises formula cells and imports them back unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect} from 'vitest';
import type {Inventory} from '../../source/core/model.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {type Workspace, workspace} from '../commands/helpers/fleet.js';
import {runCli} from '../helpers/run-cli.js';
import {firstControl} from './helpers/hostile-server.js';
import {matrixSection} from './helpers/matrix.js';

const commands = [
	'check',
	'list',
	'add',
	'remove',
	'set-token',
	'import',
	'export',
	'report',
	'call',
	'connect',
	'simulator',
	'admin audit',
	'admin register',
	'exporter',
];
const spaces: Workspace[] = [];

beforeAll(async () => {
	await ensureBuilt();
});

afterAll(() => {
	for (const space of spaces) space.remove();
});

function fresh(inventory?: Inventory): Workspace {
	const space = workspace(inventory);
	spaces.push(space);
	return space;
}

/**
 * Split one shell command line into words: single and double quotes (backslash escapes inside double
 * quotes); an unquoted `|` or `>` is a word of its own, so pipelines and redirections can be cut.
 */
function shellWords(line: string): string[] {
	const words: string[] = [];
	let word = '';
	let inWord = false;
	const end = (): void => {
		if (inWord) words.push(word);
		word = '';
		inWord = false;
	};

	for (let index = 0; index < line.length; index++) {
		const character = line[index]!;
		if (character === "'") {
			const close = line.indexOf("'", index + 1);
			if (close === -1) throw new Error(`unclosed quote in: ${line}`);
			word += line.slice(index + 1, close);
			index = close;
			inWord = true;
		} else if (character === '"') {
			index++;
			while (index < line.length && line[index] !== '"') {
				if (line[index] === '\\') index++;
				word += line[index];
				index++;
			}

			inWord = true;
		} else if (character === '|' || character === '>') {
			end();
			words.push(character);
		} else if (/\s/.test(character)) {
			end();
		} else {
			word += character;
			inWord = true;
		}
	}

	end();
	return words;
}

/** The `oscar-rest ...` invocations of a help text's Examples section, each as its argument words (redirections dropped). */
function examples(help: string): string[][] {
	const section = /\nExamples\n((?:[ \t]+\S.*\n?)+)/.exec(help)?.[1] ?? '';
	const found: string[][] = [];
	for (const line of section.split('\n')) {
		const words = shellWords(line);
		// A pipeline: each stage that runs oscar-rest is an example of its own.
		let stage: string[] = [];
		for (const word of [...words, '|']) {
			if (word !== '|') {
				stage.push(word);
				continue;
			}

			const redirect = stage.indexOf('>');
			const command = redirect === -1 ? stage : stage.slice(0, redirect);
			const start = command.indexOf('oscar-rest');
			if (start !== -1) found.push(command.slice(start + 1));
			stage = [];
		}
	}

	return found;
}

const {cell} = matrixSection('flags and arguments');

describe('every example in every --help parses as written', () => {
	for (const command of commands) {
		cell(`${command} --help: its examples use only flags and values that parse`, async () => {
			const help = await runCli([...command.split(' '), '--help']);
			expect(help.code).toBe(0);
			const invocations = examples(help.stdout);
			const space = fresh();
			for (const args of invocations) {
				// --config is global (cli.ts takes it out); the rest goes to the command's parser, then --help answers.
				const result = await runCli(['--config', space.configPath, ...args, '--help']);
				expect(result.stderr, `oscar-rest ${args.join(' ')}`).toBe('');
				expect(result.code, `oscar-rest ${args.join(' ')}`).toBe(0);
				expect(result.stdout).toContain('Usage');
			}
		});
	}

	cell('the examples with negative numbers run for real (add --lifetime -1, set-token --lifetime -1)', async () => {
		const space = fresh({instances: [{name: 'maple', baseUrl: 'https://emr.maple.example/oscar', integrations: []}]});
		const added = await runCli(
			['--config', space.configPath, 'add', 'integration', 'maple/booking', '--key', '3f9a1c0b7d2e4f68', '--lifetime', '-1'],
			{input: 'the-secret\n'},
		);
		expect(added.code, added.stderr).toBe(0);
		const token = await runCli(['--config', space.configPath, 'set-token', 'maple/booking', '--token', '7c2e9a', '--lifetime', '-1'], {
			input: 'token-secret\n',
		});
		expect(token.code, token.stderr).toBe(0);
		const stored = new ConfigStore(space.configPath).load().instances[0]!.integrations[0]!;
		expect(stored).toMatchObject({lifetime: -1, accessToken: '7c2e9a'});
	});
});

describe('negative numbers are option values, with a range error where a range applies', () => {
	const cases = [
		{args: ['check', '--concurrency', '-5'], exit: 3, message: 'check: --concurrency must be a whole number >= 1, got "-5".'},
		{args: ['check', '--timeout', '-1'], exit: 3, message: 'check: --timeout must be a whole number >= 1, got "-1".'},
		{args: ['check', '--checkpoint', '-1'], exit: 3, message: 'check: --checkpoint must be a whole number >= 0, got "-1".'},
		{args: ['exporter', '--interval', '-60'], exit: 64, message: 'exporter: --interval must be a whole number >= 1, got "-60".'},
		{args: ['report', 'maple/booking', '--timeout', '-30'], exit: 64, message: 'report: --timeout must be a whole number >= 1, got "-30".'},
		{
			args: ['call', 'maple/booking', 'oauth/info', '--timeout', '-2'],
			exit: 64,
			message: 'call: --timeout must be a whole number >= 1, got "-2".',
		},
		{args: ['connect', 'maple/booking', '--port', '-1'], exit: 64, message: 'connect: --port must be a whole number >= 0, got "-1".'},
		{args: ['simulator', '--port', '-1'], exit: 64, message: '--port must be a whole number >= 0, got "-1".'},
		{
			args: ['add', 'integration', 'maple/booking', '--key', 'abcdefabcdefabcd', '--secret-env', 'X', '--lifetime', '-2'],
			exit: 64,
			message: 'Lifetime -2 is not allowed',
		},
		{
			args: ['set-token', 'maple/booking', '--token', 't', '--token-secret-env', 'Y', '--lifetime', '-7'],
			exit: 64,
			message: 'Lifetime -7 is not allowed',
		},
	];
	for (const item of cases) {
		cell(`oscar-rest ${item.args.join(' ')}`, async () => {
			const space = fresh({
				instances: [
					{
						name: 'maple',
						baseUrl: 'https://maple.example/oscar',
						integrations: [{name: 'booking', consumerKey: 'abcdefabcdefabcd', consumerSecret: 'env:X', tags: []}],
					},
				],
			});
			const result = await runCli(['--config', space.configPath, ...item.args]);
			expect(result.code, result.stderr).toBe(item.exit);
			expect(result.stderr).toContain(item.message);
			expect(result.stderr).not.toContain('ambiguous');
			expect(result.stderr).not.toMatch(/\.\.(\s|$)/);
		});
	}
});

describe('no error message ends with a double period', () => {
	const bad: string[][] = [];
	for (const command of commands) bad.push([...command.split(' '), '--bogus'], [...command.split(' '), '--help=x']);
	bad.push(
		['check', '--format'],
		['check', '--format', 'xml'],
		['check', '--timeout', 'soon'],
		['check', '--output'],
		['export', '--format', 'xml'],
		['import', 'missing.csv'],
		['import', '--existing', 'never', 'x.csv'],
		['report'],
		['call', 'maple/booking'],
		['add', 'thing'],
		['add', 'instance', 'a b', 'https://x.example'],
		['remove'],
		['set-token', 'maple/booking'],
		['nonsense'],
		['check', 'maple/booking/x'],
		// A value that starts with "-" but is no number: parseArgs' own hint ended in "..".
		['check', '--timeout', '-x'],
		['add', 'instance', 'a', 'https://a.example', '--notes', '-x'],
		['report', 'maple/x', '--output', '-o'],
	);
	for (const args of bad) {
		cell(`oscar-rest ${args.join(' ')}`, async () => {
			const space = fresh({instances: [{name: 'maple', baseUrl: 'https://maple.example/oscar', integrations: []}]});
			const result = await runCli(['--config', space.configPath, ...args], {cwd: space.directory});
			expect(result.code).not.toBe(0);
			expect(result.stderr.trim()).not.toBe('');
			expect(result.stderr).not.toMatch(/\.\.(\s|$)/);
			expect(result.stderr).not.toContain('internal error');
		});
	}
});

describe('a pathological selector', () => {
	for (const [name, selector] of [
		['*? x 10,000', '*?'.repeat(10_000)],
		['a 300-character name', 'a'.repeat(300)],
		['*a x 100 then b', `${'*a'.repeat(100)}b`],
	] as const) {
		cell(`${name}: a clear message, no regular expression built`, async () => {
			const space = fresh({
				instances: [
					{
						name: 'maple',
						baseUrl: 'https://maple.example/oscar',
						integrations: [{name: 'booking', consumerKey: 'abcdefabcdefabcd', consumerSecret: 'env:X', tags: []}],
					},
				],
			});
			const result = await runCli(['--config', space.configPath, 'check', selector]);
			expect(result.code).toBe(3);
			expect(result.stderr).not.toContain('internal error');
			expect(result.stderr).not.toContain('regular expression');
			expect(result.stderr.length).toBeLessThan(400);
			expect(result.stderr).toMatch(/is too long: at most 256 characters|matches no instance|names no configured instance/);
		});
	}
});

describe('CSV export neutralises formula cells; import takes them back unchanged', () => {
	cell('every text column, secrets included, round-trips through the built CLI; lifetime -1 stays a number', async () => {
		const integration = {
			name: 'booking',
			consumerKey: '=1+2abcdefghijkl',
			consumerSecret: '-2+3+cmd|calc',
			accessToken: '+token',
			tokenSecret: '@SUM(1)',
			uri: '=uri',
			callback: '=uri/cb',
			expectedProvider: "'=already quoted",
			lifetime: -1,
			issuedAt: 1_767_225_600,
			tags: ['kiosk'],
		};
		const source = fresh({
			instances: [{name: 'maple', baseUrl: 'https://maple.example/oscar', caFile: '@ca.pem', integrations: [integration]}],
		});
		const file = path.join(source.directory, 'out.csv');
		const exported = await runCli(['--config', source.configPath, 'export', '--format', 'csv', '--include-secrets', '--output', file]);
		expect(exported.code, exported.stderr).toBe(0);
		const csv = fs.readFileSync(file, 'utf8');
		const row = csv.split('\r\n')[1]!;
		for (const cellText of [
			"'=1+2abcdefghijkl",
			"'-2+3+cmd|calc",
			"'+token",
			"'@SUM(1)",
			"'=uri",
			"'=uri/cb",
			"''=already quoted",
			"'@ca.pem",
		]) {
			expect(row.split(',')).toContain(cellText);
		}

		expect(row.split(',')).toContain('-1');
		expect(row.split(',')).toContain('1767225600');
		expect(firstControl(csv.replaceAll('\r\n', '\n'))).toBeUndefined();

		const target = fresh();
		const imported = await runCli(['--config', target.configPath, 'import', file]);
		expect(imported.code, imported.stderr).toBe(0);
		expect(new ConfigStore(target.configPath).load()).toEqual(new ConfigStore(source.configPath).load());
	});
});
