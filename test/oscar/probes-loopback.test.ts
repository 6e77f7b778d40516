/**
 * The probes against tiny loopback servers that answer the way the reference says OSCAR does
 * (independent of the simulator): request counts per check, the token-safety guard, the
 * identity comparison, signatures checked by an independent verifier, and no secret in output.
 */
import type http from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import type {InstanceReport, IntegrationReport} from '../../source/core/report.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {type InstanceTarget, type IntegrationTarget, probeInstance, probeIntegration} from '../../source/oscar/probes/index.js';
import {verifySignature} from './helpers/independent-verifier.js';
import {closedPort, type Loopback, type Recorded, startLoopback} from './helpers/loopback.js';
import {provenReport} from '../helpers/proven.js';

const consumerSecret = 'Kx9CONSUMERsecret4711';
const tokenSecret = 'Tq2TOKENsecret0815';
const servers: Loopback[] = [];

afterEach(async () => {
	closeIdleConnections();
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

type Route = (request: http.IncomingMessage & {body: string}, response: http.ServerResponse) => void;

interface FakeOscar {
	/** Seconds added to the Date header; null sends none. */
	readonly clockOffset?: number | null;
	readonly initiate?: Route;
	readonly info?: Route;
	readonly index?: Route;
	readonly wadl?: Route;
}

const empty =
	(status: number): Route =>
	(_request, response) => {
		response.writeHead(status, {'content-length': '0'}).end();
	};

const identity =
	(providerNo: string, firstName: string, lastName: string): Route =>
	(_request, response) => {
		response.writeHead(200, {'content-type': 'application/json'}).end(
			JSON.stringify({
				provider: {providerNo, firstName, lastName, formattedName: `${lastName}, ${firstName}`},
				login: providerNo,
				roles: [],
			}),
		);
	};

/** Unsigned initiate -> 400 (classic: required parameters missing); signed -> 200 with a request token. */
const classicInitiate: Route = (request, response) => {
	if (request.headers.authorization) {
		response
			.writeHead(200, {'content-type': 'application/x-www-form-urlencoded'})
			.end('oauth_token=rt1&oauth_token_secret=rts1&oauth_callback_confirmed=true');
	} else {
		empty(400)(request, response);
	}
};

async function fakeOscar(spec: FakeOscar = {}): Promise<Loopback> {
	const server = await startLoopback((request, response) => {
		const offset = spec.clockOffset === undefined ? 0 : spec.clockOffset;
		if (offset === null) response.sendDate = false;
		else response.setHeader('date', new Date(Date.now() + offset * 1000).toUTCString());
		const pathname = (request.url ?? '').split('?')[0];
		const route =
			pathname === '/oscar/ws/oauth/initiate'
				? (spec.initiate ?? classicInitiate)
				: pathname === '/oscar/ws/services/oauth/info'
					? (spec.info ?? identity('999998', 'Booking', 'App'))
					: pathname === '/oscar/index.jsp'
						? (spec.index ?? empty(404))
						: pathname === '/oscar/ws/services' && (request.url ?? '').endsWith('?_wadl')
							? (spec.wadl ?? empty(404))
							: empty(404);
		route(request, response);
	});
	servers.push(server);
	return server;
}

function target(server: Loopback, extra: Partial<InstanceTarget> = {}): InstanceTarget {
	return {name: 'clinic', baseUrl: `${server.url}/oscar`, ...extra};
}

function integration(extra: Partial<IntegrationTarget> = {}): IntegrationTarget {
	return {
		id: 'clinic/booking',
		instance: 'clinic',
		name: 'booking',
		consumerKey: 'k1a2b3c4d5e6f7g8',
		consumerSecret,
		accessToken: 'at1a2b3c4d5e6f7',
		tokenSecret,
		uri: 'https://booking.example/connect',
		lifetime: -1,
		...extra,
	};
}

const infoRequests = (server: Loopback): Recorded[] =>
	server.requests.filter(request => request.url.startsWith('/oscar/ws/services/oauth/info'));
const codes = (report: InstanceReport | IntegrationReport): string[] => report.probes.map(probe => probe.code);
const text = (value: unknown): string => JSON.stringify(value);

/** A proven configuration unless `proven` is false (see test/oscar/token-safety.test.ts for unproven ones). */
function previousFor(server: Loopback, extra: Partial<IntegrationTarget> = {}, proven = true) {
	const wanted = integration(extra);
	return proven
		? {previous: provenReport({baseUrl: target(server).baseUrl, consumerKey: wanted.consumerKey, consumerSecret: wanted.consumerSecret})}
		: {};
}

async function checkAll(
	server: Loopback,
	integrationExtra: Partial<IntegrationTarget> = {},
	deep = false,
	proven = true,
): Promise<{instance: InstanceReport; report: IntegrationReport}> {
	const instance = await probeInstance(target(server), {deep});
	const report = await probeIntegration(instance, target(server), integration(integrationExtra), {
		deep,
		...previousFor(server, integrationExtra, proven),
	});
	expect(text(instance) + text(report)).not.toContain(consumerSecret);
	expect(text(instance) + text(report)).not.toContain(tokenSecret);
	return {instance, report};
}

describe('probeInstance (quick): one unsigned GET of initiate', () => {
	it('classic 400 -> REST on, clock measured, exactly one unsigned request', async () => {
		const server = await fakeOscar();
		const report = await probeInstance(target(server));
		expect(report.restModule).toBe('on');
		expect(codes(report)).toEqual(expect.arrayContaining(['rest-module-on', 'clock-ok']));
		expect(Math.abs(report.skewSeconds!)).toBeLessThanOrEqual(2);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({method: 'GET', url: '/oscar/ws/oauth/initiate'});
		expect(server.requests[0]!.headers.authorization).toBeUndefined();
	});

	it('CARLOS 405 text/plain for GET -> REST on', async () => {
		const server = await fakeOscar({
			initiate(_request, response) {
				response.writeHead(405, {'content-type': 'text/plain'}).end('method_not_allowed');
			},
		});
		const report = await probeInstance(target(server, {dialect: 'carlos'}));
		expect(report.restModule).toBe('on');
		expect(server.requests).toHaveLength(1);
	});

	it('404 "No service was found." -> rest-module-off (never signed)', async () => {
		const server = await fakeOscar({
			initiate(_request, response) {
				response.writeHead(404, {'content-type': 'text/html'}).end('<html><body>No service was found.</body></html>');
			},
			wadl(_request, response) {
				response.writeHead(200, {'content-type': 'text/html'}).end('<html><title>CXF - Service list</title></html>');
			},
		});
		const report = await probeInstance(target(server));
		expect(report.restModule).toBe('off');
		expect(codes(report)).toContain('rest-module-off');
		expect(text(report)).toContain('No service was found.');
		expect(server.requests[0]!.url).toBe('/oscar/ws/oauth/initiate');
		expect(server.requests.every(request => request.method === 'GET' && !request.headers.authorization)).toBe(true);
	});

	it('403 HTML from a WAF -> waf-blocked with the page title as evidence', async () => {
		const server = await fakeOscar({
			initiate(_request, response) {
				response
					.writeHead(403, {'content-type': 'text/html'})
					.end('<html><head><title>Attention Required! | Cloudflare</title></head><body>blocked</body></html>');
			},
		});
		const report = await probeInstance(target(server));
		expect(codes(report)).toContain('waf-blocked');
		expect(text(report)).toContain('Attention Required! | Cloudflare');
		expect(server.requests).toHaveLength(1);
	});

	it('3xx -> redirect-to-login, the Location is evidence and is not followed', async () => {
		const server = await fakeOscar({
			initiate(_request, response) {
				response.writeHead(302, {location: 'https://sso.example/login'}).end();
			},
		});
		const report = await probeInstance(target(server));
		expect(codes(report)).toContain('redirect-to-login');
		expect(text(report)).toContain('https://sso.example/login');
		expect(server.requests).toHaveLength(1);
	});

	it.each([
		[400, 'clock-skew', 'critical'],
		[-400, 'clock-skew', 'critical'],
		[-150, 'clock-skew-near', 'warning'],
		[60, 'clock-ok', 'ok'],
	] as const)('a server clock %i s off -> %s', async (offset, code, severity) => {
		const server = await fakeOscar({clockOffset: offset});
		const report = await probeInstance(target(server));
		expect(Math.abs(report.skewSeconds! - offset)).toBeLessThanOrEqual(2);
		expect(report.probes.find(probe => probe.probe === 'clock-skew')).toMatchObject({code, severity});
	});

	it('no Date header -> clock-unmeasured and no skew value', async () => {
		const server = await fakeOscar({clockOffset: null});
		const report = await probeInstance(target(server));
		expect(report.skewSeconds).toBeUndefined();
		expect(codes(report)).toContain('clock-unmeasured');
	});

	it('a closed port -> connection-refused, REST state unknown', async () => {
		const report = await probeInstance({name: 'gone', baseUrl: `http://127.0.0.1:${await closedPort()}/oscar`});
		expect(report.restModule).toBe('unknown');
		expect(codes(report)).toContain('connection-refused');
	});

	it('deep adds the index.jsp fingerprint (title, build tag, build date)', async () => {
		const server = await fakeOscar({
			index(_request, response) {
				response
					.writeHead(200, {'content-type': 'text/html'})
					.end(
						'<html><head><title>OSCAR McMaster</title></head><body><span id="buildInfo">build date: 2019-06-03 10:11 <br/> build tag: oscar-15.1-rc4</span></body></html>',
					);
			},
		});
		const report = await probeInstance(target(server), {deep: true});
		expect(report.fingerprint).toEqual({title: 'OSCAR McMaster', buildTag: 'oscar-15.1-rc4', buildDate: '2019-06-03 10:11'});
		expect(codes(report)).toContain('fingerprint-ok');
	});
});

describe('probeIntegration (quick): at most one signed GET of oauth/info', () => {
	it('healthy: one signed request that an independent verifier accepts; identity and expiry reported', async () => {
		const server = await fakeOscar();
		const {report} = await checkAll(server, {expectedProvider: '999998'});
		expect(report).toMatchObject({
			severity: 'ok',
			code: 'ok',
			token: 'ok',
			restModule: 'on',
			expiresAt: null,
			identity: {providerNo: '999998'},
		});
		const sent = infoRequests(server);
		expect(sent).toHaveLength(1);
		const verified = verifySignature(sent[0]!, server.url, consumerSecret, tokenSecret);
		expect(verified.valid).toBe(true);
		expect(verified.params.get('oauth_token')).toBe('at1a2b3c4d5e6f7');
		expect(Number(verified.params.get('oauth_timestamp'))).toBeCloseTo(Date.now() / 1000, -1);
		expect(server.requests).toHaveLength(2);
	});

	it.each([
		['query', 'HMAC-SHA1'],
		['header', 'PLAINTEXT'],
		['query', 'PLAINTEXT'],
		// A GET has no body: form transport falls back to the query instead of failing the check.
		['form', 'HMAC-SHA1'],
	] as const)('signs correctly with the %s transport and %s', async (transport, signatureMethod) => {
		const server = await fakeOscar();
		const {report} = await checkAll(server, {transport, signatureMethod});
		expect(report.code).toBe('ok');
		const sent = infoRequests(server);
		expect(sent).toHaveLength(1);
		expect(verifySignature(sent[0]!, server.url, consumerSecret, tokenSecret).valid).toBe(true);
		expect(sent[0]!.headers.authorization === undefined).toBe(transport !== 'header');
		expect(sent[0]!.method).toBe('GET');
	});

	// Matching the expected provider: one table of cases in test/helpers/provider-identity-cases.ts,
	// run through this probe against the simulator in test/oscar/expected-provider.test.ts.

	it('a human user instead of the dedicated one -> token-wrong-user naming who it acts as', async () => {
		const server = await fakeOscar({info: identity('100', 'Jane', 'Smith')});
		const {report} = await checkAll(server, {expectedProvider: 'Booking'});
		expect(report.code).toBe('token-wrong-user');
		expect(report.identity?.providerNo).toBe('100');
		expect(text(report.probes)).toContain('Smith, Jane');
	});

	it('|skew| >= 240 s: the token is NOT sent (classic OSCAR would delete it)', async () => {
		const server = await fakeOscar({clockOffset: 250});
		const {report} = await checkAll(server);
		expect(report.token).toBe('skipped');
		expect(codes(report)).toContain('token-skipped-skew');
		expect(report.severity).not.toBe('ok');
		expect(infoRequests(server)).toHaveLength(0);
		expect(server.requests.every(request => !request.headers.authorization && !request.url.includes('oauth_token'))).toBe(true);
	});

	it('unmeasured skew: the token is NOT sent', async () => {
		const server = await fakeOscar({clockOffset: null});
		const {report} = await checkAll(server);
		expect(report.token).toBe('skipped');
		expect(codes(report)).toContain('token-skipped-skew');
		expect(infoRequests(server)).toHaveLength(0);
	});

	it('skew just under the guard (200 s): sent, with a warning about the clock', async () => {
		const server = await fakeOscar({clockOffset: 200});
		const {report} = await checkAll(server);
		expect(infoRequests(server)).toHaveLength(1);
		expect(report.severity).toBe('warning');
		expect(report.code).toBe('clock-skew-near');
	});

	it('a token past its known lifetime is not sent: token-expired with the expiry time', async () => {
		const server = await fakeOscar();
		const issuedAt = Math.floor(Date.now() / 1000) - 7200;
		const {report} = await checkAll(server, {issuedAt, lifetime: 3600});
		expect(report).toMatchObject({code: 'token-expired', token: 'expired', expiresAt: issuedAt + 3600});
		expect(infoRequests(server)).toHaveLength(0);
	});

	it('a token expiring within 7 days -> token-expiring warning', async () => {
		const server = await fakeOscar();
		const issuedAt = Math.floor(Date.now() / 1000) - 100;
		const {report} = await checkAll(server, {issuedAt, lifetime: 3 * 86_400});
		expect(report).toMatchObject({code: 'token-expiring', severity: 'warning', expiresAt: issuedAt + 3 * 86_400});
	});

	it('no token yet -> token-missing (a warning, step 9), nothing signed sent', async () => {
		const server = await fakeOscar();
		const {report} = await checkAll(server, {accessToken: undefined, tokenSecret: undefined});
		expect(report).toMatchObject({code: 'token-missing', severity: 'warning', token: 'missing'});
		expect(server.requests).toHaveLength(1);
	});

	it('401 on oauth/info -> token-revoked, and the token is sent once only', async () => {
		const server = await fakeOscar({
			info(_request, response) {
				response.writeHead(401, {'www-authenticate': 'OAuth', 'content-length': '0'}).end();
			},
		});
		const {report} = await checkAll(server);
		expect(codes(report)).toContain('token-revoked');
		expect(report.severity).toBe('critical');
		expect(infoRequests(server)).toHaveLength(1);
	});

	it('"Sorry, there was an error building your resposne" -> token-no-provider', async () => {
		const server = await fakeOscar({
			info(_request, response) {
				response
					.writeHead(200, {'content-type': 'text/plain'})
					.end('Sorry, there was an error building your resposne: java.lang.NullPointerException');
			},
		});
		const {report} = await checkAll(server);
		expect(report.code).toBe('token-no-provider');
	});

	it('500 "No message body writer" -> json-provider-missing', async () => {
		const server = await fakeOscar({
			info(_request, response) {
				response
					.writeHead(500, {'content-type': 'text/plain'})
					.end('No message body writer has been found for response class OAuthStatusResponse.');
			},
		});
		const {report} = await checkAll(server);
		expect(report.code).toBe('json-provider-missing');
	});

	it('no signed request when the instance is unreachable', async () => {
		const baseUrl = `http://127.0.0.1:${await closedPort()}/oscar`;
		const instance = await probeInstance({name: 'clinic', baseUrl});
		const report = await probeIntegration(instance, {name: 'clinic', baseUrl}, integration());
		expect(report.code).toBe('connection-refused');
		expect(report.token).not.toBe('ok');
	});
});

describe('secrets never leave in reports, whatever fails', () => {
	it('a hanging oauth/info with PLAINTEXT over the query transport: the timeout evidence holds no secret', async () => {
		const server = await fakeOscar({info: () => undefined});
		const instance = await probeInstance(target(server));
		const report = await probeIntegration(instance, target(server), integration({transport: 'query', signatureMethod: 'PLAINTEXT'}), {
			timeoutMs: 300,
			...previousFor(server),
		});
		expect(codes(report)).toContain('timeout-response');
		expect(text(report)).not.toContain(consumerSecret);
		expect(text(report)).not.toContain(tokenSecret);
	});

	it('deep checks with a rejected secret: no secret in any probe', async () => {
		// Every initiate, signed or not, is refused: the secret is wrong whatever URL it is signed for.
		const server = await fakeOscar({initiate: empty(400)});
		const {report} = await checkAll(server, {signatureMethod: 'PLAINTEXT', transport: 'query'}, true);
		expect(codes(report)).toContain('consumer-secret-wrong');
		expect(report.credentials).toBe('rejected');
		// The secret did travel (in the query), so the redaction above was really exercised.
		expect(server.requests.some(request => request.url.includes(consumerSecret))).toBe(true);
	});
});
