/**
 * `oscar-rest connect` in-process against the simulator with the real protocol and a real loopback
 * callback: paste fallback (full address, bare verifier), oob clients, an expired request token,
 * a registered URI that does not prefix the callback, a busy port. The real-browser runs of the
 * built CLI live in test/e2e/browser-authorize.test.ts.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import run from '../../source/commands/connect.js';
import type {CommandContext} from '../../source/commands/context.js';
import type {Integration} from '../../source/core/model.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {consent} from '../onboarding/helpers/scripted-consent.js';
import {actingProvider, providerCases} from '../helpers/provider-identity-cases.js';
import {exitCode} from '../../source/core/exit-codes.js';

const marker = 'conn-secret-4q9z';
const secretOf = (name: string) => `CS-${marker}-${name}`;
const keyOf = (name: string) => `${name}key0000000000000`.slice(0, 16);
const bookingApp = {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'};
const clients = [
	{name: 'booking', uri: 'http://127.0.0.1:'},
	{name: 'kiosk', uri: 'oob'},
	{name: 'mismatch', uri: 'http://localhost:9'},
];

let simulator: RunningSimulator;
let dir = '';
let configPath = '';

beforeAll(async () => {
	simulator = await startSimulator({
		port: 0,
		fleet: {
			instances: [
				{
					name: 'sim',
					clients: clients.map(client => ({
						name: client.name,
						key: keyOf(client.name),
						secret: secretOf(client.name),
						uri: client.uri,
						lifetime: -1,
					})),
					tokens: [],
				},
			],
		},
	});
});

afterAll(async () => {
	await simulator?.close();
});

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connect-'));
	configPath = path.join(dir, 'config.json');
	const integrations: Integration[] = clients.map(client => ({
		name: client.name,
		consumerKey: keyOf(client.name),
		consumerSecret: secretOf(client.name),
		uri: client.uri,
		expectedProvider: '999001',
		lifetime: -1,
		tags: [],
	}));
	new ConfigStore(configPath).update(() => ({instances: [{name: 'sim', baseUrl: simulator.instance('sim').baseUrl, integrations}]}));
});

afterEach(() => {
	simulator.instance('sim').setClockOffset(0);
	fs.rmSync(dir, {recursive: true, force: true});
});

/** Run connect in-process; stdin stays open for pastes until the test ends it. */
function connect(...argv: string[]) {
	const stdin = new PassThrough();
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	const waiters: Array<() => void> = [];
	stdout.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
	});
	stderr.setEncoding('utf8').on('data', (chunk: string) => {
		err += chunk;
		for (const wake of waiters.splice(0)) wake();
	});
	const context: CommandContext = {argv, stdin, stdout, stderr, env: {PATH: process.env.PATH}, configPath};
	const done = run(context).finally(() => {
		for (const wake of waiters.splice(0)) wake();
	});
	/** Resolve with the first match of `pattern` in stderr, as soon as it is written. */
	const stderrMatch = async (pattern: RegExp): Promise<RegExpExecArray> => {
		for (;;) {
			const match = pattern.exec(err);
			if (match) return match;
			const settled = await Promise.race([
				done.then(
					() => true,
					() => true,
				),
				new Promise<false>(resolve => {
					waiters.push(() => resolve(false));
				}),
			]);
			if (settled && !pattern.test(err)) throw new Error(`connect ended without printing ${String(pattern)}:\n${err}`);
		}
	};

	return {done, stdin, stderrMatch, stdout: () => out, stderr: () => err};
}

const authorizeUrl = /^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?oauth_token=\S+)$/m;

function expectNoSecret(...texts: string[]) {
	for (const text of texts) expect(text).not.toContain(marker);
	const tokenSecret = new ConfigStore(configPath).load().instances[0]?.integrations[0]?.tokenSecret;
	if (tokenSecret) for (const text of texts) expect(text).not.toContain(tokenSecret);
}

function savedBooking() {
	return new ConfigStore(configPath).load().instances[0]!.integrations.find(candidate => candidate.name === 'booking')!;
}

describe('oscar-rest connect (in-process, simulator)', () => {
	it('takes the full redirected address pasted on stdin, saves the token and verifies the dedicated user', async () => {
		const session = connect('sim/booking', '--port', '0', '--no-browser');
		const url = (await session.stderrMatch(authorizeUrl))[1]!;
		const {location} = await consent(url, bookingApp);
		session.stdin.write(`${location!}\n`);
		expect(exitCode(await session.done)).toBe(0);
		expect(session.stderr()).toContain('Verifier received (paste)');
		expect(session.stdout()).toContain('Identity verified');
		expect(session.stdout()).toContain('provider 999001');
		const saved = savedBooking();
		const issued = simulator.instance('sim').state.accessTokens.get(saved.accessToken!);
		expect(issued?.providerNo).toBe('999001');
		expect(saved.tokenSecret).toBe(issued?.secret);
		expect(saved.issuedAt).toBeGreaterThan(0);
		expectNoSecret(session.stdout(), session.stderr());
	});

	it('takes a bare verifier, after telling a paste from another authorization apart', async () => {
		const session = connect('sim/booking', '--port', '0', '--no-browser');
		const url = (await session.stderrMatch(authorizeUrl))[1]!;
		const {verifier} = await consent(url, bookingApp);
		session.stdin.write('http://127.0.0.1:8765/callback?oauth_token=someoneelse&oauth_verifier=abcd\n');
		await session.stderrMatch(/another authorization/);
		session.stdin.write(`  ${verifier}  \n`);
		expect(exitCode(await session.done)).toBe(0);
		expect(simulator.instance('sim').state.accessTokens.get(savedBooking().accessToken!)?.providerNo).toBe('999001');
	});

	it('--oob: no callback server; the verifier OSCAR shows is pasted', async () => {
		const session = connect('sim/kiosk', '--oob', '--no-browser');
		const url = (await session.stderrMatch(authorizeUrl))[1]!;
		expect(session.stderr()).not.toContain('Callback listening');
		expect(session.stderr()).toContain('OSCAR shows a verifier');
		const {page, location} = await consent(url, bookingApp);
		expect(location).toBeUndefined();
		// What a person copies from OSCAR's oob page: the sentence with the token and the verifier.
		session.stdin.write(
			`${page
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim()}\n`,
		);
		expect(exitCode(await session.done)).toBe(0);
		const kiosk = new ConfigStore(configPath).load().instances[0]!.integrations.find(candidate => candidate.name === 'kiosk')!;
		expect(simulator.instance('sim').state.accessTokens.has(kiosk.accessToken!)).toBe(true);
	});

	it('an expired request token (OSCAR clock past one hour before the exchange) fails with a clear error and saves nothing', async () => {
		const session = connect('sim/booking', '--port', '0', '--no-browser');
		const url = (await session.stderrMatch(authorizeUrl))[1]!;
		const {location} = await consent(url, bookingApp);
		simulator.instance('sim').setClockOffset(3700);
		session.stdin.write(`${location!}\n`);
		expect(exitCode(await session.done)).toBe(1);
		expect(session.stderr()).toMatch(
			/exchange-failed: OSCAR refused to exchange the verifier \(HTTP 400\).*expired \(1 hour\).*Start the authorization again/,
		);
		expect(savedBooking().accessToken).toBeUndefined();
		expectNoSecret(session.stdout(), session.stderr());
	});

	it('a registered URI that does not prefix the callback: the error names both strings', async () => {
		const session = connect('sim/mismatch', '--port', '0', '--no-browser');
		expect(exitCode(await session.done)).toBe(1);
		// The callback keeps the registered URI's host; --port moved it off the URI's port.
		const port = /Callback listening on http:\/\/localhost:(\d+)\/callback/.exec(session.stderr())![1]!;
		expect(session.stderr()).toContain(
			`callback-rejected: OSCAR will reject the callback "http://localhost:${port}/callback": it does not start with the registered URI "http://localhost:9"`,
		);
		expect(session.stderr()).toContain('the port differs');
	});

	it('a busy callback port: says so and how to pick another, saves nothing', async () => {
		const blocker = net.createServer();
		await new Promise<void>(resolve => {
			blocker.listen(0, '127.0.0.1', resolve);
		});
		const {port} = blocker.address() as net.AddressInfo;
		try {
			const session = connect('sim/booking', '--port', String(port), '--no-browser');
			expect(exitCode(await session.done)).toBe(1);
			expect(session.stderr()).toContain(`port-in-use: Port ${port} on 127.0.0.1 is already in use`);
			expect(session.stderr()).toContain('--port N');
			expect(savedBooking().accessToken).toBeUndefined();
		} finally {
			blocker.close();
		}
	});

	it('a wrong secret is diagnosed before any browser is involved', async () => {
		new ConfigStore(configPath).update(inventory => ({
			instances: inventory.instances.map(instance => ({
				...instance,
				integrations: instance.integrations.map(integration =>
					integration.name === 'booking' ? {...integration, consumerSecret: `WRONG-${marker}`} : integration,
				),
			})),
		}));
		const session = connect('sim/booking', '--port', '0', '--no-browser');
		expect(exitCode(await session.done)).toBe(1);
		expect(session.stderr()).toMatch(/request-rejected|callback-rejected/);
		expect(session.stderr()).not.toMatch(authorizeUrl);
		expectNoSecret(session.stdout(), session.stderr());
	});

	it('bad input gets a specific error', async () => {
		await expect(connect('sim/nothere').done).rejects.toThrow(/instance "sim" has no integration "nothere"/);
		await expect(connect('nowhere/booking').done).rejects.toThrow(/there is no instance "nowhere"/);
		await expect(connect('sim/booking', '--timeout', 'soon').done).rejects.toThrow(/--timeout must be a whole number/);
		await expect(connect('sim/kiosk', '--oob', '--port', '9000').done).rejects.toThrow(/--oob uses no callback/);
		await expect(connect().done).rejects.toThrow(/connect needs one INSTANCE\/INTEGRATION/);
	});
});

describe('connect: expectedProvider through the authorization flow (simulator)', () => {
	it.each(providerCases)('$what ("$expected") -> matches: $matches', async ({expected, matches}) => {
		new ConfigStore(configPath).update(inventory => ({
			instances: inventory.instances.map(instance => ({
				...instance,
				integrations: instance.integrations.map(integration =>
					integration.name === 'booking' ? {...integration, expectedProvider: expected} : integration,
				),
			})),
		}));
		const session = connect('sim/booking', '--port', '0', '--no-browser');
		const url = (await session.stderrMatch(authorizeUrl))[1]!;
		const {location} = await consent(url, bookingApp);
		session.stdin.write(`${location!}\n`);
		expect(exitCode(await session.done)).toBe(matches ? 0 : 2);
		expect(session.stdout()).toContain(`provider ${actingProvider.providerNo}`);
		if (matches) expect(session.stdout()).toContain('Identity verified');
		else expect(session.stdout()).toContain('token-wrong-user');
	});
});
