import {describe, expect, it} from 'vitest';
import type {RunningInstance} from '../../source/simulator/index.js';
import {creds, expectEmpty, sim} from './helpers/fixture.js';
import {formAnswer, signedFetch} from './helpers/signer.js';

/** A one-cookie browser for plain HTTP form posts (no JS). */
function browser() {
	let jar: string | undefined;
	const request = async (url: string, init: RequestInit = {}) => {
		const headers = new Headers(init.headers);
		if (jar) headers.set('Cookie', jar);
		const response = await fetch(url, {...init, headers, redirect: 'manual'});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) jar = setCookie.split(';')[0];
		return response;
	};

	const post = async (url: string, fields: Record<string, string>) =>
		request(url, {
			method: 'POST',
			body: new URLSearchParams(fields).toString(),
			headers: {'Content-Type': 'application/x-www-form-urlencoded'},
		});
	return {request, post, cookie: () => jar};
}

function hidden(page: string, name: string): string {
	const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
	if (!match) throw new Error(`no hidden field ${name} in page`);
	return match[1]!;
}

async function requestToken(instance: RunningInstance, callback: string, method = 'POST') {
	const {initiate} = creds(instance);
	const response = await initiate({method, oauth: {oauth_callback: callback}});
	expect(response.status).toBe(200);
	return formAnswer(await response.text()) as {oauth_token: string; oauth_token_secret: string};
}

async function exchange(instance: RunningInstance, token: {oauth_token: string; oauth_token_secret: string}, verifier: string, extra = {}) {
	const {client, now} = creds(instance);
	return signedFetch({
		method: 'POST',
		url: `${instance.baseUrl}/ws/oauth/token`,
		consumerKey: client.key,
		consumerSecret: client.secret,
		token: token.oauth_token,
		tokenSecret: token.oauth_token_secret,
		oauth: {oauth_verifier: verifier},
		nowSeconds: now(),
		...extra,
	});
}

describe('classic three-legged flow with plain form posts', () => {
	it('logs in on the consent page, authorizes, exchanges the verifier and acts as the dedicated user', async () => {
		const oscar = (await sim()).instance('oscar');
		const rt = await requestToken(oscar, 'http://127.0.0.1:8765/callback?state=abc');
		const b = browser();
		const authorizeUrl = `${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${rt.oauth_token}`;
		const first = await b.request(authorizeUrl);
		expect(first.status).toBe(200);
		expect(b.cookie()).toMatch(/^JSESSIONID=/);
		expect(first.headers.get('set-cookie')).toContain('Path=/oscar');
		const loginPage = await first.text();
		expect(loginPage).toContain('<title>Login and Authorize 3rd party application</title>');
		expect(loginPage).toMatch(/name="username"[\s\S]*name="password"[\s\S]*name="pin"/);
		expect(oscar.state.requestTokens.get(rt.oauth_token)!.providerNo).toBeUndefined();

		const badLogin = await b.post(`${oscar.baseUrl}/login.do`, {
			username: 'bookingapp',
			password: 'nope',
			pin: '2468',
			oauth_token: rt.oauth_token,
		});
		expect(badLogin.status).toBe(302);
		expect(await (await b.request(badLogin.headers.get('location')!)).text()).toContain('Invalid Credentials');

		const login = await b.post(`${oscar.baseUrl}/login.do`, {
			username: 'bookingapp',
			password: 'Booking-App-2024!',
			pin: '2468',
			oauth_token: rt.oauth_token,
		});
		expect(login.status).toBe(302);
		expect(login.headers.get('location')).toBe(authorizeUrl);
		const consent = await (await b.request(authorizeUrl)).text();
		expect(consent).toContain('Welcome Booking App');
		expect(consent).not.toContain('name="password"');
		expect(oscar.state.requestTokens.get(rt.oauth_token)!.providerNo).toBe('999001');

		const decision = await b.post(`${oscar.baseUrl}/ws/oauth/authorize/decision`, {
			session_authenticity_token: hidden(consent, 'session_authenticity_token'),
			oauth_token: rt.oauth_token,
			oauthDecision: 'allow',
		});
		expect(decision.status).toBe(303);
		const location = new URL(decision.headers.get('location')!);
		expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:8765/callback');
		expect(location.search).toMatch(/^\?state=abc&oauth_verifier=[^&]+&oauth_token=/);
		expect(location.searchParams.get('oauth_token')).toBe(rt.oauth_token);
		const verifier = location.searchParams.get('oauth_verifier')!;

		const wrong = await exchange(oscar, rt, 'not-the-verifier');
		expect(wrong.status).toBe(400);
		await expectEmpty(wrong);
		expect(oscar.state.requestTokens.has(rt.oauth_token)).toBe(true);
		const exchanged = await exchange(oscar, rt, verifier);
		expect(exchanged.status).toBe(200);
		const access = formAnswer(await exchanged.text());
		expect(oscar.state.requestTokens.has(rt.oauth_token)).toBe(false);
		const row = oscar.state.accessTokens.get(access.oauth_token!)!;
		expect(row).toMatchObject({providerNo: '999001', lifetime: -1, secret: access.oauth_token_secret});
		expect(Math.abs(row.issuedAt - oscar.now() / 1000)).toBeLessThan(3);
		const info = await creds(oscar).call('/ws/services/oauth/info', {token: access.oauth_token, tokenSecret: access.oauth_token_secret});
		expect(((await info.json()) as {login: string}).login).toBe('999001');
	});

	it('binds the token to the user ALREADY logged in when the consent page renders (no way to switch)', async () => {
		const oscar = (await sim()).instance('oscar');
		const b = browser();
		const login = await b.post(`${oscar.baseUrl}/login.do`, {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'});
		expect(login.headers.get('location')).toBe(`${oscar.baseUrl}/provider/providercontrol.jsp`);
		const rt = await requestToken(oscar, 'http://127.0.0.1:8765/cb');
		const consent = await (await b.request(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${rt.oauth_token}`)).text();
		expect(consent).toContain('Welcome Jane Smith');
		expect(consent).not.toContain('name="username"');
		expect(oscar.state.requestTokens.get(rt.oauth_token)!.providerNo).toBe('100001');
		const decision = await b.post(`${oscar.baseUrl}/ws/oauth/authorize/decision`, {
			session_authenticity_token: hidden(consent, 'session_authenticity_token'),
			oauth_token: rt.oauth_token,
			oauthDecision: 'allow',
		});
		const verifier = new URL(decision.headers.get('location')!).searchParams.get('oauth_verifier')!;
		const access = formAnswer(await (await exchange(oscar, rt, verifier)).text());
		expect(oscar.state.accessTokens.get(access.oauth_token!)!.providerNo).toBe('100001');
	});

	it('answers the AJAX login with JSON, denies, refuses a wrong authenticity token, and shows oob verifiers', async () => {
		const oscar = (
			await sim({
				fleet: {
					instances: [{name: 'oscar', clients: [{name: 'App', key: 'oobclient0000001', secret: 'oob-secret', uri: 'oob', lifetime: 0}]}],
				},
			})
		).instance('oscar');
		const b = browser();
		const ajax = {ajaxResponse: 'true', invalidate_session: 'false', username: 'bookingapp', pin: '2468'};
		const failed = await b.post(`${oscar.baseUrl}/login.do`, {...ajax, password: 'x'});
		expect(await failed.json()).toEqual({success: false, error: 'Invalid Credentials'});
		const rt = await requestToken(oscar, 'oob');
		await b.request(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${rt.oauth_token}`);
		const ok = await b.post(`${oscar.baseUrl}/login.do`, {...ajax, password: 'Booking-App-2024!', oauth_token: rt.oauth_token});
		expect(((await ok.json()) as {success: boolean}).success).toBe(true);
		const consent = await (await b.request(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${rt.oauth_token}`)).text();
		const authenticity = hidden(consent, 'session_authenticity_token');
		const mismatch = await b.post(`${oscar.baseUrl}/ws/oauth/authorize/decision`, {
			session_authenticity_token: 'forged',
			oauth_token: rt.oauth_token,
			oauthDecision: 'allow',
		});
		expect(mismatch.status).toBe(500);
		const consent2 = await (await b.request(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${rt.oauth_token}`)).text();
		const oob = await b.post(`${oscar.baseUrl}/ws/oauth/authorize/decision`, {
			session_authenticity_token: hidden(consent2, 'session_authenticity_token'),
			oauth_token: rt.oauth_token,
			oauthDecision: 'allow',
		});
		expect(oob.status).toBe(200);
		const verifier = oscar.state.requestTokens.get(rt.oauth_token)!.verifier!;
		expect(await oob.text()).toContain(`The Request token ${rt.oauth_token} has verifier ${verifier}`);
		expect(authenticity).not.toBe(hidden(consent2, 'session_authenticity_token'));
		// Lifetime 0 is copied to the access token.
		const access = formAnswer(await (await exchange(oscar, rt, verifier)).text());
		expect(oscar.state.accessTokens.get(access.oauth_token!)!.lifetime).toBe(0);

		const denied = await requestToken(oscar, 'oob');
		const page = await (await b.request(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${denied.oauth_token}`)).text();
		await b.post(`${oscar.baseUrl}/ws/oauth/authorize/decision`, {
			session_authenticity_token: hidden(page, 'session_authenticity_token'),
			oauth_token: denied.oauth_token,
			oauthDecision: 'deny',
		});
		expect(oscar.state.requestTokens.has(denied.oauth_token)).toBe(false);
	});

	it('redirects a denial to callback?oauth_token=T and deletes the request token on a failed token-endpoint validation', async () => {
		const oscar = (await sim()).instance('oscar');
		const b = browser();
		await b.post(`${oscar.baseUrl}/login.do`, {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'});
		const rt = await requestToken(oscar, 'http://127.0.0.1:8765/cb');
		const page = await (await b.request(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${rt.oauth_token}`)).text();
		const deny = await b.post(`${oscar.baseUrl}/ws/oauth/authorize/decision`, {
			session_authenticity_token: hidden(page, 'session_authenticity_token'),
			oauth_token: rt.oauth_token,
			oauthDecision: 'deny',
		});
		expect(deny.status).toBe(303);
		expect(deny.headers.get('location')).toBe(`http://127.0.0.1:8765/cb?oauth_token=${rt.oauth_token}`);

		const rt2 = await requestToken(oscar, 'http://127.0.0.1:8765/cb');
		const page2 = await (await b.request(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${rt2.oauth_token}`)).text();
		const allow = await b.post(`${oscar.baseUrl}/ws/oauth/authorize/decision`, {
			session_authenticity_token: hidden(page2, 'session_authenticity_token'),
			oauth_token: rt2.oauth_token,
			oauthDecision: 'allow',
		});
		const verifier = new URL(allow.headers.get('location')!).searchParams.get('oauth_verifier')!;
		const bad = await exchange(oscar, rt2, verifier, {tokenSecret: 'wrong'});
		expect(bad.status).toBe(400);
		expect(oscar.state.requestTokens.has(rt2.oauth_token)).toBe(false);
		expect((await exchange(oscar, rt2, verifier)).status).toBe(400);
	});
});

describe('CARLOS three-legged flow', () => {
	it('is POST-only, binds the user at the approval POST, scopes the token and gives it 3600 s', async () => {
		const carlos = (await sim({dialect: 'carlos'})).instance('oscar');
		expect(carlos.baseUrl.endsWith('/carlos')).toBe(true);
		const get = await creds(carlos).initiate({method: 'GET'});
		expect(get.status).toBe(405);
		const rt = await requestToken(carlos, 'http://127.0.0.1:8765/callback');
		const b = browser();
		await b.post(`${carlos.baseUrl}/login.do`, {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'});
		const consent = await (await b.request(`${carlos.baseUrl}/ws/oauth/authorize?oauth_token=${rt.oauth_token}`)).text();
		expect(consent).toContain('Welcome Booking App');
		expect(consent).toContain('provider.read');
		expect(carlos.state.requestTokens.get(rt.oauth_token)!.providerNo).toBeUndefined();
		const decision = await b.post(`${carlos.baseUrl}/ws/oauth/authorize/decision`, {
			session_authenticity_token: hidden(consent, 'session_authenticity_token'),
			oauth_token: rt.oauth_token,
			oauthDecision: 'allow',
		});
		expect(decision.status).toBe(303);
		expect(carlos.state.requestTokens.get(rt.oauth_token)!.providerNo).toBe('999001');
		const verifier = new URL(decision.headers.get('location')!).searchParams.get('oauth_verifier')!;
		const wrong = await exchange(carlos, rt, 'nope');
		expect(wrong.status).toBe(401);
		expect(await wrong.text()).toBe('invalid_verifier');
		const access = formAnswer(await (await exchange(carlos, rt, verifier)).text());
		const row = carlos.state.accessTokens.get(access.oauth_token!)!;
		expect(row.lifetime).toBe(3600);
		const info = await creds(carlos).call('/ws/services/oauth/info', {token: access.oauth_token, tokenSecret: access.oauth_token_secret});
		const body = (await info.json()) as {login: string; roles: string[]};
		expect(body.login).toBe('999001');
		expect(body.roles).toEqual(row.scopes);
		expect(body.roles).toContain('provider.read');
	});
});
