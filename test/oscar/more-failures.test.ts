/**
 * Failures the simulator's scenarios do not cover, each from a tiny loopback server: a TLS
 * handshake that never comes, a connection reset, a 5xx or a 200 where OSCAR answers 400, and the
 * CARLOS error codes on oauth/info.
 */
import http from 'node:http';
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {probeInstance, probeIntegration} from '../../source/oscar/probes/index.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {provenReport} from '../helpers/proven.js';

const servers: Array<http.Server | net.Server> = [];

afterEach(async () => {
	closeIdleConnections();
	await Promise.all(
		servers.splice(0).map(
			async server =>
				new Promise<void>(resolve => {
					server.close(() => {
						resolve();
					});
					if ('closeAllConnections' in server) server.closeAllConnections();
				}),
		),
	);
});

async function listen(server: http.Server | net.Server): Promise<number> {
	servers.push(server);
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return (server.address() as net.AddressInfo).port;
}

/** OSCAR-like: 400 on the unsigned initiate (REST on), `info` decides the oauth/info answer. */
async function oscarWith(
	info: (response: http.ServerResponse) => void,
	initiate?: (response: http.ServerResponse) => void,
): Promise<string> {
	const port = await listen(
		http.createServer((request, response) => {
			if (request.url?.startsWith('/oscar/ws/oauth/initiate')) {
				if (initiate) initiate(response);
				else response.writeHead(400, {'content-length': '0'}).end();
			} else if (request.url?.startsWith('/oscar/ws/services/oauth/info')) {
				info(response);
			} else {
				response.writeHead(404, {'content-length': '0'}).end();
			}
		}),
	);
	return `http://127.0.0.1:${port}/oscar`;
}

const integration = {
	id: 'c/app',
	instance: 'c',
	name: 'app',
	consumerKey: 'abcdefgh12345678',
	consumerSecret: 'more-failures-SECRET-1',
	accessToken: 'tok',
	tokenSecret: 'more-failures-TOKSECRET-2',
	uri: 'http://127.0.0.1:8765',
};

async function quick(baseUrl: string) {
	const target = {name: 'c', baseUrl, dialect: 'carlos' as const};
	const instance = await probeInstance(target, {timeoutMs: 2000});
	// A proven configuration: the token is sent at once (unproven ones: test/oscar/token-safety.test.ts).
	return probeIntegration(instance, target, integration, {
		timeoutMs: 2000,
		escalate: false,
		previous: provenReport({...target, ...integration}),
	});
}

describe('failures outside the simulator scenarios', () => {
	it('a TLS port that accepts but never handshakes -> timeout-tls', async () => {
		const sockets: net.Socket[] = [];
		const port = await listen(
			net.createServer(socket => {
				sockets.push(socket);
			}),
		);
		const report = await probeInstance({name: 'x', baseUrl: `https://127.0.0.1:${port}/oscar`}, {timeoutMs: 300});
		for (const socket of sockets) socket.destroy();
		expect(report.probes[0]!.code).toBe('timeout-tls');
	});

	it('a connection reset -> network-error with the error code as evidence', async () => {
		const port = await listen(
			net.createServer(socket => {
				socket.on('data', () => {
					socket.resetAndDestroy();
				});
			}),
		);
		const report = await probeInstance({name: 'x', baseUrl: `http://127.0.0.1:${port}/oscar`}, {timeoutMs: 2000});
		expect(report.probes[0]!.code).toBe('network-error');
		expect(report.probes[0]!.evidence.map(item => item.value).join(' ')).toContain('ECONNRESET');
	});

	it('a 502 from a proxy on initiate -> server-error; a 200 page -> unexpected-response', async () => {
		const bad = await oscarWith(
			() => undefined,
			response => response.writeHead(502, {'content-type': 'text/html'}).end('<h1>Bad Gateway</h1>'),
		);
		expect((await probeInstance({name: 'x', baseUrl: bad})).probes.find(probe => probe.probe === 'rest-module')!.code).toBe('server-error');
		const catchAll = await oscarWith(
			() => undefined,
			response => response.writeHead(200, {'content-type': 'text/html'}).end('<html>Welcome</html>'),
		);
		expect((await probeInstance({name: 'x', baseUrl: catchAll})).probes.find(probe => probe.probe === 'rest-module')!.code).toBe(
			'unexpected-response',
		);
	});

	it('CARLOS codes on oauth/info: nonce_replayed, insufficient_scope, oauth_processing_error', async () => {
		const answer = (status: number, code: string) => async () =>
			quick(await oscarWith(response => response.writeHead(status, {'content-type': 'text/plain'}).end(code)));
		expect((await (await answer(401, 'nonce_replayed'))()).code).toBe('nonce-replayed');
		expect((await (await answer(403, 'insufficient_scope'))()).code).toBe('insufficient-scope');
		expect((await (await answer(500, 'oauth_processing_error'))()).code).toBe('oauth-processing-error');
	});
});
