/**
 * Import and export of the inventory as CSV or JSON, for clinics and vendors moving many
 * integrations at once. Import checks EVERY row before changing anything and reports all problems
 * as {row, column, message}; then it applies everything in one ConfigStore.update or nothing at all.
 *
 * CSV columns (header row required, any order, names case-insensitive):
 *   instance,baseUrl,caFile,integration,consumerKey,consumerSecret,uri,callback,accessToken,tokenSecret,
 *   expectedProvider,lifetime,issuedAt,tags   (tags separated by ';')
 * optional extra columns: dialect, insecureTls, signatureMethod, transport (export writes them only when used).
 * A row with an empty `integration` declares an instance without integrations. `notes` travel in JSON only.
 *
 * JSON: the inventory shape `{"instances": [{"name", "baseUrl", ..., "integrations": [...]}]}`; for JSON
 * problems `row` is the instance's position (1-based) and `column` the field path inside it.
 *
 * Export and secrets: inline secret VALUES (consumerSecret, tokenSecret) and access tokens are written
 * as '' unless `includeSecrets`. References (`env:NAME`, `file:PATH`) are exported as they are: they say
 * where a secret lives, not what it is, and keep an export re-importable on the same machine.
 */
import type {Dialect, Instance, Integration, Inventory, OAuthTransport, SignatureMethod} from '../core/model.js';
import {integrationId} from '../core/model.js';
import {addInstance, addIntegration, findIntegration, updateIntegration} from '../core/inventory-ops.js';
import {
	ValidationError, validateAccessToken, validateCallback, validateConsumerKey, validateIssuedAt, validateLifetime,
	validateName, validateSecretInput,
} from '../core/validate.js';
import {BaseUrlError, normalizeBaseUrl} from '../core/base-url.js';
import {redact} from '../core/redact.js';
import {isSecretReference} from '../core/secret-refs.js';
import type {ConfigStore} from './config-store.js';
import {CsvSyntaxError, formatCsv, parseCsv} from './csv.js';

export type ImportFormat = 'csv' | 'json';

/** One problem, located as a spreadsheet user would find it. */
export interface ImportProblem {
	readonly row: number;
	readonly column: string;
	readonly message: string;
}

export type ImportErrorCode = 'invalid' | 'conflict' | 'format';

/** Nothing was imported; `problems` lists every reason (never a secret value). */
export class ImportError extends Error {
	constructor(message: string, readonly code: ImportErrorCode, readonly problems: readonly ImportProblem[]) {
		super(message);
		this.name = 'ImportError';
	}
}

/** What to do with an integration that already exists: stop (default), keep the existing one, or replace it. */
export type ExistingPolicy = 'error' | 'skip' | 'replace';

export interface ImportOptions {
	readonly format?: ImportFormat; // default: JSON when the text starts with '{', else CSV
	readonly existing?: ExistingPolicy;
}

export interface ImportResult {
	readonly instancesAdded: readonly string[];
	readonly integrationsAdded: readonly string[];
	readonly integrationsReplaced: readonly string[];
	readonly integrationsSkipped: readonly string[];
	readonly warnings: readonly ImportProblem[];
}

interface PlannedIntegration {
	readonly row: number;
	readonly column: string; // prefix for JSON ("integrations[0]."), '' for CSV
	readonly integration: Integration;
}

interface PlannedInstance {
	readonly row: number;
	readonly instance: Omit<Instance, 'integrations'>;
	readonly integrations: PlannedIntegration[];
}

export interface ImportPlan {
	readonly instances: readonly PlannedInstance[];
	readonly warnings: readonly ImportProblem[];
	/** Inline secret values seen in the input, to scrub from any message. */
	readonly secrets: readonly string[];
}

const baseColumns = [
	'instance', 'baseUrl', 'caFile', 'integration', 'consumerKey', 'consumerSecret', 'uri', 'callback', 'accessToken',
	'tokenSecret', 'expectedProvider', 'lifetime', 'issuedAt', 'tags',
] as const;
const extraColumns = ['dialect', 'insecureTls', 'signatureMethod', 'transport'] as const;
type Column = typeof baseColumns[number] | typeof extraColumns[number];
const allColumns: readonly Column[] = [...baseColumns, ...extraColumns];
const integrationColumns: readonly Column[] = [
	'consumerKey', 'consumerSecret', 'uri', 'callback', 'accessToken', 'tokenSecret', 'expectedProvider', 'lifetime', 'issuedAt', 'tags',
	'signatureMethod', 'transport',
];

const signatureMethods: readonly SignatureMethod[] = ['HMAC-SHA1', 'PLAINTEXT'];
const transports: readonly OAuthTransport[] = ['header', 'query', 'form'];
const dialects: readonly Dialect[] = ['classic', 'carlos'];

class Collector {
	readonly problems: ImportProblem[] = [];
	readonly warnings: ImportProblem[] = [];
	readonly secrets: string[] = [];

	/** Run a validator; a ValidationError becomes a problem at (row, column) and the result is undefined. */
	attempt<T>(row: number, column: string, check: () => T): T | undefined {
		try {
			return check();
		} catch (error) {
			if (error instanceof ValidationError || error instanceof BaseUrlError) {
				this.problems.push({row, column, message: error.message});
				return undefined;
			}

			throw error;
		}
	}

	problem(row: number, column: string, message: string): void {
		this.problems.push({row, column, message});
	}

	warn(row: number, column: string, messages: readonly string[]): void {
		for (const message of messages) this.warnings.push({row, column, message});
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field values as they arrive: CSV gives strings, JSON anything. */
type RawFields = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	return undefined;
}

function checkString(collect: Collector, row: number, column: string, value: unknown): string | undefined {
	if (value === undefined || value === null || typeof value === 'string') return text(value);
	collect.problem(row, column, `must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`);
	return undefined;
}

function checkEnum<T extends string>(collect: Collector, row: number, column: string, value: unknown, allowed: readonly T[]): T | undefined {
	const raw = checkString(collect, row, column, value)?.trim();
	if (raw === undefined) return undefined;
	if ((allowed as readonly string[]).includes(raw)) return raw as T;
	collect.problem(row, column, `"${raw}" is not one of: ${allowed.join(', ')}`);
	return undefined;
}

function checkBoolean(collect: Collector, row: number, column: string, value: unknown): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|yes|1)$/i.test(value.trim())) return true;
	if (typeof value === 'string' && /^(false|no|0)$/i.test(value.trim())) return false;
	collect.problem(row, column, 'must be true or false');
	return undefined;
}

/** The integration fields of one CSV row or JSON object, validated with the same rules as the CLI. */
function buildIntegration(collect: Collector, row: number, prefix: string, name: string, fields: RawFields): Integration | undefined {
	const at = (column: string) => `${prefix}${column}`;
	const before = collect.problems.length;
	for (const column of ['consumerSecret', 'tokenSecret', 'accessToken']) {
		const value = fields[column];
		// A second line of defence (validators never quote secrets); values under 4 characters would garble every message.
		if (typeof value === 'string' && value.trim().length >= 4 && !isSecretReference(value.trim())) collect.secrets.push(value.trim());
	}

	const keyRaw = checkString(collect, row, at('consumerKey'), fields.consumerKey);
	const key = keyRaw === undefined
		? (collect.problem(row, at('consumerKey'), 'Consumer key is empty: every integration needs the Client Key from OSCAR.'), undefined)
		: collect.attempt(row, at('consumerKey'), () => validateConsumerKey(keyRaw));
	if (key) collect.warn(row, at('consumerKey'), key.warnings);

	const secretRaw = checkString(collect, row, at('consumerSecret'), fields.consumerSecret);
	const secret = secretRaw === undefined
		? (collect.problem(row, at('consumerSecret'), 'Consumer secret is empty (exports made without secrets leave it blank): fill it in, or use env:NAME or file:PATH.'), undefined)
		: collect.attempt(row, at('consumerSecret'), () => validateSecretInput(secretRaw, 'consumerSecret'));
	if (secret) collect.warn(row, at('consumerSecret'), secret.warnings);

	const uri = checkString(collect, row, at('uri'), fields.uri)?.trim();
	const callbackRaw = checkString(collect, row, at('callback'), fields.callback);
	const callback = callbackRaw === undefined ? undefined : collect.attempt(row, at('callback'), () => validateCallback(callbackRaw, uri));

	const tokenRaw = checkString(collect, row, at('accessToken'), fields.accessToken);
	const token = tokenRaw === undefined ? undefined : collect.attempt(row, at('accessToken'), () => validateAccessToken(tokenRaw));
	const tokenSecretRaw = checkString(collect, row, at('tokenSecret'), fields.tokenSecret);
	const tokenSecret = tokenSecretRaw === undefined ? undefined : collect.attempt(row, at('tokenSecret'), () => validateSecretInput(tokenSecretRaw, 'tokenSecret'));
	if (tokenRaw !== undefined && tokenSecretRaw === undefined) {
		collect.problem(row, at('tokenSecret'), 'Token secret is empty but an access token is given: requests cannot be signed without both.');
	}

	if (tokenRaw === undefined && tokenSecretRaw !== undefined) {
		collect.warn(row, at('accessToken'), ['Access token is empty but a token secret is given: the token is ignored until both are set.']);
	}

	const expectedProvider = checkString(collect, row, at('expectedProvider'), fields.expectedProvider)?.trim();
	const lifetimeRaw = fields.lifetime;
	const lifetime = lifetimeRaw === undefined || lifetimeRaw === null || lifetimeRaw === ''
		? undefined
		: typeof lifetimeRaw === 'string' || typeof lifetimeRaw === 'number'
			? collect.attempt(row, at('lifetime'), () => validateLifetime(lifetimeRaw))
			: (collect.problem(row, at('lifetime'), 'must be a number of seconds'), undefined);
	const issuedRaw = fields.issuedAt;
	const issuedAt = issuedRaw === undefined || issuedRaw === null || issuedRaw === ''
		? undefined
		: typeof issuedRaw === 'string' || typeof issuedRaw === 'number'
			? collect.attempt(row, at('issuedAt'), () => validateIssuedAt(issuedRaw))
			: (collect.problem(row, at('issuedAt'), 'must be epoch seconds or an ISO 8601 date'), undefined);

	const tagsRaw = fields.tags;
	let tagList: string[] = [];
	if (typeof tagsRaw === 'string') tagList = tagsRaw.split(';');
	else if (Array.isArray(tagsRaw) && tagsRaw.every(tag => typeof tag === 'string')) tagList = tagsRaw as string[];
	else if (tagsRaw !== undefined && tagsRaw !== null) collect.problem(row, at('tags'), 'must be a list of tag names');
	const tags: string[] = [];
	for (const tag of tagList.map(item => item.trim()).filter(item => item !== '')) {
		const valid = collect.attempt(row, at('tags'), () => validateName(tag, 'tag'));
		if (valid !== undefined && !tags.includes(valid)) tags.push(valid);
	}

	const signatureMethod = checkEnum(collect, row, at('signatureMethod'), fields.signatureMethod, signatureMethods);
	const transport = checkEnum(collect, row, at('transport'), fields.transport, transports);
	const notes = checkString(collect, row, at('notes'), fields.notes);
	if (collect.problems.length > before || !key || !secret) return undefined;
	const integration: Record<string, unknown> = {name, consumerKey: key.value, consumerSecret: secret.value};
	const optional: Record<string, unknown> = {
		uri, callback, accessToken: token?.value, tokenSecret: tokenSecret?.value, expectedProvider, lifetime, issuedAt,
	};
	for (const [field, value] of Object.entries(optional)) if (value !== undefined && value !== '') integration[field] = value;
	integration.tags = tags;
	if (signatureMethod) integration.signatureMethod = signatureMethod;
	if (transport) integration.transport = transport;
	if (notes !== undefined) integration.notes = notes;
	return integration as unknown as Integration;
}

/** Instance fields; adds the integration to an existing planned instance when names repeat (CSV). */
function planInstance(collect: Collector, plan: Map<string, PlannedInstance>, row: number, fields: RawFields, nameKey: 'instance' | 'name'): PlannedInstance | undefined {
	const nameRaw = checkString(collect, row, nameKey, fields[nameKey]) ?? '';
	const name = collect.attempt(row, nameKey, () => validateName(nameRaw, 'instance'));
	const urlRaw = checkString(collect, row, 'baseUrl', fields.baseUrl);
	const password = urlRaw === undefined ? undefined : /\/\/[^/@:]*:([^/@]+)@/.exec(urlRaw)?.[1];
	if (password !== undefined && password.length >= 4) collect.secrets.push(password); // a URL error may quote it
	const baseUrl = urlRaw === undefined
		? (collect.problem(row, 'baseUrl', 'Base URL is empty: give the OSCAR address, e.g. https://clinic.example.org:8443/oscar.'), undefined)
		: collect.attempt(row, 'baseUrl', () => normalizeBaseUrl(urlRaw));
	const caFile = checkString(collect, row, 'caFile', fields.caFile)?.trim();
	const dialect = checkEnum(collect, row, 'dialect', fields.dialect, dialects);
	const insecureTls = checkBoolean(collect, row, 'insecureTls', fields.insecureTls);
	const notes = checkString(collect, row, 'notes', fields.notes);
	if (name === undefined || baseUrl === undefined) return undefined;
	const existing = plan.get(name);
	if (existing) {
		if (existing.instance.baseUrl !== baseUrl) {
			collect.problem(row, 'baseUrl', `instance "${name}" has base URL ${existing.instance.baseUrl} on row ${existing.row}, and ${baseUrl} here`);
		} else if ((existing.instance.caFile ?? '') !== (caFile ?? '')) {
			collect.problem(row, 'caFile', `instance "${name}" has a different caFile on row ${existing.row}`);
		}

		return existing;
	}

	const instance: Record<string, unknown> = {name, baseUrl};
	if (caFile) instance.caFile = caFile;
	if (insecureTls !== undefined) instance.insecureTls = insecureTls;
	if (dialect) instance.dialect = dialect;
	if (notes !== undefined) instance.notes = notes;
	const planned: PlannedInstance = {row, instance: instance as unknown as Omit<Instance, 'integrations'>, integrations: []};
	plan.set(name, planned);
	return planned;
}

function addPlannedIntegration(collect: Collector, planned: PlannedInstance, row: number, prefix: string, integration: Integration): void {
	const earlier = planned.integrations.find(item => item.integration.name === integration.name);
	if (earlier) {
		collect.problem(row, `${prefix}integration`, `integration "${integrationId(planned.instance.name, integration.name)}" appears twice (also row ${earlier.row})`);
		return;
	}

	planned.integrations.push({row, column: prefix, integration});
}

function planCsv(collect: Collector, input: string): Map<string, PlannedInstance> {
	const plan = new Map<string, PlannedInstance>();
	let records;
	try {
		records = parseCsv(input);
	} catch (error) {
		if (error instanceof CsvSyntaxError) {
			collect.problem(error.row, `field ${error.column}`, error.message.replace(/^row \d+, field \d+: /, ''));
			return plan;
		}

		throw error;
	}

	const [header, ...rows] = records;
	if (!header) {
		collect.problem(1, '*', `the file is empty: the first row must be the header ${baseColumns.join(',')}`);
		return plan;
	}

	if (header.fields.length === 1 && (header.fields[0] ?? '').includes(';')) {
		collect.problem(header.row, '*', "the header is separated by ';': save the file as comma-separated CSV");
		return plan;
	}

	const columns: (Column | undefined)[] = header.fields.map(field => allColumns.find(column => column.toLowerCase() === field.trim().toLowerCase()));
	header.fields.forEach((field, index) => {
		if (columns[index] === undefined) collect.problem(header.row, field, `unknown column "${field}"; the columns are ${allColumns.join(', ')}`);
		else if (columns.indexOf(columns[index]) !== index) collect.problem(header.row, field, `column "${field}" appears twice`);
	});
	for (const required of ['instance', 'baseUrl'] as const) {
		if (!columns.includes(required)) collect.problem(header.row, required, `the header has no "${required}" column`);
	}

	if (collect.problems.length > 0) return plan;
	for (const record of rows) {
		if (record.fields.length !== columns.length) {
			collect.problem(record.row, '*', `has ${record.fields.length} fields but the header has ${columns.length} (a comma inside a value needs quotes)`);
			continue;
		}

		const fields: Record<string, string> = {};
		columns.forEach((column, index) => {
			fields[column!] = record.fields[index] ?? '';
		});
		const planned = planInstance(collect, plan, record.row, fields, 'instance');
		const integrationName = text(fields.integration);
		if (integrationName === undefined) {
			const stray = integrationColumns.filter(column => text(fields[column]) !== undefined);
			if (stray.length > 0) collect.problem(record.row, 'integration', `is empty but ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} filled in: name the integration`);
			continue;
		}

		const name = collect.attempt(record.row, 'integration', () => validateName(integrationName, 'integration'));
		const integration = buildIntegration(collect, record.row, '', name ?? '', fields);
		if (planned && name !== undefined && integration) addPlannedIntegration(collect, planned, record.row, '', integration);
	}

	return plan;
}

const jsonInstanceKeys = ['name', 'baseUrl', 'caFile', 'insecureTls', 'dialect', 'notes', 'integrations'];
const jsonIntegrationKeys = ['name', ...integrationColumns, 'notes'];

function planJson(collect: Collector, input: string): Map<string, PlannedInstance> {
	const plan = new Map<string, PlannedInstance>();
	let data: unknown;
	try {
		data = JSON.parse(input);
	} catch (error) {
		const position = /at position (\d+)/.exec((error as Error).message);
		collect.problem(0, '*', `not valid JSON${position ? ` (at character ${Number(position[1]) + 1})` : ''}`);
		return plan;
	}

	if (!isObject(data) || !Array.isArray(data.instances)) {
		collect.problem(0, 'instances', 'the JSON must be an object like {"instances": [...]}');
		return plan;
	}

	data.instances.forEach((item: unknown, index: number) => {
		const row = index + 1;
		if (!isObject(item)) {
			collect.problem(row, '*', 'each instance must be an object');
			return;
		}

		for (const key of Object.keys(item)) if (!jsonInstanceKeys.includes(key)) collect.problem(row, key, `unknown field "${key}"`);
		const before = plan.size;
		const planned = planInstance(collect, plan, row, item, 'name');
		if (planned && plan.size === before) collect.problem(row, 'name', `instance "${planned.instance.name}" appears twice (also row ${planned.row})`);
		const integrations = item.integrations ?? [];
		if (!Array.isArray(integrations)) {
			collect.problem(row, 'integrations', 'must be a list');
			return;
		}

		integrations.forEach((entry: unknown, position: number) => {
			const prefix = `integrations[${position}].`;
			if (!isObject(entry)) {
				collect.problem(row, `integrations[${position}]`, 'must be an object');
				return;
			}

			for (const key of Object.keys(entry)) if (!jsonIntegrationKeys.includes(key)) collect.problem(row, `${prefix}${key}`, `unknown field "${key}"`);
			const nameRaw = checkString(collect, row, `${prefix}name`, entry.name) ?? '';
			const name = collect.attempt(row, `${prefix}name`, () => validateName(nameRaw, 'integration'));
			const integration = buildIntegration(collect, row, prefix, name ?? '', entry);
			if (planned && name !== undefined && integration) addPlannedIntegration(collect, planned, row, prefix, integration);
		});
	});
	return plan;
}

function scrub(problems: readonly ImportProblem[], secrets: readonly string[]): ImportProblem[] {
	return problems.map(problem => ({...problem, message: redact(problem.message, secrets)}));
}

function describeProblems(headline: string, problems: readonly ImportProblem[]): string {
	const shown = problems.slice(0, 50).map(problem => `  ${problem.row === 0 ? '' : `row ${problem.row}, `}${problem.column}: ${problem.message}`);
	if (problems.length > 50) shown.push(`  ... and ${problems.length - 50} more`);
	return `${headline}\n${shown.join('\n')}`;
}

/** Validate the whole input (no inventory needed). Throws ImportError listing every problem. */
export function planImport(input: string, format?: ImportFormat): ImportPlan {
	const chosen = format ?? (input.trimStart().startsWith('{') ? 'json' : 'csv');
	const collect = new Collector();
	const plan = chosen === 'json' ? planJson(collect, input) : planCsv(collect, input);
	if (collect.problems.length > 0) {
		const problems = scrub(collect.problems, collect.secrets);
		const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
		throw new ImportError(redact(describeProblems(`Nothing was imported: ${count} in the ${chosen.toUpperCase()} input.`, problems), collect.secrets), 'invalid', problems);
	}

	return {instances: [...plan.values()], warnings: scrub(collect.warnings, collect.secrets), secrets: collect.secrets};
}

/** Apply a validated plan to an inventory (pure). Conflicts with what exists are collected, then thrown together. */
export function applyImport(inventory: Inventory, plan: ImportPlan, existing: ExistingPolicy = 'error'): {inventory: Inventory; result: ImportResult} {
	const problems: ImportProblem[] = [];
	const result = {
		instancesAdded: [] as string[], integrationsAdded: [] as string[], integrationsReplaced: [] as string[], integrationsSkipped: [] as string[],
		warnings: plan.warnings,
	};
	let next = inventory;
	for (const planned of plan.instances) {
		const current = next.instances.find(instance => instance.name === planned.instance.name);
		if (current) {
			if (current.baseUrl !== planned.instance.baseUrl) {
				problems.push({row: planned.row, column: 'baseUrl', message: `instance "${current.name}" already exists with base URL ${current.baseUrl}`});
				continue;
			}

			if (planned.instance.caFile !== undefined && planned.instance.caFile !== current.caFile) {
				problems.push({row: planned.row, column: 'caFile', message: `instance "${current.name}" already exists with ${current.caFile ? `caFile ${current.caFile}` : 'no caFile'}`});
				continue;
			}
		} else {
			next = addInstance(next, {...planned.instance, integrations: []});
			result.instancesAdded.push(planned.instance.name);
		}

		for (const {row, column, integration} of planned.integrations) {
			const id = integrationId(planned.instance.name, integration.name);
			if (!findIntegration(next, id)) {
				next = addIntegration(next, planned.instance.name, integration);
				result.integrationsAdded.push(id);
			} else if (existing === 'skip') {
				result.integrationsSkipped.push(id);
			} else if (existing === 'replace') {
				const {instance: _instance, integration: old} = findIntegration(next, id)!;
				const cleared = Object.fromEntries(Object.keys(old).map(key => [key, undefined]));
				next = updateIntegration(next, id, {...cleared, ...integration});
				result.integrationsReplaced.push(id);
			} else {
				problems.push({row, column: `${column}integration`, message: `integration "${id}" already exists (import with existing=skip or existing=replace to change that)`});
			}
		}
	}

	if (problems.length > 0) {
		const scrubbed = scrub(problems, plan.secrets);
		throw new ImportError(describeProblems(`Nothing was imported: ${scrubbed.length === 1 ? '1 conflict' : `${scrubbed.length} conflicts`} with the current configuration.`, scrubbed), 'conflict', scrubbed);
	}

	return {inventory: next, result};
}

/** Validate everything, then apply all of it in one locked update, or nothing. */
export function importInventory(store: ConfigStore, input: string, options: ImportOptions = {}): ImportResult {
	const plan = planImport(input, options.format);
	let result: ImportResult | undefined;
	store.update(inventory => {
		const applied = applyImport(inventory, plan, options.existing);
		result = applied.result;
		return applied.inventory;
	});
	return result!;
}

export interface ExportOptions {
	/** Write inline secret values and access tokens (default: blank). */
	readonly includeSecrets?: boolean;
}

function exportSecret(value: string | undefined, includeSecrets: boolean): string {
	if (value === undefined) return '';
	return includeSecrets || isSecretReference(value) ? value : '';
}

/** The inventory as CSV or JSON; see the file comment for how secrets are treated. */
export function exportInventory(inventory: Inventory, format: ImportFormat, options: ExportOptions = {}): string {
	const includeSecrets = options.includeSecrets === true;
	if (format === 'json') {
		const instances = inventory.instances.map(instance => ({
			...instance,
			integrations: instance.integrations.map(integration => {
				const copy: Record<string, unknown> = {...integration, consumerSecret: exportSecret(integration.consumerSecret, includeSecrets)};
				const token = includeSecrets ? integration.accessToken : undefined;
				const tokenSecret = exportSecret(integration.tokenSecret, includeSecrets);
				if (token === undefined) delete copy.accessToken;
				if (tokenSecret === '') delete copy.tokenSecret;
				else copy.tokenSecret = tokenSecret;
				return copy;
			}),
		}));
		return `${JSON.stringify({instances}, null, 2)}\n`;
	}

	const extras = extraColumns.filter(column => inventory.instances.some(instance => (
		column === 'dialect' || column === 'insecureTls'
			? instance[column] !== undefined
			: instance.integrations.some(integration => integration[column] !== undefined)
	)));
	const header: Column[] = [...baseColumns, ...extras];
	const rows: string[][] = [header];
	for (const instance of inventory.instances) {
		const instanceFields: Partial<Record<Column, string>> = {
			instance: instance.name,
			baseUrl: instance.baseUrl,
			caFile: instance.caFile ?? '',
			dialect: instance.dialect ?? '',
			insecureTls: instance.insecureTls === undefined ? '' : String(instance.insecureTls),
		};
		if (instance.integrations.length === 0) rows.push(header.map(column => instanceFields[column] ?? ''));
		for (const integration of instance.integrations) {
			const fields: Partial<Record<Column, string>> = {
				...instanceFields,
				integration: integration.name,
				consumerKey: integration.consumerKey,
				consumerSecret: exportSecret(integration.consumerSecret, includeSecrets),
				uri: integration.uri ?? '',
				callback: integration.callback ?? '',
				accessToken: includeSecrets ? integration.accessToken ?? '' : '',
				tokenSecret: exportSecret(integration.tokenSecret, includeSecrets),
				expectedProvider: integration.expectedProvider ?? '',
				lifetime: integration.lifetime === undefined ? '' : String(integration.lifetime),
				issuedAt: integration.issuedAt === undefined ? '' : String(integration.issuedAt),
				tags: integration.tags.join(';'),
				signatureMethod: integration.signatureMethod ?? '',
				transport: integration.transport ?? '',
			};
			rows.push(header.map(column => fields[column] ?? ''));
		}
	}

	return formatCsv(rows);
}
