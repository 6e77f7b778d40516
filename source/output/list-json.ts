/**
 * `list --json`: the inventory as a documented, versioned document (schema in list-schema.json).
 * Secrets never appear: only where each comes from ('inline (hidden)', 'env:NAME', 'file:PATH').
 */
import type {Dialect, Inventory} from '../core/model.js';
import {describeSecret} from '../core/secret-refs.js';
import {safeJson} from '../core/untrusted-text.js';
import {schemaVersions} from './schema-versions.js';

export interface ListJsonIntegration {
	readonly id: string;
	readonly name: string;
	readonly consumerKey: string;
	/** Where the secret comes from, never the secret. */
	readonly consumerSecret: string;
	readonly uri: string | null;
	readonly callback: string | null;
	readonly accessToken: 'set' | 'not set';
	readonly tokenSecret: string;
	readonly expectedProvider: string | null;
	readonly lifetime: number | null;
	readonly issuedAt: number | null;
	readonly tags: readonly string[];
}

export interface ListJsonInstance {
	readonly name: string;
	readonly baseUrl: string;
	readonly caFile: string | null;
	readonly insecureTls: boolean;
	readonly dialect: Dialect;
	readonly integrations: readonly ListJsonIntegration[];
}

export interface ListJson {
	readonly schemaVersion: typeof schemaVersions.list;
	readonly instances: readonly ListJsonInstance[];
}

export function toListJson(inventory: Inventory): ListJson {
	return {
		schemaVersion: schemaVersions.list,
		instances: inventory.instances.map(instance => ({
			name: instance.name,
			baseUrl: instance.baseUrl,
			caFile: instance.caFile ?? null,
			insecureTls: instance.insecureTls === true,
			dialect: instance.dialect ?? 'classic',
			integrations: instance.integrations.map(integration => ({
				id: `${instance.name}/${integration.name}`,
				name: integration.name,
				consumerKey: integration.consumerKey,
				consumerSecret: describeSecret(integration.consumerSecret),
				uri: integration.uri ?? null,
				callback: integration.callback ?? null,
				accessToken: integration.accessToken ? 'set' : 'not set',
				tokenSecret: describeSecret(integration.tokenSecret),
				expectedProvider: integration.expectedProvider ?? null,
				lifetime: integration.lifetime ?? null,
				issuedAt: integration.issuedAt ?? null,
				tags: integration.tags,
			})),
		})),
	};
}

/** The document as printed: pretty JSON and a final newline. */
export function formatListJson(inventory: Inventory): string {
	return `${safeJson(toListJson(inventory), 2)}\n`;
}
