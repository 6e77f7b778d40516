/**
 * Field behaviours the simulator reproduces (issue "Field truth"): the NullPointerException stack
 * trace some deployments answer for an unknown access token, a token authorized without a logged-in
 * user (401 everywhere, kept), CARLOS's initiate codes for a bad signature, a stale timestamp, a URL
 * rewritten by a proxy and a replayed nonce, and CARLOS's callback rule.
 */
import {describe, expect, it} from 'vitest';
import {carlosCallbackRejection, normalizeCarlosCallback} from '../../source/simulator/field-answers.js';
import {creds, expectEmpty, sim} from './helpers/fixture.js';
import {consentWithoutLogin} from './helpers/consent-without-login.js';

async function plain(response: Response, status: number, body: string) {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
	expect(await response.text()).toBe(body);
}

describe('classic: an access token OSCAR does not know', () => {
	it('answers 401 with an empty body by default', async () => {
		const oscar = (await sim({scenario: 'revoked-token'})).instance('oscar');
		const response = await creds(oscar).call('/ws/services/oauth/info');
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe('OAuth');
		await expectEmpty(response);
	});

	it('answers 500 text/plain with the NullPointerException stack trace in the npe-500 deployment mode', async () => {
		const oscar = (await sim({fleet: {instances: [{name: 'oscar', scenario: 'revoked-token', unknownTokenAnswer: 'npe-500'}]}})).instance(
			'oscar',
		);
		const response = await creds(oscar).call('/ws/services/oauth/info');
		expect(response.status).toBe(500);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		const body = await response.text();
		expect(body.startsWith('java.lang.NullPointerException\n\tat oscar.login.OscarOAuthDataProvider.getAccessToken(')).toBe(true);
		expect(body.split('\n\tat ').length).toBeGreaterThan(4);
		// A known token is still served normally in that mode.
		const healthy = (await sim({fleet: {instances: [{name: 'oscar', unknownTokenAnswer: 'npe-500'}]}})).instance('oscar');
		expect((await creds(healthy).call('/ws/services/oauth/info')).status).toBe(200);
	});

	it('refuses an unknown mode in the fleet', async () => {
		await expect(sim({fleet: {instances: [{name: 'oscar', unknownTokenAnswer: 'npe' as '401'}]}})).rejects.toThrow(/unknownTokenAnswer/);
	});
});

describe('classic: a token authorized without a logged-in user (providerNo NULL)', () => {
	it('is issued, then answers 401 on every resource including oauth/info, and is kept', async () => {
		const oscar = (await sim({fleet: {instances: [{name: 'oscar', tokens: []}]}})).instance('oscar');
		const {client} = creds(oscar);
		const access = await consentWithoutLogin(oscar, client);
		expect(oscar.state.accessTokens.get(access.token)?.providerNo).toBeNull();
		for (const path of ['/ws/services/oauth/info', '/ws/services/providerService/provider/me']) {
			const response = await creds(oscar).call(path, {token: access.token, tokenSecret: access.secret});
			expect(response.status).toBe(401);
			await expectEmpty(response);
		}

		expect(oscar.state.accessTokens.has(access.token)).toBe(true);
	});

	it('the no-provider scenario binds the token to a deleted provider: oauth/info says "Sorry, ..."', async () => {
		const oscar = (await sim({scenario: 'no-provider'})).instance('oscar');
		const response = await creds(oscar).call('/ws/services/oauth/info');
		expect(response.status).toBe(200);
		expect(await response.text()).toMatch(/^Sorry, there was an error building your resposne/);
	});
});

describe('a proxy that strips the Date header', () => {
	it('dateHeader: false sends no Date on any answer', async () => {
		const oscar = (await sim({fleet: {instances: [{name: 'oscar', dateHeader: false}]}})).instance('oscar');
		const unsigned = await fetch(`${oscar.baseUrl}/ws/oauth/initiate`);
		expect(unsigned.status).toBe(400);
		expect(unsigned.headers.get('date')).toBeNull();
		expect((await creds(oscar).call('/ws/services/oauth/info')).headers.get('date')).toBeNull();
	});
});

describe('CARLOS initiate: every code', () => {
	const fleet = (extra: object = {}) => ({fleet: {instances: [{name: 'east', dialect: 'carlos' as const, ...extra}]}});

	it('401 invalid_signature for a wrong secret, a stale timestamp and a URL rewritten by a proxy; 401 nonce_replayed', async () => {
		const carlos = (await sim(fleet())).instance('east');
		const {initiate, now} = creds(carlos);
		await plain(await initiate({consumerSecret: 'wrong-secret'}), 401, 'invalid_signature');
		await plain(await initiate({timestamp: now() - 301}), 401, 'invalid_signature');
		await plain(await initiate({timestamp: now() + 400}), 401, 'invalid_signature');
		expect((await initiate({nonce: 'n-1', timestamp: now()})).status).toBe(200);
		await plain(await initiate({nonce: 'n-1', timestamp: now()}), 401, 'nonce_replayed');
		// A bad signature does not record the nonce: the same nonce with a good signature still works.
		await plain(await initiate({nonce: 'n-2', timestamp: now(), consumerSecret: 'wrong-secret'}), 401, 'invalid_signature');
		expect((await initiate({nonce: 'n-2', timestamp: now()})).status).toBe(200);

		const proxied = (await sim(fleet({scenario: 'proxy-mismatch', contextPath: '/carlos'}))).instance('east');
		const behind = creds(proxied);
		await plain(await behind.initiate(), 401, 'invalid_signature');
		const tomcat = `https://127.0.0.1:8443/carlos/ws/oauth/initiate`;
		expect((await behind.initiate({signUrl: tomcat})).status).toBe(200);
	});
});

describe('CARLOS callback rule: a prefix at a path boundary after normalisation', () => {
	const cases: ReadonlyArray<readonly [registered: string, requested: string, allowed: boolean]> = [
		['http://127.0.0.1:8765', 'http://127.0.0.1:8765/callback', true],
		['http://127.0.0.1:8765/', 'http://127.0.0.1:8765/callback', true],
		['HTTP://LOCALHOST:8765', 'http://localhost:8765/callback', true],
		['http://127.0.0.1:8765/oscar/callback', 'http://127.0.0.1:8765/oscar/callback', true],
		['http://127.0.0.1:8765/oscar/callback', 'http://127.0.0.1:8765/oscar/callback/x', true],
		['http://127.0.0.1:8765/oscar/callback', 'http://127.0.0.1:8765/oscar/callbackx', false],
		['http://127.0.0.1:8765/cb?x=1', 'http://127.0.0.1:8765/cb?x=1', true],
		['http://127.0.0.1:8765/cb?x=1', 'http://127.0.0.1:8765/cb?x=1&y=2', true],
		['http://127.0.0.1:8765/cb?x=1', 'http://127.0.0.1:8765/cb?x=10', false],
		['http://127.0.0.1:', 'http://127.0.0.1:9000/callback', false],
		['https://vendor.example:443/cb', 'https://vendor.example/cb', true],
		['https://vendor.example/cb', 'https://vendor.example/cb/../cb', true],
		['oob', 'OOB', true],
		['oob', 'http://127.0.0.1:8765/callback', false],
		['http://127.0.0.1:8765', 'oob', false],
		['', 'http://127.0.0.1:8765/callback', false],
	];

	it.each(cases)('registered %j, callback %j -> allowed %j', (registered, requested, allowed) => {
		expect(carlosCallbackRejection(requested, registered) === undefined).toBe(allowed);
	});

	it('a callback that is not http(s) is invalid_callback_scheme', () => {
		expect(carlosCallbackRejection('ftp://127.0.0.1/cb', 'http://127.0.0.1:8765')?.body).toBe('invalid_callback_scheme');
		expect(normalizeCarlosCallback('http://EXAMPLE.org:80')).toBe('http://example.org/');
	});

	it('the simulator applies it at initiate', async () => {
		const carlos = (
			await sim({
				fleet: {
					instances: [
						{
							name: 'east',
							dialect: 'carlos',
							clients: [
								{
									name: 'web',
									key: 'carlosweb0000001',
									secret: 'carlos-web-secret',
									uri: 'http://127.0.0.1:8765/oscar/callback',
									lifetime: -1,
								},
							],
						},
					],
				},
			})
		).instance('east');
		const {initiate} = creds(carlos);
		expect((await initiate({oauth: {oauth_callback: 'http://127.0.0.1:8765/oscar/callback'}})).status).toBe(200);
		await plain(await initiate({oauth: {oauth_callback: 'http://127.0.0.1:8765/oscar/callbackx'}}), 400, 'callback_uri not allowed');
	});
});
