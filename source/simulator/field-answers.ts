/**
 * Answers seen in the field that differ from the textbook: a deployment that lets OSCAR's
 * NullPointerException escape for an unknown access token, and CARLOS's callback rule (a prefix
 * at a path boundary after normalising both URIs, from its OscarOAuthDataProvider). Written here,
 * apart from the dialect files, so each behaviour reads as one function.
 */
import {type Reply, text} from './http-util.js';

/**
 * What /ws/services answers for an access token OSCAR does not know on deployments where the
 * NullPointerException from `OscarOAuthDataProvider.getAccessToken` is not caught: 500 text/plain
 * with the whole stack trace (Tomcat's plain error output).
 */
export function unknownTokenStackTrace(): Reply {
	return text(
		500,
		[
			'java.lang.NullPointerException',
			'\tat oscar.login.OscarOAuthDataProvider.getAccessToken(OscarOAuthDataProvider.java:214)',
			'\tat org.apache.cxf.rs.security.oauth.filters.AbstractAuthFilter.getAccessTokenValidation(AbstractAuthFilter.java:132)',
			'\tat org.apache.cxf.rs.security.oauth.filters.AbstractAuthFilter.checkOAuthRequest(AbstractAuthFilter.java:96)',
			'\tat org.apache.cxf.rs.security.oauth.filters.OAuthRequestFilter.handleRequest(OAuthRequestFilter.java:54)',
			'\tat org.apache.cxf.jaxrs.utils.JAXRSUtils.handleRequest(JAXRSUtils.java:1463)',
			'\tat org.apache.cxf.jaxrs.interceptor.JAXRSInInterceptor.processRequest(JAXRSInInterceptor.java:191)',
			'\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:241)',
			'\tat java.lang.Thread.run(Thread.java:748)',
			'',
		].join('\n'),
	);
}

/** CARLOS compares `oob` without regard to case. */
export function isOutOfBand(callback: string): boolean {
	return callback.toLowerCase() === 'oob';
}

/**
 * CARLOS's normalisation before comparing callbacks: scheme and host lowercased, the default port
 * dropped, an empty path becomes "/", dot segments resolved; query and fragment kept. Undefined
 * for anything that is not an absolute http(s) URL with a host (CARLOS answers 400 then).
 */
export function normalizeCarlosCallback(value: string): string | undefined {
	const match = /^([a-z][a-z\d+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(value);
	if (!match) return undefined;
	const [, scheme, authority, path, query = '', fragment = ''] = match;
	const lowerScheme = scheme!.toLowerCase();
	if (lowerScheme !== 'http' && lowerScheme !== 'https') return undefined;
	const hostPort = /^(?:[^@]*@)?(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(authority!);
	if (!hostPort || hostPort[1] === '') return undefined;
	const host = hostPort[1]!.toLowerCase();
	const port = hostPort[2] ?? '';
	const defaultPort = (lowerScheme === 'http' && port === '80') || (lowerScheme === 'https' && port === '443');
	const segments: string[] = [];
	for (const segment of (path === '' ? '/' : path!).split('/').slice(1)) {
		if (segment === '..') segments.pop();
		else if (segment !== '.') segments.push(segment);
	}

	return `${lowerScheme}://${host}${port === '' || defaultPort ? '' : `:${port}`}/${segments.join('/')}${query}${fragment}`;
}

/** CARLOS's isCallbackPrefixAllowed: a prefix that ends at a path, query or fragment boundary. */
export function carlosPrefixAllowed(requested: string, registered: string): boolean {
	if (!requested.startsWith(registered)) return false;
	if (requested.length === registered.length) return true;
	const next = requested.charAt(registered.length);
	if (registered.includes('?')) return next === '&' || next === '#';
	if (registered.includes('#')) return false;
	return registered.endsWith('/') || next === '/' || next === '?' || next === '#';
}

/** The callback reply CARLOS gives at initiate, or undefined when the callback is allowed. */
export function carlosCallbackRejection(callback: string, registeredUri: string): Reply | undefined {
	const rejected = text(400, 'callback_uri not allowed');
	if (registeredUri.trim() === '') return rejected;
	if (isOutOfBand(registeredUri)) return isOutOfBand(callback) ? undefined : rejected;
	if (isOutOfBand(callback)) return rejected;
	const registered = normalizeCarlosCallback(registeredUri);
	const requested = normalizeCarlosCallback(callback);
	if (requested === undefined)
		return text(
			400,
			/^[a-z][a-z\d+.-]*:\/\//i.test(callback) && !/^https?:/i.test(callback) ? 'invalid_callback_scheme' : 'invalid_callback',
		);
	if (registered === undefined) return rejected;
	return carlosPrefixAllowed(requested, registered) ? undefined : rejected;
}
