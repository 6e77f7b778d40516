/**
 * OAuth 1.0a signature verification written from RFC 5849 with node:crypto only. It is the
 * simulator's own, independent implementation: it must not share code with the client side
 * (source/oscar), so a bug in the client signer cannot be hidden by the same bug here.
 */
import {createHash, createHmac, timingSafeEqual} from 'node:crypto';

/** A decoded parameter pair; lists of them keep duplicates and order (RFC 5849 3.4.1.3). */
export type Param = readonly [name: string, value: string];

/** RFC 5849 3.6: percent-encode everything except RFC 3986 unreserved characters, uppercase hex. */
// A copy of core/percent-encode.ts on purpose: the verifier must not share the client's code.
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, character => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Raised for input a server would reject while parsing (bad percent-encoding, bad header syntax). */
export class OAuthParseError extends Error {
	readonly code = 'oauth-parse';
	constructor(message: string) {
		super(message);
		this.name = 'OAuthParseError';
	}
}

function decodeComponent(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		throw new OAuthParseError(`Malformed percent-encoding in "${value.slice(0, 40)}"`);
	}
}

/** Parse `application/x-www-form-urlencoded` text (query strings too): `+` is a space, `a=b=c` keeps `b=c`. */
export function parseFormEncoded(text: string): Param[] {
	const params: Param[] = [];
	if (text === '') return params;
	for (const part of text.split('&')) {
		if (part === '') continue;
		const equals = part.indexOf('=');
		const rawName = equals === -1 ? part : part.slice(0, equals);
		const rawValue = equals === -1 ? '' : part.slice(equals + 1);
		params.push([decodeComponent(rawName.replaceAll('+', ' ')), decodeComponent(rawValue.replaceAll('+', ' '))]);
	}

	return params;
}

/**
 * Parse an `Authorization: OAuth k="v", ...` header (RFC 5849 3.5.1). Returns undefined when the
 * scheme is not OAuth. `realm` is dropped: it never enters the signature base string.
 */
export function parseAuthorizationHeader(header: string | undefined): Param[] | undefined {
	if (header === undefined) return undefined;
	const match = /^\s*OAuth(?:\s+(.*))?$/is.exec(header);
	if (!match) return undefined;
	const rest = match[1] ?? '';
	const params: Param[] = [];
	const pattern = /\s*([^\s=,]+)\s*=\s*"([^"]*)"\s*(?:,|$)/gy;
	let consumed = 0;
	for (let item = pattern.exec(rest); item !== null; item = pattern.exec(rest)) {
		consumed = pattern.lastIndex;
		const name = decodeComponent(item[1]!);
		if (name.toLowerCase() === 'realm') continue;
		params.push([name, decodeComponent(item[2]!)]);
		if (pattern.lastIndex >= rest.length) break;
	}

	if (rest.slice(consumed).trim() !== '') throw new OAuthParseError('Malformed OAuth Authorization header');
	return params;
}

/**
 * RFC 5849 3.4.1.2: scheme and host lowercased, default port (80 for http, 443 for https) dropped,
 * path kept as sent, no query or fragment.
 */
export function normalizeBaseUri(scheme: string, hostHeader: string, path: string): string {
	const lowerScheme = scheme.toLowerCase();
	let host = hostHeader.toLowerCase();
	const portMatch = /^(.*):(\d+)$/.exec(host);
	if (portMatch && !host.endsWith(']')) {
		const port = Number(portMatch[2]);
		if ((lowerScheme === 'http' && port === 80) || (lowerScheme === 'https' && port === 443)) host = portMatch[1]!;
	}

	const cleanPath = path.split('?')[0]!.split('#')[0]!;
	return `${lowerScheme}://${host}${cleanPath === '' ? '/' : cleanPath}`;
}

/** RFC 5849 3.4.1.3.2: encode each name and value, sort by name then value (byte order), join. */
function normalizeParameters(params: readonly Param[]): string {
	const encoded = params
		.filter(([name]) => name !== 'oauth_signature')
		.map(([name, value]) => [percentEncode(name), percentEncode(value)] as const);
	encoded.sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
	return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

function compare(a: string, b: string): number {
	if (a === b) return 0;
	return a < b ? -1 : 1;
}

/** RFC 5849 3.4.1.1: METHOD&encoded-base-uri&encoded-normalized-parameters. */
export function signatureBaseString(method: string, baseUri: string, params: readonly Param[]): string {
	return `${method.toUpperCase()}&${percentEncode(baseUri)}&${percentEncode(normalizeParameters(params))}`;
}

/** RFC 5849 3.4.2 / 3.4.4: the key is encode(consumer secret) & encode(token secret), `&` always present. */
function signingKey(consumerSecret: string, tokenSecret: string): string {
	return `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
}

/** The signature the server expects, or undefined for a method it does not implement. */
export function expectedSignature(
	signatureMethod: string,
	baseString: string,
	consumerSecret: string,
	tokenSecret: string,
): string | undefined {
	const key = signingKey(consumerSecret, tokenSecret);
	if (signatureMethod === 'HMAC-SHA1') return createHmac('sha1', key).update(baseString).digest('base64');
	if (signatureMethod === 'PLAINTEXT') return key;
	return undefined;
}

/** Constant-time string comparison: both sides are hashed first so lengths never leak. */
function constantTimeEqual(a: string, b: string): boolean {
	const left = createHash('sha256').update(a).digest();
	const right = createHash('sha256').update(b).digest();
	return timingSafeEqual(left, right) && a.length === b.length;
}

/** Everything a server knows about one incoming request, as Tomcat would see it. */
export interface IncomingOAuthRequest {
	readonly method: string;
	/** Scheme + host[:port] the server believes it was reached at (`getRequestURL()`), e.g. http://127.0.0.1:8080. */
	readonly origin: string;
	/** Path and query as received. */
	readonly target: string;
	readonly authorization?: string;
	readonly contentType?: string;
	readonly body?: string;
}

/** The parameters of a request split by source, plus the merged list that is signed. */
interface CollectedParams {
	/** oauth_* parameters from the header, query and form, in that order (duplicates kept). */
	readonly oauth: Param[];
	/** Every parameter that enters the base string. */
	readonly all: Param[];
	readonly fromHeader: boolean;
}

/** RFC 5849 3.4.1.3.1: header params (minus realm) + decoded query + form body when form-encoded. */
export function collectParams(request: IncomingOAuthRequest): CollectedParams {
	const header = parseAuthorizationHeader(request.authorization) ?? [];
	const queryIndex = request.target.indexOf('?');
	const query = queryIndex === -1 ? [] : parseFormEncoded(request.target.slice(queryIndex + 1));
	const isForm = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
	const form = isForm && request.body !== undefined ? parseFormEncoded(request.body) : [];
	const all = [...header, ...query, ...form];
	return {oauth: all.filter(([name]) => name.startsWith('oauth_')), all, fromHeader: header.length > 0};
}

/** The base string a server computes for a request (its own view of the URL). */
export function requestBaseString(request: IncomingOAuthRequest, params: readonly Param[]): string {
	const url = new URL(request.origin);
	const path = request.target.split('?')[0]!;
	return signatureBaseString(request.method, normalizeBaseUri(url.protocol.slice(0, -1), url.host, path), params);
}

/** True when the request's oauth_signature matches, compared in constant time. */
export function verifySignature(
	request: IncomingOAuthRequest,
	params: readonly Param[],
	consumerSecret: string,
	tokenSecret: string,
): boolean {
	const method = params.find(([name]) => name === 'oauth_signature_method')?.[1] ?? '';
	const given = params.find(([name]) => name === 'oauth_signature')?.[1];
	if (given === undefined) return false;
	const expected = expectedSignature(method, requestBaseString(request, params), consumerSecret, tokenSecret);
	if (expected === undefined) return false;
	return constantTimeEqual(given, expected);
}
