/**
 * The authorization flow's side of the loopback callback server: start it where OSCAR will
 * redirect, and turn its failures into the flow's AuthorizationErrors.
 */
import {CallbackError, startCallbackServer, type CallbackServer} from '../callback/server.js';
import {AuthorizationError} from '../core/onboarding/authorization-error.js';
import {callbackPath} from '../core/onboarding/rest-client-fields.js';

/** Bind the callback server once (at the callback's path); a busy port or a failed bind is said in the flow's terms. */
export async function listenForCallback(options: {
	readonly port: number;
	readonly path?: string;
	readonly signal: AbortSignal;
	readonly timeoutMs: number;
}): Promise<CallbackServer> {
	try {
		return await startCallbackServer({
			port: options.port,
			path: options.path ?? callbackPath,
			signal: options.signal,
			timeoutMs: options.timeoutMs,
		});
	} catch (error) {
		if (error instanceof CallbackError)
			throw new AuthorizationError(error.code === 'port-in-use' ? 'port-in-use' : 'listen-failed', error.message);
		throw error;
	}
}

/**
 * The verifier the browser's redirect brings. A denial in OSCAR fails the flow as 'denied'; a
 * server closed or cancelled underneath settles as `aborted` does (the abort reason decides).
 */
export async function verifierFromCallback(
	server: CallbackServer,
	aborted: Promise<never>,
): Promise<{verifier: string; source: 'callback'}> {
	try {
		const result = await server.waitForVerifier();
		return {verifier: result.verifier, source: 'callback'};
	} catch (error) {
		if (error instanceof CallbackError && error.code === 'denied') {
			throw new AuthorizationError(
				'denied',
				'The authorization was denied in OSCAR. Start again and press "Authorize" as the dedicated user.',
			);
		}

		return aborted;
	}
}
