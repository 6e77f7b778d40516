/**
 * The inventory model: what the user configures. Plain data, no I/O.
 * Secrets are `SecretRef`s: an inline value, or `env:NAME` / `file:PATH` resolved at use.
 */

/** An inline secret, or a reference (`env:NAME`, `file:PATH`) resolved only when needed. */
export type SecretRef = string;

export type SignatureMethod = 'HMAC-SHA1' | 'PLAINTEXT';
/** Where OAuth parameters travel. Some deployments ignore the Authorization header. */
export type OAuthTransport = 'header' | 'query' | 'form';
export type Dialect = 'classic' | 'carlos';

export interface Integration {
	readonly name: string;
	readonly consumerKey: string;
	readonly consumerSecret: SecretRef;
	/** The URI registered on OSCAR's REST Clients page (the callback must start with it). */
	readonly uri?: string;
	/** The callback this integration sends at initiate (defaults to `uri`, or `oob`). */
	readonly callback?: string;
	readonly accessToken?: string;
	readonly tokenSecret?: SecretRef;
	/** The dedicated provider (onboarding step 1) the token should act as: providerNo or name. */
	readonly expectedProvider?: string;
	/** REST client lifetime in seconds: -1 never expires, 0 expires at once. */
	readonly lifetime?: number;
	/** Epoch seconds the access token was issued, when known. */
	readonly issuedAt?: number;
	readonly tags: readonly string[];
	readonly signatureMethod?: SignatureMethod;
	readonly transport?: OAuthTransport;
	readonly notes?: string;
}

export interface Instance {
	readonly name: string;
	/** Normalized base URL: scheme://host[:port]/context (no trailing slash). */
	readonly baseUrl: string;
	readonly caFile?: string;
	/** Explicit, always shown as a warning: skip TLS verification for this instance. */
	readonly insecureTls?: boolean;
	readonly dialect?: Dialect;
	readonly notes?: string;
	readonly integrations: readonly Integration[];
}

export interface Inventory {
	readonly instances: readonly Instance[];
}

/** `instance/integration`, the stable identity of an integration everywhere (CLI, state file, UI). */
export function integrationId(instance: string, integration: string): string {
	return `${instance}/${integration}`;
}
