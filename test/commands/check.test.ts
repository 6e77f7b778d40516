import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSimulator} from '../../source/simulator/index.js';
import {parsePrometheus} from '../output/prometheus-parser.js';
import {ensureBuilt} from './helpers/built-cli.js';
import {type Workspace, cli, expectNoSecret, expectNoSecretsInAnyOutput, fleetInventory, startFleet, workspace} from './helpers/fleet.js';
import {schemaValidator} from '../output/helpers/json-schema.js';

const validator = () => schemaValidator('check-schema.json');

interface CheckDocument {
	summary: {total: number; ok: number; warning: number; critical: number; unknown: number};
	integrations: Array<{id: string; status: string; code: string; identity: {providerNo: string} | null}>;
	instances: Array<{name: string; restModule: string}>;
}

let simulator: RunningSimulator;
let space: Workspace;

beforeAll(async () => {
	await ensureBuilt();
	simulator = await startFleet();
	space = workspace(fleetInventory(simulator));
});

afterAll(async () => {
	await simulator?.close();
	space?.remove();
	expectNoSecretsInAnyOutput();
});

const check = async (...args: string[]) => cli(space.configPath, ['check', ...args]);

describe('oscar-rest check (built CLI against the simulator)', () => {
	it('--format json validates against check-schema.json, has every status, and exits 0 even when critical', async () => {
		const result = await check('--format', 'json');
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as CheckDocument;
		const validate = validator();
		expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
		const byId = new Map(document.integrations.map(item => [item.id, item]));
		expect([...byId.keys()]).toEqual(['maple/booking', 'maple/kiosk', 'maple/portal', 'cedar/intake', 'birch/labs', 'drift/sync']);
		expect(byId.get('maple/booking')).toMatchObject({status: 'ok', code: 'ok', identity: {providerNo: '999001'}});
		expect(byId.get('maple/portal')?.status).toBe('ok'); // its secret came from the env: reference
		expect(byId.get('cedar/intake')).toMatchObject({status: 'warning', code: 'token-missing'});
		expect(byId.get('birch/labs')).toMatchObject({status: 'critical', code: 'rest-module-off'});
		expect(byId.get('drift/sync')?.code).toBe('clock-skew');
		expect(document.summary).toMatchObject({total: 6, ok: 3, warning: 1});
		expectNoSecret(result.stdout);
	});

	it('--json is --format json; a token is never sent to the skewed instance', async () => {
		const tokensBefore = simulator.instance('drift').state.accessTokens.size;
		const result = await check('drift', '--json');
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as CheckDocument;
		expect(document.integrations.map(item => item.id)).toEqual(['drift/sync']);
		expect(simulator.instance('drift').state.accessTokens.size).toBe(tokensBefore);
		expect(simulator.instance('drift').state.log.some(entry => entry.path.includes('/ws/services/'))).toBe(false);
	});

	it('table: one row per integration with its status and diagnosis, exit code of the worst', async () => {
		const result = await check();
		expect(result.code).toBe(2);
		const lines = result.stdout.split('\n');
		for (const [id, word] of [
			['maple/booking', 'OK'],
			['cedar/intake', 'WARN'],
			['birch/labs', 'CRIT'],
		] as const) {
			const line = lines.find(candidate => candidate.includes(id));
			expect(line, `row for ${id}`).toBeDefined();
			expect(line).toContain(word);
		}

		expect(result.stdout).toContain('rest-module-off');
		expect(result.stdout).not.toContain('\u001B['); // NO_COLOR and not a TTY
	});

	it.each([
		{selector: 'maple', code: 0, word: 'OK'},
		{selector: 'cedar', code: 1, word: 'WARNING'},
		{selector: 'birch', code: 2, word: 'CRITICAL'},
	])('nagios: $selector -> status line $word, exit $code', async ({selector, code, word}) => {
		const result = await check(selector, '--format', 'nagios');
		expect(result.code).toBe(code);
		const [statusLine] = result.stdout.split('\n');
		expect(statusLine).toMatch(new RegExp(`^OSCAR-REST ${word} - .+ \\| ok=\\d+;;; warning=\\d+;;; critical=\\d+;;; unknown=\\d+;;;`));
	});

	it('nagios: bad arguments are UNKNOWN (exit 3) with a message naming the fix', async () => {
		const result = await check('--format', 'xml');
		expect(result.code).toBe(3);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain('--format must be one of table, json, nagios, prometheus');
	});

	it('prometheus: parses, one up series per integration; --output writes the file atomically', async () => {
		const printed = await check('--format', 'prometheus');
		expect(printed.code).toBe(2);
		const parsed = parsePrometheus(printed.stdout);
		const up = parsed.samples.filter(sample => sample.name === 'oscar_rest_up');
		expect(up).toHaveLength(6);
		expect(up.find(sample => sample.labels.integration === 'booking')?.value).toBe(1);
		expect(up.find(sample => sample.labels.integration === 'labs')?.value).toBe(0);
		expect(
			parsed.samples.find(sample => sample.name === 'oscar_rest_clock_skew_seconds' && sample.labels.oscar_instance === 'drift')?.value,
		).toBeGreaterThanOrEqual(590);

		const directory = path.join(space.directory, 'textfile');
		fs.mkdirSync(directory);
		const file = path.join(directory, 'oscar_rest.prom');
		fs.writeFileSync(file, 'old content\n');
		const written = await check('maple', '--format', 'prometheus', '--output', file);
		expect(written.code).toBe(0);
		expect(written.stdout).toBe('');
		expect(written.stderr).toContain(file);
		expect(fs.readdirSync(directory)).toEqual(['oscar_rest.prom']); // no temp file left behind
		const fromFile = parsePrometheus(fs.readFileSync(file, 'utf8'));
		expect(fromFile.samples.filter(sample => sample.name === 'oscar_rest_up').map(sample => sample.labels.integration)).toEqual([
			'booking',
			'kiosk',
			'portal',
		]);
		expect(fs.statSync(file).mode & 0o777).toBe(0o644);
	});

	it('--output into a missing directory is refused with exit 3', async () => {
		const result = await check('--format', 'prometheus', '--output', path.join(space.directory, 'nope', 'x.prom'));
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('--output directory does not exist');
	});

	it.each([
		{selectors: ['maple/kiosk'], ids: ['maple/kiosk']},
		{selectors: ['tag:booking'], ids: ['maple/booking']},
		{selectors: ['*/intake', 'birch'], ids: ['cedar/intake', 'birch/labs']},
		{selectors: ['maple/k*'], ids: ['maple/kiosk']},
	])('selectors $selectors -> $ids', async ({selectors, ids}) => {
		const result = await check(...selectors, '--json');
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as CheckDocument).integrations.map(item => item.id)).toEqual(ids);
	});

	it('a selector that matches nothing exits 3 and names it', async () => {
		const result = await check('oak/booking', '--format', 'nagios');
		expect(result.code).toBe(3);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain('oak');
	});

	it('an unknown flag names the fix', async () => {
		const result = await check('--jsn');
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('unknown option --jsn');
		expect(result.stderr).toContain('oscar-rest check --help');
	});

	it('a healthy fleet of 3 integrations on 1 instance costs exactly 1 + 3 requests', async () => {
		const before = simulator.requestCount();
		const result = await check('maple', '--json');
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as CheckDocument).summary).toMatchObject({total: 3, ok: 3});
		expect(simulator.requestCount() - before).toBe(4);
	});
});
