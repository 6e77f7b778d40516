/**
 * Stack-notes trap 13: the keep-alive pool hands out a connection the server already closed, and
 * the next request fails with ECONNRESET before any answer. The client sends such a request once
 * more on a fresh connection, signing a signed one again (OSCAR remembers nonces).
 */
import type http from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {NetworkFailure, closeIdleConnections, httpClientFor} from '../../source/oscar/http.js';
import {signedGet} from '../../source/oscar/legs.js';
import {exchangeEvidence} from '../../source/oscar/probes/evidence.js';
import {startLoopback, type Loopback} from './helpers/loopback.js';

let server: Loopback | undefined;
afterEach(async () => {
	closeIdleConnections();
	await server?.close();
	server = undefined;
});

/**
 * A server that answers the first request of every connection (keeping it alive) and drops the
 * connection when a second request arrives on it: what a reused, server-closed socket looks like.
 */
async function droppingServer(): Promise<Loopback> {
	const served = new WeakMap<object, number>();
	return startLoopback((request: http.IncomingMessage, response: http.ServerResponse) => {
		const count = (served.get(request.socket) ?? 0) + 1;
		served.set(request.socket, count);
		if (count > 1) {
			request.socket.destroy();
			return;
		}

		response.writeHead(200, {'content-type': 'application/json', connection: 'keep-alive'});
		response.end('{"ok":true}');
	});
}

function nonceOf(authorization: string | undefined): string | undefined {
	return /oauth_nonce="([^"]+)"/.exec(authorization ?? '')?.[1];
}

describe('a reset on a reused keep-alive connection', () => {
	it('is retried once on a fresh connection, and the retry is counted in the evidence', async () => {
		server = await droppingServer();
		const client = httpClientFor();
		expect((await client.request({method: 'GET', url: `${server.url}/oscar/ws/oauth/initiate`})).retries).toBe(0);
		const exchange = await client.request({method: 'GET', url: `${server.url}/oscar/ws/oauth/initiate`});
		expect(exchange.status).toBe(200);
		expect(exchange.retries).toBe(1);
		expect(server.requests).toHaveLength(3);
		expect(server.connections).toBe(2);
		expect(exchangeEvidence(exchange).find(item => item.label === 'Retried')?.value).toMatch(/^1 /);
	});

	it('signs a signed request again for the retry (a new nonce), never replaying the old one', async () => {
		server = await droppingServer();
		await httpClientFor().request({method: 'GET', url: `${server.url}/oscar/ws/oauth/initiate`});
		const exchange = await signedGet(
			{baseUrl: `${server.url}/oscar`},
			{
				consumer: {key: 'consumer-key', secret: 'consumer-secret'},
				accessToken: {token: 'access-token', tokenSecret: 'token-secret'},
				path: 'oauth/info',
			},
		);
		expect(exchange.status).toBe(200);
		expect(exchange.retries).toBe(1);
		const [reset, retried] = server.requests.slice(1).map(request => nonceOf(request.headers.authorization));
		expect(reset).toBeDefined();
		expect(retried).toBeDefined();
		expect(retried).not.toBe(reset);
	});

	it('is not retried for a signed request that cannot be signed again', async () => {
		server = await droppingServer();
		const client = httpClientFor();
		await client.request({method: 'GET', url: `${server.url}/oscar/ws/oauth/initiate`});
		const sent = client.request({
			method: 'GET',
			url: `${server.url}/oscar/ws/services/oauth/info`,
			headers: {authorization: 'OAuth oauth_consumer_key="k", oauth_nonce="n1", oauth_signature="s"'},
		});
		await expect(sent).rejects.toBeInstanceOf(NetworkFailure);
		expect(server.requests).toHaveLength(2);
	});

	it('is not retried when the server dropped a fresh connection (that is a finding, not a stale socket)', async () => {
		server = await startLoopback((request: http.IncomingMessage) => {
			request.socket.destroy();
		});
		await expect(httpClientFor().request({method: 'GET', url: `${server.url}/oscar/ws/oauth/initiate`})).rejects.toMatchObject({
			code: 'network-error',
		});
		expect(server.requests).toHaveLength(1);
	});
});
