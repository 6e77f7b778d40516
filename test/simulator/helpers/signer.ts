/**
 * A tiny OAuth 1.0a signer for the simulator tests, written independently of both the simulator's
 * verifier and the product's client (source/oscar): node:crypto and WHATWG URL only.
 */
import {createHmac, randomBytes} from 'node:crypto';

// A copy of source/core/percent-encode.ts on purpose: an independent signer shares no code with the client.
const rfc3986 = (value: string): string =>
	encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignInput {
	readonly method: string;
	/** The URL the request is sent to (query included). */
	readonly url: string;
	readonly consumerKey: string;
	readonly consumerSecret: string;
	readonly token?: string;
	readonly tokenSecret?: string;
	/** Extra oauth_* parameters (oauth_callback, oauth_verifier...). */
	readonly oauth?: Record<string, string>;
	/** Form body fields (sent form-encoded, signed). */
	readonly form?: Record<string, string>;
	readonly timestamp?: string | number;
	readonly nonce?: string;
	readonly signatureMethod?: string;
	/** Sign as if the request went to this URL (proxy tests). */
	readonly signUrl?: string;
	/** Where the oauth parameters travel. Default header. */
	readonly transport?: 'header' | 'query' | 'form';
	/** Seconds since epoch used when timestamp is not given. */
	readonly nowSeconds?: number;
	/** Replace the computed signature (bad-signature tests). */
	readonly signature?: string;
}

export function signParams(input: SignInput): Record<string, string> {
	const oauth: Record<string, string> = {
		oauth_consumer_key: input.consumerKey,
		oauth_nonce: input.nonce ?? randomBytes(12).toString('hex'),
		oauth_signature_method: input.signatureMethod ?? 'HMAC-SHA1',
		oauth_timestamp: String(input.timestamp ?? input.nowSeconds ?? Math.floor(Date.now() / 1000)),
		oauth_version: '1.0',
		...(input.token === undefined ? {} : {oauth_token: input.token}),
		...input.oauth,
	};
	const url = new URL(input.signUrl ?? input.url);
	const pairs: Array<[string, string]> = [...url.searchParams.entries(), ...Object.entries(oauth), ...Object.entries(input.form ?? {})];
	const normalized = pairs
		.map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
		.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	const base = [input.method.toUpperCase(), rfc3986(`${url.protocol}//${url.host}${url.pathname}`), rfc3986(normalized)].join('&');
	const key = `${rfc3986(input.consumerSecret)}&${rfc3986(input.tokenSecret ?? '')}`;
	const signature =
		input.signature ?? (oauth.oauth_signature_method === 'PLAINTEXT' ? key : createHmac('sha1', key).update(base).digest('base64'));
	return {...oauth, oauth_signature: signature};
}

export function authorizationHeader(params: Record<string, string>): string {
	return `OAuth realm="", ${Object.entries(params)
		.map(([k, v]) => `${rfc3986(k)}="${rfc3986(v)}"`)
		.join(', ')}`;
}

/** Sign and send with fetch (redirects NOT followed). */
export async function signedFetch(input: SignInput, init: {headers?: Record<string, string>} = {}): Promise<Response> {
	const params = signParams(input);
	const transport = input.transport ?? 'header';
	const url = new URL(input.url);
	const headers: Record<string, string> = {...init.headers};
	const form = new URLSearchParams(input.form ?? {});
	if (transport === 'header') headers.Authorization = authorizationHeader(params);
	else if (transport === 'query') for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
	else for (const [k, v] of Object.entries(params)) form.append(k, v);
	const hasBody = transport === 'form' || input.form !== undefined;
	if (hasBody) headers['Content-Type'] = 'application/x-www-form-urlencoded';
	return fetch(url, {method: input.method, headers, body: hasBody ? form.toString() : undefined, redirect: 'manual'});
}

/** Parse an `a=b&c=d` answer. */
export function formAnswer(text: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(text));
}
