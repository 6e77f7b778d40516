/**
 * What the clinic admin types on OSCAR's REST Clients page (steps 4-7), and the callback rule
 * that page's URI field implies: OSCAR accepts an `oauth_callback` only when it starts with the
 * registered URI as a raw string (no URL parsing, no case folding, no trailing-slash leniency).
 */

/** The callback path the loopback server listens on. */
export const callbackPath = '/callback';
export const defaultCallbackPort = 8765;

export interface RestClientFields {
	/** Administration > Integrations > REST Clients (OSCAR's `admin/api/clients.jsp`). */
	readonly adminUrl: string;
	readonly name: string;
	/** What to type in URI: the callback prefix, e.g. http://127.0.0.1:8765 */
	readonly uri: string;
	/** The callback oscar-rest will send at initiate; starts with `uri`. */
	readonly callback: string;
	readonly lifetime: -1;
	/** Why -1, and what 0 or a blank field would do. */
	readonly lifetimeNote: string;
}

export function restClientFields(input: {baseUrl: string; name: string; port?: number}): RestClientFields {
	const port = input.port ?? defaultCallbackPort;
	const uri = `http://127.0.0.1:${port}`;
	return {
		adminUrl: `${input.baseUrl.replace(/\/+$/, '')}/admin/api/clients.jsp`,
		name: input.name,
		uri,
		callback: `${uri}${callbackPath}`,
		lifetime: -1,
		lifetimeNote:
			'-1 means the access token never expires. 0, or leaving the field blank (stored as 0), makes the token expire the second it is issued: every call then fails with 401. A number is seconds (3600 = re-authorize every hour).',
	};
}

export type UriCheck = {readonly ok: true} | {readonly ok: false; readonly message: string};

/** OSCAR's rule, exactly: `callback.startsWith(uri)`, and a blank URI rejects every callback. */
export function callbackSatisfiesUri(callback: string, uri: string): UriCheck {
	if (uri === '') {
		return {
			ok: false,
			message: `The REST client's URI is blank: OSCAR then rejects every callback, including "${callback}". Enter "${callbackPrefixSuggestion(callback)}" as the URI.`,
		};
	}

	if (callback.startsWith(uri)) return {ok: true};
	const hints: string[] = [];
	if (callback.toLowerCase().startsWith(uri.toLowerCase())) hints.push('they differ only in upper/lower case, which OSCAR does not ignore');
	else if (uri.endsWith('/') && callback.startsWith(uri.slice(0, -1))) hints.push('the URI\'s trailing "/" is not in the callback');
	else if (uri.includes('localhost') !== callback.includes('localhost'))
		hints.push('"localhost" and "127.0.0.1" are different strings to OSCAR');
	else if (uri.trim() !== uri) hints.push('the URI has spaces around it');
	else if (samePlaceOtherPort(callback, uri))
		hints.push("the port differs: the callback must use the registered URI's port (leave out --port)");
	const hint = hints.length > 0 ? ` (${hints.join('; ')})` : '';
	return {
		ok: false,
		message:
			`OSCAR will reject the callback "${callback}": it does not start with the registered URI "${uri}"${hint}. ` +
			`Register "${callbackPrefixSuggestion(callback)}" as the URI, or change the callback.`,
	};
}

/** scheme://host:port of a callback: the URI that accepts it and any other path on that port. */
function callbackPrefixSuggestion(callback: string): string {
	try {
		return new URL(callback).origin;
	} catch {
		return callback;
	}
}

/** Same scheme and host, another port: a --port that moved the callback off the registered URI. */
function samePlaceOtherPort(callback: string, uri: string): boolean {
	try {
		const a = new URL(callback);
		const b = new URL(uri);
		return a.protocol === b.protocol && a.hostname === b.hostname && a.port !== b.port;
	} catch {
		return false;
	}
}
