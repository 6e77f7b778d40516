/** Import and export of the inventory (source/store/import-*.ts, export-inventory.ts), round trips included. */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {addInstance, addIntegration} from '../../source/core/inventory-ops.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {exportInventory} from '../../source/store/export-inventory.js';
import {ImportError} from '../../source/store/import-problems.js';
import {importInventory} from '../../source/store/import-apply.js';
import {planImport} from '../../source/store/import-plan.js';
import {makeTempDir} from './helpers.js';

const header =
	'instance,baseUrl,caFile,integration,consumerKey,consumerSecret,uri,callback,accessToken,tokenSecret,expectedProvider,lifetime,issuedAt,tags';
const secretA = 'Alpaca-Secret-4417';
const secretB = 'Bison-Secret-9921';
const tokenSecret = 'Tapir-TokenSecret-55';

let dir: string;
let cleanup: () => void;
let store: ConfigStore;
beforeEach(() => {
	({dir, cleanup} = makeTempDir());
	store = new ConfigStore(path.join(dir, 'config.json'));
});
afterEach(() => cleanup());

function importError(action: () => unknown): ImportError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(ImportError);
		return error as ImportError;
	}

	throw new Error('expected an ImportError');
}

const goodCsv = [
	header,
	`clinic-a,https://clinic-a.example:8443/oscar/,,booking,ab12cd34ef56gh78,${secretA},https://book.example,https://book.example/cb,tok123,${tokenSecret},ABCD,-1,1714564800,online;prod`,
	'clinic-a,https://clinic-a.example:8443/oscar,,"kiosk",cd34ef56gh78ab12,env:KIOSK_SECRET,"https://kiosk.example/in,out",,,,,3600,,prod',
	'"lab-north",https://lab.example/oscar,,,,,,,,,,,,',
].join('\r\n');

describe('import', () => {
	it('imports every row of a valid CSV in one update', () => {
		const result = importInventory(store, goodCsv);
		expect(result.instancesAdded).toEqual(['clinic-a', 'lab-north']);
		expect(result.integrationsAdded).toEqual(['clinic-a/booking', 'clinic-a/kiosk']);
		const inventory = store.load();
		const clinic = inventory.instances[0]!;
		expect(clinic.baseUrl).not.toMatch(/\/$/);
		expect(clinic.integrations[0]).toEqual({
			name: 'booking',
			consumerKey: 'ab12cd34ef56gh78',
			consumerSecret: secretA,
			uri: 'https://book.example',
			callback: 'https://book.example/cb',
			accessToken: 'tok123',
			tokenSecret,
			expectedProvider: 'ABCD',
			lifetime: -1,
			issuedAt: 1_714_564_800,
			tags: ['online', 'prod'],
		});
		expect(clinic.integrations[1]).toEqual({
			name: 'kiosk',
			consumerKey: 'cd34ef56gh78ab12',
			consumerSecret: 'env:KIOSK_SECRET',
			uri: 'https://kiosk.example/in,out',
			lifetime: 3600,
			tags: ['prod'],
		});
		expect(inventory.instances[1]).toEqual({name: 'lab-north', baseUrl: 'https://lab.example/oscar', integrations: []});
	});

	it('collects every bad row and column, leaves the config byte-identical, and never shows secrets', () => {
		store.update(inventory => addInstance(inventory, {name: 'existing', baseUrl: 'https://existing.example/oscar'}));
		const configPath = store.path;
		const before = fs.readFileSync(configPath);
		const bad = [
			header,
			`clinic-a,https://clinic-a.example/oscar,,booking,ab12cd34ef56gh78,${secretA},,,,,,,,`,
			`clinic-a,https://clinic-a.example/oscar,,kiosk,"ab12 cd34",${secretB.slice(0, 4)} ${secretB.slice(4)},,,,,,abc,,`,
			`clinic b,https://b.example/oscar,,x,ab12cd34ef56gh78,${secretA},,,,,,,,`,
			`clinic-c,https://c.example/oscar,,x,ab12cd34ef56gh78,,,,tok,,,1.5,,bad tag`,
		].join('\n');
		const error = importError(() => importInventory(store, bad));
		expect(error.code).toBe('invalid');
		expect(error.problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({row: 3, column: 'consumerKey'}),
				expect.objectContaining({row: 3, column: 'consumerSecret'}),
				expect.objectContaining({row: 3, column: 'lifetime'}),
				expect.objectContaining({row: 4, column: 'instance'}),
				expect.objectContaining({row: 5, column: 'consumerSecret'}),
				expect.objectContaining({row: 5, column: 'tokenSecret'}),
				expect.objectContaining({row: 5, column: 'lifetime'}),
				expect.objectContaining({row: 5, column: 'tags'}),
			]),
		);
		expect(error.problems.some(problem => problem.row === 2)).toBe(false);
		expect(error.message).toContain('Nothing was imported');
		expect(error.message).toContain('row 3, lifetime: Lifetime "abc" is not a number');
		for (const text of [error.message, JSON.stringify(error.problems)]) {
			expect(text).not.toContain(secretA);
			expect(text).not.toContain('Bison');
		}

		expect(fs.readFileSync(configPath).equals(before)).toBe(true);
	});

	it('reports conflicts with the existing config and changes nothing', () => {
		store.update(inventory =>
			addIntegration(addInstance(inventory, {name: 'clinic-a', baseUrl: 'https://clinic-a.example:8443/oscar'}), 'clinic-a', {
				name: 'booking',
				consumerKey: 'ffffffffffffffff',
				consumerSecret: 'old',
			}),
		);
		const before = fs.readFileSync(store.path);
		const error = importError(() => importInventory(store, goodCsv));
		expect(error.code).toBe('conflict');
		expect(error.problems).toEqual([
			{row: 2, column: 'integration', message: expect.stringContaining('"clinic-a/booking" already exists')},
		]);
		expect(fs.readFileSync(store.path).equals(before)).toBe(true);

		const skipped = importInventory(store, goodCsv, {existing: 'skip'});
		expect(skipped.integrationsSkipped).toEqual(['clinic-a/booking']);
		expect(store.load().instances[0]?.integrations[0]?.consumerSecret).toBe('old');
		const replaced = importInventory(store, goodCsv.split('\r\n').slice(0, 2).join('\n'), {existing: 'replace'});
		expect(replaced.integrationsReplaced).toEqual(['clinic-a/booking']);
		expect(store.load().instances[0]?.integrations[0]?.consumerSecret).toBe(secretA);
	});

	it('refuses an instance whose base URL differs from the existing one', () => {
		store.update(inventory => addInstance(inventory, {name: 'clinic-a', baseUrl: 'https://elsewhere.example/oscar'}));
		const error = importError(() => importInventory(store, goodCsv));
		expect(error.problems[0]).toMatchObject({row: 2, column: 'baseUrl'});
	});

	it('checks the header, field counts, CSV syntax and rows that disagree', () => {
		expect(importError(() => planImport('instance;baseUrl\na;b')).message).toContain("separated by ';'");
		expect(importError(() => planImport('instance,baseUrl,color\n')).problems).toEqual([
			{row: 1, column: 'color', message: expect.stringContaining('unknown column "color"')},
		]);
		expect(importError(() => planImport('instance,integration\n')).problems[0]).toMatchObject({column: 'baseUrl'});
		expect(importError(() => planImport(`${header}\na,https://a.example/oscar\n`)).problems[0]).toMatchObject({row: 2, column: '*'});
		expect(importError(() => planImport(`${header}\na,"https://a.example/oscar,,,,,,,,,,,,\n`)).problems[0]?.message).toContain(
			'not closed',
		);
		const twice = [
			header,
			'a,https://a.example/oscar,,x,ab12cd34ef56gh78,s1,,,,,,,,',
			'a,https://b.example/oscar,,y,ab12cd34ef56gh78,s2,,,,,,,,',
			'a,https://a.example/oscar,,x,ab12cd34ef56gh78,s3,,,,,,,,',
		].join('\n');
		expect(importError(() => planImport(twice)).problems).toEqual([
			{row: 3, column: 'baseUrl', message: expect.stringContaining('on row 2')},
			{row: 4, column: 'integration', message: expect.stringContaining('appears twice (also row 2)')},
		]);
		expect(
			importError(() => planImport(`${header}\na,https://a.example/oscar,,,ab12cd34ef56gh78,,,,,,,,,\n`)).problems[0]?.message,
		).toContain('name the integration');
	});

	it('uses the shared base URL validation', () => {
		const error = importError(() => planImport(`${header}\na,ftp://a.example/oscar,,,,,,,,,,,,\n`));
		expect(error.problems).toHaveLength(1);
		expect(error.problems[0]).toMatchObject({row: 2, column: 'baseUrl'});
	});

	it('does not repeat a password pasted inside a base URL', () => {
		const error = importError(() => planImport(`${header}\na,https://admin:Hunter2Pass word@a.example/oscar,,,,,,,,,,,,\n`));
		expect(error.problems[0]).toMatchObject({row: 2, column: 'baseUrl'});
		expect(error.message).not.toContain('Hunter2Pass');
	});

	it('collects warnings without failing', () => {
		const plan = planImport(`${header}\na,https://a.example/oscar,,x,NOT-OSCAR-FORMAT,s,,,,,,,,\n`);
		expect(plan.warnings).toEqual([{row: 2, column: 'consumerKey', message: expect.stringContaining('16 lowercase letters and digits')}]);
	});

	it('imports the JSON inventory shape and locates JSON problems', () => {
		const json = JSON.stringify({
			instances: [
				{
					name: 'clinic-a',
					baseUrl: 'https://a.example/oscar',
					dialect: 'carlos',
					integrations: [
						{name: 'booking', consumerKey: 'ab12cd34ef56gh78', consumerSecret: secretA, tags: ['x'], lifetime: -1, transport: 'query'},
					],
				},
			],
		});
		importInventory(store, json);
		expect(store.load().instances[0]).toEqual({
			name: 'clinic-a',
			baseUrl: 'https://a.example/oscar',
			dialect: 'carlos',
			integrations: [
				{name: 'booking', consumerKey: 'ab12cd34ef56gh78', consumerSecret: secretA, tags: ['x'], lifetime: -1, transport: 'query'},
			],
		});
		const bad = JSON.stringify({
			instances: [
				{
					name: 'b',
					baseUrl: 'https://b.example/oscar',
					color: 1,
					integrations: [{name: 'i', consumerKey: 5, consumerSecret: secretB, lifetime: 'x', transport: 'pigeon'}],
				},
			],
		});
		const error = importError(() => importInventory(store, bad));
		expect(error.problems).toEqual(
			expect.arrayContaining([
				{row: 1, column: 'color', message: 'unknown field "color"'},
				{row: 1, column: 'integrations[0].consumerKey', message: 'must be text, not number'},
				expect.objectContaining({row: 1, column: 'integrations[0].lifetime'}),
				{row: 1, column: 'integrations[0].transport', message: '"pigeon" is not one of: header, query, form'},
			]),
		);
		expect(error.message).not.toContain(secretB);
		expect(importError(() => planImport('{"instances": [')).problems[0]?.message).toContain('not valid JSON');
	});
});

describe('export', () => {
	function seeded() {
		importInventory(store, goodCsv);
		return store.load();
	}

	it('blanks inline secrets and tokens in CSV but keeps references, and round-trips with secrets', () => {
		const inventory = seeded();
		const csv = exportInventory(inventory, 'csv');
		expect(csv.split('\r\n')[0]).toBe(header);
		expect(csv).not.toContain(secretA);
		expect(csv).not.toContain(tokenSecret);
		expect(csv).not.toContain('tok123');
		expect(csv).toContain('env:KIOSK_SECRET');
		expect(csv).toContain('"https://kiosk.example/in,out"');
		expect(csv).toContain('online;prod');

		const full = exportInventory(inventory, 'csv', {includeSecrets: true});
		expect(full).toContain(secretA);
		const other = new ConfigStore(path.join(dir, 'other.json'));
		importInventory(other, full);
		expect(other.load()).toEqual(inventory);
	});

	it('exports JSON that imports back to the same inventory when secrets are included', () => {
		const inventory = seeded();
		const redacted = JSON.parse(exportInventory(inventory, 'json')) as {instances: Array<{integrations: Array<Record<string, unknown>>}>};
		expect(redacted.instances[0]?.integrations[0]?.consumerSecret).toBe('');
		expect(redacted.instances[0]?.integrations[0]).not.toHaveProperty('accessToken');
		expect(JSON.stringify(redacted)).not.toContain(secretA);
		const other = new ConfigStore(path.join(dir, 'other.json'));
		importInventory(other, exportInventory(inventory, 'json', {includeSecrets: true}));
		expect(other.load()).toEqual(inventory);
	});

	it('an export without secrets names the blank secret when imported again', () => {
		const error = importError(() => planImport(exportInventory(seeded(), 'csv')));
		expect(error.problems).toEqual([
			{row: 2, column: 'consumerSecret', message: expect.stringContaining('exports made without secrets leave it blank')},
		]);
	});
});
