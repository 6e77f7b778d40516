/**
 * `oscar-rest admin register` as users and scripts run it (the BUILT CLI) against the simulator:
 * the client is created with step 6's exact values, read back, stored (0600) and proved; a name in
 * use is refused with the --adopt hint and adopted on request; what would register a broken client
 * (a lifetime OSCAR would store as 0, a secret kept as env:/file:) is refused before any request;
 * CARLOS takes the writes by POST and refuses a read-only admin; a refused proof exits 2. No admin
 * password and no secret in any output; the config holds the new consumer secret and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Integration} from '../../source/core/model.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {startSimulator, type RunningSimulator, type SimClient, type SimUser} from '../../source/simulator/index.js';
import {runCli, type CliResult} from '../helpers/run-cli.js';
import {ensureBuilt} from './helpers/built-cli.js';
import {type Workspace, workspace} from './helpers/fleet.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const auditor = {username: 'auditor', password: 'Auditor-2024!', pin: '1111'};
const users: SimUser[] = [
	{
		username: 'bookingapp',
		password: 'Booking-App-2024!',
		pin: '2468',
		providerNo: '999001',
		firstName: 'Booking',
		lastName: 'App',
		providerType: 'doctor',
	},
	{...admin, providerNo: '999998', firstName: 'Clinic', lastName: 'Admin', providerType: 'admin', privileges: {_admin: 'x'}},
	{...auditor, providerNo: '999997', firstName: 'Read', lastName: 'Only', providerType: 'admin', privileges: {_admin: 'r'}},
];
const oldSecret = 'old-inline-secret-reg-5k2m';
const booking: SimClient = {name: 'Booking App', key: 'bookingkey000001', secret: oldSecret, uri: 'http://127.0.0.1:8765', lifetime: -1};

let simulator: RunningSimulator;
let space: Workspace;
const outputs: string[] = [];

beforeAll(async () => {
	await ensureBuilt();
	simulator = await startSimulator({
		fleet: {
			instances: [
				{name: 'sim', contextPath: '/oscar', users, clients: [booking], tokens: []},
				{name: 'carlos', contextPath: '/carlos', dialect: 'carlos', users, clients: [], tokens: []},
				{name: 'proxied', contextPath: '/proxied', scenario: 'proxy-mismatch', users, clients: [], tokens: []},
			],
		},
	});
	space = workspace();
	const existing: Integration[] = [
		{
			name: 'booking',
			consumerKey: booking.key,
			consumerSecret: oldSecret,
			uri: booking.uri,
			accessToken: 'old-access-token-1',
			tokenSecret: 'old-token-secret-1',
			expectedProvider: '999001',
			lifetime: -1,
			tags: ['web'],
		},
		{name: 'vault', consumerKey: 'vaultkey00000001', consumerSecret: 'env:VAULT_SECRET', tags: []},
		{name: 'filed', consumerKey: 'filedkey00000001', consumerSecret: 'file:/run/secrets/filed', tags: []},
	];
	new ConfigStore(space.configPath).update(() => ({
		instances: [
			{name: 'sim', baseUrl: simulator.instance('sim').baseUrl, integrations: existing},
			{name: 'carlos', baseUrl: simulator.instance('carlos').baseUrl, dialect: 'carlos', integrations: []},
			{name: 'proxied', baseUrl: simulator.instance('proxied').baseUrl, integrations: []},
		],
	}));
});

afterAll(async () => {
	// The admin password in no output and no file; server secrets only in the config, and only those register stored.
	const stored = new ConfigStore(space.configPath)
		.load()
		.instances.flatMap(instance => instance.integrations.map(integration => integration.consumerSecret));
	const directory = path.dirname(space.configPath);
	for (const name of fs.readdirSync(directory)) {
		const text = fs.readFileSync(path.join(directory, name), 'utf8');
		expect(text).not.toContain(admin.password);
		expect(text).not.toContain(auditor.password);
		for (const instance of simulator.instances) {
			for (const client of instance.state.clients.values()) {
				if (name !== 'config.json' || !stored.includes(client.secret))
					expect(text.includes(client.secret), `${client.name}'s secret in ${name}`).toBe(false);
			}
		}
	}

	for (const text of outputs) {
		for (const instance of simulator.instances)
			for (const client of instance.state.clients.values()) expect(text).not.toContain(client.secret);
		expect(text).not.toContain(admin.password);
	}

	await simulator?.close();
	space?.remove();
});

async function register(id: string, args: string[] = [], login = admin): Promise<CliResult> {
	const result = await runCli(
		['--config', space.configPath, 'admin', 'register', id, '--user', login.username, '--password-stdin', ...args],
		{input: `${login.password}\n${login.pin}\n`},
	);
	outputs.push(result.stdout, result.stderr);
	return result;
}

const stored = (instance: string, name: string) =>
	new ConfigStore(space.configPath)
		.load()
		.instances.find(candidate => candidate.name === instance)!
		.integrations.find(candidate => candidate.name === name);
const serverClient = (instance: string, name: string) =>
	[...simulator.instance(instance).state.clients.values()].find(client => client.name === name);

describe('oscar-rest admin register', () => {
	it("creates the client with step 6's values, reads it back, stores key and secret (0600), proves them and prints step 9", async () => {
		const result = await register('sim/kiosk', ['--uri', 'http://127.0.0.1:9100', '--provider', '999001']);
		expect(result.code, result.stderr).toBe(0);
		const client = serverClient('sim', 'kiosk')!;
		expect(client).toMatchObject({uri: 'http://127.0.0.1:9100', lifetime: -1});
		expect(stored('sim', 'kiosk')).toEqual({
			name: 'kiosk',
			consumerKey: client.key,
			consumerSecret: client.secret,
			uri: 'http://127.0.0.1:9100',
			lifetime: -1,
			expectedProvider: '999001',
			tags: [],
		});
		expect(fs.statSync(space.configPath).mode & 0o777).toBe(0o600);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(
			new RegExp(
				`^Registered the REST client "kiosk" \\(#\\d+\\) on sim: key ${client.key}, URI http://127.0.0.1:9100, lifetime -1 \\(never expires\\)\\.$`,
			),
		);
		expect(lines[1]).toBe(`Saved the key and secret for sim/kiosk in ${space.configPath} (mode 0600; the secret is not shown).`);
		expect(lines[2]).toBe('✔ OSCAR accepted them: a signed request-token call succeeded.');
		expect(lines[3]).toBe('Next (step 9): authorize it as its dedicated provider, in a private window: oscar-rest connect sim/kiosk');
		// The proof is a real signed initiate with the new pair: it left a request token for that client.
		expect(
			[...simulator.instance('sim').state.requestTokens.values()].some(
				token => token.clientKey === client.key && token.callback === 'http://127.0.0.1:9100/callback',
			),
		).toBe(true);
		expect(simulator.instance('sim').state.sessions.size).toBe(0);
	});

	it("a name in use is refused (exit 73) with the --adopt hint; --adopt stores that client's key and secret", async () => {
		const clients = simulator.instance('sim').state.clients.size;
		const refused = await register('sim/kiosk');
		expect(refused.code).toBe(73);
		expect(refused.stderr).toMatch(
			/✖ name-in-use: OSCAR already has a REST client named "kiosk" \(.*key [0-9a-z]{16}, URI "http:\/\/127\.0\.0\.1:9100", lifetime -1 \(never expires\)\)/,
		);
		expect(refused.stderr).toContain('→ To use that client for sim/kiosk, run: oscar-rest admin register sim/kiosk --adopt');
		expect(simulator.instance('sim').state.clients.size).toBe(clients);
		const adopted = await register('sim/kiosk', ['--adopt']);
		expect(adopted.code, adopted.stderr).toBe(0);
		expect(adopted.stdout).toContain('Adopted the existing REST client "kiosk"');
		expect(stored('sim', 'kiosk')!.consumerKey).toBe(serverClient('sim', 'kiosk')!.key);
		expect(simulator.instance('sim').state.clients.size).toBe(clients);
	});

	it("re-registers an integration of the inventory: new key and secret, the old client's token dropped, the rest kept", async () => {
		const result = await register('sim/booking');
		expect(result.code, result.stderr).toBe(0);
		const client = serverClient('sim', 'booking')!;
		expect(client.key).not.toBe(booking.key);
		expect(stored('sim', 'booking')).toEqual({
			name: 'booking',
			consumerKey: client.key,
			consumerSecret: client.secret,
			uri: 'http://127.0.0.1:8765',
			lifetime: -1,
			expectedProvider: '999001',
			tags: ['web'],
		});
	});

	it('refuses before sending anything: a lifetime OSCAR would store as 0, a URI the callback does not start with, a secret kept as env: or file:', async () => {
		const requests = simulator.requestCount();
		const cases: Array<[string, string[], number, RegExp]> = [
			[
				'sim/lab',
				['--lifetime', 'abc'],
				64,
				/lifetime-invalid: The lifetime must be a whole number of seconds or -1.*silently store it as 0/,
			],
			['sim/lab', ['--lifetime', '0'], 64, /lifetime-invalid: The lifetime 0 makes every token expire the second it is issued/],
			['sim/lab', ['--uri', ''], 64, /uri-invalid: The URI "" cannot be registered/],
			[
				'sim/vault',
				[],
				78,
				/secret-is-reference: sim\/vault keeps its Client Secret in env:VAULT_SECRET.*the environment variable VAULT_SECRET/,
			],
			[
				'sim/filed',
				[],
				78,
				/put its Client Secret into the file \/run\/secrets\/filed \(the secret alone on one line, readable only by you: chmod 600\)/,
			],
			['nowhere/lab', [], 64, /there is no instance "nowhere"/],
			['sim/bad name', [], 64, /Integration name "bad name" contains/],
		];
		for (const [id, args, code, message] of cases) {
			const result = await register(id, args);
			expect(result.code, `${id} ${args.join(' ')}`).toBe(code);
			expect(result.stderr, `${id} ${args.join(' ')}`).toMatch(message);
		}

		expect(simulator.requestCount()).toBe(requests);
		expect(stored('sim', 'lab')).toBeUndefined();
	});

	it('CARLOS: created by POST with the _admin write privilege; a read-only admin is refused (exit 77)', async () => {
		const readOnly = await register('carlos/fax', [], auditor);
		expect(readOnly.code).toBe(77);
		expect(readOnly.stderr).toContain('✖ not-admin: "auditor" is logged in but may not use the REST Clients admin API');
		expect(serverClient('carlos', 'fax')).toBeUndefined();
		const result = await register('carlos/fax', ['--uri', 'oob']);
		expect(result.code, result.stderr).toBe(0);
		expect(serverClient('carlos', 'fax')).toMatchObject({uri: 'oob', lifetime: -1});
		expect(
			simulator
				.instance('carlos')
				.state.log.filter(entry => entry.path.endsWith('clientManage.json') && entry.method === 'POST' && entry.status === 200),
		).toHaveLength(1);
	});

	it('a refused login exits 77 and changes nothing', async () => {
		const clients = simulator.instance('sim').state.clients.size;
		const result = await register('sim/lab', [], {...admin, password: 'Not-The-Password-1!'});
		expect(result.code).toBe(77);
		expect(result.stderr).toContain('✖ login-failed');
		expect(simulator.instance('sim').state.clients.size).toBe(clients);
		expect(stored('sim', 'lab')).toBeUndefined();
	});

	it("registered but OSCAR rejects the fresh pair (a proxy rewrites the URL): saved, then exit 2 with the proof's diagnosis", async () => {
		const result = await register('proxied/app');
		expect(result.code).toBe(2);
		expect(result.stdout).toContain('Registered the REST client "app"');
		expect(result.stdout).toMatch(/✖ request-rejected: OSCAR rejected the new key and secret/);
		expect(stored('proxied', 'app')!.consumerKey).toBe(serverClient('proxied', 'app')!.key);
	});
});
