/**
 * A hostile OSCAR on loopback: it answers the requests the checks, `report` and `call` send, in the
 * shape OSCAR uses, but every text it controls carries terminal control sequences: OSC 52 (write the
 * clipboard), OSC 0 (set the window title), CSI 2J (clear the screen), SGR 5 (blink) and a C1 CSI.
 * It writes raw bytes on a TCP socket (node:http would refuse to send such headers), so headers carry
 * exactly what a malicious server can get through Node's parser: C1 bytes (ESC and BEL in a header
 * value are refused by the client's parser, which is itself a finding the tests cover).
 *
 * The first path segment picks the mode, so one server is a whole fleet:
 *   /healthy  plain OSCAR answers (initiate 400, oauth/info 200 with a plain provider)
 *   /provider oauth/info names a provider whose name is hostile
 *   /error    oauth/info answers 500 with a hostile body and hostile header values
 *   /denied   oauth/info answers 401 with a hostile WWW-Authenticate and body
 *   /waf      initiate answers 403 with a hostile page title
 *   /title    the login page (deep check fingerprint) has a hostile title and build tag
 *   /hang     never answers (for interrupting a run)
 */
import net from 'node:net';

export const hostileModes = ['healthy', 'provider', 'error', 'denied', 'waf', 'title', 'hang'] as const;
export type HostileMode = (typeof hostileModes)[number];

/** Markers around each sequence, so a test can see the text arrived and how it was shown. */
export const hostilePayload = [
	'OSC52[\u001B]52;c;cGF5bG9hZA==\u0007]',
	'OSC0[\u001B]0;PWNED-TITLE\u0007]',
	'CLEAR[\u001B[2J]',
	'BLINK[\u001B[5mblink\u001B[0m]',
	'C1CSI[\u009B2J]',
].join(' ');

/** What survives into a header value: C1 controls only (CSI, OSC ... ST, NEL). */
export const hostileHeaderPayload = 'C1CSI[\u009B2J] C1OSC[\u009D0;PWNED-HEADER\u009C] NEL[\u0085]';

export interface HostileRequest {
	readonly mode: string;
	readonly method: string;
	readonly path: string;
	readonly at: number;
}

export interface HostileServer {
	readonly port: number;
	/** The base URL of an instance in `mode`. */
	baseUrl(mode: HostileMode): string;
	/** Every request, recorded when it ARRIVES (a hanging one too). */
	readonly requests: HostileRequest[];
	close(): Promise<void>;
}

interface Answer {
	readonly status: number;
	readonly reason: string;
	readonly headers?: Readonly<Record<string, string>>;
	readonly body?: string;
}

const reasons: Record<number, string> = {
	200: 'OK',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	500: 'Internal Server Error',
};

function html(title: string, extra = ''): string {
	return `<!DOCTYPE html><html><head><title>${title}</title></head><body>${extra}</body></html>`;
}

function info(name: string): string {
	return JSON.stringify({
		provider: {providerNo: '999001', firstName: name, lastName: 'Provider', formattedName: name},
		login: 'booking',
		roles: ['doctor'],
	});
}

function answer(mode: string, path: string, signed: boolean): Answer | undefined {
	const text = {'content-type': 'text/plain'};
	if (path === '/ws/oauth/initiate') {
		if (mode === 'waf')
			return {
				status: 403,
				reason: 'Forbidden',
				headers: {'content-type': 'text/html', server: hostileHeaderPayload},
				body: html(`Blocked ${hostilePayload}`),
			};
		// A signed request-token call (the proof a check makes before a token travels) is accepted, as
		// OSCAR does for a good key and secret; the unauthenticated probe gets OSCAR's 400.
		if (signed)
			return {
				status: 200,
				reason: 'OK',
				headers: {'content-type': 'application/x-www-form-urlencoded'},
				body: 'oauth_token=request-token&oauth_token_secret=request-secret&oauth_callback_confirmed=true',
			};
		return {status: 400, reason: 'Bad Request', headers: text, body: ''};
	}

	if (path === '/index.jsp') {
		return {
			status: 200,
			reason: 'OK',
			headers: {'content-type': 'text/html'},
			body: html(`OSCAR ${hostilePayload}`, `<span id="buildInfo">build date: 2024-01-01 build tag: ${hostilePayload}</span>`),
		};
	}

	if (path.startsWith('/ws/services/')) {
		switch (mode) {
			case 'provider': {
				return {
					status: 200,
					reason: 'OK',
					headers: {'content-type': 'application/json', 'x-note': hostileHeaderPayload},
					body: info(`Evil ${hostilePayload}`),
				};
			}

			case 'error': {
				return {
					status: 500,
					reason: 'Internal Server Error',
					headers: {'content-type': 'text/plain', server: hostileHeaderPayload, 'x-error': hostileHeaderPayload},
					body: `Failure ${hostilePayload}`,
				};
			}

			case 'denied': {
				return {
					status: 401,
					reason: 'Unauthorized',
					headers: {'content-type': 'text/plain', 'www-authenticate': `OAuth realm="${hostileHeaderPayload}"`},
					body: `denied ${hostilePayload}`,
				};
			}

			default: {
				return {status: 200, reason: 'OK', headers: {'content-type': 'application/json'}, body: info('Booking App')};
			}
		}
	}

	return {status: 404, reason: 'Not Found', headers: text, body: ''};
}

function serialize(reply: Answer): Buffer {
	const body = Buffer.from(reply.body ?? '', 'utf8');
	const head = [
		`HTTP/1.1 ${reply.status} ${reasons[reply.status] ?? reply.reason}`,
		`Date: ${new Date().toUTCString()}`,
		...Object.entries(reply.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
		`Content-Length: ${body.length}`,
		'Connection: close',
		'',
		'',
	].join('\r\n');
	// latin1: a C1 character in a header value goes out as ONE byte (0x9B), as a hostile server would send it.
	return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** Start the server on 127.0.0.1 (any free port). */
export async function startHostileServer(): Promise<HostileServer> {
	const requests: HostileRequest[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer(socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		let received = '';
		socket.on('data', chunk => {
			received += chunk.toString('latin1');
			if (!received.includes('\r\n\r\n')) return;
			const [method = '', target = ''] = received.split('\r\n', 1)[0]!.split(' ');
			const signed = /\r\nauthorization: *OAuth /i.test(received) || /[?&]oauth_signature=/.test(target);
			received = '';
			const url = new URL(target, 'http://127.0.0.1');
			const [, mode = '', ...rest] = url.pathname.split('/');
			const path = `/${rest.join('/')}`;
			requests.push({mode, method, path, at: Date.now()});
			if (mode === 'hang') return; // read, never answered
			const reply = answer(mode, path, signed);
			if (reply) socket.end(serialize(reply));
		});
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const port = (server.address() as net.AddressInfo).port;
	return {
		port,
		requests,
		baseUrl: mode => `http://127.0.0.1:${port}/${mode}`,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}

/** Bytes that must never reach a terminal from untrusted text: C0 controls but tab and newline, DEL, C1. */
// eslint-disable-next-line no-control-regex
export const controlBytes = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** The first control character in `text`, shown with its surroundings, for a readable failure. */
export function firstControl(text: string): string | undefined {
	const match = controlBytes.exec(text);
	if (!match) return undefined;
	const start = Math.max(0, match.index - 30);
	return JSON.stringify(text.slice(start, match.index + 30));
}
