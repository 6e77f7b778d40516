/**
 * The protocol HTTP client against real loopback servers: timeouts name their phase, a huge body
 * is a finding (not a crash, not a memory blow-up), a redirect is returned as evidence, and every
 * network or TLS failure becomes a diagnosis code with evidence instead of a stack trace.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {NetworkFailure, closeIdleConnections, httpClientFor, type HttpRequest} from '../../source/oscar/http.js';
import {createTestPki, type TestPki} from './helpers/certificates.js';
import {closedPort, type Handler, type Loopback, startLoopback} from './helpers/loopback.js';

const secret = 'Zq7-CONSUMER-SECRET-do-not-print';
const servers: Loopback[] = [];
let pki: TestPki;
let directory: string;
let caFile: string;

beforeAll(async () => {
	pki = createTestPki();
	directory = await fs.mkdtemp(path.join(os.tmpdir(), 'oscar-http-'));
	caFile = path.join(directory, 'clinic-ca.pem');
	await fs.writeFile(caFile, pki.caPem);
});

afterAll(async () => {
	await fs.rm(directory, {recursive: true, force: true});
});

afterEach(async () => {
	closeIdleConnections();
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function serve(handler: Handler, tls?: {cert: string; key: string}): Promise<Loopback> {
	const server = await startLoopback(handler, tls);
	servers.push(server);
	return server;
}

async function failureOf(promise: Promise<unknown>): Promise<NetworkFailure> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof NetworkFailure) return error;
		throw error;
	}

	throw new Error('the request succeeded');
}

function expectNoSecret(failure: NetworkFailure): void {
	const text = `${failure.message} ${JSON.stringify(failure.evidence)}`;
	expect(text).not.toContain(secret);
	expect(text).not.toMatch(/\n\s+at /); // no stack trace in what users see
}

const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
	method: 'GET',
	url,
	headers: {authorization: `OAuth oauth_signature="${secret}"`},
	...extra,
});

describe('http client: answers', () => {
	it('returns the status, headers, body and per-phase timings of any status without throwing', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(404, {'content-type': 'text/html'}).end('<html><body>No service was found.</body></html>');
		});
		const exchange = await httpClientFor().request(get(`${server.url}/oscar/ws/oauth/initiate`));
		expect(exchange.status).toBe(404);
		expect(exchange.body).toBe('<html><body>No service was found.</body></html>');
		expect(exchange.headers['content-type']).toBe('text/html');
		expect(exchange.tooLarge).toBe(false);
		expect(exchange.timings.total).toBeGreaterThanOrEqual(0);
		expect(exchange.timings.firstByte).toBeGreaterThanOrEqual(0);
		expect(server.requests).toHaveLength(1);
	});

	it('returns a redirect as evidence instead of following it', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(302, {location: '/oscar/logout.jsp'}).end();
		});
		const exchange = await httpClientFor().request(get(`${server.url}/oscar/ws/oauth/initiate`));
		expect(exchange.status).toBe(302);
		expect(exchange.headers.location).toBe('/oscar/logout.jsp');
		expect(server.requests.map(request => request.url)).toEqual(['/oscar/ws/oauth/initiate']);
	});

	it('never retries: a 503 is one request', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(503).end('busy');
		});
		expect((await httpClientFor().request(get(server.url))).status).toBe(503);
		expect(server.requests).toHaveLength(1);
	});

	it('sends POST bodies and headers as given', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/x-www-form-urlencoded'}).end('oauth_token=t&oauth_token_secret=s');
		});
		const exchange = await httpClientFor().request({
			method: 'POST',
			url: `${server.url}/oscar/ws/oauth/initiate`,
			headers: {'content-type': 'application/x-www-form-urlencoded'},
			body: 'a=1&b=2',
		});
		expect(exchange.body).toBe('oauth_token=t&oauth_token_secret=s');
		expect(server.requests[0]).toMatchObject({method: 'POST', body: 'a=1&b=2'});
		expect(server.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
	});

	it('reuses keep-alive connections for the same target', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200).end('ok');
		});
		const client = httpClientFor();
		expect(httpClientFor()).toBe(client);
		for (let index = 0; index < 3; index++) await client.request(get(`${server.url}/r${index}`));
		expect(server.requests).toHaveLength(3);
		expect(server.connections).toBe(1);
	});

	it('stops reading past the body cap and reports tooLarge, without buffering the whole body', async () => {
		const chunk = Buffer.alloc(64 * 1024, 'x');
		const limit = 256 * 1024 * 1024;
		let sent = 0;
		let closed = false;
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.on('close', () => {
				closed = true;
			});
			const pump = (): void => {
				while (!response.destroyed && sent < limit) {
					sent += chunk.length;
					if (!response.write(chunk)) {
						response.once('drain', pump);
						return;
					}
				}

				if (!response.destroyed) response.end();
			};

			pump();
		});
		const exchange = await httpClientFor().request(get(`${server.url}/oscar/ws/services/oauth/info`, {maxBodyBytes: 200_000}));
		expect(exchange.status).toBe(200);
		expect(exchange.tooLarge).toBe(true);
		expect(exchange.body.length).toBe(200_000);
		expect(exchange.bodyBytes).toBeLessThan(200_000 + 2 * chunk.length);
		await vi.waitFor(() => {
			expect(closed).toBe(true);
		});
		// The download was cut: the server could not push anywhere near the whole body.
		expect(sent).toBeLessThan(limit / 4);
	});

	it('applies the 1 MiB default cap', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200).end(Buffer.alloc(1024 * 1024 + 10, 'y'));
		});
		const exchange = await httpClientFor().request(get(server.url));
		expect(exchange.tooLarge).toBe(true);
		expect(exchange.body.length).toBe(1024 * 1024);
	});

	it('keeps a body exactly at the cap', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200).end('z'.repeat(1000));
		});
		const exchange = await httpClientFor().request(get(server.url, {maxBodyBytes: 1000}));
		expect(exchange.tooLarge).toBe(false);
		expect(exchange.bodyBytes).toBe(1000);
	});
});

describe('http client: failures become diagnosis codes with evidence', () => {
	it('a server that never answers -> timeout-response naming the phase', async () => {
		const server = await serve(() => undefined);
		const started = Date.now();
		const failure = await failureOf(httpClientFor().request(get(`${server.url}/oscar/ws/oauth/initiate`, {timeoutMs: 300})));
		expect(failure.code).toBe('timeout-response');
		expect(failure.evidence).toContainEqual({label: 'Timed-out phase', value: 'response'});
		expect(Date.now() - started).toBeLessThan(5000);
		expectNoSecret(failure);
	});

	it('a closed port -> connection-refused', async () => {
		const port = await closedPort();
		const failure = await failureOf(httpClientFor().request(get(`http://127.0.0.1:${port}/oscar/ws/oauth/initiate`)));
		expect(failure.code).toBe('connection-refused');
		expect(JSON.stringify(failure.evidence)).toContain('ECONNREFUSED');
		expectNoSecret(failure);
	});

	it('shows the URL without its query: with PLAINTEXT over the query transport the signature is the secret', async () => {
		const port = await closedPort();
		const url = `http://127.0.0.1:${port}/oscar/ws/services/oauth/info?oauth_signature_method=PLAINTEXT&oauth_signature=${secret}%26`;
		const failure = await failureOf(httpClientFor().request({method: 'GET', url}));
		expect(failure.evidence).toContainEqual({label: 'URL', value: `http://127.0.0.1:${port}/oscar/ws/services/oauth/info?...`});
		expectNoSecret(failure);
		const server = await serve(() => undefined);
		const timedOut = await failureOf(
			httpClientFor().request({method: 'GET', url: `${server.url}/x?oauth_signature=${secret}`, timeoutMs: 200}),
		);
		expect(timedOut.code).toBe('timeout-response');
		expectNoSecret(timedOut);
	});

	it('an aborted signal -> cancelled, at once', async () => {
		const server = await serve(() => undefined);
		const controller = new AbortController();
		const pending = failureOf(httpClientFor().request(get(server.url, {signal: controller.signal, timeoutMs: 60_000})));
		await vi.waitFor(() => {
			expect(server.requests).toHaveLength(1);
		});
		controller.abort();
		expect((await pending).code).toBe('cancelled');
		const already = new AbortController();
		already.abort();
		expect((await failureOf(httpClientFor().request(get(server.url, {signal: already.signal})))).code).toBe('cancelled');
		expect(server.requests).toHaveLength(1);
	});

	it('an unreadable CA file -> ca-file-unreadable, no request sent', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200).end();
		});
		const failure = await failureOf(httpClientFor({caFile: path.join(directory, 'missing.pem')}).request(get(server.url)));
		expect(failure.code).toBe('ca-file-unreadable');
		expect(server.requests).toHaveLength(0);
	});
});

describe('http client: TLS', () => {
	const ok: Handler = (_request, response) => {
		response.writeHead(400).end();
	};

	it('trusts the clinic CA given as a file, and measures the TLS phase', async () => {
		const server = await serve(ok, pki.valid);
		const exchange = await httpClientFor({caFile}).request(get(`${server.url}/oscar/ws/oauth/initiate`));
		expect(exchange.status).toBe(400);
		expect(exchange.timings.tls).toBeGreaterThanOrEqual(0);
	});

	it.each([
		['a leaf from an unknown CA', 'valid', false, 'tls-unknown-ca', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
		['a self-signed certificate', 'selfSigned', true, 'tls-self-signed', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
		['an expired certificate', 'expired', true, 'tls-expired', 'CERT_HAS_EXPIRED'],
		['a certificate for another host', 'wrongHost', true, 'tls-wrong-host', 'ERR_TLS_CERT_ALTNAME_INVALID'],
	] as const)('%s -> %s', async (_what, leaf, withCa, code, nodeCode) => {
		const server = await serve(ok, pki[leaf]);
		const failure = await failureOf(httpClientFor(withCa ? {caFile} : {}).request(get(`${server.url}/oscar/ws/oauth/initiate`)));
		expect(failure.code).toBe(code);
		expect(JSON.stringify(failure.evidence)).toContain(nodeCode);
		expect(server.requests).toHaveLength(0);
		expectNoSecret(failure);
	});

	it('accepts a self-signed certificate only with the explicit insecureTls flag', async () => {
		const server = await serve(ok, pki.selfSigned);
		expect((await httpClientFor({insecureTls: true}).request(get(server.url))).status).toBe(400);
		expect((await failureOf(httpClientFor().request(get(server.url)))).code).toBe('tls-self-signed');
	});
});
