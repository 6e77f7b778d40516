/**
 * How an authorization fails, as data: a code (a diagnosis code where one applies), a message
 * for the user and the onboarding step that repairs it. Pure: the flow in source/onboarding
 * throws these, and the wizard and `connect` show them.
 */
import {bodyOf, httpStatusOf, type AuthInstance} from './oauth-legs.js';

type AuthorizationErrorCode =
	| 'port-in-use'
	| 'listen-failed'
	| 'timeout'
	| 'cancelled'
	| 'denied'
	| 'consumer-key-unknown'
	| 'request-rejected'
	| 'callback-rejected'
	| 'rest-module-off'
	| 'nonce-replayed'
	| 'oauth-processing-error'
	| 'exchange-failed'
	| 'network-error'
	| 'unexpected-response';

/** A failed authorization; `code` is a diagnosis code where one applies. Never contains a secret. */
export class AuthorizationError extends Error {
	constructor(
		readonly code: AuthorizationErrorCode,
		message: string,
		readonly step: 3 | 6 | 8 | 9 = 9,
	) {
		super(message);
		this.name = 'AuthorizationError';
	}
}

export type CredentialsDiagnosis =
	| 'consumer-key-unknown'
	| 'request-rejected'
	| 'callback-rejected'
	| 'rest-module-off'
	| 'nonce-replayed'
	| 'oauth-processing-error'
	| 'network-error'
	| 'unexpected-response';

/** Step 8's answer: the key and secret work, or the diagnosis of why not. */
export type CredentialsProof = {readonly ok: true} | {readonly ok: false; readonly code: CredentialsDiagnosis; readonly message: string};

/**
 * What a failed signed initiate (request-token call) means, from its HTTP status and body. Classic
 * OSCAR: 401 = unknown key, an empty 400 = anything else. CARLOS names the cause in a text code.
 */
export function describeInitiateFailure(error: unknown, instance: AuthInstance, callback: string, id?: string): AuthorizationError {
	const status = httpStatusOf(error);
	const body = bodyOf(error).trim();
	const deep = `oscar-rest check ${id ?? 'INSTANCE/NAME'} --deep`;
	if (status === 401 && (body === '' || body === 'invalid_consumer')) {
		return new AuthorizationError(
			'consumer-key-unknown',
			`OSCAR at ${instance.baseUrl} does not know this client key (401${body ? ` ${body}` : ''} at initiate): copy the Client Key again from REST Clients (step 8).`,
			8,
		);
	}

	if (status === 401 && body === 'invalid_signature') {
		return new AuthorizationError(
			'request-rejected',
			`OSCAR knows the key but rejected the signature (401 invalid_signature at initiate): the Client Secret is wrong, the clocks differ by 300 s or more, or a proxy changes the URL OSCAR sees. Check the secret (step 8); \`${deep}\` tells which.`,
			8,
		);
	}

	if (status === 401 && body === 'nonce_replayed') {
		return new AuthorizationError(
			'nonce-replayed',
			"OSCAR saw this request's nonce before (401 nonce_replayed): something between here and OSCAR replays requests. Start again; if it repeats, ask the hosting provider about retrying proxies.",
			8,
		);
	}

	if (status === 400 && /^(?:callback_uri not allowed|invalid_callback|invalid_callback_scheme)$/.test(body)) {
		return new AuthorizationError(
			'callback-rejected',
			`OSCAR rejected the callback "${callback}" (${body}): it does not match the REST client's registered URI (step 6).`,
			6,
		);
	}

	if (status === 500 && body === 'oauth_processing_error') {
		return new AuthorizationError(
			'oauth-processing-error',
			'OSCAR failed while checking the request (500 oauth_processing_error): ask the hosting provider to look in the server log.',
			8,
		);
	}

	if (status === 400 && body === 'invalid_oauth_parameters') {
		return new AuthorizationError(
			'request-rejected',
			"OSCAR could not read the request's OAuth parameters (400 invalid_oauth_parameters).",
			8,
		);
	}

	if (status === 400) {
		return new AuthorizationError(
			'request-rejected',
			`OSCAR knows the key but rejected the signed request (400 at initiate): the secret, the clock, the callback or the URL OSCAR sees differ. Check the secret (step 8); \`${deep}\` tells which.`,
			8,
		);
	}

	if (status === 404) {
		return new AuthorizationError(
			'rest-module-off',
			`${instance.baseUrl}/ws/oauth/initiate answered 404: the REST module is off or the OAuth services are not registered (step 3).`,
			3,
		);
	}

	if (status !== undefined)
		return new AuthorizationError(
			'unexpected-response',
			`OSCAR answered HTTP ${status}${body && body.length < 60 && /^[\w .-]+$/.test(body) ? ` ${body}` : ''} at initiate.`,
			8,
		);
	const message = error instanceof Error ? error.message : String(error);
	return new AuthorizationError('network-error', `Could not reach ${instance.baseUrl}: ${message}`, 8);
}

/**
 * Why OSCAR refused to exchange the verifier for the access token. Classic: an empty 400 whatever
 * the cause (the request token is deleted after a failed signature). CARLOS: a text code.
 */
export function describeExchangeFailure(status: number, body: string): string {
	switch (body.trim()) {
		case 'invalid_token':
			return `OSCAR no longer knows the request token (HTTP ${status} invalid_token): it expired (1 hour) or was used already. Start the authorization again.`;
		case 'invalid_verifier':
			return `OSCAR refused the verifier (HTTP ${status} invalid_verifier): it does not belong to this authorization. Start again and paste the address of this authorization's window.`;
		case 'invalid_signature':
			return `OSCAR rejected the signature of the exchange (HTTP ${status} invalid_signature): the clocks differ by 300 s or more, or a proxy changes the URL. Start again once the clock is in step.`;
		case 'nonce_replayed':
			return `OSCAR saw this request's nonce before (HTTP ${status} nonce_replayed): something replays requests. Start the authorization again.`;
		case 'invalid_consumer':
			return `OSCAR does not know this client key (HTTP ${status} invalid_consumer): copy the Client Key again (step 8).`;
		default:
			return `OSCAR refused to exchange the verifier (HTTP ${status}): the verifier was wrong or the request token expired (1 hour). Start the authorization again.`;
	}
}
