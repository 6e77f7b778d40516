/**
 * Step 9 without a UI: run the three-legged authorization with the loopback callback (or the
 * paste fallback), exchange the verifier and check WHO the new token acts as. The dashboard
 * wizard and `connect` drive the same function through events (`onEvent`) and pasted input
 * (`pasted`), so the end-to-end test can drive it too. Step 8's proof is prove-credentials.ts.
 */
import type {CallbackServer} from '../callback/server.js';
import type {Identity} from '../core/report.js';
import {AuthorizationError, describeInitiateFailure} from '../core/onboarding/authorization-error.js';
import {checkIdentity, noProvider, type AuthorizationFinding, type IdentityCheck} from '../core/onboarding/identity-findings.js';
import {httpStatusOf, type AuthInstance, type AuthIntegration, type OAuthLegs, type TokenPair} from '../core/onboarding/oauth-legs.js';
import {parsePastedCallback, PastedCallbackError} from '../core/onboarding/pasted-callback.js';
import {callbackSatisfiesUri, defaultCallbackPort} from '../core/onboarding/rest-client-fields.js';
import {listenForCallback, verifierFromCallback} from './callback-listener.js';

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
			server = await listenForCallback({port: options.port ?? defaultCallbackPort, signal: inner.signal, timeoutMs: timeoutMs + 60_000});
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
		if (server) contenders.push(verifierFromCallback(server, aborted));

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
		let checked: IdentityCheck = {findings: []};
		try {
			const info = await legs.oauthInfo(instance, integration, {accessToken: access, signal: inner.signal});
			checked = checkIdentity(info, integration.expectedProvider);
		} catch (error) {
			if (inner.signal.aborted) throw abortReason(inner.signal);
			// 401 right after a successful exchange: the token is bound to no provider (field notes).
			if (httpStatusOf(error) === 401) checked = {findings: [noProvider]};
		}

		const {identity, matches, findings} = checked;

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
