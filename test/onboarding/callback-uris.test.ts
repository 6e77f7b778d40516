/**
 * Issue point 1: a clinic registers a URI on OSCAR's REST Clients page and connects without changing
 * OSCAR. Six registered URIs (a bare origin, one with a slash, one with a path, one with a query,
 * `oob`, a vendor's https page), in both dialects, through `oscar-rest connect` (in-process) and
 * the wizard's authorization service (realWizardServices().authorize, the service behind step 9),
 * against the simulator: the callback sent at initiate is derived from the URI so that OSCAR
 * accepts it, the loopback server catches the redirect on that port and path, `oob` selects the
 * verifier paste by itself, and a URI not on this machine goes straight to the paste fallback.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import connect from '../../source/commands/connect.js';
import type {CommandContext} from '../../source/commands/context.js';
import {exitCode} from '../../source/core/exit-codes.js';
import {createPasteChannel} from '../../source/core/onboarding/paste-channel.js';
import type {AuthorizationEvent} from '../../source/onboarding/authorize-flow.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {type RunningSimulator, startSimulator} from '../../source/simulator/index.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {realWizardServices} from '../../source/ui/onboarding/real-services.js';
import {consentAny} from './helpers/consent-any.js';

const bookingApp = {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'};

async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>(resolve => {
		server.close(() => {
			resolve();
		});
	});
	return port;
}

interface UriCase {
	readonly name: string;
	readonly uri: (port: number) => string;
	/** The callback initiate must send; undefined = `oob`. */
	readonly callback: (port: number) => string | undefined;
	readonly via: 'callback' | 'paste';
}

const uriCases: readonly UriCase[] = [
	{name: 'bare origin', uri: port => `http://127.0.0.1:${port}`, callback: port => `http://127.0.0.1:${port}/callback`, via: 'callback'},
	{
		name: 'origin with a slash',
		uri: port => `http://127.0.0.1:${port}/`,
		callback: port => `http://127.0.0.1:${port}/callback`,
		via: 'callback',
	},
	{
		name: 'a path',
		uri: port => `http://127.0.0.1:${port}/oscar/callback`,
		callback: port => `http://127.0.0.1:${port}/oscar/callback`,
		via: 'callback',
	},
	{name: 'a query', uri: port => `http://127.0.0.1:${port}/cb?x=1`, callback: port => `http://127.0.0.1:${port}/cb?x=1`, via: 'callback'},
	{name: 'oob', uri: () => 'oob', callback: () => undefined, via: 'paste'},
	{name: "a vendor's https page", uri: () => 'https://vendor.example/cb', callback: () => 'https://vendor.example/cb', via: 'paste'},
];

const dialects = ['classic', 'carlos'] as const;
let simulator: RunningSimulator;
let port = 0;
const key = (dialect: string, index: number) => `${dialect.slice(0, 4)}uri${index}0000000000000`.slice(0, 16);
const secret = (dialect: string, index: number) => `cb-uri-secret-${dialect}-${index}`;

beforeAll(async () => {
	port = await freePort();
	simulator = await startSimulator({
		latencyMs: 0,
		fleet: {
			instances: dialects.map(dialect => ({
				name: dialect,
				dialect,
				contextPath: `/${dialect}`,
				tokens: [],
				clients: uriCases.map((uriCase, index) => ({
					name: `c${index}`,
					key: key(dialect, index),
					secret: secret(dialect, index),
					uri: uriCase.uri(port),
					lifetime: -1,
				})),
			})),
		},
	});
});

afterAll(async () => {
	await simulator?.close();
});

afterEach(() => {
	closeIdleConnections();
});

/** What the person does once the authorize URL is out: consent, then follow the redirect or paste. */
async function browser(authorizeUrl: string, via: UriCase['via'], paste: (text: string) => void): Promise<void> {
	const answer = await consentAny(authorizeUrl, bookingApp);
	if (via === 'callback') {
		expect((await fetch(answer.location!)).status).toBe(200);
		return;
	}

	paste(answer.paste);
}

/** The callback of connect's credentials proof, the request token left on the server (the authorization's was exchanged). */
function sentCallback(dialect: string, index: number): string | undefined {
	const client = key(dialect, index);
	return [...simulator.instance(dialect).state.requestTokens.values()]
		.filter(row => row.clientKey === client)
		.map(row => row.callback)
		.at(-1);
}

describe.each(dialects)('registered URIs (%s)', dialect => {
	it.each(uriCases.map((uriCase, index) => ({...uriCase, index})))('connect: $name', async ({uri, callback, via, index}) => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-uri-'));
		try {
			const configPath = path.join(dir, 'config.json');
			new ConfigStore(configPath).update(() => ({
				instances: [
					{
						name: dialect,
						baseUrl: simulator.instance(dialect).baseUrl,
						dialect,
						integrations: [
							{
								name: 'app',
								consumerKey: key(dialect, index),
								consumerSecret: secret(dialect, index),
								uri: uri(port),
								expectedProvider: '999001',
								lifetime: -1,
								tags: [],
							},
						],
					},
				],
			}));
			const stdin = new PassThrough();
			const stdout = new PassThrough();
			const stderr = new PassThrough();
			let out = '';
			let err = '';
			let browsing: Promise<void> | undefined;
			stdout.setEncoding('utf8').on('data', (chunk: string) => {
				out += chunk;
			});
			stderr.setEncoding('utf8').on('data', (chunk: string) => {
				err += chunk;
				const url = /^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?oauth_token=\S+)$/m.exec(err)?.[1];
				if (url && !browsing) browsing = browser(url, via, text => stdin.write(`${text}\n`));
			});
			const context: CommandContext = {
				argv: [`${dialect}/app`, '--no-browser'],
				stdin,
				stdout,
				stderr,
				env: {PATH: process.env.PATH},
				configPath,
			};
			const exit = exitCode(await connect(context));
			await browsing;
			expect(exit, err).toBe(0);
			expect(out).toContain('Identity verified');
			expect(out).toContain('provider 999001');
			const expected = callback(port);
			if (expected === undefined) {
				expect(err).toContain('registered as "oob"');
			} else if (via === 'paste') {
				expect(err).toContain('cannot be caught here');
				expect(sentCallback(dialect, index)).toBe(expected);
			} else {
				expect(err).toContain(`Callback listening on ${expected}`);
				expect(sentCallback(dialect, index)).toBe(expected);
			}

			const saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
			expect(simulator.instance(dialect).state.accessTokens.has(saved.accessToken!)).toBe(true);
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});

	it.each(uriCases.map((uriCase, index) => ({...uriCase, index})))('wizard service: $name', async ({uri, callback, via, index}) => {
		const instance = {name: dialect, baseUrl: simulator.instance(dialect).baseUrl, dialect, integrations: []};
		const integration = {
			name: 'app',
			consumerKey: key(dialect, index),
			consumerSecret: secret(dialect, index),
			uri: uri(port),
			expectedProvider: '999001',
			lifetime: -1,
			tags: [],
		};
		const services = realWizardServices(instance, integration, {env: {}});
		const events: AuthorizationEvent[] = [];
		const pasted = createPasteChannel();
		let browsing: Promise<void> | undefined;
		const result = await services.authorize!({
			port: services.port!,
			pasted,
			signal: new AbortController().signal,
			onEvent(event) {
				events.push(event);
				if (event.type === 'authorize') browsing = browser(event.url, via, text => pasted.submit(text));
			},
		});
		await browsing;
		pasted.end();
		expect(result).toMatchObject({verifierSource: via, identityMatches: true, findings: []});
		const expected = callback(port);
		const authorize = events.find(event => event.type === 'authorize');
		expect(authorize).toMatchObject({callback: expected === undefined ? 'oob' : via === 'paste' ? 'paste' : 'loopback'});
		if (via === 'callback') expect(events.find(event => event.type === 'listening')).toMatchObject({url: expected, port});
		expect(events.find(event => event.type === 'request-token')).toMatchObject({callback: expected ?? 'oob'});
		expect(simulator.instance(dialect).state.accessTokens.has(result.accessToken)).toBe(true);
	});
});
