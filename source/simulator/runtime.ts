/**
 * One simulated instance at run time: its resolved spec, live state and clock, plus the shape of
 * a request as the handlers see it (already read, with the origin Tomcat believes it serves).
 */
import type http from 'node:http';
import type {ResolvedSpec, SimState, SimToken} from './types.js';
import {type Reply} from './http-util.js';
import {clientRow, tokenRow} from './rows.js';

export interface SimRequest {
	readonly method: string;
	/** Path and query exactly as received. */
	readonly target: string;
	/** Path relative to the instance's served context path ('' for the context root without slash). */
	readonly relativePath: string;
	readonly query: Map<string, string>;
	readonly headers: http.IncomingHttpHeaders;
	readonly body: string;
	/** scheme://host[:port] the client used (Host header). */
	readonly publicOrigin: string;
	/** scheme://host[:port] Tomcat believes it serves: what enters the signature base string. */
	readonly tomcatOrigin: string;
}

/** What a handler returns: a reply, or a streaming/never-ending answer it manages itself. */
export type HandlerResult = Reply | {stream: (response: http.ServerResponse) => void};

export class InstanceRuntime {
	readonly state: SimState;
	private offsetSeconds: number;

	constructor(
		readonly spec: ResolvedSpec,
		readonly scheme: 'http' | 'https',
		/** The path the instance is really deployed at. */
		readonly servedPath: string,
		private readonly baseClock: () => number,
	) {
		this.offsetSeconds = spec.clockOffsetSeconds;
		this.state = {
			users: new Map(spec.users.map(user => [user.username, user])),
			clients: new Map(spec.clients.filter(client => client.deleted !== true).map(client => [client.key, client])),
			accessTokens: new Map(),
			requestTokens: new Map(),
			nonces: {initiate: new Set(), token: new Set(), services: new Set()},
			sessions: new Map(),
			rows: {clients: new Map(), tokens: new Map(), nextClientId: 1, nextTokenId: 1},
			log: [],
		};
		// Deleted clients get their row too: ids are handed out in order and never reused.
		for (const client of spec.clients) clientRow(this.state, client.key, this.now());
		for (const token of spec.tokens) this.storeToken(token);
	}

	private storeToken(token: SimToken): void {
		if (token.revoked === true) return;
		const client = this.spec.clients.find(candidate => candidate.key === token.clientKey);
		const issuedAt = token.issuedAt ?? Math.floor(this.now() / 1000);
		tokenRow(this.state, token.token, issuedAt * 1000);
		this.state.accessTokens.set(token.token, {
			token: token.token,
			secret: token.secret,
			clientKey: token.clientKey,
			providerNo: token.providerNo,
			issuedAt,
			lifetime: token.lifetime ?? client?.lifetime ?? -1,
			// Classic OSCAR stores no scopes; CARLOS grants the client's.
			scopes: this.spec.dialect === 'carlos' ? [...(client?.scopes ?? defaultScopes)] : [],
		});
	}

	/** Epoch ms on this instance's clock. */
	now(): number {
		return this.baseClock() + this.offsetSeconds * 1000;
	}

	setClockOffset(seconds: number): void {
		this.offsetSeconds = seconds;
	}

	get clockOffsetSeconds(): number {
		return this.offsetSeconds;
	}

	/** The context base a browser uses, e.g. http://127.0.0.1:8080/oscar. */
	publicBase(request: SimRequest): string {
		return `${request.publicOrigin}${this.servedPath}`;
	}
}

/** CARLOS scopes granted when a client names none. */
export const defaultScopes: readonly string[] = ['provider.read', 'schedule.read', 'demographic.read'];
