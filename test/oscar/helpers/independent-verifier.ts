/**
 * An OAuth 1.0a signature check written from RFC 5849 alone (no code shared with source/oscar
 * or the simulator): what a server computes from the request it RECEIVED.
 */
import {createHmac} from 'node:crypto';
import type {Recorded} from './loopback.js';

// A copy of source/core/percent-encode.ts on purpose: an independent verifier shares no code with the client.
const encode = (value: string): string =>
	encodeURIComponent(value).replace(/[!'()*]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

function headerParams(authorization: string | undefined): Array<[string, string]> {
	if (!authorization?.startsWith('OAuth ')) return [];
	return [...authorization.slice(6).matchAll(/([\w.~%-]+)="([^"]*)"/g)].map(match => [
		decodeURIComponent(match[1]!),
		decodeURIComponent(match[2]!),
	]);
}

/** All protocol and request parameters as the server sees them (query, form body, header). */
function receivedParams(request: Recorded): Array<[string, string]> {
	const query = request.url.includes('?') ? [...new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1))] : [];
	const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
		? [...new URLSearchParams(request.body)]
		: [];
	return [...query, ...form, ...headerParams(request.headers.authorization)];
}

/**
 * Recompute the signature for the URL the server believes it serves (`publicOrigin`, e.g.
 * http://127.0.0.1:PORT) and compare. Returns the parameters so tests can look at them.
 */
export function verifySignature(
	request: Recorded,
	publicOrigin: string,
	consumerSecret: string,
	tokenSecret = '',
): {valid: boolean; params: Map<string, string>} {
	const all = receivedParams(request);
	const signature = all.find(([name]) => name === 'oauth_signature')?.[1];
	const method = all.find(([name]) => name === 'oauth_signature_method')?.[1];
	const signed = all
		.filter(([name]) => name !== 'oauth_signature' && name !== 'realm')
		.map(([name, value]) => [encode(name), encode(value)] as const)
		.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
		.map(([name, value]) => `${name}=${value}`)
		.join('&');
	const url = new URL(request.url, publicOrigin);
	const base = [request.method.toUpperCase(), encode(`${url.protocol}//${url.host}${url.pathname}`), encode(signed)].join('&');
	const key = `${encode(consumerSecret)}&${encode(tokenSecret)}`;
	const expected = method === 'PLAINTEXT' ? key : createHmac('sha1', key).update(base).digest('base64');
	return {valid: signature === expected, params: new Map(all)};
}
