/**
 * The step 8-9 orchestration against real loopback HTTP for the callback (the "browser" is fetch)
 * and scripted protocol legs (the OSCAR side; the end-to-end run against the simulator is separate).
 */
import net from 'node:net';
import {describe, expect, it, vi} from 'vitest';
import {AuthorizationError} from '../../source/core/onboarding/authorization-error.js';
import {createPasteChannel} from '../../source/core/onboarding/paste-channel.js';
import {proveCredentials} from '../../source/onboarding/prove-credentials.js';
import {runAuthorization, type AuthorizationEvent, type AuthorizationOptions} from '../../source/onboarding/authorize-flow.js';
import type {AuthInstance, AuthIntegration, OAuthLegs} from '../../source/core/onboarding/oauth-legs.js';
import type {Identity} from '../../source/core/report.js';

const instance: AuthInstance = {name: 'clinic', baseUrl: 'http://oscar.test/oscar'};
const integration: AuthIntegration = {
	id: 'clinic/booking',
	instance: 'clinic',
	name: 'booking',
	consumerKey: 'key0123456789abc',
	consumerSecret: 'CONSUMER-SECRET-zz',
	uri: 'http://127.0.0.1:',
	expectedProvider: '999001',
};
const requestSecret = 'REQUEST-SECRET-yy';
const accessSecret = 'ACCESS-SECRET-xx';

class HttpFailure extends Error {
	constructor(
		readonly status: number,
		readonly body = '',
	) {
		super(`HTTP ${status}`);
	}
}

function legs(
	options: {identity?: Identity; initiate?: (callback: string) => void; verifier?: string} = {},
): OAuthLegs & {callbacks: string[]} {
	const callbacks: string[] = [];
	return {
		callbacks,
		async requestToken(_instance, _integration, {callback}) {
			callbacks.push(callback);
			options.initiate?.(callback);
			return {token: 'rt-1', tokenSecret: requestSecret};
		},
		authorizeUrl: (target, token) => `${target.baseUrl}/ws/oauth/authorize?oauth_token=${token}`,
		async accessToken(_instance, _integration, {requestToken, verifier}) {
			if (requestToken.tokenSecret !== requestSecret || verifier !== (options.verifier ?? 'good-verifier')) throw new HttpFailure(400);
			// The token endpoint's Date header: the clocks agree, so the token guard lets oauth/info go.
			return {token: 'at-1', tokenSecret: accessSecret, serverDate: new Date().toUTCString(), elapsedMs: 2};
		},
		async oauthInfo(_instance, _integration, {accessToken}) {
			if (accessToken.tokenSecret !== accessSecret) throw new HttpFailure(401);
			return {kind: 'identity', identity: options.identity ?? {providerNo: '999001', name: 'Booking, App'}};
		},
	};
}

/** Run the flow; `onAuthorize` plays the user's browser once the authorize URL is out. */
function run(overrides: Partial<AuthorizationOptions>, onAuthorize?: (callbackUrl: string) => Promise<unknown>) {
	const events: AuthorizationEvent[] = [];
	let listening = '';
	const result = runAuthorization({
		instance,
		integration,
		legs: legs(),
		port: 0,
		timeoutMs: 20_000,
		...overrides,
		onEvent(event) {
			events.push(event);
			if (event.type === 'listening') listening = event.url;
			if (event.type === 'authorize' && onAuthorize) void onAuthorize(listening);
		},
	});
	return {result, events};
}

const browser = (query: string) => async (url: string) => fetch(`${url}?${query}`).then(response => response.status);

describe('runAuthorization', () => {
	it('catches the callback, exchanges the verifier and confirms the dedicated user', async () => {
		const protocol = legs();
		const {result, events} = run({legs: protocol}, browser('oauth_token=rt-1&oauth_verifier=good-verifier'));
		const done = await result;
		expect(done).toMatchObject({
			accessToken: 'at-1',
			tokenSecret: accessSecret,
			verifierSource: 'callback',
			identityMatches: true,
			findings: [],
		});
		expect(done.identity?.providerNo).toBe('999001');
		expect(protocol.callbacks[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
		expect(events.map(event => event.type)).toEqual(['listening', 'request-token', 'authorize', 'verifier', 'access-token', 'identity']);
		const authorize = events.find(event => event.type === 'authorize');
		expect(authorize).toMatchObject({url: 'http://oscar.test/oscar/ws/oauth/authorize?oauth_token=rt-1', oob: false});
		// Events are displayable: none carries a secret.
		const shown = JSON.stringify(events);
		for (const secret of [requestSecret, accessSecret, integration.consumerSecret]) expect(shown).not.toContain(secret);
		// The callback server is gone.
		const port = (events[0] as {port: number}).port;
		await expect(fetch(`http://127.0.0.1:${port}/callback`)).rejects.toThrow();
	});

	it('reports a token acting as another user, with the private-window fix', async () => {
		const {result, events} = run(
			{legs: legs({identity: {providerNo: '101', name: 'Smith, Jane'}})},
			browser('oauth_token=rt-1&oauth_verifier=good-verifier'),
		);
		const done = await result;
		expect(done.identityMatches).toBe(false);
		expect(done.findings[0]?.code).toBe('token-wrong-user');
		expect(done.findings[0]?.message).toContain('Smith, Jane');
		expect(done.findings[0]?.fix.join(' ')).toMatch(/Revoke.*private\/incognito/is);
		// The catalogue's steps with this integration's id filled in (core/fix-steps.ts).
		expect(done.findings[0]?.fix.join(' ')).toContain('oscar-rest connect clinic/booking');
		expect(events.some(event => event.type === 'finding')).toBe(true);
	});

	// Which names match the expected provider: the one table in test/helpers/provider-identity-cases.ts
	// (through this flow in test/commands/connect.test.ts and the wizard's test).

	it('takes a pasted redirect URL, reporting bad pastes and waiting past them', async () => {
		const channel = createPasteChannel();
		const {result, events} = run({pasted: channel}, async () => {
			channel.submit('http://127.0.0.1:8765/callback?oauth_token=stale&oauth_verifier=x');
			await vi.waitFor(() => expect(events.some(event => event.type === 'paste-rejected')).toBe(true));
			channel.submit('http://127.0.0.1:8765/callback?oauth_token=rt-1&oauth_verifier=good-verifier');
		});
		const done = await result;
		expect(done.verifierSource).toBe('paste');
		expect(events.find(event => event.type === 'paste-rejected')).toMatchObject({code: 'wrong-token'});
	});

	it("works without a callback server (oob) from OSCAR's verifier page text", async () => {
		const channel = createPasteChannel();
		const protocol = legs();
		const {result, events} = run({oob: true, legs: protocol, pasted: channel}, async () => {
			channel.submit('The Request token rt-1 has verifier good-verifier');
		});
		expect((await result).verifierSource).toBe('paste');
		expect(protocol.callbacks).toEqual(['oob']);
		expect(events.some(event => event.type === 'listening')).toBe(false);
	});

	it('fails with denied when OSCAR redirects without a verifier', async () => {
		const {result} = run({}, browser('oauth_token=rt-1'));
		await expect(result).rejects.toMatchObject({code: 'denied'});
	});

	it('is cancelled by the signal while waiting and frees the port', async () => {
		const controller = new AbortController();
		let port = 0;
		const {result} = run({signal: controller.signal}, async url => {
			port = Number(new URL(url).port);
			controller.abort();
		});
		await expect(result).rejects.toMatchObject({code: 'cancelled'});
		const again = net.createServer();
		await new Promise<void>(resolve => again.listen(port, '127.0.0.1', resolve));
		await new Promise(resolve => again.close(resolve));
	});

	it('times out with code timeout', async () => {
		const {result} = run({timeoutMs: 50});
		await expect(result).rejects.toMatchObject({code: 'timeout'});
	});

	it('fails with port-in-use when the callback port is taken', async () => {
		const blocker = net.createServer();
		await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
		const port = (blocker.address() as net.AddressInfo).port;
		try {
			const {result} = run({port});
			const error = await result.catch((error_: unknown) => error_);
			expect(error).toBeInstanceOf(AuthorizationError);
			expect(error).toMatchObject({code: 'port-in-use'});
			expect((error as Error).message).toContain(String(port));
		} finally {
			await new Promise(resolve => blocker.close(resolve));
		}
	});

	it('explains a rejected exchange without leaking secrets', async () => {
		const {result} = run({legs: legs({verifier: 'other'})}, browser('oauth_token=rt-1&oauth_verifier=good-verifier'));
		const error = await result.then(
			() => undefined,
			(error_: unknown) => error_ as AuthorizationError,
		);
		if (!error) throw new Error('expected a failure');
		expect(error.code).toBe('exchange-failed');
		expect(error.message).toMatch(/HTTP 400/);
		expect(error.message).not.toContain(requestSecret);
	});

	it('maps initiate failures to diagnosis codes', async () => {
		const failing = (status: number, body = ''): OAuthLegs => ({
			...legs(),
			requestToken: async () => {
				throw new HttpFailure(status, body);
			},
		});
		await expect(run({legs: failing(401)}).result).rejects.toMatchObject({code: 'consumer-key-unknown', step: 8});
		await expect(run({legs: failing(404)}).result).rejects.toMatchObject({code: 'rest-module-off', step: 3});
		await expect(run({legs: failing(400, 'callback_uri not allowed')}).result).rejects.toMatchObject({code: 'callback-rejected', step: 6});
		await expect(run({legs: failing(400)}).result).rejects.toMatchObject({code: 'request-rejected', step: 8});
	});

	it('warns before initiate when the registered URI cannot accept the callback, and names it on the 400', async () => {
		const rejecting: OAuthLegs = {
			...legs(),
			requestToken: async () => {
				throw new HttpFailure(400);
			},
		};
		const {result, events} = run({legs: rejecting, integration: {...integration, uri: 'http://localhost:8765'}});
		const error = await result.then(
			() => undefined,
			(error_: unknown) => error_ as AuthorizationError,
		);
		expect(error).toMatchObject({code: 'callback-rejected', step: 6});
		expect(error?.message).toContain('"http://localhost:8765"');
		expect(events[1]).toMatchObject({type: 'warning', message: expect.stringContaining('the port differs')});
	});
});

describe('proveCredentials', () => {
	const answering = (answer: (callback: string) => number): OAuthLegs => ({
		...legs(),
		async requestToken(_i, _n, {callback}) {
			const status = answer(callback);
			if (status !== 200) throw new HttpFailure(status);
			return {token: 't', tokenSecret: 's'};
		},
	});

	it('says ok when initiate succeeds', async () => {
		await expect(proveCredentials(instance, integration, {legs: answering(() => 200)})).resolves.toEqual({ok: true});
	});

	it('401 means the key is unknown', async () => {
		const proof = await proveCredentials(instance, integration, {legs: answering(() => 401)});
		expect(proof).toMatchObject({ok: false, code: 'consumer-key-unknown'});
	});

	it('isolates a rejected callback by retrying with the registered URI', async () => {
		const proof = await proveCredentials(instance, integration, {
			legs: answering(callback => (callback === integration.uri ? 200 : 400)),
			callback: 'http://localhost:8765/callback',
		});
		expect(proof).toMatchObject({ok: false, code: 'callback-rejected'});
		if (!proof.ok) expect(proof.message).toContain('"http://localhost:8765/callback"');
	});

	it('400 with the URI too is request-rejected', async () => {
		const proof = await proveCredentials(instance, integration, {legs: answering(() => 400)});
		expect(proof).toMatchObject({ok: false, code: 'request-rejected'});
		if (!proof.ok) expect(proof.message).not.toContain(integration.consumerSecret);
	});
});
