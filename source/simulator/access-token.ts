/**
 * The successful end of the token endpoint, shared by both dialects: the request token is used up,
 * an access token bound to the authorizing user is stored, and its pair is returned form-encoded.
 * The dialects differ only in the lifetime (client's, or CARLOS's fixed hour) and the scopes.
 */
import {type Reply, randomId} from './http-util.js';
import type {InstanceRuntime} from './runtime.js';
import type {SimAccessToken, SimRequestToken} from './types.js';
import {tokenRow} from './rows.js';

export function issueAccessToken(
	runtime: InstanceRuntime,
	requestToken: SimRequestToken,
	options: {lifetime: number; scopes: string[]},
): Reply {
	runtime.state.requestTokens.delete(requestToken.token);
	const access: SimAccessToken = {
		token: randomId(16),
		secret: randomId(24),
		clientKey: requestToken.clientKey,
		providerNo: requestToken.providerNo ?? null,
		issuedAt: Math.floor(runtime.now() / 1000),
		lifetime: options.lifetime,
		scopes: options.scopes,
	};
	runtime.state.accessTokens.set(access.token, access);
	tokenRow(runtime.state, access.token, runtime.now());
	return {
		status: 200,
		headers: {'Content-Type': 'application/x-www-form-urlencoded'},
		body: `oauth_token=${access.token}&oauth_token_secret=${access.secret}`,
	};
}
