/**
 * The config file's JSON schema (precompiled into a validator at build time) and its migration.
 *
 * File format history:
 * - v0 (pre-release, never shipped in a tagged version): `instances` and each instance's `integrations`
 *   were objects keyed by name (`{"instances": {"clinic-a": {"baseUrl": ..., "integrations": {"booking":
 *   {...}}}}}`) and `tags` could be one comma-separated string. No version marker.
 * - v1 (1.0.0): the `Inventory` of source/core/model.ts: arrays of named objects, `tags` an array.
 *   The version is recorded in `__internal__.migrations.version` (where conf, which wrote it first, keeps it).
 * The 1.0.0 migration is idempotent, so a hand-written v1 file without the marker passes unchanged.
 */

/** The newest file format. */
export const configFormatVersion = '1.0.0';

/** What the file holds: the inventory plus conf's bookkeeping. */
export type ConfigData = {
	instances?: unknown;
	__internal__?: unknown;
	[key: string]: unknown;
};

const nameSchema = {type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$'} as const;

const integrationKeys = [
	'name',
	'consumerKey',
	'consumerSecret',
	'uri',
	'callback',
	'accessToken',
	'tokenSecret',
	'expectedProvider',
	'lifetime',
	'issuedAt',
	'tags',
	'signatureMethod',
	'transport',
	'notes',
] as const;
const instanceKeys = ['name', 'baseUrl', 'caFile', 'insecureTls', 'dialect', 'notes', 'integrations'] as const;
const rootKeys = ['instances', '__internal__'] as const;

const integrationSchema = {
	type: 'object',
	additionalProperties: false,
	required: ['name', 'consumerKey', 'consumerSecret'],
	properties: {
		name: nameSchema,
		consumerKey: {type: 'string', minLength: 1},
		consumerSecret: {type: 'string', minLength: 1},
		uri: {type: 'string'},
		callback: {type: 'string'},
		accessToken: {type: 'string', minLength: 1},
		tokenSecret: {type: 'string', minLength: 1},
		expectedProvider: {type: 'string', minLength: 1},
		lifetime: {type: 'integer', minimum: -1, maximum: 2_147_483_647},
		issuedAt: {type: 'integer', minimum: 0},
		tags: {type: 'array', items: nameSchema},
		signatureMethod: {enum: ['HMAC-SHA1', 'PLAINTEXT']},
		transport: {enum: ['header', 'query', 'form']},
		notes: {type: 'string'},
	},
} as const;

const instanceSchema = {
	type: 'object',
	additionalProperties: false,
	required: ['name', 'baseUrl'],
	properties: {
		name: nameSchema,
		baseUrl: {type: 'string', pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$'},
		caFile: {type: 'string', minLength: 1},
		insecureTls: {type: 'boolean'},
		dialect: {enum: ['classic', 'carlos']},
		notes: {type: 'string'},
		integrations: {type: 'array', items: integrationSchema},
	},
} as const;

/** The properties of the root object. */
export const configSchema = {
	instances: {type: 'array', items: instanceSchema},
	__internal__: {type: 'object'},
} as const;

/** Refuse unknown top-level keys (a typo like "instance" would be silently ignored). */
export const configRootSchema = {additionalProperties: false} as const;

/**
 * The whole file's schema (the layout conf used: a root object with these properties). scripts/compile-validator.js
 * precompiles it at build time (config-validator.generated.ts), so no schema is compiled at start.
 */
export const configFileSchema = {...configRootSchema, type: 'object', properties: configSchema} as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** v0 -> v1 on plain data (exported for tests): keyed objects become named arrays, tag strings split. */
export function migrateV0ToV1(instances: unknown): unknown {
	const toArray = (value: unknown): unknown =>
		isPlainObject(value)
			? Object.entries(value).map(([name, item]) => (isPlainObject(item) && item.name === undefined ? {name, ...item} : item))
			: value;
	const list = toArray(instances);
	if (!Array.isArray(list)) return list;
	return list.map(instance => {
		if (!isPlainObject(instance)) return instance;
		const integrations = toArray(instance.integrations ?? []);
		return {
			...instance,
			integrations: Array.isArray(integrations)
				? integrations.map(integration => {
						if (!isPlainObject(integration) || typeof integration.tags !== 'string') return integration;
						return {
							...integration,
							tags: integration.tags
								.split(',')
								.map(tag => tag.trim())
								.filter(tag => tag !== ''),
						};
					})
				: integrations,
		};
	});
}

/** The format version recorded in a parsed file, or undefined for files conf never migrated. */
export function recordedVersion(data: unknown): string | undefined {
	if (!isPlainObject(data) || !isPlainObject(data.__internal__)) return undefined;
	const migrations = data.__internal__.migrations;
	return isPlainObject(migrations) && typeof migrations.version === 'string' ? migrations.version : undefined;
}

/** `/instances/0/integrations/1/consumerKey` -> `instances[0] ("clinic-a") > integrations[1] ("booking") > consumerKey`. */
function describePath(pointer: string, data: unknown): string {
	const segments = pointer.split('/').filter(segment => segment !== '');
	const parts: string[] = [];
	let node: unknown = data;
	for (const segment of segments) {
		const index = /^\d+$/.test(segment) ? Number(segment) : undefined;
		if (index !== undefined && Array.isArray(node)) {
			node = node[index];
			const name = isPlainObject(node) && typeof node.name === 'string' ? ` ("${node.name}")` : '';
			parts[parts.length - 1] = `${parts.at(-1) ?? ''}[${index}]${name}`;
		} else {
			node = isPlainObject(node) ? node[segment] : undefined;
			parts.push(segment);
		}
	}

	return parts.length === 0 ? 'the top level' : parts.join(' > ');
}

function lookup(pointer: string, data: unknown): unknown {
	let node: unknown = data;
	for (const segment of pointer.split('/').filter(part => part !== '')) {
		if (Array.isArray(node)) node = node[Number(segment)];
		else if (isPlainObject(node)) node = node[segment];
		else return undefined;
	}

	return node;
}

/** The unknown keys of the object at `pointer`, judged by where it sits in the file. */
function unknownKeys(pointer: string, data: unknown): string[] {
	const node = lookup(pointer, data);
	if (!isPlainObject(node)) return [];
	const depth = pointer.split('/').filter(part => part !== '').length;
	const allowed: readonly string[] = depth === 0 ? rootKeys : depth === 2 ? instanceKeys : integrationKeys;
	return Object.keys(node).filter(key => !allowed.includes(key));
}

const enumValues: Record<string, readonly string[]> = {
	signatureMethod: integrationSchema.properties.signatureMethod.enum,
	transport: integrationSchema.properties.transport.enum,
	dialect: instanceSchema.properties.dialect.enum,
};

/**
 * Turn conf's "Config schema violation: `instances/0/name` must match pattern ..." into readable lines
 * that name the field and the instance/integration it belongs to. Values are not repeated (they may be secrets).
 */
export function describeSchemaViolation(message: string, data: unknown): string[] {
	const body = message.replace(/^Config schema violation:\s*/, '');
	const lines = new Set<string>();
	for (const match of body.matchAll(/`([^`]*)` ([^;]*)(?:;|$)/g)) {
		const pointer = `/${match[1] ?? ''}`;
		const problem = (match[2] ?? '').trim();
		let text = problem;
		if (problem === 'must NOT have additional properties') {
			const keys = unknownKeys(pointer, data);
			text =
				keys.length > 0 ? `has unknown field${keys.length > 1 ? 's' : ''} ${keys.map(key => `"${key}"`).join(', ')}` : 'has unknown fields';
		} else if (problem.startsWith('must match pattern') && pointer.endsWith('/name')) {
			text = "must use only letters, digits, '.', '_' and '-'";
		} else if (problem.startsWith('must match pattern') && pointer.endsWith('/baseUrl')) {
			text = 'must be an http:// or https:// URL without query or fragment';
		} else if (problem.startsWith('must match pattern') && /\/tags\/\d+$/.test(pointer)) {
			text = "must use only letters, digits, '.', '_' and '-'";
		} else if (problem.startsWith('must have required property')) {
			text = problem.replace('must have required property', 'is missing the required field');
		} else if (problem === 'must be equal to one of the allowed values') {
			const allowed = enumValues[pointer.split('/').at(-1) ?? ''];
			text = allowed ? `must be one of: ${allowed.join(', ')}` : 'has a value that is not allowed';
		}

		lines.add(`${describePath(pointer, data)} ${text}`);
	}

	if (lines.size === 0) lines.add(body);
	return [...lines];
}
