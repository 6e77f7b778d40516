/**
 * Classic OSCAR (Apache CXF 2.7 OAuth 1.0a provider + net.oauth SimpleOAuthValidator): initiate,
 * token and the /ws/services filter, with CXF's empty error bodies, its check order, and its
 * destructive habit of deleting a known token whose request fails validation.
 */
import {type Reply, empty, randomId} from './http-util.js';
import {type OAuthMessage, nonceKey, readOAuthMessage, timestampInWindow} from './oauth-message.js';
import type {InstanceRuntime, SimRequest} from './runtime.js';
import {isInfoPath, serveResource, userByProviderNo} from './resources.js';
import type {SimAccessToken} from './types.js';
import {issueAccessToken} from './access-token.js';
import {unknownTokenStackTrace} from './field-answers.js';

/** Request tokens die when looked up more than an hour after they were issued. */
const requestTokenLifetimeMs = 3_600_000;

const javaDouble = /^\s*[+-]?(?:NaN|Infinity|(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?)\s*$/;
const javaLong = /^[+-]?\d{1,18}$/;

/** The outcome of net.oauth's validator: ok, a problem (400 at the endpoints), or an exception (500). */
type ValidatorOutcome = 'ok' | 'problem' | 'exception';

/**
 * SimpleOAuthValidator.validateMessage, in its order: single parameters, version, timestamp and
 * nonce (the nonce is recorded BEFORE the signature is checked), then the signature.
 */
function classicValidate(
	message: OAuthMessage,
	nonces: Set<string>,
	nowMs: number,
	consumerSecret: string,
	tokenSecret: string,
): ValidatorOutcome {
	if (message.hasDuplicateOAuthParams()) return 'problem';
	const version = message.get('oauth_version');
	if (version !== undefined) {
		if (!javaDouble.test(version)) return 'exception';
		if (Number.parseFloat(version.trim()) !== 1) return 'problem';
	}

	const timestamp = message.get('oauth_timestamp');
	const nonce = message.get('oauth_nonce');
	if (timestamp === undefined || nonce === undefined) return 'problem';
	if (!javaLong.test(timestamp)) return 'exception';
	if (!timestampInWindow(Number(timestamp), nowMs)) return 'problem';
	const key = nonceKey(message);
	if (nonces.has(key)) return 'problem';
	nonces.add(key);
	const method = message.get('oauth_signature_method');
	if (method === undefined || message.get('oauth_signature') === undefined) return 'problem';
	if (method === 'RSA-SHA1') return 'exception';
	if (method !== 'HMAC-SHA1' && method !== 'PLAINTEXT') return 'problem';
	return message.verify(consumerSecret, tokenSecret) ? 'ok' : 'problem';
}

function missing(message: OAuthMessage, names: readonly string[]): boolean {
	return message.malformed || names.some(name => message.get(name) === undefined);
}

const initiateRequired = [
	'oauth_consumer_key',
	'oauth_signature_method',
	'oauth_signature',
	'oauth_timestamp',
	'oauth_nonce',
	'oauth_callback',
];
const tokenRequired = ['oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_signature', 'oauth_timestamp', 'oauth_nonce'];

/** GET or POST {base}/ws/oauth/initiate. */
export function classicInitiate(runtime: InstanceRuntime, request: SimRequest): Reply {
	const message = readOAuthMessage(request);
	if (missing(message, initiateRequired)) return empty(400);
	const client = runtime.state.clients.get(message.get('oauth_consumer_key')!);
	if (!client) return empty(401);
	const outcome = classicValidate(message, runtime.state.nonces.initiate, runtime.now(), client.secret, '');
	if (outcome === 'exception') return empty(500);
	if (outcome === 'problem') return empty(400);
	const callback = message.get('oauth_callback')!;
	if (client.uri === '' || callback === '' || !callback.startsWith(client.uri)) return empty(400);
	const token = randomId(16);
	const secret = randomId(24);
	runtime.state.requestTokens.set(token, {
		token,
		secret,
		clientKey: client.key,
		callback,
		createdAt: runtime.now(),
		scopes: [],
	});
	return {
		status: 200,
		headers: {'Content-Type': 'application/x-www-form-urlencoded'},
		body: `oauth_callback_confirmed=true&oauth_token=${token}&oauth_token_secret=${secret}`,
	};
}

/** OSCAR's getRequestToken: a token older than an hour is deleted when looked up. */
export function lookupRequestToken(runtime: InstanceRuntime, token: string | undefined) {
	if (token === undefined) return undefined;
	const row = runtime.state.requestTokens.get(token);
	if (!row) return undefined;
	if (row.createdAt + requestTokenLifetimeMs < runtime.now()) {
		runtime.state.requestTokens.delete(token);
		return undefined;
	}

	return row;
}

/** GET or POST {base}/ws/oauth/token. */
export function classicToken(runtime: InstanceRuntime, request: SimRequest): Reply {
	const message = readOAuthMessage(request);
	if (missing(message, tokenRequired)) return empty(400);
	const requestToken = lookupRequestToken(runtime, message.get('oauth_token'));
	if (!requestToken) return empty(400);
	const verifier = message.get('oauth_verifier');
	if (verifier === undefined || requestToken.verifier === undefined || verifier !== requestToken.verifier) return empty(400);
	const client = runtime.state.clients.get(requestToken.clientKey);
	if (!client) return empty(400);
	const outcome = classicValidate(message, runtime.state.nonces.token, runtime.now(), client.secret, requestToken.secret);
	if (outcome !== 'ok') {
		runtime.state.requestTokens.delete(requestToken.token);
		return empty(outcome === 'exception' ? 500 : 400);
	}

	return issueAccessToken(runtime, requestToken, {lifetime: Number.isInteger(client.lifetime) ? client.lifetime : 0, scopes: []});
}

/** CXF's DefaultOAuthValidator.validateToken: -1 never expires, else issuedAt + lifetime < now. */
export function isExpired(token: SimAccessToken, nowMs: number): boolean {
	return token.lifetime !== -1 && token.issuedAt + token.lifetime < Math.floor(nowMs / 1000);
}

const unauthorized = (): Reply => empty(401, {'WWW-Authenticate': 'OAuth'});

interface ServicesOptions {
	/** json-provider-missing: authenticated calls fail while writing the answer. */
	readonly jsonProviderMissing?: boolean;
}

/** {base}/ws/services/<servicePath> behind CXF's OAuthRequestFilter. The root is known. */
export function classicServices(runtime: InstanceRuntime, request: SimRequest, servicePath: string, options: ServicesOptions = {}): Reply {
	const message = readOAuthMessage(request);
	const consumerKey = message.get('oauth_consumer_key');
	const tokenValue = message.get('oauth_token');
	if (message.malformed || consumerKey === undefined || tokenValue === undefined) return unauthorized();
	const client = runtime.state.clients.get(consumerKey);
	if (!client) return unauthorized();
	const token = runtime.state.accessTokens.get(tokenValue);
	// OSCAR's getAccessToken throws a NullPointerException: CXF answers 401, some deployments a 500 trace.
	if (!token) return runtime.spec.unknownTokenAnswer === 'npe-500' ? unknownTokenStackTrace() : unauthorized();
	if (token.clientKey !== client.key) return unauthorized();
	const outcome = classicValidate(message, runtime.state.nonces.services, runtime.now(), client.secret, token.secret);
	if (outcome !== 'ok' || isExpired(token, runtime.now())) {
		runtime.state.accessTokens.delete(token.token); // CXF 2.6.2-2.7.18 OAuthUtils.validateMessage
		return unauthorized();
	}

	// Authorized without a logged-in user: providerNo NULL. OSCAR cannot build the caller and answers
	// 401 on every resource, oauth/info included, and keeps the token (it passed validation).
	if (token.providerNo === null) return unauthorized();
	if (options.jsonProviderMissing === true) {
		return {
			status: 500,
			headers: {'Content-Type': 'text/plain'},
			body: 'No message body writer has been found for response class OAuthInfo.',
		};
	}

	// A token whose provider record is gone: oauth/info says "Sorry, ...", everything else refuses the call.
	if (userByProviderNo(runtime, token.providerNo) === undefined && !isInfoPath(servicePath)) return unauthorized();
	return serveResource(runtime, request.method, servicePath, token, []);
}
