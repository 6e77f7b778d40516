/**
 * How an authorization fails, as data: a code (a diagnosis code where one applies), a message
 * for the user and the onboarding step that repairs it. Pure: the flow in source/onboarding
 * throws these, and the wizard and `connect` show them.
 */
import {bodyOf, httpStatusOf, type AuthInstance} from './oauth-legs.js';

type AuthorizationErrorCode =
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

/** Step 8's answer: the key and secret work, or the diagnosis of why not. */
export type CredentialsProof = {readonly ok: true} | {readonly ok: false; readonly code: CredentialsDiagnosis; readonly message: string};

/** What a failed signed initiate (request-token call) means, from its HTTP status and body. */
export function describeInitiateFailure(error: unknown, instance: AuthInstance, callback: string): AuthorizationError {
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
