/**
 * An OAuth request as the server reads it (net.oauth's OAuthMessage): parameters from the
 * Authorization header, the query and a form body, with the URL Tomcat believes it serves.
 */
import {collectParams, type IncomingOAuthRequest, OAuthParseError, type Param, verifySignature} from './verify.js';
import type {SimRequest} from './runtime.js';

export interface OAuthMessage {
	readonly incoming: IncomingOAuthRequest;
	readonly params: readonly Param[];
	/** The first value of a parameter. */
	get(name: string): string | undefined;
	/** True when some oauth_* parameter appears more than once. */
	hasDuplicateOAuthParams(): boolean;
	/** True when parsing failed (malformed header or encoding): treated as carrying nothing. */
	readonly malformed: boolean;
	verify(consumerSecret: string, tokenSecret: string): boolean;
}

function header(request: SimRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export function readOAuthMessage(request: SimRequest): OAuthMessage {
	const incoming: IncomingOAuthRequest = {
		method: request.method,
		origin: request.tomcatOrigin,
		target: request.target,
		authorization: header(request, 'authorization'),
		contentType: header(request, 'content-type'),
		body: request.body,
	};
	let params: Param[] = [];
	let oauth: Param[] = [];
	let malformed = false;
	try {
		const collected = collectParams(incoming);
		params = collected.all;
		oauth = collected.oauth;
	} catch (error) {
		if (!(error instanceof OAuthParseError)) throw error;
		malformed = true;
	}

	return {
		incoming,
		params,
		malformed,
		get: name => params.find(([key]) => key === name)?.[1],
		hasDuplicateOAuthParams() {
			const seen = new Set<string>();
			for (const [name] of oauth) {
				if (seen.has(name)) return true;
				seen.add(name);
			}

			return false;
		},
		verify: (consumerSecret, tokenSecret) => verifySignature(incoming, params, consumerSecret, tokenSecret),
	};
}

/** The nonce key net.oauth remembers: timestamp, nonce, consumer and token together. */
export function nonceKey(message: OAuthMessage): string {
	return [
		message.get('oauth_timestamp'),
		message.get('oauth_nonce'),
		message.get('oauth_consumer_key'),
		message.get('oauth_token') ?? '',
	].join('&');
}

/** The +-300 s window of net.oauth's SimpleOAuthValidator (rounded the same way). */
export function timestampInWindow(timestampSeconds: number, nowMs: number, windowMs = 300_000): boolean {
	const min = Math.floor((nowMs - windowMs + 500) / 1000);
	const max = Math.floor((nowMs + windowMs + 500) / 1000);
	return timestampSeconds >= min && timestampSeconds <= max;
}
