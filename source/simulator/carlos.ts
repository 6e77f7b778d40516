/**
 * The CARLOS fork's rewritten OAuth layer: POST-only initiate/token, text/plain error codes, no
 * WWW-Authenticate, tokens that are never deleted on a failed signature, a fixed 3600 s access-token
 * life, scopes enforced per resource, `oob` only for clients registered as `oob`, and callbacks
 * compared after normalisation at a path boundary (field-answers.ts).
 */
import {type Reply, randomId, text} from './http-util.js';
import {type OAuthMessage, nonceKey, readOAuthMessage, timestampInWindow} from './oauth-message.js';
import type {InstanceRuntime, SimRequest} from './runtime.js';
import {isExpired, lookupRequestToken} from './classic.js';
import {requiredScope, rootOf, serveResource, userByProviderNo} from './resources.js';
import {defaultScopes} from './runtime.js';
import {issueAccessToken} from './access-token.js';
import {carlosCallbackRejection} from './field-answers.js';

/** CARLOS access tokens live one hour whatever the client's lifetime says. */
const carlosTokenLifetimeSeconds = 3600;

const postOnly = (): Reply => text(405, 'method_not_allowed', {Allow: 'POST'});

type Check = 'ok' | 'invalid_signature' | 'nonce_replayed' | 'invalid_oauth_parameters';

/** Timestamp window, nonce, then signature; the nonce is kept only once the signature is good. */
function carlosValidate(message: OAuthMessage, nonces: Set<string>, nowMs: number, consumerSecret: string, tokenSecret: string): Check {
	if (message.hasDuplicateOAuthParams()) return 'invalid_oauth_parameters';
	const version = message.get('oauth_version');
	if (version !== undefined && version !== '1.0') return 'invalid_oauth_parameters';
	const timestamp = message.get('oauth_timestamp') ?? '';
	if (!/^\d{1,12}$/.test(timestamp) || !timestampInWindow(Number(timestamp), nowMs)) return 'invalid_signature';
	const method = message.get('oauth_signature_method');
	if (method !== 'HMAC-SHA1' && method !== 'PLAINTEXT') return 'invalid_signature';
	const key = nonceKey(message);
	if (nonces.has(key)) return 'nonce_replayed';
	if (!message.verify(consumerSecret, tokenSecret)) return 'invalid_signature';
	nonces.add(key);
	return 'ok';
}

function missing(message: OAuthMessage, names: readonly string[]): boolean {
	return message.malformed || names.some(name => message.get(name) === undefined || message.get(name) === '');
}

function checkReply(check: Exclude<Check, 'ok'>): Reply {
	return check === 'invalid_oauth_parameters' ? text(400, check) : text(401, check);
}

/** POST {base}/ws/oauth/initiate. An optional `scope` parameter narrows the client's scopes. */
export function carlosInitiate(runtime: InstanceRuntime, request: SimRequest): Reply {
	if (request.method !== 'POST') return postOnly();
	const message = readOAuthMessage(request);
	if (
		missing(message, [
			'oauth_consumer_key',
			'oauth_signature_method',
			'oauth_signature',
			'oauth_timestamp',
			'oauth_nonce',
			'oauth_callback',
		])
	) {
		return text(400, 'invalid_oauth_parameters');
	}

	const client = runtime.state.clients.get(message.get('oauth_consumer_key')!);
	if (!client) return text(401, 'invalid_consumer');
	const check = carlosValidate(message, runtime.state.nonces.initiate, runtime.now(), client.secret, '');
	if (check !== 'ok') return checkReply(check);
	const rejection = carlosCallbackRejection(message.get('oauth_callback')!, client.uri);
	if (rejection) return rejection;
	const callback = message.get('oauth_callback')!;
	const granted = client.scopes ?? [...defaultScopes];
	const asked = message
		.get('scope')
		?.split(/[\s,]+/)
		.filter(Boolean);
	const token = randomId(16);
	const secret = randomId(24);
	runtime.state.requestTokens.set(token, {
		token,
		secret,
		clientKey: client.key,
		callback,
		createdAt: runtime.now(),
		scopes: asked === undefined ? granted : asked.filter(scope => granted.includes(scope)),
	});
	return {
		status: 200,
		headers: {'Content-Type': 'application/x-www-form-urlencoded'},
		body: `oauth_token=${token}&oauth_token_secret=${secret}&oauth_callback_confirmed=true`,
	};
}

/** POST {base}/ws/oauth/token. Nothing is deleted on failure; success consumes the request token. */
export function carlosToken(runtime: InstanceRuntime, request: SimRequest): Reply {
	if (request.method !== 'POST') return postOnly();
	const message = readOAuthMessage(request);
	if (
		missing(message, [
			'oauth_consumer_key',
			'oauth_token',
			'oauth_signature_method',
			'oauth_signature',
			'oauth_timestamp',
			'oauth_nonce',
			'oauth_verifier',
		])
	) {
		return text(400, 'invalid_oauth_parameters');
	}

	const client = runtime.state.clients.get(message.get('oauth_consumer_key')!);
	if (!client) return text(401, 'invalid_consumer');
	const requestToken = lookupRequestToken(runtime, message.get('oauth_token'));
	if (!requestToken || requestToken.clientKey !== client.key) return text(401, 'invalid_token');
	if (requestToken.verifier === undefined || message.get('oauth_verifier') !== requestToken.verifier) return text(401, 'invalid_verifier');
	const check = carlosValidate(message, runtime.state.nonces.token, runtime.now(), client.secret, requestToken.secret);
	if (check !== 'ok') return checkReply(check);
	return issueAccessToken(runtime, requestToken, {lifetime: carlosTokenLifetimeSeconds, scopes: requestToken.scopes});
}

/** {base}/ws/services/<servicePath> behind CARLOS's filter. The root is known. */
export function carlosServices(
	runtime: InstanceRuntime,
	request: SimRequest,
	servicePath: string,
	options: {jsonProviderMissing?: boolean} = {},
): Reply {
	const message = readOAuthMessage(request);
	const consumerKey = message.get('oauth_consumer_key');
	const tokenValue = message.get('oauth_token');
	if (message.malformed || consumerKey === undefined || tokenValue === undefined || message.get('oauth_signature') === undefined) {
		return text(401, 'authentication_required');
	}

	const client = runtime.state.clients.get(consumerKey);
	const token = runtime.state.accessTokens.get(tokenValue);
	if (!client || !token || token.clientKey !== client.key || isExpired(token, runtime.now())) return text(401, 'invalid_signature');
	const check = carlosValidate(message, runtime.state.nonces.services, runtime.now(), client.secret, token.secret);
	if (check !== 'ok') return checkReply(check);
	const scope = requiredScope[rootOf(servicePath)];
	if (scope !== undefined && !token.scopes.includes(scope)) return text(403, 'insufficient_scope');
	if (userByProviderNo(runtime, token.providerNo) === undefined) return text(500, 'oauth_processing_error');
	if (options.jsonProviderMissing === true) {
		return {
			status: 500,
			headers: {'Content-Type': 'text/plain'},
			body: 'No message body writer has been found for response class OAuthInfo.',
		};
	}

	return serveResource(runtime, request.method, servicePath, token, token.scopes);
}
