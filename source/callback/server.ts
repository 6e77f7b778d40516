/**
 * The loopback OAuth callback server: OSCAR redirects the browser to
 * `http://127.0.0.1:PORT/callback?oauth_token=T&oauth_verifier=V` after the user authorizes.
 *
 * Binds 127.0.0.1 once and reads the port back from `server.address()` (no probe-then-bind
 * race). Hostile or stray requests never complete the wait: wrong Host (DNS rebinding), other
 * paths/methods, a token other than the one expected, oversized requests. It is single use.
 */
import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {renderPage, securityHeaders, type PageKind} from './pages.js';

type CallbackErrorCode = 'port-in-use' | 'listen-failed' | 'timeout' | 'cancelled' | 'denied' | 'closed';

/** A failure of the callback wait, with a stable code and a message meant for the user. */
export class CallbackError extends Error {
	constructor(
		readonly code: CallbackErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'CallbackError';
	}
}

interface CallbackServerOptions {
	/** 0 picks a free port. Default 8765 (the URI usually registered is `http://127.0.0.1:8765`). */
	readonly port?: number;
	readonly path?: string;
	/** The request token the callback must carry; may also be set later with `expect()`. */
	readonly expectedToken?: string;
	/** How long `waitForVerifier()` waits before failing with code 'timeout'. Default 5 minutes. */
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
}

interface CallbackResult {
	readonly verifier: string;
	readonly token: string;
}

export interface CallbackServer {
	/** The full callback URL to send as `oauth_callback`, e.g. http://127.0.0.1:8765/callback. */
	readonly url: string;
	readonly port: number;
	/** Set the request token once it is known (the server has to be up before initiate). */
	expect(token: string): void;
	waitForVerifier(): Promise<CallbackResult>;
	close(): Promise<void>;
}

/** Longest request target accepted; longer gets 414. Node itself answers 431 past `maxHeaderSize`. */
const maxRequestTarget = 8 * 1024;
const maxHeaderSize = 16 * 1024;
const defaultTimeoutMs = 5 * 60 * 1000;

/** Which program holds a port, said in a way the user can act on. */
function portInUseMessage(port: number): string {
	return (
		`Port ${port} on 127.0.0.1 is already in use, so the OAuth callback cannot listen there. ` +
		`Either stop the other program (on Linux, \`ss -ltnp 'sport = :${port}'\` shows which one), ` +
		`or pick another port with --port N and register the matching URI (http://127.0.0.1:N) on OSCAR's REST Clients page.`
	);
}

function listen(server: http.Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => {
			server.off('listening', onListening);
			if (error.code === 'EADDRINUSE') reject(new CallbackError('port-in-use', portInUseMessage(port)));
			else if (error.code === 'EACCES')
				reject(
					new CallbackError(
						'listen-failed',
						`Not allowed to listen on port ${port} (ports below 1024 need privileges): pick another port with --port.`,
					),
				);
			else reject(new CallbackError('listen-failed', `Cannot listen on 127.0.0.1:${port}: ${error.message}`));
		};

		const onListening = () => {
			server.off('error', onError);
			resolve((server.address() as AddressInfo).port);
		};

		server.once('error', onError);
		server.once('listening', onListening);
		server.listen({port, host: '127.0.0.1', exclusive: true});
	});
}

function send(response: http.ServerResponse, kind: PageKind, extra: Record<string, string> = {}): void {
	const {status, body} = renderPage(kind);
	response.writeHead(status, {...securityHeaders, ...extra, 'Content-Length': String(Buffer.byteLength(body))});
	response.end(body);
}

/** Start the callback server. Rejects with CallbackError 'port-in-use' when the port is taken. */
export async function startCallbackServer(options: CallbackServerOptions = {}): Promise<CallbackServer> {
	const {path = '/callback', timeoutMs = defaultTimeoutMs, signal} = options;
	const requestedPort = options.port ?? 8765;
	if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
		throw new CallbackError('listen-failed', `The callback port must be a whole number from 0 to 65535, got ${requestedPort}.`);
	}

	if (signal?.aborted) throw new CallbackError('cancelled', 'The authorization was cancelled.');

	let expectedToken = options.expectedToken;
	let state: 'waiting' | 'done' = 'waiting';
	let settle!: {resolve: (value: CallbackResult) => void; reject: (error: CallbackError) => void};
	const result = new Promise<CallbackResult>((resolve, reject) => {
		settle = {resolve, reject};
	});
	// Nobody may be waiting yet when a timeout or abort lands: never an unhandled rejection.
	result.catch(() => undefined);

	const sockets = new Set<Socket>();
	const server = http.createServer({maxHeaderSize}, (request, response) => {
		handle(request, response);
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
		if (!socket.writable) {
			socket.destroy();
			return;
		}

		const kind: PageKind = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' : 'bad-request';
		const {status, body} = renderPage(kind);
		const headers = Object.entries({...securityHeaders, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close'})
			.map(([name, value]) => `${name}: ${value}\r\n`)
			.join('');
		socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n${headers}\r\n${body}`);
	});
	server.requestTimeout = 30_000;
	server.headersTimeout = 10_000;

	const port = await listen(server, requestedPort);
	const authorities = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
	if (port === 80) {
		authorities.add('127.0.0.1');
		authorities.add('localhost');
	}

	let closing: Promise<void> | undefined;
	const shutdown = (): Promise<void> => {
		closing ??= new Promise(resolve => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			server.close(() => resolve());
			// Requests already being received get their 410; idle keep-alive sockets go now,
			// anything still open shortly after (a slow or stalled client) is cut.
			server.closeIdleConnections();
			setTimeout(() => {
				for (const socket of sockets) socket.destroy();
			}, 1000).unref();
		});
		return closing;
	};

	const finish = (outcome: {value: CallbackResult} | {error: CallbackError}) => {
		if (state === 'done') return;
		state = 'done';
		if ('value' in outcome) settle.resolve(outcome.value);
		else settle.reject(outcome.error);
		void shutdown();
	};

	function onAbort() {
		finish({error: new CallbackError('cancelled', 'The authorization was cancelled.')});
	}

	signal?.addEventListener('abort', onAbort, {once: true});
	const timer = setTimeout(() => {
		finish({error: new CallbackError('timeout', `No authorization reached the callback within ${Math.round(timeoutMs / 1000)} s.`)});
	}, timeoutMs);
	timer.unref();

	function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
		const target = request.url ?? '';
		if (state === 'done') {
			send(response, 'gone', {Connection: 'close'});
			return;
		}

		if (target.length > maxRequestTarget) {
			send(response, 'too-long');
			return;
		}

		const host = (request.headers.host ?? '').toLowerCase();
		if (!authorities.has(host)) {
			send(response, 'bad-request');
			return;
		}

		const questionMark = target.indexOf('?');
		const pathname = questionMark === -1 ? target : target.slice(0, questionMark);
		if (pathname !== path) {
			send(response, 'not-found');
			return;
		}

		if (request.method !== 'GET') {
			send(response, 'method-not-allowed', {Allow: 'GET'});
			return;
		}

		const query = new URLSearchParams(questionMark === -1 ? '' : target.slice(questionMark + 1));
		const tokens = query.getAll('oauth_token');
		const verifiers = query.getAll('oauth_verifier');
		if (expectedToken === undefined || tokens.length !== 1 || tokens[0] !== expectedToken || verifiers.length > 1) {
			send(response, 'bad-request');
			return;
		}

		const verifier = verifiers[0];
		if (verifier === undefined) {
			// OSCAR redirects with only oauth_token when the user presses anything but "allow".
			send(response, 'denied', {Connection: 'close'});
			finish({error: new CallbackError('denied', 'The authorization was denied in OSCAR (the callback carried no oauth_verifier).')});
			return;
		}

		if (verifier === '') {
			send(response, 'bad-request');
			return;
		}

		send(response, 'success', {Connection: 'close'});
		finish({value: {verifier, token: expectedToken}});
	}

	return {
		url: `http://127.0.0.1:${port}${path}`,
		port,
		expect(token: string) {
			expectedToken = token;
		},
		waitForVerifier: async () => result,
		async close() {
			finish({error: new CallbackError('closed', 'The callback server was closed before an authorization arrived.')});
			const done = shutdown();
			server.closeAllConnections();
			await done;
		},
	};
}
