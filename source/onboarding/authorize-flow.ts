/**
 * Step 9 without a UI: run the three-legged authorization with the loopback callback (or the
 * paste fallback), exchange the verifier and check WHO the new token acts as. The dashboard
 * wizard and `connect` drive the same function through events (`onEvent`) and pasted input
 * (`pasted`), so the end-to-end test can drive it too. Step 8's proof is prove-credentials.ts.
 */
import type {CallbackServer} from '../callback/server.js';
import type {FixContext} from '../core/fix-steps.js';
import type {Identity} from '../core/report.js';
import {measureSkewSeconds, mayCarryToken, tokenExpiresAt} from '../core/token-guard.js';
import {AuthorizationError, describeExchangeFailure, describeInitiateFailure} from '../core/onboarding/authorization-error.js';
import {callbackAccepted, planCallback} from '../core/onboarding/callback-plan.js';
import {
	checkIdentity,
	noProvider,
	notChecked,
	type AuthorizationFinding,
	type IdentityCheck,
} from '../core/onboarding/identity-findings.js';
import {
	bodyOf,
	httpStatusOf,
	type AccessTokenAnswer,
	type AuthInstance,
	type AuthIntegration,
	type OAuthLegs,
	type TokenPair,
} from '../core/onboarding/oauth-legs.js';
import {parsePastedCallback, PastedCallbackError} from '../core/onboarding/pasted-callback.js';
import {listenForCallback, verifierFromCallback} from './callback-listener.js';

export type AuthorizationEvent =
	| {readonly type: 'listening'; readonly url: string; readonly port: number}
	/** Something likely to fail, said before it does (e.g. the registered URI does not accept the callback). */
	| {readonly type: 'warning'; readonly message: string}
	| {readonly type: 'request-token'; readonly callback: string}
	/**
	 * Open this URL in a private window. `deadline` (epoch ms) drives the countdown. `callback` says
	 * how the verifier comes back: the loopback server, a verifier OSCAR shows (oob), or the address
	 * the browser ends on, pasted (a registered URI that is not on this machine).
	 */
	| {
			readonly type: 'authorize';
			readonly url: string;
			readonly deadline: number;
			readonly oob: boolean;
			readonly callback: 'loopback' | 'oob' | 'paste';
	  }
	| {readonly type: 'paste-rejected'; readonly code: PastedCallbackError['code']; readonly message: string}
	| {readonly type: 'verifier'; readonly source: 'callback' | 'paste'}
	| {readonly type: 'access-token'}
	| {readonly type: 'identity'; readonly identity: Identity | undefined; readonly matches: boolean | undefined}
	| {readonly type: 'finding'; readonly finding: AuthorizationFinding};

export interface AuthorizationOptions {
	readonly instance: AuthInstance;
	readonly integration: AuthIntegration;
	readonly legs: OAuthLegs;
	/**
	 * Listen on this port instead of the one the registered URI names (0 = any free port); the
	 * callback keeps the URI's path. Ignored with `oob`. Default: the URI's port, else 8765.
	 */
	readonly port?: number;
	/** No callback server: send `oob` and wait for a pasted verifier. A URI registered as `oob` selects this by itself. */
	readonly oob?: boolean;
	/** This machine (user, host name) for the ssh line in fix steps. */
	readonly machine?: FixContext['machine'];
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
	/** Server minus local clock, from the token exchange's Date header; undefined when it had none. */
	readonly skewSeconds?: number;
	/** Epoch seconds the new token expires by its known lifetime (null = never, undefined = unknown). */
	readonly expiresAt?: number | null;
}

function abortReason(signal: AbortSignal): AuthorizationError {
	return signal.reason instanceof AuthorizationError
		? signal.reason
		: new AuthorizationError('cancelled', 'The authorization was cancelled.');
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
	const {instance, integration, legs} = options;
	const now = options.now ?? Date.now;
	const onEvent = options.onEvent ?? (() => undefined);
	const timeoutMs = options.timeoutMs ?? 10 * 60 * 1000;
	const fixContext: FixContext = {
		id: integration.id,
		baseUrl: instance.baseUrl,
		...(instance.dialect ? {dialect: instance.dialect} : {}),
		...(options.machine ? {machine: options.machine} : {}),
	};
	const inner = new AbortController();
	const onOuterAbort = () => inner.abort(new AuthorizationError('cancelled', 'The authorization was cancelled.'));
	if (options.signal?.aborted) throw new AuthorizationError('cancelled', 'The authorization was cancelled.');
	options.signal?.addEventListener('abort', onOuterAbort, {once: true});
	let server: CallbackServer | undefined;
	let timer: NodeJS.Timeout | undefined;
	try {
		// Where OSCAR will send the browser: derived from the registered URI (callback-plan.ts).
		const plan = planCallback({
			uri: integration.uri,
			callback: integration.callback,
			dialect: instance.dialect,
			port: options.port,
			oob: options.oob,
		});
		let callback: string;
		if (plan.kind === 'loopback') {
			server = await listenForCallback({port: plan.port, path: plan.path, signal: inner.signal, timeoutMs: timeoutMs + 60_000});
			callback = plan.callbackFor(server.port);
			onEvent({type: 'listening', url: callback, port: server.port});
		} else {
			callback = plan.callback;
			if (plan.kind === 'paste') onEvent({type: 'warning', message: plan.message});
		}

		// OSCAR accepts the callback only if it matches the registered URI: say so before it answers 400.
		const uriCheck = integration.uri === undefined ? undefined : callbackAccepted(callback, integration.uri, instance.dialect);
		if (uriCheck && !uriCheck.ok) onEvent({type: 'warning', message: uriCheck.message});
		let requestToken: TokenPair;
		try {
			requestToken = await legs.requestToken(instance, integration, {callback, signal: inner.signal});
		} catch (error) {
			if (inner.signal.aborted) throw abortReason(inner.signal);
			const failure = describeInitiateFailure(error, instance, callback, integration.id);
			if (failure.code === 'request-rejected' && uriCheck && !uriCheck.ok)
				throw new AuthorizationError('callback-rejected', uriCheck.message, 6);
			throw failure;
		}

		server?.expect(requestToken.token);
		onEvent({type: 'request-token', callback});
		const deadline = now() + timeoutMs;
		timer = setTimeout(() => {
			inner.abort(
				new AuthorizationError(
					'timeout',
					`No authorization arrived within ${Math.round(timeoutMs / 60_000) || 1} minute(s). Start again when ready; the authorize page must be completed in one go.`,
				),
			);
		}, timeoutMs);
		onEvent({
			type: 'authorize',
			url: legs.authorizeUrl(instance, requestToken.token),
			deadline,
			oob: plan.kind === 'oob',
			callback: plan.kind,
		});

		const aborted = new Promise<never>((_, reject) => {
			const fail = () => reject(abortReason(inner.signal));
			if (inner.signal.aborted) fail();
			else inner.signal.addEventListener('abort', fail, {once: true});
		});
		aborted.catch(() => undefined);
		const contenders: Array<Promise<{verifier: string; source: 'callback' | 'paste'}>> = [aborted];
		if (server) contenders.push(verifierFromCallback(server, aborted));

		if (options.pasted) {
			contenders.push(
				firstGoodPaste(options.pasted, requestToken.token, inner.signal, onEvent).then(verifier =>
					verifier === undefined
						? server
							? new Promise<never>(() => undefined)
							: aborted // paste ended: keep waiting for the callback
						: {verifier, source: 'paste' as const},
				),
			);
		}

		if (!server && !options.pasted) {
			throw new AuthorizationError(
				'listen-failed',
				'Without a loopback callback (oob, or a URI not on this machine) the verifier must be pasted: give the pasted input.',
			);
		}

		const {verifier, source} = await Promise.race(contenders);
		clearTimeout(timer);
		onEvent({type: 'verifier', source});
		await server?.close();

		let access: AccessTokenAnswer;
		const issuedAt = Math.floor(now() / 1000);
		try {
			access = await legs.accessToken(instance, integration, {requestToken, verifier, signal: inner.signal});
		} catch (error) {
			if (inner.signal.aborted) throw abortReason(inner.signal);
			const status = httpStatusOf(error);
			throw new AuthorizationError(
				'exchange-failed',
				status === undefined
					? `Exchanging the verifier failed: ${error instanceof Error ? error.message : String(error)}`
					: describeExchangeFailure(status, bodyOf(error)),
			);
		}

		onEvent({type: 'access-token'});
		// The token guard (core/token-guard.ts) also holds for a brand-new token: the exchange proved
		// the configuration, its Date header gives the skew, the lifetime may already be over.
		const skewSeconds = measureSkewSeconds(access.serverDate, now() - (access.elapsedMs ?? 0) / 2);
		const expiresAt = tokenExpiresAt({dialect: instance.dialect, lifetime: integration.lifetime, issuedAt});
		const decision = mayCarryToken({skewSeconds, expiresAt, nowSeconds: Math.floor(now() / 1000), proven: true});
		let checked: IdentityCheck = {findings: []};
		if (decision.allowed) {
			try {
				const info = await legs.oauthInfo(instance, integration, {accessToken: access, signal: inner.signal});
				checked = checkIdentity(info, integration.expectedProvider, fixContext);
			} catch (error) {
				if (inner.signal.aborted) throw abortReason(inner.signal);
				// 401 right after a successful exchange: the token is bound to no provider (consent without a login).
				if (httpStatusOf(error) === 401) checked = {findings: [noProvider(fixContext)]};
			}
		} else {
			checked = {findings: [notChecked(decision.code, decision.reason, fixContext)]};
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
			...(skewSeconds === undefined ? {} : {skewSeconds}),
			...(expiresAt === undefined ? {} : {expiresAt}),
		};
	} finally {
		if (timer) clearTimeout(timer);
		options.signal?.removeEventListener('abort', onOuterAbort);
		await server?.close();
		if (!inner.signal.aborted) inner.abort(new AuthorizationError('cancelled', 'finished'));
	}
}
