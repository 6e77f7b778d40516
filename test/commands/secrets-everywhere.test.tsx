/**
 * Issue point 5: distinctive secrets go through every command and format, and no output, no state
 * file and no rendered detail view shows one. The secrets: consumer and token secrets (the fleet's
 * marked values), the request-token secrets the deep checks and connect make OSCAR issue (read
 * from the simulator), the verifier of a real authorization, and every oauth_signature value
 * (which with PLAINTEXT is the consumer and token secret itself).
 */
import fs from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {cleanup} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import connect from '../../source/commands/connect.js';
import type {CommandContext} from '../../source/commands/context.js';
import {exitCode} from '../../source/core/exit-codes.js';
import type {IntegrationReport} from '../../source/core/report.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {type RunningSimulator, startSimulator} from '../../source/simulator/index.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {StateStore} from '../../source/store/state-store.js';
import {createFakeEngine} from '../ui/helpers/fake-engine.js';
import {keys} from '../ui/helpers/keys.js';
import {cursorLine, renderApp} from '../ui/helpers/render-app.js';
import {consentAny} from '../onboarding/helpers/consent-any.js';
import {ensureBuilt} from './helpers/built-cli.js';
import {
	type Workspace,
	cli,
	consumerSecret,
	fleetInventory,
	portalSecretEnv,
	secretMarker,
	startFleet,
	tokenSecret,
	workspace,
} from './helpers/fleet.js';

let simulator: RunningSimulator;
let connectSim: RunningSimulator;
let space: Workspace;
const outputs: Array<{what: string; text: string}> = [];
const connectSecret = `CONNECT-${secretMarker}-app`;

beforeAll(async () => {
	await ensureBuilt();
	simulator = await startFleet();
	connectSim = await startSimulator({
		latencyMs: 0,
		fleet: {
			instances: [
				{
					name: 'pine',
					contextPath: '/pine',
					tokens: [],
					clients: [{name: 'app', key: 'pineapp000000001', secret: connectSecret, uri: 'http://127.0.0.1:', lifetime: -1}],
				},
			],
		},
	});
	const inventory = fleetInventory(simulator);
	space = workspace({
		instances: [
			// PLAINTEXT over the query: oauth_signature IS the secrets, and it travels in URLs.
			...inventory.instances.map(instance =>
				instance.name === 'maple'
					? {
							...instance,
							integrations: instance.integrations.map(each =>
								each.name === 'kiosk' ? {...each, signatureMethod: 'PLAINTEXT' as const, transport: 'query' as const} : each,
							),
						}
					: instance,
			),
			{
				name: 'pine',
				baseUrl: connectSim.instance('pine').baseUrl,
				integrations: [
					{
						name: 'app',
						consumerKey: 'pineapp000000001',
						consumerSecret: connectSecret,
						uri: 'http://127.0.0.1:',
						expectedProvider: '999001',
						lifetime: -1,
						tags: [],
					},
				],
			},
		],
	});
});

afterAll(async () => {
	cleanup();
	closeIdleConnections();
	await simulator?.close();
	await connectSim?.close();
	space?.remove();
});

const record = (what: string, text: string) => {
	outputs.push({what, text});
};

/** Every request-token secret OSCAR handed out during the test (they are still stored: unused ones live an hour). */
function requestTokenSecrets(): string[] {
	return [simulator, connectSim].flatMap(running =>
		running.instances.flatMap(instance => [...instance.state.requestTokens.values()].map(row => row.secret)),
	);
}

/** An oauth_* secret value that is not [redacted], in any of the forms evidence and output use. */
const unredacted = /oauth_(?:token_secret|verifier|signature)(?:\s*=\s*"?|"\s*:\s*"|%3[Dd])(?!\[redacted\]|%5Bredacted%5D)[^&"\s,;<>]+/;

const run = async (...args: string[]) => {
	const result = await cli(space.configPath, args);
	record(`oscar-rest ${args.join(' ')}`, `${result.stdout}\n${result.stderr}`);
	return result;
};

// Each group spawns the built CLI several times: a generous limit for a loaded machine (no timing is asserted).
const spawns = 90_000;

describe('secrets never reach an output, the state file or the detail view', () => {
	it(
		'check, every format, quick and deep',
		async () => {
			for (const format of ['json', 'table', 'nagios', 'prometheus']) await run('check', '--format', format);
			await run('check', '--deep', '--json');
			await run('check', '--deep', '--format', 'table');
			// The deep checks really made OSCAR issue request tokens: their secrets are what must not show.
			expect(requestTokenSecrets().length).toBeGreaterThan(2);
		},
		spawns,
	);

	it(
		'report, call',
		async () => {
			await run('report', 'maple/booking');
			await run('report', 'maple/kiosk', '--deep');
			await run('call', 'maple/booking', 'oauth/info', '--show-base-string');
			await run('call', 'maple/kiosk', 'oauth/info', '--show-base-string');
		},
		spawns,
	);

	it(
		'list and export (without secrets)',
		async () => {
			await run('list');
			await run('list', '--json');
			await run('export');
			await run('export', '--format', 'json');
		},
		spawns,
	);

	it('connect: a real authorization (its verifier, request and access token secrets)', async () => {
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		let text = '';
		let verifier = '';
		let browsing: Promise<unknown> | undefined;
		for (const stream of [stdout, stderr]) {
			stream.setEncoding('utf8').on('data', (chunk: string) => {
				text += chunk;
				const url = /^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?oauth_token=\S+)$/m.exec(text)?.[1];
				if (url && !browsing) {
					browsing = consentAny(url, {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'}).then(async answer => {
						verifier = answer.verifier;
						return fetch(answer.location!);
					});
				}
			});
		}

		const context: CommandContext = {
			argv: ['pine/app', '--port', '0', '--no-browser'],
			stdin: new PassThrough(),
			stdout,
			stderr,
			env: {[portalSecretEnv]: consumerSecret('portal')},
			configPath: space.configPath,
		};
		expect(exitCode(await connect(context))).toBe(0);
		await browsing;
		record('oscar-rest connect pine/app', text);
		const saved = new ConfigStore(space.configPath).load().instances.find(instance => instance.name === 'pine')!.integrations[0]!;
		expect(verifier.length).toBeGreaterThan(4);
		expect(text).not.toContain(verifier);
		expect(text).not.toContain(saved.tokenSecret!);
		outputs.push({what: 'the secrets of the authorization', text: ''});
		distinctive.push(verifier, saved.tokenSecret!);
	});

	const distinctive: string[] = [];

	it('greps every output, the state file and the rendered detail view', async () => {
		const secrets = [...distinctive, ...requestTokenSecrets(), connectSecret];
		// The snapshot, the journal of changes since and the history log: every file results are kept in.
		const store = new StateStore(space.configPath);
		for (const file of [store.path, store.journalPath, store.historyPath].filter(file => fs.existsSync(file))) {
			outputs.push({what: `the state file ${path.basename(file)}`, text: fs.readFileSync(file, 'utf8')});
		}

		// The detail view of the deep-checked integration, rendered from what the state file holds.
		const inventory = new ConfigStore(space.configPath).load();
		const latest = new StateStore(space.configPath).latest();
		const kiosk = latest.get('maple/kiosk') as IntegrationReport;
		expect(kiosk.deep).toBe(true);
		const app = await renderApp({
			inventory,
			engine: createFakeEngine({results: latest}),
			columns: 220,
			rows: 200,
			env: {NO_COLOR: '1', [portalSecretEnv]: consumerSecret('portal')},
		});
		await app.waitFor('kiosk');
		for (let row = 0; !/^›.*kiosk/m.test(app.frame()); row++) {
			expect(row).toBeLessThan(12);
			const before = cursorLine(app.frame());
			await app.press(keys.down);
			await vi.waitFor(() => {
				expect(cursorLine(app.frame())).not.toBe(before);
			});
		}

		await app.press(keys.enter);
		await app.waitFor('Credentials:');
		// A healthy row's evidence is folded behind E (the failing evidence shows first): unfold it.
		await app.press('E');
		await app.waitFor('credentials-ok');
		outputs.push({what: 'the detail view of maple/kiosk', text: app.frame()});
		app.unmount();

		for (const {what, text} of outputs) {
			for (const secret of secrets) expect(text.includes(secret), `${what} shows the secret ${secret.slice(0, 6)}…`).toBe(false);
			for (const name of ['booking', 'kiosk', 'portal', 'intake', 'labs', 'sync']) {
				expect(text.includes(consumerSecret(name)), `${what} shows ${name}'s consumer secret`).toBe(false);
				expect(text.includes(tokenSecret(name)), `${what} shows ${name}'s token secret`).toBe(false);
			}

			expect(unredacted.exec(text)?.[0], `${what} shows an oauth secret value`).toBeUndefined();
		}
	});
});
