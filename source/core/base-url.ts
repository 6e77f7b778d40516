/**
 * Base URL handling: accept what admins paste and turn it into scheme://host[:port]/context,
 * or say exactly what is wrong with it. Pure text rules, so the store (import) and the forms use
 * it without the protocol layer; the endpoints under the base live in source/oscar/url.ts.
 */

import {validatePlainText} from './validate.js';

export type BaseUrlErrorCode = 'empty' | 'spaces' | 'scheme' | 'no-host' | 'query' | 'fragment' | 'credentials' | 'port' | 'invalid';

/** A pasted address that cannot be an OSCAR base URL; `code` says why, the message how to fix it. */
export class BaseUrlError extends Error {
	constructor(
		readonly code: BaseUrlErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'BaseUrlError';
	}
}

/** Pages and API paths people paste after the context path; they are cut back to the base. */
const trailingPages = /\/(?:index\.jsp|login\.do|logout\.jsp|provider\/providercontrol\.jsp)$/i;
const apiSuffix = /\/ws(?:\/(?:services|oauth|rs)(?:\/.*)?)?$/i;

/**
 * A pasted API or page address (`.../ws/oauth/authorize?oauth_token=...`, `.../ws/services?_wadl`,
 * `.../index.jsp?x`) is cut back to the base anyway, so its query and fragment go with it; a query
 * on the base itself is still an error.
 */
function apiQueryDropped(candidate: string): string {
	const cut = candidate.search(/[?#]/);
	if (cut === -1) return candidate;
	const path = candidate.slice(0, cut).replace(/\/+$/, '');
	return trailingPages.test(path) || /\/ws\/(?:services|oauth|rs)(?:\/.*)?$/i.test(path) ? path : candidate;
}

/**
 * Normalize a pasted OSCAR address. `clinic.example.com/oscar` becomes
 * `https://clinic.example.com/oscar`; trailing slashes, `index.jsp` and `/ws/...` are dropped;
 * scheme and host are lowercased and default ports removed (as OAuth base strings do).
 */
export function normalizeBaseUrl(input: string): string {
	const text = input.trim();
	if (text === '')
		throw new BaseUrlError('empty', 'The OSCAR URL is empty: paste the address you open OSCAR with, e.g. https://clinic.example.com/oscar');
	validatePlainText(text, 'baseUrl'); // control characters: the one input rule, before anything quotes the text
	if (/\s/.test(text))
		throw new BaseUrlError('spaces', `The OSCAR URL "${text}" contains a space: remove it (URLs cannot contain spaces).`);
	const schemeMatch = /^([a-z][a-z\d+.-]*):/i.exec(text);
	const hasScheme = schemeMatch !== null && text.slice(schemeMatch[0].length).startsWith('//');
	if (schemeMatch && hasScheme && !/^https?$/i.test(schemeMatch[1]!)) {
		throw new BaseUrlError('scheme', `The OSCAR URL uses "${schemeMatch[1]}:", but OSCAR is reached over https: (or http:).`);
	}

	if (schemeMatch && !hasScheme && /^(?:file|ftp|mailto|javascript|data)$/i.test(schemeMatch[1]!)) {
		throw new BaseUrlError('scheme', `The OSCAR URL uses "${schemeMatch[1]}:", but OSCAR is reached over https: (or http:).`);
	}

	if (schemeMatch && !hasScheme && /^https?$/i.test(schemeMatch[1]!)) {
		throw new BaseUrlError(
			'invalid',
			`The OSCAR URL "${text}" needs two slashes after "${schemeMatch[1]}:", e.g. https://clinic.example.com/oscar`,
		);
	}

	const candidate = apiQueryDropped(hasScheme ? text : `https://${text.replace(/^\/\//, '')}`);
	const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(candidate)?.[1] ?? '';
	if (authority.includes('@'))
		throw new BaseUrlError(
			'credentials',
			'The OSCAR URL contains a user name or password before "@": remove it; credentials never belong in the URL.',
		);
	if (authority === '') throw new BaseUrlError('no-host', `The OSCAR URL "${text}" has no host name.`);
	const portText = /:([^:]*)$/.exec(authority.replace(/^\[[^\]]*\]/, ''))?.[1];
	if (portText !== undefined && (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65_535)) {
		throw new BaseUrlError(
			'port',
			`The OSCAR URL has an invalid port "${portText}": use a number from 1 to 65535, e.g. https://clinic.example.com:8443/oscar`,
		);
	}

	let url: URL;
	try {
		url = new URL(candidate);
	} catch {
		throw new BaseUrlError('invalid', `"${text}" is not a valid URL. Expected something like https://clinic.example.com/oscar`);
	}

	if (url.hostname === '') throw new BaseUrlError('no-host', `The OSCAR URL "${text}" has no host name.`);
	if (url.search !== '' || candidate.includes('?'))
		throw new BaseUrlError(
			'query',
			'The OSCAR URL has a query ("?..."): paste only the address up to the context path, e.g. https://clinic.example.com/oscar',
		);
	if (url.hash !== '' || candidate.includes('#')) throw new BaseUrlError('fragment', 'The OSCAR URL has a fragment ("#..."): remove it.');

	let pathname = url.pathname.replace(/\/+$/, '');
	pathname = pathname.replace(trailingPages, '').replace(apiSuffix, '').replace(/\/+$/, '');
	// URL already lowercases scheme and host and drops default ports.
	return `${url.protocol}//${url.host}${pathname}`;
}
