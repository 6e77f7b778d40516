import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Inventory} from '../../source/core/model.js';
import {ConfigStore} from '../../source/store/config-store.js';
import type {RunningSimulator} from '../../source/simulator/index.js';
import {schemaValidator} from '../output/helpers/json-schema.js';
import {ensureBuilt} from './helpers/built-cli.js';
import {
	type Workspace,
	accessToken,
	cli,
	consumerSecret,
	expectNoSecret,
	expectNoSecretsInAnyOutput,
	fleetInventory,
	portalSecretEnv,
	secretMarker,
	startFleet,
	tokenSecret,
	workspace,
} from './helpers/fleet.js';

let simulator: RunningSimulator;
let inventory: Inventory;
const spaces: Workspace[] = [];

function fresh(initial: Inventory | undefined = inventory): Workspace {
	const space = workspace(initial);
	spaces.push(space);
	return space;
}

const bytes = (file: string) => fs.readFileSync(file);

beforeAll(async () => {
	await ensureBuilt();
	simulator = await startFleet();
	inventory = fleetInventory(simulator);
});

afterAll(async () => {
	await simulator?.close();
	for (const space of spaces) space.remove();
	expectNoSecretsInAnyOutput();
});

describe('list', () => {
	it('shows instances and integrations with where each secret comes from, never the secret', async () => {
		const space = fresh();
		const text = await cli(space.configPath, ['list']);
		expect(text.code).toBe(0);
		expect(text.stdout).toContain('maple/booking');
		expect(text.stdout).toContain('inline (hidden)');
		expect(text.stdout).toContain(`env:${portalSecretEnv}`);
		expect(text.stdout).toContain('cedar/intake');
		expect(text.stdout).toContain('no token');
		expectNoSecret(text.stdout);

		const json = await cli(space.configPath, ['list', '--json']);
		expect(json.code).toBe(0);
		const document = JSON.parse(json.stdout) as {
			instances: Array<{name: string; integrations: Array<{id: string; consumerSecret: string; accessToken: string}>}>;
		};
		expect(document.instances.map(instance => instance.name)).toEqual(['maple', 'cedar', 'birch', 'drift']);
		expect(document.instances[0]!.integrations[0]).toMatchObject({
			id: 'maple/booking',
			consumerSecret: 'inline (hidden)',
			accessToken: 'set',
		});
		const validate = schemaValidator('list-schema.json');
		expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
		expectNoSecret(json.stdout);
	});
});

describe('add', () => {
	it('a malformed URL gets the specific error and the config stays byte-identical', async () => {
		const space = fresh();
		const before = bytes(space.configPath);
		const scheme = await cli(space.configPath, ['add', 'instance', 'oak', 'ftp://oak.example/oscar']);
		expect(scheme.code).toBe(64);
		expect(scheme.stderr).toContain('uses "ftp:", but OSCAR is reached over https: (or http:)');
		const spaced = await cli(space.configPath, ['add', 'instance', 'oak', 'https://oak example/oscar']);
		expect(spaced.code).toBe(64);
		expect(spaced.stderr).toContain('contains a space');
		expect(bytes(space.configPath).equals(before)).toBe(true);
	});

	it('adds an instance with a normalized URL', async () => {
		const space = fresh({instances: []});
		const result = await cli(space.configPath, ['add', 'instance', 'oak', 'OAK.example:8443/oscar/index.jsp']);
		expect(result.code).toBe(0);
		expect(new ConfigStore(space.configPath).load().instances[0]?.baseUrl).toBe('https://oak.example:8443/oscar');
	});

	it('a consumer key containing a space is refused with where the space is', async () => {
		const space = fresh();
		const before = bytes(space.configPath);
		const result = await cli(space.configPath, ['add', 'integration', 'maple/new', '--key', 'abcd efgh12345678'], {
			input: `${consumerSecret('new')}\n`,
		});
		expect(result.code).toBe(64);
		expect(result.stderr).toContain('Consumer key contains a space at position 5');
		expect(bytes(space.configPath).equals(before)).toBe(true);
	});

	it('reads the consumer secret from stdin and stores it inline without printing it', async () => {
		const space = fresh();
		const result = await cli(space.configPath, ['add', 'integration', 'maple/new', '--key', 'newapp0000000000', '--tag', 'kiosk'], {
			input: `${consumerSecret('new')}\n`,
		});
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('Added integration maple/new');
		const stored = new ConfigStore(space.configPath).load().instances[0]!.integrations.find(item => item.name === 'new');
		expect(stored).toMatchObject({consumerKey: 'newapp0000000000', consumerSecret: consumerSecret('new'), tags: ['kiosk']});
	});

	it('without a secret on stdin it says how to give one', async () => {
		const space = fresh();
		const result = await cli(space.configPath, ['add', 'integration', 'maple/new', '--key', 'newapp0000000000']);
		expect(result.code).toBe(64);
		expect(result.stderr).toContain('no Client Secret given');
	});
});

const csvHeader = 'instance,baseUrl,integration,consumerKey,consumerSecret,accessToken,tokenSecret,lifetime,tags';

describe('import', () => {
	it('a bad row imports nothing, names row and column, leaves the config byte-identical and prints no secret', async () => {
		const space = fresh();
		const file = path.join(space.directory, 'clinics.csv');
		fs.writeFileSync(
			file,
			[
				csvHeader,
				`oak,https://oak.example/oscar,booking,oakbooking000000,${consumerSecret('oak')},,,-1,booking`,
				`oak,https://oak.example/oscar,kiosk,oak kiosk0000000,${consumerSecret('oak2')},${accessToken('oak2')},${tokenSecret('oak2')},-1,`,
				`elm,https://elm.example/oscar,booking,elmbooking000000,${consumerSecret('elm')},,,abc,`,
			].join('\n'),
		);
		const before = bytes(space.configPath);
		const result = await cli(space.configPath, ['import', file]);
		expect(result.code).toBe(64);
		expect(result.stderr).toContain('Nothing was imported: 2 problems');
		expect(result.stderr).toMatch(/row 3, consumerKey: Consumer key contains a space/);
		expect(result.stderr).toMatch(/row 4, lifetime: /);
		expect(result.stderr).toContain('The configuration was not changed.');
		expect(bytes(space.configPath).equals(before)).toBe(true);
	});

	it('imports a good CSV; an existing integration is a conflict unless --existing skip', async () => {
		const space = fresh();
		const file = path.join(space.directory, 'more.csv');
		fs.writeFileSync(
			file,
			[
				csvHeader,
				`oak,https://oak.example/oscar,booking,oakbooking000000,${consumerSecret('oak')},,,-1,booking;new`,
				`${inventory.instances[0]!.name},${inventory.instances[0]!.baseUrl},booking,bookingkey000000,${consumerSecret('other')},,,,`,
			].join('\n'),
		);
		const before = bytes(space.configPath);
		const conflict = await cli(space.configPath, ['import', file]);
		expect(conflict.code).toBe(64);
		expect(conflict.stderr).toContain('integration "maple/booking" already exists');
		expect(conflict.stderr).toContain('--existing skip');
		expect(bytes(space.configPath).equals(before)).toBe(true);

		const skipped = await cli(space.configPath, ['import', file, '--existing', 'skip']);
		expect(skipped.code).toBe(0);
		expect(skipped.stderr).toContain('1 instance(s) added, 1 integration(s) added, 1 skipped');
		const after = new ConfigStore(space.configPath).load();
		expect(after.instances.map(instance => instance.name)).toEqual(['maple', 'cedar', 'birch', 'drift', 'oak']);
		expect(after.instances[0]!.integrations[0]!.consumerSecret).toBe(consumerSecret('booking')); // kept
		expect(after.instances[4]!.integrations[0]).toMatchObject({
			consumerSecret: consumerSecret('oak'),
			lifetime: -1,
			tags: ['booking', 'new'],
		});
	});

	it('rejects a bad --existing value and a missing file', async () => {
		const space = fresh();
		const policy = await cli(space.configPath, ['import', 'x.csv', '--existing', 'merge']);
		expect(policy.code).toBe(64);
		expect(policy.stderr).toContain('--existing must be one of error, skip, replace');
		const missing = await cli(space.configPath, ['import', path.join(space.directory, 'absent.csv')]);
		expect(missing.code).toBe(64);
		expect(missing.stderr).toContain('no such file');
	});
});

describe('export', () => {
	it('leaves inline secrets and tokens out by default, keeps references, says how to include them', async () => {
		const space = fresh();
		const json = await cli(space.configPath, ['export']);
		expect(json.code).toBe(0);
		expectNoSecret(json.stdout);
		const document = JSON.parse(json.stdout) as Inventory;
		expect(document.instances[0]!.integrations.find(item => item.name === 'portal')?.consumerSecret).toBe(`env:${portalSecretEnv}`);
		expect(json.stderr).toContain('--include-secrets');
		const csv = await cli(space.configPath, ['export', '--format', 'csv']);
		expect(csv.code).toBe(0);
		expect(csv.stdout.split('\n')[0]).toContain('instance,baseUrl');
		expectNoSecret(csv.stdout);
	});

	it('--include-secrets exports them; --output writes a 0600 file that imports back into an empty config', async () => {
		const space = fresh();
		const shown = await cli(space.configPath, ['export', '--include-secrets'], {revealsSecrets: true});
		expect(shown.stdout).toContain(consumerSecret('booking'));
		expect(shown.stdout).toContain(tokenSecret('booking'));
		expect(shown.stdout).toContain(accessToken('booking'));

		const file = path.join(space.directory, 'backup.csv');
		const written = await cli(space.configPath, ['export', '--include-secrets', '--output', file], {revealsSecrets: true});
		expect(written.code).toBe(0);
		expect(written.stdout).toBe('');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(file, 'utf8')).toContain(secretMarker);

		const target = fresh({instances: []});
		const imported = await cli(target.configPath, ['import', file]);
		expect(imported.code).toBe(0);
		expect(new ConfigStore(target.configPath).load()).toEqual(new ConfigStore(space.configPath).load());
	});

	it('rejects a positional argument with the fix', async () => {
		const space = fresh();
		const result = await cli(space.configPath, ['export', 'out.json']);
		expect(result.code).toBe(64);
		expect(result.stderr).toContain('--output FILE');
	});
});
