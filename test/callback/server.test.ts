import net from 'node:net';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {CallbackError, startCallbackServer, type CallbackServer} from '../../source/callback/server.js';

interface RawResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

function parseResponse(text: string): RawResponse {
	const [head = '', ...rest] = text.split('\r\n\r\n');
	const [statusLine = '', ...headerLines] = head.split('\r\n');
	const headers: Record<string, string> = {};
	for (const line of headerLines) {
		const colon = line.indexOf(':');
		headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
	}

	return {status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n')};
}

/** Send raw bytes (full control over method, Host and size) and read until the server closes. */
function raw(port: number, request: string): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		socket.setEncoding('utf8');
		socket.on('data', chunk => {
			data += chunk;
		});
		socket.on('error', reject);
		socket.on('close', () => resolve(parseResponse(data)));
		socket.write(request);
	});
}

function get(port: number, target: string, host = `127.0.0.1:${port}`, method = 'GET'): Promise<RawResponse> {
	return raw(port, `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
}

const token = 'reqtok-abc123';
const verifier = 'verif-XYZ-987';
let server: CallbackServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function start(options: Parameters<typeof startCallbackServer>[0] = {}): Promise<CallbackServer> {
	server = await startCallbackServer({port: 0, expectedToken: token, ...options});
	return server;
}

describe('callback server', () => {
	it('binds 127.0.0.1 on a free port and hands back the verifier with secure, non-echoing headers', async () => {
		const s = await start();
		expect(s.port).toBeGreaterThan(0);
		expect(s.url).toBe(`http://127.0.0.1:${s.port}/callback`);
		const response = await get(s.port, `/callback?oauth_token=${token}&oauth_verifier=${verifier}`);
		expect(response.status).toBe(200);
		expect(response.headers['cache-control']).toBe('no-store');
		expect(response.headers['content-security-policy']).toBe("default-src 'none'");
		expect(response.headers['referrer-policy']).toBe('no-referrer');
		expect(response.body).not.toContain(verifier);
		expect(response.body).not.toContain(token);
		await expect(s.waitForVerifier()).resolves.toEqual({verifier, token});
	});

	it('accepts localhost as the Host and a token set after start', async () => {
		const s = await start({expectedToken: undefined});
		const early = await get(s.port, `/callback?oauth_token=${token}&oauth_verifier=${verifier}`, `localhost:${s.port}`);
		expect(early.status).toBe(400);
		s.expect(token);
		const response = await get(s.port, `/callback?oauth_token=${token}&oauth_verifier=${verifier}`, `localhost:${s.port}`);
		expect(response.status).toBe(200);
		await expect(s.waitForVerifier()).resolves.toEqual({verifier, token});
	});

	it('rejects hostile requests and keeps waiting for the real one', async () => {
		const s = await start();
		const good = `/callback?oauth_token=${token}&oauth_verifier=${verifier}`;
		const wrongToken = await get(s.port, `/callback?oauth_token=other-token&oauth_verifier=${verifier}`);
		expect(wrongToken.status).toBe(400);
		expect(wrongToken.body).not.toContain('other-token');
		const duplicateToken = await get(s.port, `/callback?oauth_token=${token}&oauth_token=${token}&oauth_verifier=${verifier}`);
		expect(duplicateToken.status).toBe(400);
		expect((await get(s.port, good, 'evil.example:80')).status).toBe(400);
		expect((await get(s.port, good, `attacker.test:${s.port}`)).status).toBe(400);
		const post = await get(s.port, good, undefined, 'POST');
		expect(post.status).toBe(405);
		expect(post.headers.allow).toBe('GET');
		expect((await get(s.port, `/other?oauth_token=${token}&oauth_verifier=${verifier}`)).status).toBe(404);
		expect((await get(s.port, `/callback/x?oauth_token=${token}&oauth_verifier=${verifier}`)).status).toBe(404);
		expect((await get(s.port, `/callback?oauth_token=${token}&oauth_verifier=${verifier}&pad=${'a'.repeat(9000)}`)).status).toBe(414);
		expect((await get(s.port, `/callback?oauth_token=${token}&pad=${'a'.repeat(20_000)}`)).status).toBe(431);
		// None of that settled the wait: the genuine callback still works.
		expect((await get(s.port, good)).status).toBe(200);
		await expect(s.waitForVerifier()).resolves.toEqual({verifier, token});
	});

	it('answers 410 to a replay that arrives after success, then closes', async () => {
		const s = await start();
		// A second client has started sending its request before the success lands.
		const replay = net.connect(s.port, '127.0.0.1');
		let replayData = '';
		replay.setEncoding('utf8');
		replay.on('data', chunk => {
			replayData += chunk;
		});
		const replayClosed = new Promise(resolve => replay.on('close', resolve));
		await new Promise(resolve => replay.once('connect', resolve));
		replay.write(`GET /callback?oauth_token=${token}&oauth_verifier=second HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n`);
		await waitForAccepted(s.port);
		expect((await get(s.port, `/callback?oauth_token=${token}&oauth_verifier=${verifier}`)).status).toBe(200);
		replay.write('\r\n');
		await replayClosed;
		expect(parseResponse(replayData).status).toBe(410);
		await expect(s.waitForVerifier()).resolves.toEqual({verifier, token});
		await expect(get(s.port, `/callback?oauth_token=${token}&oauth_verifier=${verifier}`)).rejects.toThrow(/ECONNREFUSED/);
	});

	it('reports a denial (callback without oauth_verifier) and closes', async () => {
		const s = await start();
		const response = await get(s.port, `/callback?oauth_token=${token}`);
		expect(response.status).toBe(200);
		expect(response.body).toMatch(/denied/i);
		await expect(s.waitForVerifier()).rejects.toMatchObject({code: 'denied'});
	});

	it('fails with port-in-use, naming the port and the fixes, when the port is taken', async () => {
		const blocker = net.createServer();
		await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
		const port = (blocker.address() as net.AddressInfo).port;
		try {
			const error = await startCallbackServer({port}).catch((error_: unknown) => error_);
			expect(error).toBeInstanceOf(CallbackError);
			expect((error as CallbackError).code).toBe('port-in-use');
			expect((error as Error).message).toContain(String(port));
			expect((error as Error).message).toContain('--port');
			expect((error as Error).message).toContain(`ss -ltnp 'sport = :${port}'`);
		} finally {
			await new Promise(resolve => blocker.close(resolve));
		}
	});

	it('is cancelled by the abort signal mid-wait and stops listening', async () => {
		const controller = new AbortController();
		const s = await start({signal: controller.signal});
		const waiting = s.waitForVerifier();
		controller.abort();
		await expect(waiting).rejects.toMatchObject({code: 'cancelled'});
		await waitForRefused(s.port);
	});

	it('times out with code timeout', async () => {
		const s = await start({timeoutMs: 50});
		await expect(s.waitForVerifier()).rejects.toMatchObject({code: 'timeout'});
		await waitForRefused(s.port);
	});
});

/** Wait until the server has accepted the pending connection (it is tracked before success). */
async function waitForAccepted(port: number): Promise<void> {
	// A complete request on another socket is processed after the partial one's connection was accepted.
	const probe = await get(port, '/nothing-here');
	expect(probe.status).toBe(404);
}

async function waitForRefused(port: number): Promise<void> {
	await vi.waitFor(async () => {
		await expect(get(port, '/callback')).rejects.toThrow(/ECONNREFUSED/);
	});
}
