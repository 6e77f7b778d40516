/**
 * OAuth 1.0a request signing (RFC 5849) on top of the oauth-1.0a package, wrapped so the result
 * is correct: the package uses the URL raw and mis-parses query strings, so we hand it a
 * normalized base URI and the DECODED query and form parameters ourselves; its nonce uses
 * Math.random, so we replace it with crypto bytes; timestamps are seconds.
 */
import {createHmac, randomBytes} from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type {OAuthTransport, SignatureMethod} from '../core/model.js';
import {percentEncode} from '../core/percent-encode.js';

export interface Credentials {
	readonly key: string;
	readonly secret: string;
}

interface SignInput {
	readonly method: 'GET' | 'POST';
	/** Full URL, may carry a query string. */
	readonly url: string;
	readonly consumer: Credentials;
	readonly token?: Credentials;
	readonly signatureMethod?: SignatureMethod;
	readonly transport?: OAuthTransport;
	/** Extra protocol parameters: oauth_callback (initiate), oauth_verifier (token). */
	readonly oauthParams?: Readonly<Record<string, string>>;
	/** application/x-www-form-urlencoded body parameters (signed, sent as the body). */
	readonly form?: ReadonlyArray<readonly [string, string]>;
	/**
	 * The URL to put in the base string when it differs from the one requested: the proxy-URL
	 * probe signs for the URL Tomcat may see while sending to the public one.
	 */
	readonly signAs?: string;
	/** Seconds; for tests and for compensating a measured clock skew. Default: now. */
	readonly timestamp?: number;
	readonly nonce?: string;
	/** Send oauth_version="1.0" (default true; OSCAR accepts it absent or 1.0, never "1.0a"). */
	readonly version?: boolean;
}

interface SignedRequest {
	readonly method: 'GET' | 'POST';
	readonly url: string;
	readonly headers: Record<string, string>;
	/** Form body (only for POST with form parameters or form transport). */
	readonly body?: string;
	readonly baseString: string;
}

/** A request that cannot be signed as asked (a programming error, not a network finding). */
type SigningErrorCode = 'form-needs-post';

export class SigningError extends Error {
	constructor(
		readonly code: SigningErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'SigningError';
	}
}

/** Decode an application/x-www-form-urlencoded component: `+` is a space (RFC 5849 3.4.1.3.1). */
function formDecode(value: string): string {
	try {
		return decodeURIComponent(value.replaceAll('+', ' '));
	} catch {
		return value;
	}
}

/** Name/value pairs of a query string, decoded, order and duplicates kept; `a=b=c` -> ["a","b=c"]. */
export function parseQuery(query: string): Array<[string, string]> {
	const text = query.startsWith('?') ? query.slice(1) : query;
	if (text === '') return [];
	return text
		.split('&')
		.filter(part => part !== '')
		.map(part => {
			const index = part.indexOf('=');
			return index === -1 ? [formDecode(part), ''] : [formDecode(part.slice(0, index)), formDecode(part.slice(index + 1))];
		});
}

/** The base string URI (RFC 5849 3.4.1.2): lowercase scheme and host, no default port, no query. */
export function baseStringUri(url: string): string {
	const parsed = new URL(url);
	// URL lowercases scheme and host and drops :80 for http and :443 for https.
	return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

function splitUrl(url: string): {uri: string; query: Array<[string, string]>} {
	const index = url.indexOf('?');
	const withoutFragment = url.split('#')[0]!;
	const query = index === -1 ? '' : withoutFragment.slice(withoutFragment.indexOf('?') + 1);
	return {uri: baseStringUri(withoutFragment.split('?')[0]!), query: parseQuery(query)};
}

type DataValue = string | string[];

function toData(pairs: ReadonlyArray<readonly [string, string]>): Record<string, DataValue> {
	const data: Record<string, DataValue> = {};
	for (const [name, value] of pairs) {
		const existing = data[name];
		if (existing === undefined) data[name] = value;
		else data[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}

	return data;
}

function createSigner(consumer: Credentials, signatureMethod: SignatureMethod, nonce?: string, timestamp?: number, version = true): OAuth {
	const oauth = new OAuth({
		consumer: {key: consumer.key, secret: consumer.secret},

		signature_method: signatureMethod,

		hash_function:
			signatureMethod === 'PLAINTEXT'
				? (_base: string, key: string) => key
				: (base: string, key: string) => createHmac('sha1', key).update(base).digest('base64'),
	});
	oauth.getNonce = () => nonce ?? randomBytes(16).toString('hex');
	oauth.getTimeStamp = () => timestamp ?? Math.floor(Date.now() / 1000);
	if (!version) {
		// The package always adds oauth_version; RFC 5849 makes it optional (its examples omit it).
		const getSignature = oauth.getSignature.bind(oauth);
		oauth.getSignature = (request, tokenSecret, data) => {
			delete (data as {oauth_version?: string}).oauth_version;
			return getSignature(request, tokenSecret, data);
		};
	}

	return oauth;
}

/** What the signer itself adds (RFC 5849 3.1); oauth_callback / oauth_verifier come as `oauthParams`. */
const protocolParameterNames = [
	'oauth_consumer_key',
	'oauth_nonce',
	'oauth_signature',
	'oauth_signature_method',
	'oauth_timestamp',
	'oauth_token',
	'oauth_version',
] as const;

/** Sign a request; the result says where each parameter travels (header, query or form body). */
export function signRequest(input: SignInput): SignedRequest {
	const signatureMethod = input.signatureMethod ?? 'HMAC-SHA1';
	// A GET has no body to carry the protocol parameters: form transport falls back to the query
	// (RFC 5849 3.5.3), so an integration set to `form` can still be checked with a signed GET.
	const transport = input.transport === 'form' && input.method === 'GET' ? 'query' : (input.transport ?? 'header');
	const extra = Object.entries(input.oauthParams ?? {});
	const form = [...(input.form ?? [])];
	const requested = splitUrl(input.url);
	const signed = input.signAs === undefined ? requested : splitUrl(input.signAs);
	const oauth = createSigner(input.consumer, signatureMethod, input.nonce, input.timestamp, input.version);
	const request = {url: signed.uri, method: input.method, data: toData([...signed.query, ...form, ...extra])};
	const protocol = oauth.authorize(
		request,
		input.token ? {key: input.token.key, secret: input.token.secret} : undefined,
	) as unknown as Record<string, string>;
	const {oauth_signature: _signature, ...unsigned} = protocol;
	const baseString = oauth.getBaseString(request, unsigned as never);
	// The package copies EVERY entry of `data` (query and form parameters too) into its result:
	// keep only the protocol parameters, or a query parameter would travel twice (in the URL and
	// in the header), the server's base string would differ, and classic OSCAR would answer 401
	// and DELETE the access token.
	const protocolNames = new Set([...protocolParameterNames, ...extra.map(([name]) => name)]);
	const params: Array<[string, string]> = [
		...new Map([...extra, ...Object.entries(protocol).filter(([name]) => protocolNames.has(name))]),
	].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

	const headers: Record<string, string> = {};
	let url = input.url;
	let body: string | undefined;
	const encodedPairs = (pairs: ReadonlyArray<readonly [string, string]>) =>
		pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
	if (transport === 'header') {
		headers['authorization'] = `OAuth ${params.map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`).join(', ')}`;
		if (form.length > 0) body = encodedPairs(form);
	} else if (transport === 'query') {
		url = `${input.url}${input.url.includes('?') ? '&' : '?'}${encodedPairs(params)}`;
		if (form.length > 0) body = encodedPairs(form);
	} else {
		body = encodedPairs([...form, ...params]);
	}

	if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
	const method = body !== undefined && input.method === 'GET' ? 'POST' : input.method;
	if (method !== input.method) throw new SigningError('form-needs-post', 'Form body parameters can only be sent with POST.');
	return {method, url, headers, ...(body === undefined ? {} : {body}), baseString};
}
