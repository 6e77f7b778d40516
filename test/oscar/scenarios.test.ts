/**
 * Every simulator scenario, checked over real loopback HTTP(S) by the real probes: each field
 * failure yields its diagnosis code, with the evidence that proves it.
 */
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {probeInstance, probeIntegration, type InstanceTarget, type IntegrationTarget} from '../../source/oscar/probes/index.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {startSimulator, type RunningSimulator, type ScenarioName, type SimulatorOptions} from '../../source/simulator/index.js';
import type {IntegrationReport} from '../../source/core/report.js';
import {provenReport} from '../helpers/proven.js';

let simulator: RunningSimulator | undefined;

afterEach(async () => {
	closeIdleConnections();
	await simulator?.close();
	simulator = undefined;
});

interface Setup {
	readonly options?: SimulatorOptions;
	readonly integration?: Partial<IntegrationTarget>;
	readonly instance?: Partial<InstanceTarget>;
	readonly deep?: boolean;
	readonly timeoutMs?: number;
	/** Start from a report that proved this configuration (default true: the token is sent at once). */
	readonly proven?: boolean;
}

async function check(scenario: ScenarioName | undefined, setup: Setup = {}): Promise<{report: IntegrationReport; sim: RunningSimulator}> {
	simulator = await startSimulator({...(scenario ? {scenario} : {}), latencyMs: 0, ...setup.options});
	const running = simulator.instances[0]!;
	const client = running.spec.clients[0]!;
	const token = running.spec.tokens[0];
	const target: InstanceTarget = {
		name: running.name,
		baseUrl: running.baseUrl,
		caFile: simulator.caFile,
		dialect: running.spec.dialect,
		...setup.instance,
	};
	const integration: IntegrationTarget = {
		id: `${running.name}/booking`,
		instance: running.name,
		name: 'booking',
		consumerKey: client.key,
		consumerSecret: client.secret,
		uri: client.uri,
		callback: `${client.uri}/callback`,
		...(token ? {accessToken: token.token, tokenSecret: token.secret} : {}),
		expectedProvider: '999001',
		...setup.integration,
	};
	const options = {deep: setup.deep === true, timeoutMs: setup.timeoutMs ?? 5000};
	const instanceReport = await probeInstance(target, options);
	const previous = setup.proven === false ? {} : {previous: provenReport({...target, ...integration})};
	const report = await probeIntegration(instanceReport, target, integration, {...options, ...previous});
	return {report, sim: simulator};
}

function evidenceText(report: IntegrationReport): string {
	return report.probes.flatMap(probe => probe.evidence.map(item => `${item.label}: ${item.value}`)).join('\n');
}

describe('probes against the simulator, one scenario each', () => {
	it('healthy: one instance request plus one signed oauth/info, identity verified', async () => {
		const {report, sim} = await check('healthy');
		expect(report.code).toBe('ok');
		expect(report.severity).toBe('ok');
		expect(report.identity?.providerNo).toBe('999001');
		expect(report.restModule).toBe('on');
		expect(Math.abs(report.skewSeconds!)).toBeLessThanOrEqual(1);
		expect(sim.requestCount()).toBe(2);
	});

	it('the same in the CARLOS dialect', async () => {
		const {report} = await check('healthy', {options: {dialect: 'carlos'}, instance: {dialect: 'carlos'}});
		expect(report.code).toBe('ok');
		expect(report.identity?.providerNo).toBe('999001');
	});

	const simple: Array<[ScenarioName, string, RegExp]> = [
		['rest-off', 'rest-module-off', /No service was found/],
		['oauth-beans-missing', 'oauth-beans-missing', /WADL.*XML/],
		['wrong-context-path', 'wrong-context-path', /OSCAR answers at: http:\/\/127\.0\.0\.1:\d+\/oscar15/],
		['waf-403', 'waf-blocked', /HTTP status: 403/],
		['redirect-login', 'redirect-to-login', /Location: .*index\.jsp/],
		['json-provider-missing', 'json-provider-missing', /No message body writer/],
		['no-provider', 'token-no-provider', /Sorry, there was an error/],
		['wrong-user', 'token-wrong-user', /Acts as: Smith, Jane \(providerNo 100001\)/],
		['tls-self-signed', 'tls-self-signed', /DEPTH_ZERO_SELF_SIGNED_CERT/],
		['tls-expired', 'tls-expired', /CERT_HAS_EXPIRED/],
		['tls-wrong-host', 'tls-wrong-host', /ERR_TLS_CERT_ALTNAME_INVALID/],
		['huge-body', 'body-too-large', /over \d+ bytes/],
	];
	for (const [scenario, code, evidence] of simple) {
		it(`${scenario} -> ${code}`, async () => {
			const {report} = await check(scenario);
			expect(report.code).toBe(code);
			expect(report.severity).toBe('critical');
			expect(evidenceText(report)).toMatch(evidence);
		});
	}

	it('clock-offset: the skew is measured and the token is NOT sent, so OSCAR keeps it', async () => {
		const {report, sim} = await check('clock-offset');
		expect(report.code).toBe('clock-skew');
		expect(report.skewSeconds).toBeGreaterThanOrEqual(599);
		expect(report.token).toBe('skipped');
		expect(report.probes.some(probe => probe.code === 'token-skipped-skew')).toBe(true);
		expect(sim.requestCount()).toBe(1);
		expect(sim.instances[0]!.state.accessTokens.size).toBe(1);
	});

	it('a skew near the window is a warning and still safe to probe below 240 s', async () => {
		const {report} = await check('healthy', {options: {fleet: {instances: [{name: 'oscar', clockOffsetSeconds: 150}]}}});
		expect(report.code).toBe('clock-skew-near');
		expect(report.severity).toBe('warning');
		expect(report.token).toBe('ok');
	});

	it('slow -> slow-response warning, the connection otherwise healthy', async () => {
		const {report} = await check('slow', {options: {latencyMs: 2100}});
		expect(report.code).toBe('slow-response');
		expect(report.severity).toBe('warning');
		expect(report.token).toBe('ok');
	});

	it('hang -> timeout-response naming the phase', async () => {
		const {report} = await check('hang', {timeoutMs: 400});
		expect(report.code).toBe('timeout-response');
		expect(evidenceText(report)).toMatch(/Timed-out phase: response/);
	});

	it('revoked-token -> token-revoked; the automatic deep check proves the key is fine', async () => {
		const {report} = await check('revoked-token');
		expect(report.code).toBe('token-revoked');
		expect(report.credentials).toBe('ok');
	});

	it('expired-token with a known lifetime -> token-expired without sending it', async () => {
		const {report, sim} = await check('expired-token', {integration: {issuedAt: Math.floor(Date.now() / 1000) - 7200, lifetime: 3600}});
		expect(report.code).toBe('token-expired');
		expect(sim.requestCount()).toBe(1);
	});

	it('proxy-mismatch -> proxy-url-mismatch naming the URL Tomcat sees and the connector fix', async () => {
		const {report} = await check('proxy-mismatch', {deep: true, integration: {accessToken: undefined, tokenSecret: undefined}});
		expect(report.code, evidenceText(report)).toBe('proxy-url-mismatch');
		expect(evidenceText(report)).toMatch(/URL Tomcat sees: https:\/\/127\.0\.0\.1:8443\/oscar/);
		expect(evidenceText(report)).toMatch(/proxyName="127\.0\.0\.1"/);
	});

	it('a wrong consumer key -> consumer-key-unknown (401 on signed initiate)', async () => {
		const {report} = await check('healthy', {deep: true, integration: {consumerKey: 'aaaaaaaaaaaaaaaa'}});
		expect(report.code).toBe('consumer-key-unknown');
		expect(report.credentials).toBe('bad-key');
	});

	it('a wrong consumer secret -> consumer-secret-wrong after ruling out the callback and proxy URLs', async () => {
		const {report} = await check('healthy', {
			deep: true,
			integration: {consumerSecret: 'wrong-secret-1234', accessToken: undefined, tokenSecret: undefined},
		});
		expect(report.code).toBe('consumer-secret-wrong');
		expect(report.credentials).toBe('rejected');
	});

	it('a callback the registered URI does not prefix -> callback-rejected naming both', async () => {
		const {report} = await check('healthy', {deep: true, integration: {callback: 'http://localhost:9999/cb'}});
		expect(report.code).toBe('callback-rejected');
		expect(evidenceText(report)).toContain('Registered URI: http://127.0.0.1:8765');
	});

	it('no token yet -> token-missing warning, onboarding step 9', async () => {
		const {report} = await check('healthy', {integration: {accessToken: undefined, tokenSecret: undefined}});
		expect(report.code).toBe('token-missing');
		expect(report.severity).toBe('warning');
	});

	it('a trusted TLS instance is healthy; without the CA it is tls-unknown-ca; with the insecure flag a warning', async () => {
		const fleet = {instances: [{name: 'oscar', tls: true}]};
		expect((await check(undefined, {options: {fleet}})).report.code).toBe('ok');
		await simulator?.close();
		expect((await check(undefined, {options: {fleet}, instance: {caFile: undefined}})).report.code).toBe('tls-unknown-ca');
		await simulator?.close();
		const insecure = await check(undefined, {options: {fleet}, instance: {caFile: undefined, insecureTls: true}});
		expect(insecure.report.code).toBe('tls-insecure-accepted');
		expect(insecure.report.severity).toBe('warning');
	});
});

describe('network failures are diagnoses, not stack traces', () => {
	it('a closed port -> connection-refused', async () => {
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
		const report = await probeInstance({name: 'x', baseUrl: `http://127.0.0.1:${port}/oscar`});
		expect(report.probes[0]!.code).toBe('connection-refused');
	});

	it('a name that does not resolve -> dns-not-found', async () => {
		const report = await probeInstance({name: 'x', baseUrl: 'http://clinic.invalid/oscar'}, {timeoutMs: 3000});
		expect(report.probes[0]!.code).toBe('dns-not-found');
	});
});
