/**
 * The small static pages the loopback callback server answers with. They never contain
 * anything taken from the request (no token, no verifier, no path): a page that echoes input
 * is an injection point, and the verifier must not linger in the browser's history or cache.
 */

export type PageKind =
	'success' | 'denied' | 'bad-request' | 'not-found' | 'method-not-allowed' | 'gone' | 'too-long' | 'headers-too-large';

interface Page {
	readonly status: number;
	readonly title: string;
	readonly text: string;
}

const pages: Readonly<Record<PageKind, Page>> = {
	success: {
		status: 200,
		title: 'Authorization received',
		text: 'oscar-rest received the authorization. You can close this window and return to the terminal.',
	},
	denied: {status: 200, title: 'Authorization denied', text: 'The authorization was denied in OSCAR. Return to the terminal to try again.'},
	'bad-request': {status: 400, title: 'Bad request', text: 'This request does not match the authorization oscar-rest is waiting for.'},
	'not-found': {status: 404, title: 'Not found', text: 'Nothing is served here.'},
	'method-not-allowed': {status: 405, title: 'Method not allowed', text: 'Only GET is accepted here.'},
	gone: {status: 410, title: 'Already used', text: 'This one-time callback has already been used. Return to the terminal.'},
	'too-long': {status: 414, title: 'Request too long', text: 'The request is too long.'},
	'headers-too-large': {status: 431, title: 'Request too large', text: 'The request headers are too large.'},
};

/** Headers on every answer: nothing cached, nothing loaded, no referrer leaking the verifier. */
export const securityHeaders: Readonly<Record<string, string>> = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-store',
	'Content-Security-Policy': "default-src 'none'",
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
};

/** Status and body of a static page. */
export function renderPage(kind: PageKind): {status: number; body: string} {
	const page = pages[kind];
	const body =
		`<!doctype html>\n<html><head><meta charset="utf-8"><title>${page.title}</title></head>` +
		`<body><h1>${page.title}</h1><p>${page.text}</p></body></html>\n`;
	return {status: page.status, body};
}
