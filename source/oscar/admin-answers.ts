/**
 * Reading clientManage.json's answers in both dialects into the core's rows: classic (net.sf.json:
 * a Date as an object with "time", a null String as "") and CARLOS (Jackson: dates as epoch ms,
 * nulls as null). Secrets are wrapped in SecretValue the moment they are read, so no later code can
 * print them by accident. A row that does not have the shape is an AdminApiError('unexpected-answer').
 */
import {AdminApiError, type AdminClient, type AdminToken} from '../core/admin/index.js';
import type {Evidence} from '../core/report.js';
import {SecretValue} from '../core/secret-value.js';

type Json = Record<string, unknown>;

function fail(what: string, evidence: readonly Evidence[]): never {
	throw new AdminApiError('unexpected-answer', `OSCAR's REST Clients API answered in a way no known version does: ${what}.`, evidence);
}

/** Parse JSON; the body itself never goes into the error (a client list carries secrets). */
export function parseJson(body: string, operation: string, evidence: readonly Evidence[]): unknown {
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return fail(`the ${operation} answer is not JSON`, evidence);
	}
}

function integer(row: Json, field: string, context: string, evidence: readonly Evidence[]): number {
	const value = row[field];
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	return fail(`${context} has no whole number "${field}"`, evidence);
}

function text(row: Json, field: string): string {
	const value = row[field];
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** dateCreated: epoch ms (Jackson) or {"time": ms, ...} (net.sf.json). */
function epochMs(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'object' && value !== null && typeof (value as Json).time === 'number') return (value as Json).time as number;
	return undefined;
}

function rows(value: unknown, operation: string, evidence: readonly Evidence[]): Json[] {
	if (!Array.isArray(value)) fail(`the ${operation} answer is not a list`, evidence);
	return value.map((row: unknown, index) => {
		if (typeof row !== 'object' || row === null || Array.isArray(row))
			fail(`entry ${index + 1} of the ${operation} answer is not an object`, evidence);
		return row as Json;
	});
}

export function parseClients(value: unknown, evidence: readonly Evidence[]): AdminClient[] {
	return rows(value, 'list', evidence).map((row, index) => {
		const context = `client ${index + 1}`;
		const lifetime = row.lifetime;
		const createdAt = epochMs(row.dateCreated);
		if (typeof row.key !== 'string' || row.key === '') fail(`${context} has no key`, evidence);
		return {
			id: integer(row, 'id', context, evidence),
			name: text(row, 'name'),
			key: row.key,
			secret: new SecretValue(text(row, 'secret')),
			uri: text(row, 'uri'),
			lifetime: typeof lifetime === 'number' && Number.isInteger(lifetime) ? lifetime : null,
			...(createdAt === undefined ? {} : {createdAt}),
		};
	});
}

export function parseTokens(value: unknown, evidence: readonly Evidence[]): AdminToken[] {
	return rows(value, 'listTokens', evidence).map((row, index) => {
		const context = `token ${index + 1}`;
		const provider = row.providerNo;
		const createdAt = epochMs(row.dateCreated);
		return {
			id: integer(row, 'id', context, evidence),
			clientId: integer(row, 'clientId', context, evidence),
			token: new SecretValue(text(row, 'tokenId')),
			tokenSecret: new SecretValue(text(row, 'tokenSecret')),
			// net.sf.json writes a null String as "": both mean "bound to no provider".
			providerNo:
				typeof provider === 'string' && provider.trim() !== '' ? provider : typeof provider === 'number' ? String(provider) : null,
			issued: integer(row, 'issued', context, evidence),
			lifetime: integer(row, 'lifetime', context, evidence),
			scopes: text(row, 'scopes'),
			...(createdAt === undefined ? {} : {createdAt}),
		};
	});
}

/** The {"method", "success", "error"} answer of add and delete. */
export function parseOutcome(value: unknown, operation: string, evidence: readonly Evidence[]): {success: boolean; error: string} {
	if (typeof value !== 'object' || value === null || typeof (value as Json).success !== 'boolean')
		fail(`the ${operation} answer has no "success"`, evidence);
	const answer = value as Json;
	return {success: answer.success as boolean, error: typeof answer.error === 'string' ? answer.error : ''};
}
