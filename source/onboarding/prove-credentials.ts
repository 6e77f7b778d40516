/**
 * Step 8's proof: a signed request-token call with the pasted key and secret, through the
 * protocol legs (so it talks to OSCAR, and lives beside the authorization flow, not in core).
 */
import {
	AuthorizationError,
	describeInitiateFailure,
	type CredentialsDiagnosis,
	type CredentialsProof,
} from '../core/onboarding/authorization-error.js';
import type {AuthInstance, AuthIntegration, OAuthLegs} from '../core/onboarding/oauth-legs.js';
import {planCallback, plannedCallback} from '../core/onboarding/callback-plan.js';

/**
 * 401 = the key is unknown; 400 = the key is known but the request was rejected; when a
 * registered URI is known and the callback differs, a second call with the URI itself tells a
 * rejected callback apart. Leaves request-token rows in OSCAR (they expire in an hour), so run it
 * on demand, not on every refresh.
 */
export async function proveCredentials(
	instance: AuthInstance,
	integration: AuthIntegration,
	options: {legs: OAuthLegs; callback?: string; signal?: AbortSignal},
): Promise<CredentialsProof> {
	const callback =
		options.callback ?? plannedCallback(planCallback({uri: integration.uri, callback: integration.callback, dialect: instance.dialect}));
	try {
		await options.legs.requestToken(instance, integration, {callback, signal: options.signal});
		return {ok: true};
	} catch (error) {
		if (options.signal?.aborted) throw new AuthorizationError('cancelled', 'The credentials check was cancelled.', 8);
		const failure = describeInitiateFailure(error, instance, callback, integration.id);
		if (failure.code === 'request-rejected' && integration.uri && integration.uri !== callback) {
			try {
				await options.legs.requestToken(instance, integration, {callback: integration.uri, signal: options.signal});
				return {
					ok: false,
					code: 'callback-rejected',
					message: `The key and secret work, but OSCAR rejects the callback "${callback}": it must start with the registered URI "${integration.uri}" (step 6).`,
				};
			} catch {
				// Still rejected with the URI itself: the cause is not the callback.
			}
		}

		return {ok: false, code: failure.code as CredentialsDiagnosis, message: failure.message};
	}
}
