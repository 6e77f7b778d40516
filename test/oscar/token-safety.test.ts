/**
 * Issue point 3: the checker never burns the token it checks. A new integration with a valid stored
 * token and a wrong key, a wrong secret, or behind a URL-rewriting proxy: the quick check proves the
 * configuration with a signed request-token call first, reports the specific finding, does not send
 * the token, and the token still works afterwards (a correctly signed call succeeds). Both dialects.
 * Then the proof's life: kept across processes in the state file, no request token on healthy
 * refreshes, dropped when the configuration changes or a credentials finding appears.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createChecksEngine} from '../../source/checks/engine.js';
import type {Inventory} from '../../source/core/model.js';
import type {IntegrationReport} from '../../source/core/report.js';
import {type IntegrationTarget, probeInstance, probeIntegration} from '../../source/oscar/probes/index.js';
import type {RunningInstance, RunningSimulator, SimulatorOptions} from '../../source/simulator/index.js';
import {StateStore} from '../../source/store/state-store.js';
import {signedFetch} from '../simulator/helpers/signer.js';
import {bookingTargets, simulatorPerTest} from '../helpers/simulator-per-test.js';

const perTest = simulatorPerTest();
let simulator: RunningSimulator | undefined;

async function start(options: SimulatorOptions): Promise<RunningInstance> {
	simulator = await perTest.start(options);
	return simulator.instances[0]!;
}

async function quickCheck(
	running: RunningInstance,
	extra: Partial<IntegrationTarget> = {},
	previous?: IntegrationReport,
): Promise<IntegrationReport> {
	const {target, integration} = bookingTargets(running, extra);
	const instance = await probeInstance(target);
	return probeIntegration(instance, target, integration, previous ? {previous} : {});
}

/** oauth/info with the stored token, signed correctly (by the independent test signer) for `signUrl`. */
async function tokenStillWorks(running: RunningInstance, signUrl?: string): Promise<number> {
	const client = running.spec.clients[0]!;
	const token = running.spec.tokens[0]!;
	const url = `${running.baseUrl}/ws/services/oauth/info`;
	const response = await signedFetch({
		method: 'GET',
		url,
		consumerKey: client.key,
		consumerSecret: client.secret,
		token: token.token,
		tokenSecret: token.secret,
		nowSeconds: Math.floor(running.now() / 1000),
		...(signUrl ? {signUrl} : {}),
	});
	await response.text();
	return response.status;
}

const servicesCalls = (running: RunningInstance) => running.state.log.filter(entry => entry.path.includes('/ws/services/')).length;

describe.each(['classic', 'carlos'] as const)('a new integration with a valid stored token (%s)', dialect => {
	it('wrong key: consumer-key-unknown, the token is not sent and still works', async () => {
		const running = await start({dialect});
		const report = await quickCheck(running, {consumerKey: 'wrongkey00000000'});
		expect(report.code).toBe('consumer-key-unknown');
		expect(report.probes.find(probe => probe.probe === 'token')).toMatchObject({code: 'token-skipped-unproven', skipped: true});
		expect(report.proof).toBeUndefined();
		expect(servicesCalls(running)).toBe(0);
		expect(await tokenStillWorks(running)).toBe(200);
	});

	it('wrong secret: consumer-secret-wrong (not token-revoked), the token is not sent and still works', async () => {
		const running = await start({dialect});
		const report = await quickCheck(running, {consumerSecret: 'not-the-secret-0000'});
		expect(report.code).toBe('consumer-secret-wrong');
		expect(report.credentials).toBe('rejected');
		expect(report.probes.some(probe => probe.code === 'proxy-url-ok')).toBe(false);
		expect(servicesCalls(running)).toBe(0);
		expect(await tokenStillWorks(running)).toBe(200);
	});

	it('behind a URL-rewriting proxy: proxy-url-mismatch, the token is not sent and still works', async () => {
		const running = await start({dialect, scenario: 'proxy-mismatch'});
		const report = await quickCheck(running);
		expect(report.code).toBe('proxy-url-mismatch');
		const evidence = report.probes.flatMap(probe => probe.evidence.map(item => `${item.label}: ${item.value}`)).join('\n');
		expect(evidence).toMatch(/URL Tomcat sees: https:\/\/127\.0\.0\.1:8443\//);
		expect(servicesCalls(running)).toBe(0);
		const tomcatUrl = `https://127.0.0.1:8443${new URL(running.baseUrl).pathname}/ws/services/oauth/info`;
		expect(await tokenStillWorks(running, tomcatUrl)).toBe(200);
	});

	it('a right configuration: proven by one request-token call, then the token is sent once', async () => {
		const running = await start({dialect});
		const report = await quickCheck(running);
		expect(report).toMatchObject({code: 'ok', requestTokensCreated: 1, proof: {by: 'request-token'}});
		expect(running.state.requestTokens.size).toBe(1);
		expect(servicesCalls(running)).toBe(1);
	});
});

describe('the proof of a configuration', () => {
	const inventoryFor = (running: RunningInstance, consumerSecret: string): Inventory => {
		const {integration} = bookingTargets(running);
		return {
			instances: [
				{
					name: running.name,
					baseUrl: running.baseUrl,
					integrations: [
						{
							name: 'booking',
							consumerKey: integration.consumerKey,
							consumerSecret,
							uri: integration.uri,
							accessToken: integration.accessToken,
							tokenSecret: integration.tokenSecret,
							expectedProvider: '999001',
							lifetime: -1,
							tags: [],
						},
					],
				},
			],
		};
	};

	/** One "process": an engine that records into the state file and reads its proofs from there. */
	async function processCheck(inventory: Inventory, state: StateStore): Promise<IntegrationReport> {
		const engine = createChecksEngine({
			inventory: () => inventory,
			resolveSecret: ref => ref,
			previousReports: () => state.latest(),
			onReports: reports => state.record(reports),
		});
		await engine.check({ids: ['oscar/booking']});
		const report = engine.getSnapshot().results.get('oscar/booking')!;
		engine.dispose();
		return report;
	}

	it('is kept in the state file: the next process sends the token at once, and healthy refreshes create no request token', async () => {
		const running = await start({});
		const dir = perTest.tempDir('token-safety-');
		const state = new StateStore(path.join(dir, 'config.json'));
		const inventory = inventoryFor(running, running.spec.clients[0]!.secret);
		expect((await processCheck(inventory, state)).code).toBe('ok');
		expect(running.state.requestTokens.size).toBe(1);
		const before = simulator!.requestCount();
		for (let round = 0; round < 3; round++) expect((await processCheck(inventory, state)).code).toBe('ok');
		expect(simulator!.requestCount() - before).toBe(3 * 2);
		expect(running.state.requestTokens.size).toBe(1);
		// The state file holds a fingerprint, never the secret.
		expect(fs.readFileSync(state.path, 'utf8')).not.toContain(running.spec.clients[0]!.secret);
	});

	it('a changed secret is a new configuration: proven again before the token goes, and not at all when wrong', async () => {
		const running = await start({});
		const proven = await quickCheck(running);
		expect(proven.proof).toBeDefined();
		const changed = await quickCheck(running, {consumerSecret: 'a-new-wrong-secret'}, proven);
		expect(changed.code).toBe('consumer-secret-wrong');
		expect(changed.proof).toBeUndefined();
		expect(servicesCalls(running)).toBe(1);
		// Back to the right secret: that configuration's proof was dropped with the report, so it is proven again.
		const initiates = () => running.state.log.filter(entry => entry.method === 'POST').length;
		const before = initiates();
		const again = await quickCheck(running, {}, changed);
		expect(again.code).toBe('ok');
		expect(initiates() - before).toBe(1);
	});

	it('a credentials finding drops the proof', async () => {
		const running = await start({});
		const secret = running.spec.clients[0]!.secret;
		const proven = await quickCheck(running);
		// OSCAR's REST client gets a new secret and the token is revoked: oauth/info refuses, the deep probe isolates.
		running.state.clients.get(running.spec.clients[0]!.key)!.secret = 'regenerated-in-oscar';
		running.state.accessTokens.clear();
		const report = await quickCheck(running, {consumerSecret: secret}, proven);
		expect(report.probes.map(probe => probe.code)).toEqual(expect.arrayContaining(['token-revoked', 'consumer-secret-wrong']));
		expect(report.code).toBe('consumer-secret-wrong');
		expect(report.proof).toBeUndefined();
	});
});
