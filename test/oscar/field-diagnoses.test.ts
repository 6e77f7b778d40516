/**
 * Issue point 2, the diagnoses that were wrong in the field: the NullPointerException trace for an
 * unknown token is token-revoked (top frame only as evidence); CARLOS's codes at initiate; a
 * token authorized without a logged-in user stays token-no-provider until the token changes;
 * proxy-url-ok only after a signed request succeeded; the LATENCY of the step that is reported.
 */
import http from 'node:http';
import type net from 'node:net';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {createChecksEngine} from '../../source/checks/engine.js';
import connect from '../../source/commands/connect.js';
import type {CommandContext} from '../../source/commands/context.js';
import {exitCode} from '../../source/core/exit-codes.js';
import type {IntegrationReport} from '../../source/core/report.js';
import {type InstanceTarget, type IntegrationTarget, probeInstance, probeIntegration} from '../../source/oscar/probes/index.js';
import type {RunningInstance, RunningSimulator, SimulatorOptions} from '../../source/simulator/index.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {StateStore} from '../../source/store/state-store.js';
import {provenReport} from '../helpers/proven.js';
import {bookingTargets, oneIntegrationConfig, simulatorPerTest} from '../helpers/simulator-per-test.js';

const perTest = simulatorPerTest();
let simulator: RunningSimulator | undefined;
const servers: http.Server[] = [];

afterEach(async () => {
	await Promise.all(
		servers.splice(0).map(
			async server =>
				new Promise<void>(resolve => {
					server.close(() => {
						resolve();
					});
					server.closeAllConnections();
				}),
		),
	);
});

const evidenceOf = (report: IntegrationReport) =>
	report.probes.flatMap(probe => probe.evidence.map(item => `${item.label}: ${item.value}`)).join('\n');

async function check(options: SimulatorOptions, extra: Partial<IntegrationTarget> = {}, probe: {deep?: boolean; proven?: boolean} = {}) {
	simulator = await perTest.start(options);
	const running = simulator.instances[0]!;
	const {target, integration} = bookingTargets(running, extra);
	const instance = await probeInstance(target, {deep: probe.deep === true});
	const previous = probe.proven === false ? {} : {previous: provenReport({...target, ...integration})};
	return {running, report: await probeIntegration(instance, target, integration, {deep: probe.deep === true, ...previous})};
}

describe('an unknown access token answered with a NullPointerException stack trace', () => {
	it('is token-revoked, with the exception and its top frame as evidence, never the whole trace', async () => {
		const {running, report} = await check({
			fleet: {instances: [{name: 'oscar', scenario: 'revoked-token', unknownTokenAnswer: 'npe-500'}]},
		});
		expect(report.code).toBe('token-revoked');
		expect(report.token).toBe('invalid');
		const evidence = evidenceOf(report);
		expect(evidence).toContain('HTTP status: 500');
		expect(evidence).toContain(
			'java.lang.NullPointerException at oscar.login.OscarOAuthDataProvider.getAccessToken(OscarOAuthDataProvider.java:214) (stack trace, top frame only)',
		);
		expect(evidence).not.toMatch(/AbstractAuthFilter|JAXRSUtils|Thread\.run/);
		expect(evidence).toMatch(/Meaning: OSCAR does not know this access token/);
		// Not a server fault, and no deep probe is needed to say so: instance probe + oauth/info only.
		expect(report.probes.some(probe => probe.code === 'server-error')).toBe(false);
		expect(running.state.log).toHaveLength(2);
	});
});

describe('CARLOS codes at initiate', () => {
	/** CARLOS-like: unsigned GET initiate 405, signed initiate answers `answer`, oauth/info 401 invalid_signature. */
	async function carlosAnswering(status: number, code: string): Promise<string> {
		const server = http.createServer((request, response) => {
			response.setHeader('date', new Date().toUTCString());
			if (request.url?.startsWith('/carlos/ws/oauth/initiate')) {
				if (request.method === 'GET') response.writeHead(405, {'content-type': 'text/plain', allow: 'POST'}).end('method_not_allowed');
				else response.writeHead(status, {'content-type': 'text/plain'}).end(code);
			} else {
				response.writeHead(401, {'content-type': 'text/plain'}).end('invalid_signature');
			}
		});
		servers.push(server);
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
		return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/carlos`;
	}

	it.each([
		[401, 'invalid_consumer', 'consumer-key-unknown'],
		[401, 'nonce_replayed', 'nonce-replayed'],
		[400, 'callback_uri not allowed', 'callback-rejected'],
		[500, 'oauth_processing_error', 'oauth-processing-error'],
		[400, 'invalid_oauth_parameters', 'request-rejected'],
	] as const)('%i %s -> %s', async (status, code, expected) => {
		const baseUrl = await carlosAnswering(status, code);
		const target: InstanceTarget = {name: 'c', baseUrl, dialect: 'carlos'};
		const integration: IntegrationTarget = {
			id: 'c/a',
			instance: 'c',
			name: 'a',
			consumerKey: 'carloskey0000001',
			consumerSecret: 'carlos-secret',
			accessToken: 'tok',
			tokenSecret: 'toksecret',
			uri: 'http://127.0.0.1:8765',
		};
		const report = await probeIntegration(await probeInstance(target), target, integration);
		expect(report.code).toBe(expected);
		// Unproven and refused: the token never went out.
		expect(report.probes.find(probe => probe.probe === 'token')?.code).toBe('token-skipped-unproven');
	});
});

describe('a token authorized without a logged-in user (classic)', () => {
	it('connect finds token-no-provider, and every later check says so (not token-revoked) until the token changes', async () => {
		simulator = await perTest.start({
			fleet: {
				instances: [
					{
						name: 'oscar',
						tokens: [],
						clients: [{name: 'app', key: 'noprovider000001', secret: 'no-provider-secret', uri: 'http://127.0.0.1:', lifetime: -1}],
					},
				],
			},
		});
		const running = simulator.instance('oscar');
		const configPath = oneIntegrationConfig(perTest.tempDir('no-provider-'), running.baseUrl, {
			name: 'app',
			consumerKey: 'noprovider000001',
			consumerSecret: 'no-provider-secret',
			uri: 'http://127.0.0.1:',
			expectedProvider: '999001',
			lifetime: -1,
			tags: [],
		});
		const out = await connectWithoutLogin(running, configPath);
		expect(out.exit).toBe(1);
		expect(out.stdout).toContain('✖ token-no-provider:');

		const state = new StateStore(configPath);
		const checkNow = async () => {
			const inventory = new ConfigStore(configPath).load();
			const engine = createChecksEngine({
				inventory: () => inventory,
				resolveSecret: ref => ref,
				previousReports: () => state.latest(),
				onReports: reports => state.record(reports),
			});
			await engine.check({ids: ['oscar/app']});
			const report = engine.getSnapshot().results.get('oscar/app')!;
			engine.dispose();
			return report;
		};

		for (let round = 0; round < 2; round++) {
			const report = await checkNow();
			expect(report.code, evidenceOf(report)).toBe('token-no-provider');
			expect(evidenceOf(report)).toMatch(/Found at authorization: .*authorized without a logged-in user/);
		}

		// OSCAR answered 401 and kept the token: it is not revoked.
		const saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
		expect(running.state.accessTokens.has(saved.accessToken!)).toBe(true);
		// Another token (here one OSCAR never issued): the finding no longer applies.
		new ConfigStore(configPath).update(inventory => ({
			instances: inventory.instances.map(instance => ({
				...instance,
				integrations: instance.integrations.map(integration => ({...integration, accessToken: 'neverissued00001'})),
			})),
		}));
		expect((await checkNow()).code).toBe('token-revoked');
	});
});

/** connect in-process; the "browser" gives consent without logging in (classic binds no provider). */
async function connectWithoutLogin(running: RunningInstance, configPath: string) {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	let browsing: Promise<unknown> | undefined;
	stdout.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
	});
	stderr.setEncoding('utf8').on('data', (chunk: string) => {
		err += chunk;
		const url = /^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?oauth_token=(\S+))$/m.exec(err);
		if (url && !browsing) browsing = decideWithoutLogin(running, url[1]!, url[2]!);
	});
	const context: CommandContext = {
		argv: ['oscar/app', '--port', '0', '--no-browser'],
		stdin: new PassThrough(),
		stdout,
		stderr,
		env: {},
		configPath,
	};
	const exit = exitCode(await connect(context));
	await browsing;
	return {exit, stdout: out, stderr: err};
}

async function decideWithoutLogin(running: RunningInstance, authorizeUrl: string, token: string): Promise<void> {
	const page = await fetch(authorizeUrl);
	const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
	await page.text();
	const authenticity = running.state.sessions.get(cookie.replace(/^JSESSIONID=/, ''))!.authenticityToken!;
	const decision = await fetch(`${running.baseUrl}/ws/oauth/authorize/decision`, {
		method: 'POST',
		redirect: 'manual',
		headers: {cookie, 'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({session_authenticity_token: authenticity, oauth_token: token, oauthDecision: 'allow'}).toString(),
	});
	await (await fetch(decision.headers.get('location')!)).text();
}

describe('proxy-url-ok', () => {
	it('is reported only when a request signed for the public URL verified', async () => {
		const healthy = await check({}, {}, {deep: true});
		expect(healthy.report.probes.find(probe => probe.code === 'proxy-url-ok')?.evidence[0]?.value).toMatch(/the signature verified/);
		await simulator!.close();
		simulator = undefined;
		const wrongSecret = await check({}, {consumerSecret: 'wrong-secret-0000'}, {deep: true});
		expect(wrongSecret.report.code).toBe('consumer-secret-wrong');
		expect(wrongSecret.report.probes.some(probe => probe.code === 'proxy-url-ok')).toBe(false);
	});
});

describe('LATENCY', () => {
	it("is the time of the step that is reported: a timed-out token probe shows its own time, not the instance probe's", async () => {
		const server = http.createServer((request, response) => {
			response.setHeader('date', new Date().toUTCString());
			if (request.url?.startsWith('/oscar/ws/services/oauth/info')) return; // never answers
			response.writeHead(400, {'content-length': '0'}).end();
		});
		servers.push(server);
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
		const target: InstanceTarget = {name: 'c', baseUrl: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/oscar`};
		const integration: IntegrationTarget = {
			id: 'c/a',
			instance: 'c',
			name: 'a',
			consumerKey: 'latencykey000001',
			consumerSecret: 's',
			accessToken: 't',
			tokenSecret: 'ts',
			uri: 'http://127.0.0.1:8765',
		};
		const instance = await probeInstance(target);
		const report = await probeIntegration(instance, target, integration, {
			timeoutMs: 400,
			previous: provenReport({...target, ...integration}),
		});
		expect(report.code).toBe('timeout-response');
		expect(report.latencyMs).toBeGreaterThanOrEqual(400);
		expect(report.latencyMs).toBeGreaterThan(instance.latencyMs!);
		expect(report.probes.find(probe => probe.code === 'timeout-response')?.timings?.total).toBe(report.latencyMs);
	});
});
