import {describe, expect, it} from 'vitest';
import {parseFleet} from '../../source/simulator/index.js';
import {creds, expectEmpty, sim} from './helpers/fixture.js';
import {authorizationHeader, formAnswer, signParams, signedFetch} from './helpers/signer.js';

describe('classic initiate', () => {
	it('issues a request token and answers with the server clock in Date', async () => {
		const simulator = await sim();
		const oscar = simulator.instance('oscar');
		oscar.setClockOffset(1000);
		const {initiate, now} = creds(oscar);
		const response = await initiate();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
		const answer = formAnswer(await response.text());
		expect(answer.oauth_callback_confirmed).toBe('true');
		expect(oscar.state.requestTokens.get(answer.oauth_token!)?.secret).toBe(answer.oauth_token_secret);
		const date = Date.parse(response.headers.get('date')!) / 1000;
		expect(Math.abs(date - now())).toBeLessThan(3);
		expect(date - Date.now() / 1000).toBeGreaterThan(990);
	});

	it('checks required params, then the client, then the validator, then the callback', async () => {
		const oscar = (await sim()).instance('oscar');
		const {initiate, client} = creds(oscar);
		// Unknown key AND no callback: required params come first -> 400.
		let response = await initiate({consumerKey: 'nosuchkey0000000', oauth: {}});
		expect(response.status).toBe(400);
		await expectEmpty(response);
		response = await initiate({consumerKey: 'nosuchkey0000000', consumerSecret: 'whatever'});
		expect(response.status).toBe(401);
		await expectEmpty(response);
		expect(response.headers.get('www-authenticate')).toBeNull();
		// Known key with a wrong secret AND a bad callback: the validator answers first (400 either way).
		response = await initiate({consumerSecret: 'wrong-secret', oauth: {oauth_callback: 'https://evil.example/cb'}});
		expect(response.status).toBe(400);
		await expectEmpty(response);
		for (const extra of [
			{timestamp: 'soon'},
			{oauth: {oauth_callback: `${client.uri}/cb`, oauth_version: '1.0a'}},
			{signatureMethod: 'RSA-SHA1'},
		]) {
			response = await initiate(extra);
			expect(response.status, JSON.stringify(extra)).toBe(500);
			await expectEmpty(response);
		}

		for (const extra of [{oauth: {oauth_callback: `${client.uri}/cb`, oauth_version: '2.0'}}, {signatureMethod: 'HMAC-SHA256'}]) {
			response = await initiate(extra);
			expect(response.status, JSON.stringify(extra)).toBe(400);
		}

		expect(oscar.state.requestTokens.size).toBe(0);
		expect((await initiate({signatureMethod: 'PLAINTEXT'})).status).toBe(200);
		expect((await initiate({transport: 'query'})).status).toBe(200);
		expect((await initiate({transport: 'form'})).status).toBe(200);
	});

	it('rejects a duplicated oauth parameter (header and query) with 400', async () => {
		const oscar = (await sim()).instance('oscar');
		const {client, now} = creds(oscar);
		const params = signParams({
			method: 'POST',
			url: `${oscar.baseUrl}/ws/oauth/initiate`,
			consumerKey: client.key,
			consumerSecret: client.secret,
			oauth: {oauth_callback: `${client.uri}/cb`},
			nowSeconds: now(),
		});
		const response = await fetch(`${oscar.baseUrl}/ws/oauth/initiate?oauth_nonce=${params.oauth_nonce!}`, {
			method: 'POST',
			headers: {Authorization: authorizationHeader(params)},
		});
		expect(response.status).toBe(400);
	});

	it('accepts callbacks that start with the registered URI (raw prefix), oob only for a prefix of "oob"', async () => {
		const base = {secret: 'cb-secret-1234', lifetime: -1};
		const simulator = await sim({
			fleet: {
				instances: [
					{
						name: 'oscar',
						clients: [
							{...base, name: 'loopback', key: 'aaaaaaaaaaaaaaa1', uri: 'http://127.0.0.1:8765'},
							{...base, name: 'oob', key: 'aaaaaaaaaaaaaaa2', uri: 'oob'},
							{...base, name: 'blank', key: 'aaaaaaaaaaaaaaa3', uri: ''},
						],
					},
				],
			},
		});
		const oscar = simulator.instance('oscar');
		const {initiate} = creds(oscar);
		const status = async (key: string, callback: string) =>
			(await initiate({consumerKey: key, consumerSecret: base.secret, oauth: {oauth_callback: callback}})).status;
		expect(await status('aaaaaaaaaaaaaaa1', 'http://127.0.0.1:8765/callback')).toBe(200);
		expect(await status('aaaaaaaaaaaaaaa1', 'http://127.0.0.1:87651/x')).toBe(200); // raw prefix, not URL-aware
		expect(await status('aaaaaaaaaaaaaaa1', 'http://localhost:8765/callback')).toBe(400);
		expect(await status('aaaaaaaaaaaaaaa1', 'http://127.0.0.1:876')).toBe(400);
		expect(await status('aaaaaaaaaaaaaaa1', 'oob')).toBe(400);
		expect(await status('aaaaaaaaaaaaaaa2', 'oob')).toBe(200);
		expect(await status('aaaaaaaaaaaaaaa3', 'http://127.0.0.1:8765/callback')).toBe(400);
		expect(await status('aaaaaaaaaaaaaaa3', 'oob')).toBe(400);
	});

	it('keeps one nonce store per endpoint and records the nonce before the signature check', async () => {
		const oscar = (await sim()).instance('oscar');
		const {initiate, call, now} = creds(oscar);
		const timestamp = now();
		expect((await initiate({nonce: 'n-1', timestamp})).status).toBe(200);
		expect((await initiate({nonce: 'n-1', timestamp})).status).toBe(400);
		// The services filter has its own store: the same nonce and timestamp pass there once.
		expect((await call('/ws/services/oauth/info', {nonce: 'n-1', timestamp})).status).toBe(200);
		// A bad signature consumes the nonce: the correct retry with it is then a replay.
		expect((await initiate({nonce: 'n-2', timestamp, consumerSecret: 'bad'})).status).toBe(400);
		expect((await initiate({nonce: 'n-2', timestamp})).status).toBe(400);
		expect((await initiate({nonce: 'n-3', timestamp})).status).toBe(200);
		expect(oscar.state.nonces.initiate.size).toBe(3);
		expect(oscar.state.nonces.services.size).toBe(1);
	});

	it('enforces the +-300 s window against the server clock (offset included)', async () => {
		const oscar = (await sim()).instance('oscar');
		const {initiate, now} = creds(oscar);
		expect((await initiate({timestamp: now() - 290})).status).toBe(200);
		expect((await initiate({timestamp: now() + 290})).status).toBe(200);
		expect((await initiate({timestamp: now() - 310})).status).toBe(400);
		expect((await initiate({timestamp: now() + 310})).status).toBe(400);
		oscar.setClockOffset(400);
		expect((await initiate({timestamp: Math.floor(Date.now() / 1000)})).status).toBe(400);
		expect((await initiate({timestamp: now()})).status).toBe(200);
	});
});

describe('classic /ws/services', () => {
	it('answers oauth/info for a good token and 401 + WWW-Authenticate: OAuth with an empty body otherwise', async () => {
		const oscar = (await sim()).instance('oscar');
		const {call, token} = creds(oscar);
		const ok = await call('/ws/services/oauth/info');
		expect(ok.status).toBe(200);
		const info = (await ok.json()) as {provider: {providerNo: string; formattedName: string}; login: string; roles: unknown[]};
		expect(info.provider.providerNo).toBe('999001');
		expect(info.provider.formattedName).toBe('App, Booking');
		expect(info.login).toBe('999001');
		expect(info.roles).toEqual([]);

		const bare = await fetch(`${oscar.baseUrl}/ws/services/oauth/info`);
		expect(bare.status).toBe(401);
		expect(bare.headers.get('www-authenticate')).toBe('OAuth');
		await expectEmpty(bare);
		const unknownConsumer = await call('/ws/services/oauth/info', {consumerKey: 'zzzzzzzzzzzzzzzz'});
		expect(unknownConsumer.status).toBe(401);
		const unknownToken = await call('/ws/services/oauth/info', {token: 'zzzzzzzzzzzzzzzz'});
		expect(unknownToken.status).toBe(401);
		expect(oscar.state.accessTokens.has(token.token)).toBe(true);
	});

	it('DELETES a known access token after one failed validation (wrong secret, skew, replay)', async () => {
		for (const breakIt of ['secret', 'skew', 'replay'] as const) {
			const oscar = (await sim()).instance('oscar');
			const {call, token, now} = creds(oscar);
			if (breakIt === 'replay') {
				expect((await call('/ws/services/oauth/info', {nonce: 'same', timestamp: now()})).status).toBe(200);
			}

			const bad =
				breakIt === 'secret'
					? {tokenSecret: 'not-the-secret'}
					: breakIt === 'skew'
						? {timestamp: now() - 400}
						: {nonce: 'same', timestamp: now()};
			const response = await call('/ws/services/oauth/info', bad);
			expect(response.status, breakIt).toBe(401);
			expect(response.headers.get('www-authenticate')).toBe('OAuth');
			await expectEmpty(response);
			expect(oscar.state.accessTokens.has(token.token), breakIt).toBe(false);
			expect((await call('/ws/services/oauth/info')).status, breakIt).toBe(401);
		}
	});

	it('applies the lifetime: -1 never expires, 0 expires within the second, N after N seconds (and deletes)', async () => {
		const start = Math.floor(Date.now() / 1000);
		const client = {name: 'c', key: 'lifetimeclient01', secret: 'lifetime-secret', uri: 'http://127.0.0.1:8765', lifetime: -1};
		const token = (name: string, lifetime: number, issuedAt: number) => ({
			clientKey: client.key,
			token: name,
			secret: `${name}-s`,
			providerNo: '999001',
			lifetime,
			issuedAt,
		});
		const oscar = (
			await sim({
				fleet: {
					instances: [
						{
							name: 'oscar',
							clients: [client],
							tokens: [token('forever', -1, start - 5 * 365 * 86_400), token('zero', 0, start), token('hundred', 100, start)],
						},
					],
				},
			})
		).instance('oscar');
		const {call} = creds(oscar);
		const info = async (name: string) => (await call('/ws/services/oauth/info', {token: name, tokenSecret: `${name}-s`})).status;
		expect(await info('forever')).toBe(200);
		expect(await info('hundred')).toBe(200);
		oscar.setClockOffset(2);
		expect(await info('zero')).toBe(401);
		expect(oscar.state.accessTokens.has('zero')).toBe(false);
		oscar.setClockOffset(150);
		expect(await info('hundred')).toBe(401);
		expect(oscar.state.accessTokens.has('hundred')).toBe(false);
		expect(await info('forever')).toBe(200);
		expect(
			parseFleet('{"instances":[{"name":"x","clients":[{"key":"k","secret":"s","lifetime":""}]}]}').instances[0]!.clients![0]!.lifetime,
		).toBe(0);
	});

	it('publishes WADL without authentication, 404s /ws/services and unknown roots without an auth check, 401s /ws/rs', async () => {
		const oscar = (await sim()).instance('oscar');
		const wadl = await fetch(`${oscar.baseUrl}/ws/services?_wadl`);
		expect(wadl.status).toBe(200);
		expect(wadl.headers.get('content-type')).toContain('xml');
		expect(await wadl.text()).toMatch(/^<\?xml[\s\S]*<resource path="\/oauth">/);
		const noSlash = await fetch(`${oscar.baseUrl}/ws/services`);
		expect(noSlash.status).toBe(404);
		await expectEmpty(noSlash);
		const list = await fetch(`${oscar.baseUrl}/ws/services/`);
		expect(await list.text()).toContain('/ws/services?_wadl');
		const unknown = await fetch(`${oscar.baseUrl}/ws/services/demographics/1`);
		expect(unknown.status).toBe(404);
		await expectEmpty(unknown);
		expect((await fetch(`${oscar.baseUrl}/ws/rs/providerService/provider/me`)).status).toBe(401);
	});
});

describe('classic pages', () => {
	it('redirects {base}/ to logout.jsp then index.jsp, which carries the title and build info', async () => {
		const oscar = (await sim({fleet: {instances: [{name: 'oscar', buildTag: 'tag-xyz-42'}]}})).instance('oscar');
		const root = await fetch(`${oscar.baseUrl}/`, {redirect: 'manual'});
		expect(root.status).toBe(302);
		expect(root.headers.get('location')).toBe(`${oscar.baseUrl}/logout.jsp`);
		const logout = await fetch(root.headers.get('location')!, {redirect: 'manual'});
		expect(logout.status).toBe(302);
		expect(logout.headers.get('location')).toBe(`${oscar.baseUrl}/index.jsp`);
		const index = await fetch(`${oscar.baseUrl}/index.jsp`);
		const body = await index.text();
		expect(body).toContain('<title>OSCAR McMaster</title>');
		expect(body).toMatch(/<span id="buildInfo">build date: [^<]+ <br\/> build tag: tag-xyz-42<\/span>/);
		expect(index.headers.get('date')).not.toBeNull();
		const elsewhere = await fetch(oscar.baseUrl.replace('/oscar', '/other/index.jsp'));
		expect(elsewhere.status).toBe(404);
	});

	it('kills request tokens looked up more than an hour after issue', async () => {
		const oscar = (await sim()).instance('oscar');
		const {initiate} = creds(oscar);
		const {oauth_token: token} = formAnswer(await (await initiate()).text());
		expect((await fetch(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${token!}`)).status).toBe(200);
		oscar.setClockOffset(3601);
		const late = await fetch(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${token!}`);
		expect(late.status).toBe(400);
		await expectEmpty(late);
		expect(oscar.state.requestTokens.has(token!)).toBe(false);
		expect((await fetch(`${oscar.baseUrl}/ws/oauth/authorize`)).status).toBe(400);
		const signed = await signedFetch({
			method: 'GET',
			url: `${oscar.baseUrl}/ws/oauth/token`,
			consumerKey: 'x',
			consumerSecret: 'y',
			token: token!,
			oauth: {oauth_verifier: 'v'},
		});
		expect(signed.status).toBe(400);
	});
});
