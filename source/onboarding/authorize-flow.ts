/**
 * Steps 8-9 without a UI: prove the key/secret pair, then run the three-legged authorization
 * with the loopback callback (or the paste fallback), exchange the verifier and check WHO the
 * new token acts as. The dashboard wizard and `connect` drive the same function through
 * events (`onEvent`) and pasted input (`pasted`), so the end-to-end test can drive it too.
 */
import {CallbackError, startCallbackServer, type CallbackServer} from '../../callback/server.js';
import type {Identity} from '../report.js';
import {bodyOf, httpStatusOf, type AuthInstance, type AuthIntegration, type OAuthLegs, type TokenPair} from './oauth-legs.js';
import {parsePastedCallback, PastedCallbackError} from './pasted-callback.js';
import {callbackPath, callbackSatisfiesUri, defaultCallbackPort} from './rest-client-fields.js';

export type AuthorizationErrorCode =
	| 'port-in-use' | 'listen-failed' | 'timeout' | 'cancelled' | 'denied'
	| 'consumer-key-unknown' | 'request-rejected' | 'callback-rejected' | 'rest-module-off'
	| 'exchange-failed' | 'network-error' | 'unexpected-response';

/** A failed authorization; `code` is a diagnosis code where one applies. Never contains a secret. */
export class AuthorizationError extends Error {
	constructor(readonly code: AuthorizationErrorCode, message: string, readonly step: 3 | 6 | 8 | 9 = 9) {
		super(message);
		this.name = 'AuthorizationError';
	}
}

export type CredentialsDiagnosis = 'consumer-key-unknown' | 'request-rejected' | 'callback-rejected' | 'rest-module-off' | 'network-error' | 'unexpected-response';

export type CredentialsProof = {readonly ok: true} | {readonly ok: false; readonly code: CredentialsDiagnosis; readonly message: string};

function describeInitiateFailure(error: unknown, instance: AuthInstance, callback: string): AuthorizationError {
	const status = httpStatusOf(error);
	const body = bodyOf(error);
	if (status === 401) {
		return new AuthorizationError('consumer-key-unknown', `OSCAR at ${instance.baseUrl} does not know this client key (401 at initiate): copy the Client Key again from REST Clients (step 8).`, 8);
	}

	if (status === 400 && /callback_uri/i.test(body)) {
		return new AuthorizationError('callback-rejected', `OSCAR rejected the callback "${callback}": it does not start with the REST client's registered URI (step 6).`, 6);
	}

	if (status === 400) {
		return new AuthorizationError('request-rejected', 'OSCAR knows the key but rejected the signed request (400 at initiate): the secret, the clock, the callback or the URL OSCAR sees differ. Check the secret (step 8) and run a deep check.', 8);
	}

	if (status === 404) {
		return new AuthorizationError('rest-module-off', `${instance.baseUrl}/ws/oauth/initiate answered 404: the REST module is off or the OAuth services are not registered (step 3).`, 3);
	}

	if (status !== undefined) return new AuthorizationError('unexpected-response', `OSCAR answered HTTP ${status} at initiate.`, 8);
	const message = error instanceof Error ? error.message : String(error);
	return new AuthorizationError('network-error', `Could not reach ${instance.baseUrl}: ${message}`, 8);
}

/**
 * Step 8's proof: a signed request-token call. 401 = the key is unknown; 400 = the key is known
 * but the request was rejected; when a registered URI is known and the callback differs, a second
 * call with the URI itself tells a rejected callback apart. Leaves request-token rows in OSCAR
 * (they expire in an hour), so run it on demand, not on every refresh.
 */
export async function proveCredentials(
	instance: AuthInstance,
	integration: AuthIntegration,
	options: {legs: OAuthLegs; callback?: string; signal?: AbortSignal},
): Promise<CredentialsProof> {
	const callback = options.callback ?? integration.callback ?? `http://127.0.0.1:${defaultCallbackPort}${callbackPath}`;
	try {
		await options.legs.requestToken(instance, integration, {callback, signal: options.signal});
		return {ok: true};
	} catch (error) {
		if (options.signal?.aborted) throw new AuthorizationError('cancelled', 'The credentials check was cancelled.', 8);
		const failure = describeInitiateFailure(error, instance, callback);
		if (failure.code === 'request-rejected' && integration.uri && integration.uri !== callback) {
			try {
				await options.legs.requestToken(instance, integration, {callback: integration.uri, signal: options.signal});
				return {ok: false, code: 'callback-rejected', message: `The key and secret work, but OSCAR rejects the callback "${callback}": it must start with the registered URI "${integration.uri}" (step 6).`};
			} catch {
				// Still rejected with the URI itself: the cause is not the callback.
			}
		}

		return {ok: false, code: failure.code as CredentialsDiagnosis, message: failure.message};
	}
}

/** Something the identity check found about the new token (codes from the diagnosis catalogue). */
export interface AuthorizationFinding {
	readonly code: 'token-wrong-user' | 'token-no-provider';
	readonly message: string;
	readonly fix: readonly string[];
}

export type AuthorizationEvent =
	| {readonly type: 'listening'; readonly url: string; readonly port: number}
	/** Something likely to fail, said before it does (e.g. the registered URI does not accept the callback). */
	| {readonly type: 'warning'; readonly message: string}
	| {readonly type: 'request-token'; readonly callback: string}
	/** Open this URL in a private window. `deadline` (epoch ms) drives the countdown. */
	| {readonly type: 'authorize'; readonly url: string; readonly deadline: number; readonly oob: boolean}
	| {readonly type: 'paste-rejected'; readonly code: PastedCallbackError['code']; readonly message: string}
	| {readonly type: 'verifier'; readonly source: 'callback' | 'paste'}
	| {readonly type: 'access-token'}
	| {readonly type: 'identity'; readonly identity: Identity | undefined; readonly matches: boolean | undefined}
	| {readonly type: 'finding'; readonly finding: AuthorizationFinding};

export interface AuthorizationOptions {
	readonly instance: AuthInstance;
	readonly integration: AuthIntegration;
	readonly legs: OAuthLegs;
	/** Callback port (0 = any free port); ignored with `oob`. Default 8765. */
	readonly port?: number;
	/** No callback server: send `oob` and wait for a pasted verifier (clients registered as oob). */
	readonly oob?: boolean;
	readonly onEvent?: (event: AuthorizationEvent) => void;
	readonly signal?: AbortSignal;
	/** Pasted redirect URLs / verifiers, e.g. from `createPasteChannel()`. A bad paste is reported and waited past. */
	readonly pasted?: AsyncIterable<string>;
	/** How long to wait for the user to authorize. Default 10 minutes. */
	readonly timeoutMs?: number;
	readonly now?: () => number;
}

export interface AuthorizationResult {
	readonly accessToken: string;
	/** Secret: store it, never print it. */
	readonly tokenSecret: string;
	/** Epoch seconds (OSCAR stamps the token when issued). */
	readonly issuedAt: number;
	readonly verifierSource: 'callback' | 'paste';
	readonly identity?: Identity;
	/** true/false when expectedProvider is set and oauth/info answered; undefined otherwise. */
	readonly identityMatches?: boolean;
	readonly findings: readonly AuthorizationFinding[];
}

/** A hand-fed async iterable: the UI calls `submit` when the user pastes; `end` stops it. */
export interface PasteChannel extends AsyncIterable<string> {
	submit(text: string): void;
	end(): void;
}

export function createPasteChannel(): PasteChannel {
	const queue: string[] = [];
	let wake: (() => void) | undefined;
	let ended = false;
	return {
		submit(text) {
			queue.push(text);
			wake?.();
		},
		end() {
			ended = true;
			wake?.();
		},
		async * [Symbol.asyncIterator]() {
			while (true) {
				const next = queue.shift();
				if (next !== undefined) {
					yield next;
					continue;
				}

				if (ended) return;
				await new Promise<void>(resolve => {
					wake = resolve;
				});
				wake = undefined;
			}
		},
	};
}

/** Whether oauth/info's identity is the dedicated provider: providerNo, or the same name words. */
export function identityMatches(expected: string, identity: Identity): boolean {
	const wanted = expected.trim();
	if (wanted === identity.providerNo) return true;
	const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).sort().join(' ');
	return identity.name !== undefined && words(wanted) !== '' && words(wanted) === words(identity.name);
}

function wrongUser(expected: string, identity: Identity): AuthorizationFinding {
	const who = identity.name ? `${identity.name} (provider ${identity.providerNo})` : `provider ${identity.providerNo}`;
	return {
		code: 'token-wrong-user',
		message: `The new token acts as ${who}, not as the dedicated user "${expected}". The browser was probably already logged into OSCAR as someone else.`,
		fix: [
			'Revoke this token in OSCAR (Administration > Integrations > REST Clients).',
			'Authorize again in a NEW PRIVATE/INCOGNITO window, logging in as the dedicated user.',
		],
	};
}

const noProvider: AuthorizationFinding = {
	code: 'token-no-provider',
	message: 'OSCAR issued the token but cannot tell which provider it acts as (oauth/info has no provider): calls will fail.',
	fix: ['Authorize again, logging in as the dedicated user in a private window.'],
};

function abortReason(signal: AbortSignal): AuthorizationError {
	return signal.reason instanceof AuthorizationError ? signal.reason : new AuthorizationError('cancelled', 'The authorization was cancelled.');
}

/** Wait for the first usable pasted value; bad pastes are reported and skipped. */
async function firstGoodPaste(
	pasted: AsyncIterable<string>,
	expected: string,
	signal: AbortSignal,
	onEvent: (event: AuthorizationEvent) => void,
): Promise<string | undefined> {
	for await (const text of pasted) {
		if (signal.aborted) return undefined;
		try {
			return parsePastedCallback(text, expected).verifier;
		} catch (error) {
			if (!(error instanceof PastedCallbackError)) throw error;
			if (error.code === 'denied') throw new AuthorizationError('denied', error.message);
			onEvent({type: 'paste-rejected', code: error.code, message: error.message});
		}
	}

	return undefined;
}

/**
 * Run step 9: callback server (unless oob) -> request token -> `authorize` event with the URL ->
 * the first of callback / paste / timeout / cancel -> access token -> oauth/info identity check.
 */
export async function runAuthorization(options: AuthorizationOptions): Promise<AuthorizationResult> {
	const {instance, integration, legs, oob = false} = options;
	const now = options.now ?? Date.now;
	const onEvent = options.onEvent ?? (() => undefined);
	const timeoutMs = options.timeoutMs ?? 10 * 60 * 1000;
	const inner = new AbortController();
	const onOuterAbort = () => inner.abort(new AuthorizationError('cancelled', 'The authorization was cancelled.'));
	if (options.signal?.aborted) throw new AuthorizationError('cancelled', 'The authorization was cancelled.');
	options.signal?.addEventListener('abort', onOuterAbort, {once: true});
	let server: CallbackServer | undefined;
	let timer: NodeJS.Timeout | undefined;
	try {
		let callback = 'oob';
		if (!oob) {
			try {
				server = await startCallbackServer({
					port: options.port ?? defaultCallbackPort, path: callbackPath, signal: inner.signal, timeoutMs: timeoutMs + 60_000,
				});
			} catch (error) {
				if (error instanceof CallbackError) throw new AuthorizationError(error.code === 'port-in-use' ? 'port-in-use' : 'listen-failed', error.message);
				throw error;
			}

			callback = server.url;
			onEvent({type: 'listening', url: server.url, port: server.port});
		}

		// OSCAR accepts the callback only if it starts with the registered URI: say so before it answers 400.
		const uriCheck = integration.uri === undefined ? undefined : callbackSatisfiesUri(callback, integration.uri);
		if (uriCheck && !uriCheck.ok) onEvent({type: 'warning', message: uriCheck.message});
		let requestToken: TokenPair;
		try {
			requestToken = await legs.requestToken(instance, integration, {callback, signal: inner.signal});
		} catch (error) {
			if (inner.signal.aborted) throw abortReason(inner.signal);
			const failure = describeInitiateFailure(error, instance, callback);
			if (failure.code === 'request-rejected' && uriCheck && !uriCheck.ok) throw new AuthorizationError('callback-rejected', uriCheck.message, 6);
			throw failure;
		}

		server?.expect(requestToken.token);
		onEvent({type: 'request-token', callback});
		const deadline = now() + timeoutMs;
		timer = setTimeout(() => {
			inner.abort(new AuthorizationError('timeout', `No authorization arrived within ${Math.round(timeoutMs / 60_000) || 1} minute(s). Start again when ready; the authorize page must be completed in one go.`));
		}, timeoutMs);
		onEvent({type: 'authorize', url: legs.authorizeUrl(instance, requestToken.token), deadline, oob});

		const aborted = new Promise<never>((_, reject) => {
			const fail = () => reject(abortReason(inner.signal));
			if (inner.signal.aborted) fail();
			else inner.signal.addEventListener('abort', fail, {once: true});
		});
		aborted.catch(() => undefined);
		const contenders: Array<Promise<{verifier: string; source: 'callback' | 'paste'}>> = [aborted];
		if (server) {
			contenders.push(server.waitForVerifier().then(
				result => ({verifier: result.verifier, source: 'callback' as const}),
				(error: unknown) => {
					if (error instanceof CallbackError && error.code === 'denied') {
						throw new AuthorizationError('denied', 'The authorization was denied in OSCAR. Start again and press "Authorize" as the dedicated user.');
					}

					return aborted; // cancelled/closed: the abort reason decides
				},
			));
		}

		if (options.pasted) {
			contenders.push(firstGoodPaste(options.pasted, requestToken.token, inner.signal, onEvent).then(verifier => verifier === undefined
				? (server ? new Promise<never>(() => undefined) : aborted) // paste ended: keep waiting for the callback
				: {verifier, source: 'paste' as const}));
		}

		if (!server && !options.pasted) {
			throw new AuthorizationError('listen-failed', 'With oob there is no callback: give the pasted verifier input (pasted).');
		}

		const {verifier, source} = await Promise.race(contenders);
		clearTimeout(timer);
		onEvent({type: 'verifier', source});
		await server?.close();

		let access: TokenPair;
		const issuedAt = Math.floor(now() / 1000);
		try {
			access = await legs.accessToken(instance, integration, {requestToken, verifier, signal: inner.signal});
		} catch (error) {
			if (inner.signal.aborted) throw abortReason(inner.signal);
			const status = httpStatusOf(error);
			throw new AuthorizationError('exchange-failed', status === undefined
				? `Exchanging the verifier failed: ${error instanceof Error ? error.message : String(error)}`
				: `OSCAR refused to exchange the verifier (HTTP ${status}): the verifier was wrong or the request token expired (1 hour). Start the authorization again.`);
		}

		onEvent({type: 'access-token'});
		const findings: AuthorizationFinding[] = [];
		let identity: Identity | undefined;
		let matches: boolean | undefined;
		try {
			const info = await legs.oauthInfo(instance, integration, {accessToken: access, signal: inner.signal});
			if (info.kind === 'no-provider') findings.push(noProvider);
			else {
				identity = info.identity;
				if (integration.expectedProvider) {
					matches = identityMatches(integration.expectedProvider, identity);
					if (!matches) findings.push(wrongUser(integration.expectedProvider, identity));
				}
			}
		} catch (error) {
			if (inner.signal.aborted) throw abortReason(inner.signal);
			// 401 right after a successful exchange: the token is bound to no provider (field notes).
			if (httpStatusOf(error) === 401) findings.push(noProvider);
		}

		onEvent({type: 'identity', identity, matches});
		for (const finding of findings) onEvent({type: 'finding', finding});
		return {
			accessToken: access.token,
			tokenSecret: access.tokenSecret,
			issuedAt,
			verifierSource: source,
			...(identity === undefined ? {} : {identity}),
			...(matches === undefined ? {} : {identityMatches: matches}),
			findings,
		};
	} finally {
		if (timer) clearTimeout(timer);
		options.signal?.removeEventListener('abort', onOuterAbort);
		await server?.close();
		if (!inner.signal.aborted) inner.abort(new AuthorizationError('cancelled', 'finished'));
	}
}
