/**
 * The protocol operations the authorization flow needs, as an interface: the flow is written
 * against this shape so it can be driven in tests and wired to source/oscar's legs (contract C).
 * Shapes of the targets follow contract C's InstanceTarget / IntegrationTarget structurally.
 */
import type {Identity} from '../report.js';

export interface AuthInstance {
	readonly name: string;
	readonly baseUrl: string;
	readonly caFile?: string;
	readonly insecureTls?: boolean;
	readonly dialect?: 'classic' | 'carlos';
}

export interface AuthIntegration {
	readonly id: string;
	readonly instance: string;
	readonly name: string;
	readonly consumerKey: string;
	/** Resolved (not a SecretRef). */
	readonly consumerSecret: string;
	readonly uri?: string;
	readonly callback?: string;
	/** The dedicated provider (step 1): providerNo or name. */
	readonly expectedProvider?: string;
	readonly lifetime?: number;
	readonly signatureMethod?: 'HMAC-SHA1' | 'PLAINTEXT';
	readonly transport?: 'header' | 'query' | 'form';
}

export interface TokenPair {
	readonly token: string;
	readonly tokenSecret: string;
}

/** The access token, and the exchange's Date header and duration: the clock skew, measured for free. */
export interface AccessTokenAnswer extends TokenPair {
	/** The HTTP Date header of the token endpoint's answer (server clock). */
	readonly serverDate?: string;
	/** How long the exchange took, ms (the skew is taken at its middle). */
	readonly elapsedMs?: number;
}

/** What `oauth/info` told about the token's user; `noProvider` when OSCAR could not build it. */
export type InfoResult = {readonly kind: 'identity'; readonly identity: Identity} | {readonly kind: 'no-provider'};

export interface OAuthLegs {
	/** Signed initiate with `oauth_callback = callback`. Throws an error carrying `status` on HTTP failure. */
	requestToken(instance: AuthInstance, integration: AuthIntegration, options: {callback: string; signal?: AbortSignal}): Promise<TokenPair>;
	/** `{base}/ws/oauth/authorize?oauth_token=T`. */
	authorizeUrl(instance: AuthInstance, token: string): string;
	accessToken(
		instance: AuthInstance,
		integration: AuthIntegration,
		options: {requestToken: TokenPair; verifier: string; signal?: AbortSignal},
	): Promise<AccessTokenAnswer>;
	/** Signed GET `{base}/ws/services/oauth/info` with the access token. */
	oauthInfo(
		instance: AuthInstance,
		integration: AuthIntegration,
		options: {accessToken: TokenPair; signal?: AbortSignal},
	): Promise<InfoResult>;
}

/** HTTP status of a failed leg, from the shapes protocol and HTTP errors usually have. */
export function httpStatusOf(error: unknown): number | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const candidate = error as {status?: unknown; statusCode?: unknown; response?: {statusCode?: unknown}};
	for (const value of [candidate.status, candidate.statusCode, candidate.response?.statusCode]) {
		if (typeof value === 'number') return value;
	}

	return undefined;
}

/** Response body of a failed leg when the error carries one (CARLOS puts error codes there). */
export function bodyOf(error: unknown): string {
	if (typeof error !== 'object' || error === null) return '';
	const candidate = error as {body?: unknown; response?: {body?: unknown}};
	const body = candidate.body ?? candidate.response?.body;
	return typeof body === 'string' ? body : '';
}
