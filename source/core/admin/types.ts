/**
 * OSCAR's REST Clients data as the admin API lists it, normalised across the two dialects, and the
 * operations an admin session offers. The protocol layer (source/oscar/admin-session.ts) implements
 * AdminApi over HTTP; the audit and registration flows are written against this interface, so a UI
 * or a test can drive them with any implementation.
 */
import type {SecretValue} from '../secret-value.js';

/** A REST client (OSCAR's ServiceClient row). Server text: sanitize before showing it. */
export interface AdminClient {
	readonly id: number;
	readonly name: string;
	readonly key: string;
	/** Never shown or stored, except a freshly registered client's, into the config. */
	readonly secret: SecretValue;
	readonly uri: string;
	/** Seconds; -1 never expires; null when the row has none. */
	readonly lifetime: number | null;
	/** Epoch ms, when the server says. */
	readonly createdAt?: number;
}

/** An access token (OSCAR's ServiceAccessToken row). The token and its secret are never shown. */
export interface AdminToken {
	readonly id: number;
	/** The AdminClient id it was issued to (the client may have been deleted since). */
	readonly clientId: number;
	readonly token: SecretValue;
	readonly tokenSecret: SecretValue;
	/** null when the token is bound to no provider (classic writes "" for that). */
	readonly providerNo: string | null;
	/** Epoch seconds. */
	readonly issued: number;
	/** Seconds; -1 never expires. */
	readonly lifetime: number;
	readonly scopes: string;
	readonly createdAt?: number;
}

export interface AdminListing<T> {
	readonly rows: readonly T[];
	/** The server's clock (epoch ms) from the answer's Date header: expiry is judged by it. */
	readonly serverTime?: number;
}

export interface NewClient {
	readonly name: string;
	readonly uri: string;
	readonly lifetime: number;
}

export interface AdminCallOptions {
	readonly signal?: AbortSignal;
}

/** A logged-in admin web session on one OSCAR. Every method throws AdminApiError on failure. */
export interface AdminApi {
	/** Who is logged in (the username typed). */
	readonly username: string;
	listClients(options?: AdminCallOptions): Promise<AdminListing<AdminClient>>;
	listTokens(options?: AdminCallOptions): Promise<AdminListing<AdminToken>>;
	/** method=add; OSCAR answers without the key and secret: list to learn them. */
	addClient(client: NewClient, options?: AdminCallOptions): Promise<void>;
	deleteClient(id: number, options?: AdminCallOptions): Promise<void>;
	/** Ends the web session; never throws. */
	logout(): Promise<void>;
}
