/**
 * Where OSCAR will send the browser after consent, and how this machine catches it. The callback
 * sent at initiate is the integration's `callback` when set, else derived from the URI registered
 * on OSCAR's REST Clients page so that OSCAR accepts it:
 * - classic OSCAR: the callback must start with the registered URI as a raw string;
 * - CARLOS: after normalising both, the registered URI must be a prefix ending at a path, query or
 *   fragment boundary.
 * A loopback URI (http://127.0.0.1 or http://localhost) is caught by the loopback server on the
 * callback's port and path; `oob` selects the verifier-paste flow; any other URI (a vendor's https
 * page) cannot be caught here, so the user pastes the address the browser ends on.
 */
import type {Dialect} from '../model.js';
import {callbackPath, callbackSatisfiesUri, defaultCallbackPort, type UriCheck} from './rest-client-fields.js';

export type CallbackPlan =
	/** Listen on 127.0.0.1:`port` at `path`; `callbackFor(boundPort)` is what initiate sends. */
	| {readonly kind: 'loopback'; readonly port: number; readonly path: string; readonly callbackFor: (boundPort: number) => string}
	/** No callback: OSCAR shows the verifier, the user pastes it. */
	| {readonly kind: 'oob'; readonly callback: 'oob'; readonly registeredOob: boolean}
	/** OSCAR redirects somewhere this machine cannot listen: the user pastes the address. */
	| {readonly kind: 'paste'; readonly callback: string; readonly message: string};

export interface CallbackPlanInput {
	/** The URI registered on OSCAR's REST Clients page. */
	readonly uri?: string;
	/** An explicit callback (the integration's `callback`); wins over the derivation. */
	readonly callback?: string;
	readonly dialect?: Dialect;
	/** --port: listen here instead of the port the URI names (0 = any free port). */
	readonly port?: number;
	/** --oob: use the verifier-paste flow whatever the URI. */
	readonly oob?: boolean;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost']);

function isOob(value: string | undefined): boolean {
	return value !== undefined && value.trim().toLowerCase() === 'oob';
}

/** Scheme, host, port and the rest of a URL, keeping the characters exactly as typed. */
function splitRaw(value: string): {scheme: string; host: string; port: number | undefined; rest: string} | undefined {
	const match = /^(https?:\/\/)([^/?#:]*)(?::(\d*))?([/?#].*)?$/i.exec(value);
	if (!match) return undefined;
	const port = match[3] === undefined || match[3] === '' ? undefined : Number(match[3]);
	return {scheme: match[1]!, host: match[2]!, port, rest: match[4] ?? ''};
}

/** The plan for an authorization (see the file comment). */
export function planCallback(input: CallbackPlanInput): CallbackPlan {
	const explicit = input.callback?.trim() === '' ? undefined : input.callback?.trim();
	const source = explicit ?? input.uri?.trim();
	if (input.oob === true || isOob(source)) return {kind: 'oob', callback: 'oob', registeredOob: isOob(input.uri)};
	if (source === undefined || source === '') {
		const port = input.port ?? defaultCallbackPort;
		return {kind: 'loopback', port, path: callbackPath, callbackFor: bound => `http://127.0.0.1:${bound}${callbackPath}`};
	}

	const raw = splitRaw(source);
	if (!raw || raw.scheme.toLowerCase() !== 'http://' || !loopbackHosts.has(raw.host.toLowerCase())) {
		return {
			kind: 'paste',
			callback: source,
			message:
				`The registered URI "${source}" is not on this machine (http://127.0.0.1 or http://localhost), so the redirect cannot be caught here: ` +
				'after "Authorize", copy the address the browser ends on and paste it here.',
		};
	}

	// A bare origin ("http://127.0.0.1:8765", with or without "/") gets /callback; a URI with a path or
	// query is itself the callback (classic needs it as a raw prefix, CARLOS at a path boundary).
	const rootOnly = explicit === undefined && (raw.rest === '' || raw.rest === '/');
	const rest = rootOnly ? callbackPath : raw.rest;
	const path = new URL(`http://127.0.0.1${rest.startsWith('/') ? rest : `/${rest}`}`).pathname;
	// Classic OSCAR: a root URI without a port ("http://127.0.0.1:") is a raw prefix of a callback on
	// any port; CARLOS normalises it to port 80.
	const anyPort = rootOnly && raw.port === undefined && input.dialect !== 'carlos';
	const port = input.port ?? raw.port ?? (anyPort ? defaultCallbackPort : 80);
	const callbackFor = (bound: number): string => {
		if (!rootOnly && (bound === raw.port || (raw.port === undefined && bound === 80))) return source;
		return `${raw.scheme}${raw.host}${raw.port === undefined && bound === 80 ? '' : `:${bound}`}${rest}`;
	};

	return {kind: 'loopback', port, path, callbackFor};
}

/** The callback a request-token call sends for this plan before a port is bound (port 0: the default port). */
export function plannedCallback(plan: CallbackPlan): string {
	return plan.kind === 'loopback' ? plan.callbackFor(plan.port === 0 ? defaultCallbackPort : plan.port) : plan.callback;
}

/** The loopback port a plan listens on (8765 when it does not listen), for the ssh -L line. */
export function plannedPort(plan: CallbackPlan): number {
	return plan.kind === 'loopback' && plan.port !== 0 ? plan.port : defaultCallbackPort;
}

/** Whether the server of `dialect` accepts `callback` for the registered `uri`, with a hint when not. */
export function callbackAccepted(callback: string, uri: string, dialect: Dialect | undefined): UriCheck {
	if (dialect !== 'carlos') return callbackSatisfiesUri(callback, uri);
	const accepted = carlosAccepts(callback, uri);
	return accepted
		? {ok: true}
		: {
				ok: false,
				message: `OSCAR (CARLOS) will reject the callback "${callback}": after normalising both, it must start with the registered URI "${uri}" at a "/", "?" or "#" boundary (or both be "oob").`,
			};
}

function normalized(value: string): string | undefined {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
	} catch {
		return undefined;
	}
}

/** CARLOS's rule from its OscarOAuthDataProvider.validateCallbackAllowed, as this client reads it. */
function carlosAccepts(callback: string, uri: string): boolean {
	if (uri.trim() === '') return false;
	if (isOob(uri) || isOob(callback)) return isOob(uri) && isOob(callback);
	const registered = normalized(uri);
	const requested = normalized(callback);
	if (registered === undefined || requested === undefined || !requested.startsWith(registered)) return false;
	if (requested.length === registered.length) return true;
	const next = requested.charAt(registered.length);
	if (registered.includes('?')) return next === '&' || next === '#';
	if (registered.includes('#')) return false;
	return registered.endsWith('/') || next === '/' || next === '?' || next === '#';
}
