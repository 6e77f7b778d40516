/**
 * The three OAuth legs against a loopback server, every signature re-checked by the independent
 * verifier: what OSCAR receives, not what the signer believes it sent.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {LegError, accessToken, authorizeUrl, requestToken, signedGet} from '../../source/oscar/legs.js';
import {SigningError, signRequest} from '../../source/oscar/oauth.js';
import {verifySignature} from './helpers/independent-verifier.js';
import {type Handler, type Loopback, startLoopback} from './helpers/loopback.js';

const consumer = {key: 'legsconsumerkey1', secret: 'Legs-CONSUMER-secret-77'};
const servers: Loopback[] = [];

afterEach(async () => {
	closeIdleConnections();
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function serve(handler: Handler): Promise<Loopback> {
	const server = await startLoopback(handler);
	servers.push(server);
	return server;
}

const form =
	(status: number, body: string): Handler =>
	(_request, response) => {
		response.writeHead(status, {'content-type': 'application/x-www-form-urlencoded'}).end(body);
	};

describe('leg 1: requestToken', () => {
	it.each(['header', 'form', 'query'] as const)(
		'POSTs a verifiable initiate with the callback (%s transport) and parses the answer',
		async transport => {
			const server = await serve(form(200, 'oauth_callback_confirmed=true&oauth_token_secret=rs%2B1&oauth_token=rt1'));
			const answer = await requestToken(
				{baseUrl: `${server.url}/oscar`},
				{consumer, callback: 'http://127.0.0.1:8765/callback', transport},
			);
			expect(answer).toMatchObject({token: 'rt1', tokenSecret: 'rs+1', callbackConfirmed: true});
			const [sent] = server.requests;
			expect(sent).toMatchObject({method: 'POST'});
			expect(sent!.url.split('?')[0]).toBe('/oscar/ws/oauth/initiate');
			const verified = verifySignature(sent!, server.url, consumer.secret);
			expect(verified.valid).toBe(true);
			expect(verified.params.get('oauth_callback')).toBe('http://127.0.0.1:8765/callback');
			expect(verified.params.has('oauth_token')).toBe(false);
		},
	);

	it('a refused initiate carries the status, no secret', async () => {
		const server = await serve(form(401, ''));
		const error = await requestToken({baseUrl: `${server.url}/oscar`}, {consumer, callback: 'oob'}).catch((error: unknown) => error);
		expect(error).toBeInstanceOf(LegError);
		expect((error as LegError).status).toBe(401);
		expect((error as LegError).leg).toBe('initiate');
		expect(`${(error as LegError).message}`).not.toContain(consumer.secret);
	});

	it('a 200 without a token is an error, not a token', async () => {
		const server = await serve(form(200, 'hello=world'));
		const error = await requestToken({baseUrl: `${server.url}/oscar`}, {consumer, callback: 'oob'}).catch((error: unknown) => error);
		expect(error).toBeInstanceOf(LegError);
		expect((error as LegError).status).toBe(200);
	});
});

describe('leg 2 and 3', () => {
	it('builds the authorize URL with the token encoded', () => {
		expect(authorizeUrl('https://clinic.example/oscar', 'a b/c')).toBe(
			'https://clinic.example/oscar/ws/oauth/authorize?oauth_token=a%20b%2Fc',
		);
	});

	it('exchanges the verifier, signing with the request token secret', async () => {
		const server = await serve(form(200, 'oauth_token=at1&oauth_token_secret=ats1'));
		const pair = await accessToken(
			{baseUrl: `${server.url}/oscar`},
			{consumer, requestToken: {token: 'rt1', tokenSecret: 'rts-secret-1'}, verifier: 'v3r1f13r'},
		);
		expect(pair).toMatchObject({token: 'at1', tokenSecret: 'ats1'});
		// The answer's Date header comes back too: the token guard measures the clock skew from it.
		expect(Date.parse(pair.serverDate!)).toBeGreaterThan(Date.now() - 60_000);
		const [sent] = server.requests;
		expect(sent!.method).toBe('POST');
		expect(sent!.url).toBe('/oscar/ws/oauth/token');
		const verified = verifySignature(sent!, server.url, consumer.secret, 'rts-secret-1');
		expect(verified.valid).toBe(true);
		expect(verified.params.get('oauth_verifier')).toBe('v3r1f13r');
		expect(verified.params.get('oauth_token')).toBe('rt1');
		// Signed with another token secret it would not verify: the secret is really in the key.
		expect(verifySignature(sent!, server.url, consumer.secret, 'other').valid).toBe(false);
	});

	it('signedGet signs the services path with the access token, query parameters included', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'}).end('{}');
		});
		const exchange = await signedGet(
			{baseUrl: `${server.url}/oscar`},
			{consumer, accessToken: {token: 'at1', tokenSecret: 'ats1'}, path: '/providerService/providers?q=a+b&x=%40'},
		);
		expect(exchange.status).toBe(200);
		const [sent] = server.requests;
		expect(sent!.url.startsWith('/oscar/ws/services/providerService/providers?')).toBe(true);
		const verified = verifySignature(sent!, server.url, consumer.secret, 'ats1');
		expect(verified.valid).toBe(true);
		expect(verified.params.get('q')).toBe('a b');
		expect(verified.params.get('x')).toBe('@');
	});
});

describe('signing rules', () => {
	it('a GET cannot carry form parameters: a SigningError with a code', () => {
		const attempt = () => signRequest({method: 'GET', url: 'https://h/p', consumer, form: [['a', '1']]});
		expect(attempt).toThrow(SigningError);
		try {
			attempt();
		} catch (error) {
			expect((error as SigningError).code).toBe('form-needs-post');
		}
	});

	it('request parameters travel once: never copied into the header, the query or the body again', () => {
		const input = {url: 'https://h/p?q=a+b&q=c', consumer, token: {key: 't', secret: 'u'}, timestamp: 1, nonce: 'n'} as const;
		const header = signRequest({...input, method: 'POST', form: [['f', '1']]});
		expect(header.headers['authorization']!.match(/(\w+)="/g)!.every(name => name.startsWith('oauth_'))).toBe(true);
		expect(header.url).toBe('https://h/p?q=a+b&q=c');
		expect(header.body).toBe('f=1');
		const query = signRequest({...input, method: 'GET', transport: 'query'});
		expect(query.url.match(/[?&]q=/g)).toHaveLength(2);
		const body = signRequest({...input, method: 'POST', transport: 'form', form: [['f', '1']]});
		expect(body.body!.match(/(?:^|&)f=/g)).toHaveLength(1);
		expect(body.body).not.toMatch(/(?:^|&)q=/);
	});

	it('form transport on a GET puts the protocol parameters in the query', () => {
		const signed = signRequest({method: 'GET', url: 'https://h/p?x=1', consumer, transport: 'form', timestamp: 1, nonce: 'n'});
		expect(signed.method).toBe('GET');
		expect(signed.body).toBeUndefined();
		expect(signed.url).toMatch(/^https:\/\/h\/p\?x=1&oauth_consumer_key=legsconsumerkey1&/);
	});
});
