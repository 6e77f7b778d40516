/**
 * Tiny loopback HTTP(S) servers for protocol tests: a handler per test, every request recorded,
 * every socket tracked so a test can end with no server or connection left behind.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';

export interface Recorded {
	readonly method: string;
	readonly url: string;
	readonly headers: http.IncomingHttpHeaders;
	readonly body: string;
}

export type Handler = (request: http.IncomingMessage & {body: string}, response: http.ServerResponse) => void;

export interface Loopback {
	readonly url: string;
	readonly port: number;
	readonly requests: Recorded[];
	/** TCP connections accepted (keep-alive reuse shows as fewer connections than requests). */
	readonly connections: number;
	close(): Promise<void>;
}

export async function startLoopback(handler: Handler, tls?: {cert: string; key: string}): Promise<Loopback> {
	const requests: Recorded[] = [];
	const sockets = new Set<net.Socket>();
	const listener = (request: http.IncomingMessage, response: http.ServerResponse): void => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			requests.push({method: request.method ?? '', url: request.url ?? '', headers: request.headers, body});
			handler(Object.assign(request, {body}), response);
		});
	};

	const server = tls ? https.createServer({cert: tls.cert, key: tls.key}, listener) : http.createServer(listener);
	const state = {connections: 0};
	server.on(tls ? 'secureConnection' : 'connection', (socket: net.Socket) => {
		state.connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	if (tls) {
		// Sockets whose handshake fails never become secure connections: track them too.
		server.on('connection', (socket: net.Socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
	}

	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	return {
		url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
		port,
		requests,
		get connections() {
			return state.connections;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}

/** A port nothing listens on: bound once, then closed. */
export async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}
