/**
 * The three legs of OAuth 1.0a against OSCAR, plus a signed GET. Initiate and token use POST
 * with the Authorization header: classic OSCAR accepts GET or POST, CARLOS only POST.
 */
import type {OAuthTransport, SignatureMethod} from '../core/model.js';
import {redactOAuthValues} from '../core/evidence-text.js';
import {type Exchange, type HttpClient, type TlsTarget, header, httpClientFor} from './http.js';
import {type Credentials, parseQuery, signRequest} from './oauth.js';
import {endpoints, servicesUrl} from './url.js';

interface LegTarget extends TlsTarget {
	readonly baseUrl: string;
}

export interface LegOptions {
	readonly consumer: Credentials;
	readonly signatureMethod?: SignatureMethod;
	readonly transport?: OAuthTransport;
	readonly signal?: AbortSignal;
	readonly timeoutMs?: number;
	readonly maxBodyBytes?: number;
	/** Seconds to add to the local clock when signing (never used to get around the skew guard). */
	readonly timestamp?: number;
	/** Sign for this URL instead of the requested one (proxy-URL probe). */
	readonly signAs?: string;
	readonly client?: HttpClient;
}

/** An OAuth leg that OSCAR refused: the status and (short) body are the evidence. */
export class LegError extends Error {
	constructor(
		readonly leg: 'initiate' | 'token' | 'resource',
		readonly status: number,
		readonly body: string,
		readonly exchange: Exchange,
	) {
		super(
			redactOAuthValues(
				`OSCAR answered ${status} to the ${leg} request${body.trim() ? `: ${body.trim().slice(0, 120)}` : ' (empty body)'}.`,
			),
		);
		this.name = 'LegError';
	}
}

interface TokenPair {
	readonly token: string;
	readonly tokenSecret: string;
}

function client(target: LegTarget, options: LegOptions): HttpClient {
	return options.client ?? httpClientFor(target);
}

async function signedExchange(
	target: LegTarget,
	options: LegOptions,
	method: 'GET' | 'POST',
	url: string,
	token?: Credentials,
	oauthParams?: Record<string, string>,
): Promise<Exchange> {
	const sign = () =>
		signRequest({
			method,
			url,
			consumer: options.consumer,
			...(token ? {token} : {}),
			...(oauthParams ? {oauthParams} : {}),
			signatureMethod: options.signatureMethod ?? 'HMAC-SHA1',
			transport: options.transport ?? 'header',
			...(options.timestamp === undefined ? {} : {timestamp: options.timestamp}),
			...(options.signAs === undefined ? {} : {signAs: options.signAs}),
		});
	const signed = sign();
	return client(target, options).request({
		method: signed.method,
		url: signed.url,
		headers: signed.headers,
		...(signed.body === undefined ? {} : {body: signed.body}),
		// A retry after a keep-alive reset is signed again: a new nonce and timestamp.
		resign() {
			const again = sign();
			return {url: again.url, headers: again.headers, ...(again.body === undefined ? {} : {body: again.body})};
		},
		...(options.signal ? {signal: options.signal} : {}),
		...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
		...(options.maxBodyBytes === undefined ? {} : {maxBodyBytes: options.maxBodyBytes}),
	});
}

function parseTokenAnswer(exchange: Exchange, leg: 'initiate' | 'token'): TokenPair & {callbackConfirmed: boolean} {
	const fields = new Map(parseQuery(exchange.body.trim()));
	const token = fields.get('oauth_token');
	const tokenSecret = fields.get('oauth_token_secret');
	if (exchange.status !== 200 || !token || !tokenSecret)
		throw new LegError(leg, exchange.status, exchange.status === 200 ? 'no oauth_token in the answer' : exchange.body, exchange);
	return {token, tokenSecret, callbackConfirmed: fields.get('oauth_callback_confirmed') === 'true'};
}

/** Leg 1: a request token. Side effect: OSCAR stores it (for an hour). */
export async function requestToken(
	target: LegTarget,
	options: LegOptions & {callback: string},
): Promise<TokenPair & {callbackConfirmed: boolean; exchange: Exchange}> {
	const exchange = await signedExchange(target, options, 'POST', endpoints(target.baseUrl).initiate, undefined, {
		oauth_callback: options.callback,
	});
	return {...parseTokenAnswer(exchange, 'initiate'), exchange};
}

/** Leg 2: where the user logs in and authorizes. */
export function authorizeUrl(baseUrl: string, requestToken: string): string {
	return `${endpoints(baseUrl).authorize}?oauth_token=${encodeURIComponent(requestToken)}`;
}

/** Leg 3: exchange the request token and verifier for the access token (with the answer's Date header). */
export async function accessToken(
	target: LegTarget,
	options: LegOptions & {requestToken: TokenPair; verifier: string},
): Promise<TokenPair & {serverDate?: string; elapsedMs?: number}> {
	const exchange = await signedExchange(
		target,
		options,
		'POST',
		endpoints(target.baseUrl).token,
		{key: options.requestToken.token, secret: options.requestToken.tokenSecret},
		{oauth_verifier: options.verifier},
	);
	const {token, tokenSecret} = parseTokenAnswer(exchange, 'token');
	const serverDate = header(exchange, 'date');
	return {
		token,
		tokenSecret,
		...(serverDate ? {serverDate} : {}),
		...(exchange.timings.total === undefined ? {} : {elapsedMs: exchange.timings.total}),
	};
}

/** A signed GET of `{base}/ws/services/PATH` with an access token; returns the raw exchange. */
export async function signedGet(target: LegTarget, options: LegOptions & {accessToken: TokenPair; path: string}): Promise<Exchange> {
	return signedExchange(target, options, 'GET', servicesUrl(target.baseUrl, options.path), {
		key: options.accessToken.token,
		secret: options.accessToken.tokenSecret,
	});
}

/** A signed initiate without parsing: the credentials probe needs the status whatever it is. */
export async function signedInitiate(target: LegTarget, options: LegOptions & {callback: string}): Promise<Exchange> {
	return signedExchange(target, options, 'POST', endpoints(target.baseUrl).initiate, undefined, {oauth_callback: options.callback});
}
