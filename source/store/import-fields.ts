/**
 * Import, field by field: one CSV row's or JSON object's values, validated with the same rules as
 * the CLI (core/validate.ts), into planned instances and integrations. Every problem is collected
 * at its row and column; nothing here touches the configuration.
 */
import type {Dialect, Instance, Integration, OAuthTransport, SignatureMethod} from '../core/model.js';
import {integrationId} from '../core/model.js';
import {normalizeBaseUrl} from '../core/base-url.js';
import {isSecretReference} from '../core/secret-refs.js';
import {
	validateAccessToken,
	validateCallback,
	validateConsumerKey,
	validateIssuedAt,
	validateLifetime,
	validateName,
	validatePlainText,
	validateSecretInput,
	type PlainTextField,
} from '../core/validate.js';
import type {Collector} from './import-problems.js';

interface PlannedIntegration {
	readonly row: number;
	readonly column: string; // prefix for JSON ("integrations[0]."), '' for CSV
	readonly integration: Integration;
}

export interface PlannedInstance {
	readonly row: number;
	readonly instance: Omit<Instance, 'integrations'>;
	readonly integrations: PlannedIntegration[];
}

const signatureMethods: readonly SignatureMethod[] = ['HMAC-SHA1', 'PLAINTEXT'];
const transports: readonly OAuthTransport[] = ['header', 'query', 'form'];
const dialects: readonly Dialect[] = ['classic', 'carlos'];

/** Field values as they arrive: CSV gives strings, JSON anything. */
type RawFields = Readonly<Record<string, unknown>>;

/** A non-blank string, else undefined (CSV cells and JSON values alike). */
export function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	return undefined;
}

/** `checkString`, then the one input rule for free text (control characters refused, naming the field). */
function checkPlainText(collect: Collector, row: number, column: string, value: unknown, field: PlainTextField): string | undefined {
	const raw = checkString(collect, row, column, value);
	return raw === undefined ? undefined : collect.attempt(row, column, () => validatePlainText(raw, field));
}

/** `text`, and a problem when the value is there but not a string. */
export function checkString(collect: Collector, row: number, column: string, value: unknown): string | undefined {
	if (value === undefined || value === null || typeof value === 'string') return text(value);
	collect.problem(row, column, `must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`);
	return undefined;
}

function checkEnum<T extends string>(
	collect: Collector,
	row: number,
	column: string,
	value: unknown,
	allowed: readonly T[],
): T | undefined {
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
export function buildIntegration(
	collect: Collector,
	row: number,
	prefix: string,
	name: string,
	fields: RawFields,
): Integration | undefined {
	const at = (column: string) => `${prefix}${column}`;
	const before = collect.problems.length;
	for (const column of ['consumerSecret', 'tokenSecret', 'accessToken']) {
		const value = fields[column];
		// A second line of defence (validators never quote secrets); values under 4 characters would garble every message.
		if (typeof value === 'string' && value.trim().length >= 4 && !isSecretReference(value.trim())) collect.secrets.push(value.trim());
	}

	const keyRaw = checkString(collect, row, at('consumerKey'), fields.consumerKey);
	const key =
		keyRaw === undefined
			? (collect.problem(row, at('consumerKey'), 'Consumer key is empty: every integration needs the Client Key from OSCAR.'), undefined)
			: collect.attempt(row, at('consumerKey'), () => validateConsumerKey(keyRaw));
	if (key) collect.warn(row, at('consumerKey'), key.warnings);

	const secretRaw = checkString(collect, row, at('consumerSecret'), fields.consumerSecret);
	const secret =
		secretRaw === undefined
			? (collect.problem(
					row,
					at('consumerSecret'),
					'Consumer secret is empty (exports made without secrets leave it blank): fill it in, or use env:NAME or file:PATH.',
				),
				undefined)
			: collect.attempt(row, at('consumerSecret'), () => validateSecretInput(secretRaw, 'consumerSecret'));
	if (secret) collect.warn(row, at('consumerSecret'), secret.warnings);

	const uri = checkPlainText(collect, row, at('uri'), fields.uri, 'uri');
	const callbackRaw = checkString(collect, row, at('callback'), fields.callback);
	const callback = callbackRaw === undefined ? undefined : collect.attempt(row, at('callback'), () => validateCallback(callbackRaw, uri));

	const tokenRaw = checkString(collect, row, at('accessToken'), fields.accessToken);
	const token = tokenRaw === undefined ? undefined : collect.attempt(row, at('accessToken'), () => validateAccessToken(tokenRaw));
	const tokenSecretRaw = checkString(collect, row, at('tokenSecret'), fields.tokenSecret);
	const tokenSecret =
		tokenSecretRaw === undefined
			? undefined
			: collect.attempt(row, at('tokenSecret'), () => validateSecretInput(tokenSecretRaw, 'tokenSecret'));
	if (tokenRaw !== undefined && tokenSecretRaw === undefined) {
		collect.problem(row, at('tokenSecret'), 'Token secret is empty but an access token is given: requests cannot be signed without both.');
	}

	if (tokenRaw === undefined && tokenSecretRaw !== undefined) {
		collect.warn(row, at('accessToken'), ['Access token is empty but a token secret is given: the token is ignored until both are set.']);
	}

	const expectedProvider = checkPlainText(collect, row, at('expectedProvider'), fields.expectedProvider, 'expectedProvider');
	const lifetimeRaw = fields.lifetime;
	const lifetime =
		lifetimeRaw === undefined || lifetimeRaw === null || lifetimeRaw === ''
			? undefined
			: typeof lifetimeRaw === 'string' || typeof lifetimeRaw === 'number'
				? collect.attempt(row, at('lifetime'), () => validateLifetime(lifetimeRaw))
				: (collect.problem(row, at('lifetime'), 'must be a number of seconds'), undefined);
	const issuedRaw = fields.issuedAt;
	const issuedAt =
		issuedRaw === undefined || issuedRaw === null || issuedRaw === ''
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
	const notes = checkPlainText(collect, row, at('notes'), fields.notes, 'notes');
	if (collect.problems.length > before || !key || !secret) return undefined;
	const integration: Record<string, unknown> = {name, consumerKey: key.value, consumerSecret: secret.value};
	const optional: Record<string, unknown> = {
		uri,
		callback,
		accessToken: token?.value,
		tokenSecret: tokenSecret?.value,
		expectedProvider,
		lifetime,
		issuedAt,
	};
	for (const [field, value] of Object.entries(optional)) if (value !== undefined && value !== '') integration[field] = value;
	integration.tags = tags;
	if (signatureMethod) integration.signatureMethod = signatureMethod;
	if (transport) integration.transport = transport;
	if (notes !== undefined) integration.notes = notes;
	return integration as unknown as Integration;
}

/** Instance fields; adds the integration to an existing planned instance when names repeat (CSV). */
export function planInstance(
	collect: Collector,
	plan: Map<string, PlannedInstance>,
	row: number,
	fields: RawFields,
	nameKey: 'instance' | 'name',
): PlannedInstance | undefined {
	const nameRaw = checkString(collect, row, nameKey, fields[nameKey]) ?? '';
	const name = collect.attempt(row, nameKey, () => validateName(nameRaw, 'instance'));
	const urlRaw = checkString(collect, row, 'baseUrl', fields.baseUrl);
	const password = urlRaw === undefined ? undefined : /\/\/[^/@:]*:([^/@]+)@/.exec(urlRaw)?.[1];
	if (password !== undefined && password.length >= 4) collect.secrets.push(password); // a URL error may quote it
	const baseUrl =
		urlRaw === undefined
			? (collect.problem(row, 'baseUrl', 'Base URL is empty: give the OSCAR address, e.g. https://clinic.example.org:8443/oscar.'),
				undefined)
			: collect.attempt(row, 'baseUrl', () => normalizeBaseUrl(urlRaw));
	const caFile = checkPlainText(collect, row, 'caFile', fields.caFile, 'caFile');
	const dialect = checkEnum(collect, row, 'dialect', fields.dialect, dialects);
	const insecureTls = checkBoolean(collect, row, 'insecureTls', fields.insecureTls);
	const notes = checkPlainText(collect, row, 'notes', fields.notes, 'notes');
	if (name === undefined || baseUrl === undefined) return undefined;
	const existing = plan.get(name);
	if (existing) {
		if (existing.instance.baseUrl !== baseUrl) {
			collect.problem(
				row,
				'baseUrl',
				`instance "${name}" has base URL ${existing.instance.baseUrl} on row ${existing.row}, and ${baseUrl} here`,
			);
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

export function addPlannedIntegration(
	collect: Collector,
	planned: PlannedInstance,
	row: number,
	prefix: string,
	integration: Integration,
): void {
	const earlier = planned.integrations.find(item => item.integration.name === integration.name);
	if (earlier) {
		collect.problem(
			row,
			`${prefix}integration`,
			`integration "${integrationId(planned.instance.name, integration.name)}" appears twice (also row ${earlier.row})`,
		);
		return;
	}

	planned.integrations.push({row, column: prefix, integration});
}
