/**
 * The one HTTP client of the protocol layer, on got: no retries (a probe must not repeat a
 * request that may have side effects or burn a nonce), no silent redirects (a redirect is
 * evidence), phased timeouts, a body cap (a huge body is a finding, not a crash), a per-instance
 * CA, keep-alive agents reused per TLS configuration, and timings per phase. Network and TLS
 * errors become a NetworkFailure carrying a diagnosis code, never a stack trace.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import got, {type Got, type Response} from 'got';
import type {Evidence, Timings} from '../core/report.js';

export const defaultMaxBodyBytes = 1024 * 1024;
const defaultTimeoutMs = 10_000;

export interface TlsTarget {
	readonly caFile?: string;
	readonly insecureTls?: boolean;
}

export interface HttpRequest {
	readonly method: 'GET' | 'POST';
	readonly url: string;
	readonly headers?: Readonly<Record<string, string>>;
	readonly body?: string;
	readonly signal?: AbortSignal;
	/** Per phase (lookup, connect, TLS, first byte); the whole exchange gets three times that. */
	readonly timeoutMs?: number;
	readonly maxBodyBytes?: number;
	/**
	 * A signed request is retried after a keep-alive reset only when it can be signed again (a new
	 * nonce and timestamp: OSCAR keeps the nonces it saw). Returns the new url, headers and body.
	 */
	readonly resign?: () => Pick<HttpRequest, 'url' | 'headers' | 'body'>;
}

export interface Exchange {
	readonly method: string;
	readonly url: string;
	readonly status: number;
	readonly headers: Readonly<Record<string, string | string[] | undefined>>;
	/** The body (up to the cap), decoded as UTF-8. */
	readonly body: string;
	/** The same bytes undecoded, for `call --raw` (which must pass them on unchanged). */
	readonly bodyBuffer?: Buffer;
	readonly bodyBytes: number;
	/** True when the body passed the cap and the download was stopped. */
	readonly tooLarge: boolean;
	readonly timings: Timings;
	/** 1 when the request was sent again on a fresh connection after a reset of a reused keep-alive one. */
	readonly retries: number;
}

type NetworkFailureCode =
	| 'dns-not-found'
	| 'connection-refused'
	| 'timeout-lookup'
	| 'timeout-connect'
	| 'timeout-tls'
	| 'timeout-response'
	| 'tls-self-signed'
	| 'tls-unknown-ca'
	| 'tls-expired'
	| 'tls-wrong-host'
	| 'network-error'
	| 'cancelled'
	| 'ca-file-unreadable';

export class NetworkFailure extends Error {
	constructor(
		readonly code: NetworkFailureCode,
		message: string,
		readonly evidence: readonly Evidence[],
	) {
		super(message);
		this.name = 'NetworkFailure';
	}
}

const tlsCodes: Record<string, NetworkFailureCode> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'tls-self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'tls-self-signed',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls-unknown-ca',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls-unknown-ca',
	UNABLE_TO_GET_ISSUER_CERT: 'tls-unknown-ca',
	CERT_UNTRUSTED: 'tls-unknown-ca',
	CERT_HAS_EXPIRED: 'tls-expired',
	CERT_NOT_YET_VALID: 'tls-expired',
	ERR_TLS_CERT_ALTNAME_INVALID: 'tls-wrong-host',
};

const timeoutPhases: Record<string, NetworkFailureCode> = {
	lookup: 'timeout-lookup',
	connect: 'timeout-connect',
	socket: 'timeout-connect',
	secureConnect: 'timeout-tls',
};

/** Turn whatever got or Node threw into a NetworkFailure with evidence. */
function toNetworkFailure(error: unknown, url: string): NetworkFailure {
	if (error instanceof NetworkFailure) return error;
	const err = error as {code?: string; name?: string; event?: string; message?: string; cause?: {code?: string}};
	const code = err.cause?.code ?? err.code ?? '';
	const host = safeHost(url);
	const shown = displayUrl(url);
	if (err.name === 'AbortError' || code === 'ERR_ABORTED' || err.name === 'CancelError') {
		return new NetworkFailure('cancelled', 'The check was cancelled.', [{label: 'URL', value: shown}]);
	}

	if (err.name === 'TimeoutError') {
		const phase = err.event ?? 'response';
		return new NetworkFailure(timeoutPhases[phase] ?? 'timeout-response', `No answer from ${host} in time (phase: ${phase}).`, [
			{label: 'URL', value: shown},
			{label: 'Timed-out phase', value: phase},
		]);
	}

	const tls = tlsCodes[code];
	if (tls) {
		return new NetworkFailure(tls, `TLS verification of ${host} failed (${code}).`, [
			{label: 'URL', value: shown},
			{label: 'TLS error', value: code},
		]);
	}

	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
		return new NetworkFailure('dns-not-found', `The host name ${host} does not resolve (${code}).`, [
			{label: 'URL', value: shown},
			{label: 'Error', value: code},
		]);
	}

	if (code === 'ECONNREFUSED') {
		return new NetworkFailure('connection-refused', `${host} refused the connection: nothing listens on that port.`, [
			{label: 'URL', value: shown},
			{label: 'Error', value: code},
		]);
	}

	return new NetworkFailure('network-error', `The request to ${host} failed (${code || err.name || 'error'}).`, [
		{label: 'URL', value: shown},
		{label: 'Error', value: code || (err.message ?? 'unknown').replaceAll(/\?[^\s"']*/g, '?...').slice(0, 200)},
	]);
}

/**
 * The URL as evidence may show it: without its query, which can carry oauth_* parameters (with
 * PLAINTEXT over the query transport, oauth_signature IS the consumer and token secret).
 */
function displayUrl(url: string): string {
	const cut = url.search(/[?#]/);
	return cut === -1 ? url : `${url.slice(0, cut)}?...`;
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

export interface HttpClient {
	request(request: HttpRequest): Promise<Exchange>;
}

const clients = new Map<string, HttpClient>();

/** The client for a TLS configuration; cached, so keep-alive connections are shared by checks. */
export function httpClientFor(target: TlsTarget = {}): HttpClient {
	const key = `${target.caFile ?? ''}\u0000${target.insecureTls === true}`;
	let client = clients.get(key);
	if (!client) {
		client = createHttpClient(target);
		clients.set(key, client);
	}

	return client;
}

/** Close idle keep-alive sockets of every cached client (lets short-lived commands exit at once). */
export function closeIdleConnections(): void {
	for (const agent of agents) agent.destroy();
	agents.length = 0;
	clients.clear();
}

const agents: Array<http.Agent | https.Agent> = [];

/**
 * Close the idle keep-alive connections to the host of `baseUrl`: a check run calls this when it is
 * done with an instance. Connections are reused within a run; across runs the server has usually
 * closed them (Tomcat after 20 s), and a fleet of 10,000 instances would otherwise hold 40,000 idle
 * sockets (and their memory) until the end of the run.
 */
export function releaseIdleConnections(baseUrl: string): void {
	let origin: URL;
	try {
		origin = new URL(baseUrl);
	} catch {
		return;
	}

	const port = origin.port || (origin.protocol === 'https:' ? '443' : '80');
	// The agent's pool names start with host:port: (then the TLS options).
	const prefix = `${origin.hostname}:${port}:`;
	for (const agent of agents) {
		// for...in, not Object.entries: the pools of every instance still in progress (up to 256) are
		// listed at each release, and entries made an array per pool each time.
		for (const name in agent.freeSockets) {
			if (!name.startsWith(prefix)) continue;
			for (const socket of [...(agent.freeSockets[name] ?? [])]) socket.destroy();
		}
	}
}

function createHttpClient(target: TlsTarget): HttpClient {
	let ca: Buffer | undefined;
	let caError: NetworkFailure | undefined;
	if (target.caFile) {
		try {
			ca = fs.readFileSync(target.caFile);
		} catch (error) {
			caError = new NetworkFailure(
				'ca-file-unreadable',
				`The CA file ${target.caFile} cannot be read (${(error as {code?: string}).code ?? 'error'}).`,
				[{label: 'CA file', value: target.caFile}],
			);
		}
	}

	const httpAgent = new http.Agent({keepAlive: true, maxSockets: 8});
	const httpsAgent = new https.Agent({
		keepAlive: true,
		maxSockets: 8,
		...(ca ? {ca} : {}),
		rejectUnauthorized: target.insecureTls !== true,
	});
	agents.push(httpAgent, httpsAgent);
	const instance: Got = got.extend({
		retry: {limit: 0},
		followRedirect: false,
		throwHttpErrors: false,
		decompress: true,
		agent: {http: httpAgent, https: httpsAgent},
		https: {rejectUnauthorized: target.insecureTls !== true, ...(ca ? {certificateAuthority: ca} : {})},
		headers: {
			'user-agent': 'oscar-rest-dashboard',
			accept: 'application/json, application/x-www-form-urlencoded;q=0.9, text/html;q=0.5, */*;q=0.1',
		},
	});

	return {
		async request(request) {
			if (caError) throw caError;
			return send(instance, request);
		},
	};
}

/** The server closed a reused keep-alive connection before answering (see send). */
class StaleConnectionReset extends Error {
	constructor(readonly original: unknown) {
		super('The reused keep-alive connection was reset before any answer.');
		this.name = 'StaleConnectionReset';
	}
}

const resetCodes = new Set(['ECONNRESET', 'EPIPE']);

function isReset(error: unknown): boolean {
	const err = error as {code?: string; cause?: {code?: string}};
	return resetCodes.has(err.code ?? '') || resetCodes.has(err.cause?.code ?? '');
}

/** Whether the request carries an OAuth signature (its nonce must not be sent twice). */
function isSigned(request: HttpRequest): boolean {
	const authorization = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
	return (
		/^OAuth\s/i.test(authorization ?? '') || /[?&]oauth_signature=/.test(request.url) || /(?:^|&)oauth_signature=/.test(request.body ?? '')
	);
}

/**
 * Send, retrying ONCE on a fresh connection when a reused keep-alive connection is reset before any
 * response byte: the server (Tomcat after its keepAliveTimeout, 20 s by default) closed it while it
 * sat idle in the pool, so the request never reached the application. A signed request is signed
 * again for the retry (new nonce and timestamp), or not retried when it cannot be.
 */
async function send(instance: Got, request: HttpRequest): Promise<Exchange> {
	try {
		return await sendOnce(instance, request, undefined);
	} catch (error) {
		if (!(error instanceof StaleConnectionReset)) throw error;
		const signed = isSigned(request);
		if (signed && !request.resign) throw toNetworkFailure(error.original, request.url);
		const again: HttpRequest = signed ? {...request, ...request.resign!()} : request;
		const fresh = {http: new http.Agent({keepAlive: false}), https: new https.Agent({keepAlive: false})};
		try {
			return {...(await sendOnce(instance, again, fresh)), retries: 1};
		} finally {
			fresh.http.destroy();
			fresh.https.destroy();
		}
	}
}

async function sendOnce(
	instance: Got,
	request: HttpRequest,
	agents: {http: http.Agent; https: https.Agent} | undefined,
): Promise<Exchange> {
	const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
	const cap = request.maxBodyBytes ?? defaultMaxBodyBytes;
	if (request.signal?.aborted)
		throw new NetworkFailure('cancelled', 'The check was cancelled.', [{label: 'URL', value: displayUrl(request.url)}]);
	return new Promise<Exchange>((resolve, reject) => {
		const stream = instance.stream(request.url, {
			method: request.method,
			headers: {...request.headers},
			// A got stream with POST waits for a body to be written: always give one.
			...(request.body === undefined ? (request.method === 'POST' ? {body: ''} : {}) : {body: request.body}),
			timeout: {lookup: timeoutMs, connect: timeoutMs, secureConnect: timeoutMs, response: timeoutMs, request: timeoutMs * 3},
			...(agents ? {agent: agents} : {}),
		});
		const chunks: Buffer[] = [];
		let bytes = 0;
		let response: Response | undefined;
		let settled = false;
		const onAbort = () => {
			fail(new NetworkFailure('cancelled', 'The check was cancelled.', [{label: 'URL', value: displayUrl(request.url)}]));
		};

		const cleanup = () => {
			request.signal?.removeEventListener('abort', onAbort);
		};

		const fail = (error: unknown) => {
			if (settled) return;
			settled = true;
			cleanup();
			const stale = !response && agents === undefined && stream.reusedSocket === true && isReset(error) && request.signal?.aborted !== true;
			stream.destroy();
			reject(stale ? new StaleConnectionReset(error) : toNetworkFailure(error, request.url));
		};

		const finish = (tooLarge: boolean) => {
			if (settled || !response) return;
			settled = true;
			cleanup();
			const phases = response.timings.phases;
			const total = phases.total ?? (response.timings.end ?? Date.now()) - response.timings.start;
			const bodyBuffer = Buffer.concat(chunks);
			resolve({
				method: request.method,
				url: request.url,
				status: response.statusCode,
				headers: response.headers,
				body: bodyBuffer.toString('utf8'),
				bodyBuffer,
				bodyBytes: bytes,
				tooLarge,
				timings: {
					dns: phases.dns,
					tcp: phases.tcp,
					tls: phases.tls,
					firstByte: phases.firstByte,
					total: tooLarge ? Date.now() - response.timings.start : total,
				},
				retries: 0,
			});
			if (tooLarge) stream.destroy();
		};

		request.signal?.addEventListener('abort', onAbort, {once: true});
		stream.on('response', (incoming: Response) => {
			response = incoming;
		});
		stream.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
			if (bytes > cap) {
				chunks.push(chunk.subarray(0, Math.max(0, cap - (bytes - chunk.length))));
				finish(true);
				return;
			}

			chunks.push(chunk);
		});
		stream.on('end', () => {
			// got fills timings.end after 'end'; read them on the next tick.
			setImmediate(() => {
				finish(false);
			});
		});
		stream.on('error', fail);
	});
}

/** A header value as one string (first of repeated headers). */
export function header(exchange: Exchange, name: string): string | undefined {
	const value = exchange.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
