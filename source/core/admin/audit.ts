/**
 * The admin audit's findings: pure functions from OSCAR's REST clients and access tokens (as the
 * admin API lists them) and the inventory's integrations to findings in the catalogue's shape (code,
 * severity, evidence, fix). One function per rule; `auditFindings` runs them all. Server text is
 * passed through safeLine before it enters a summary or evidence; secrets are only ever compared.
 */
import {diagnosis, allDiagnoses, type OnboardingStep} from '../diagnoses.js';
import {type FixContext, fixSteps} from '../fix-steps.js';
import type {Dialect} from '../model.js';
import {type Evidence, type Severity, severityRank} from '../report.js';
import {safeLine} from '../untrusted-text.js';
import {nearDuplicateGroups} from './names.js';
import type {AdminClient, AdminToken} from './types.js';

/** An integration of the inventory, as the audit compares it with the server. */
export interface AuditIntegration {
	/** instance/name */
	readonly id: string;
	readonly consumerKey: string;
	/** The resolved Client Secret, when it could be resolved (only compared). */
	readonly consumerSecret?: string;
	readonly accessToken?: string;
	/** The dedicated provider (providerNo or name). */
	readonly expectedProvider?: string;
	/** The lifetime the integration expects: undefined means the onboarding default, -1. */
	readonly lifetime?: number;
}

export interface AuditInput {
	readonly dialect: Dialect;
	readonly clients: readonly AdminClient[];
	readonly tokens: readonly AdminToken[];
	readonly integrations: readonly AuditIntegration[];
	/** Epoch seconds by the server's clock (token expiry is judged by it). */
	readonly nowSeconds: number;
	/** The audited instance's name and URL, filled into the fix steps. */
	readonly instance?: string;
	readonly baseUrl?: string;
}

export type AuditScope = 'instance' | 'client' | 'token' | 'integration';

export interface AuditFinding {
	readonly code: string;
	readonly severity: Severity;
	readonly title: string;
	/** This finding in one line, naming the client, token or integration. */
	readonly summary: string;
	readonly scope: AuditScope;
	/** Ids of the REST clients, access tokens (server row ids) and integrations concerned. */
	readonly clients: readonly number[];
	readonly tokens: readonly number[];
	readonly integrations: readonly string[];
	readonly evidence: readonly Evidence[];
	readonly fix: readonly string[];
	readonly step: OnboardingStep | null;
}

/** Tokens per client from which `rest-client-many-tokens` is reported. */
export const manyTokensThreshold = 3;

export interface Concerned {
	readonly clients?: readonly number[];
	readonly tokens?: readonly number[];
	readonly integrations?: readonly string[];
}

/** A finding for `code` with the catalogue's severity, title and fix steps. */
export function finding(
	code: string,
	scope: AuditScope,
	summary: string,
	concerned: Concerned,
	evidence: readonly Evidence[],
): AuditFinding {
	const entry = diagnosis(code);
	return {
		code,
		severity: entry.severity,
		title: entry.title,
		summary,
		scope,
		clients: concerned.clients ?? [],
		tokens: concerned.tokens ?? [],
		integrations: concerned.integrations ?? [],
		evidence,
		fix: entry.fix,
		step: entry.step,
	};
}

/** The one server row a finding is about: its one token (token findings) or its one client. */
function rowIdOf(item: AuditFinding): number | undefined {
	const ids = item.scope === 'token' ? item.tokens : item.clients;
	return ids.length === 1 ? ids[0] : undefined;
}

/**
 * The finding with its fix steps filled in (fix-steps.ts): the integration's id when exactly one is
 * concerned, else the instance, and the row id its SQL names, so a fix shows (and `y` copies) what
 * to run, never a generic INSTANCE/NAME or ID.
 */
export function withFilledFix(item: AuditFinding, context: FixContext): AuditFinding {
	const [only, ...others] = item.integrations;
	const id = only !== undefined && others.length === 0 ? only : context.id;
	const rowId = rowIdOf(item);
	return {...item, fix: fixSteps(item.code, {...context, ...(id === undefined ? {} : {id}), ...(rowId === undefined ? {} : {rowId})})};
}

/** "1 access token", "3 access tokens". */
export function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `"Booking App" (#3)`: a client as findings name it. */
export function clientLabel(client: AdminClient): string {
	return `"${safeLine(client.name)}" (#${client.id})`;
}

function clientEvidence(client: AdminClient): Evidence[] {
	return [
		{label: 'REST client', value: `${clientLabel(client)}, key ${safeLine(client.key)}`},
		{label: 'URI', value: client.uri === '' ? '(blank)' : safeLine(client.uri)},
		{label: 'Lifetime', value: client.lifetime === null ? '(none)' : lifetimeText(client.lifetime)},
	];
}

export function lifetimeText(seconds: number): string {
	if (seconds === -1) return '-1 (never expires)';
	if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds} s (${seconds / 3600} h)`;
	return `${seconds} s`;
}

function isoSeconds(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** What the audit knows about who uses which client and which token. */
interface Context {
	readonly input: AuditInput;
	readonly clientById: ReadonlyMap<number, AdminClient>;
	readonly clientOf: (integration: AuditIntegration) => AdminClient | undefined;
	readonly usedBy: (client: AdminClient) => AuditIntegration[];
	readonly tokensOf: (client: AdminClient) => AdminToken[];
	readonly holderOf: (token: AdminToken) => AuditIntegration | undefined;
}

function context(input: AuditInput): Context {
	const clientById = new Map(input.clients.map(client => [client.id, client]));
	const clientByKey = new Map(input.clients.map(client => [client.key, client]));
	return {
		input,
		clientById,
		clientOf: integration => clientByKey.get(integration.consumerKey),
		usedBy: client => input.integrations.filter(integration => integration.consumerKey === client.key),
		tokensOf: client => input.tokens.filter(token => token.clientId === client.id),
		holderOf: token => input.integrations.find(integration => token.token.matches(integration.accessToken)),
	};
}

function usedByEvidence(integrations: readonly AuditIntegration[]): Evidence {
	return {
		label: 'Used by',
		value: integrations.length === 0 ? '(no integration in the inventory)' : integrations.map(integration => integration.id).join(', '),
	};
}

function tokenEvidence(ctx: Context, token: AdminToken): Evidence[] {
	const client = ctx.clientById.get(token.clientId);
	const holder = ctx.holderOf(token);
	return [
		{label: 'Access token', value: `#${token.id} (the token and its secret are not shown)`},
		{label: 'REST client', value: client ? clientLabel(client) : `#${token.clientId} (deleted)`},
		{label: 'Provider', value: token.providerNo === null ? '(none)' : safeLine(token.providerNo)},
		{label: 'Issued', value: `${isoSeconds(token.issued)}, lifetime ${lifetimeText(token.lifetime)}`},
		{label: 'Held by', value: holder ? holder.id : '(no integration in the inventory)'},
	];
}

/** Classic: lifetime 0, none, or negative other than -1 makes every token expire at once. CARLOS ignores the client's lifetime. */
function lifetimeZeroFindings(ctx: Context): AuditFinding[] {
	if (ctx.input.dialect !== 'classic') return [];
	return ctx.input.clients
		.filter(client => client.lifetime === null || (client.lifetime !== -1 && client.lifetime <= 0))
		.map(client => {
			const users = ctx.usedBy(client);
			const lifetime = client.lifetime === null ? 'no lifetime' : `lifetime ${client.lifetime}`;
			return finding(
				'rest-client-lifetime-zero',
				'client',
				`REST client ${clientLabel(client)} has ${lifetime}: every token it issues expires the second it is issued.`,
				{clients: [client.id], integrations: users.map(integration => integration.id)},
				[...clientEvidence(client), usedByEvidence(users)],
			);
		});
}

/** Classic: a lifetime in seconds on a client whose integrations expect tokens that never expire. */
function lifetimeShortFindings(ctx: Context): AuditFinding[] {
	if (ctx.input.dialect !== 'classic') return [];
	return ctx.input.clients.flatMap(client => {
		if (client.lifetime === null || client.lifetime <= 0) return [];
		const expecting = ctx.usedBy(client).filter(integration => integration.lifetime === undefined || integration.lifetime === -1);
		if (expecting.length === 0) return [];
		return [
			finding(
				'rest-client-lifetime-short',
				'client',
				`REST client ${clientLabel(client)} gives tokens ${lifetimeText(client.lifetime)}, but ${expecting.map(integration => integration.id).join(', ')} expects tokens that never expire (-1).`,
				{clients: [client.id], integrations: expecting.map(integration => integration.id)},
				[...clientEvidence(client), usedByEvidence(ctx.usedBy(client))],
			),
		];
	});
}

function uriBlankFindings(ctx: Context): AuditFinding[] {
	return ctx.input.clients
		.filter(client => client.uri.trim() === '')
		.map(client => {
			const users = ctx.usedBy(client);
			return finding(
				'rest-client-uri-blank',
				'client',
				`REST client ${clientLabel(client)} has a blank URI: OSCAR rejects every callback for it.`,
				{clients: [client.id], integrations: users.map(integration => integration.id)},
				[...clientEvidence(client), usedByEvidence(users)],
			);
		});
}

const loopbackHost = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** True for an https URI, a loopback http URI, and "oob" (a client registered for the out-of-band flow). */
export function isSafeCallbackUri(uri: string): boolean {
	const text = uri.trim();
	if (text === 'oob') return true;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return false;
	}

	if (url.protocol === 'https:') return url.hostname !== '';
	return url.protocol === 'http:' && loopbackHost.test(url.hostname);
}

function uriInsecureFindings(ctx: Context): AuditFinding[] {
	return ctx.input.clients
		.filter(client => client.uri.trim() !== '' && !isSafeCallbackUri(client.uri))
		.map(client => {
			const users = ctx.usedBy(client);
			return finding(
				'rest-client-uri-insecure',
				'client',
				`REST client ${clientLabel(client)} has the URI "${safeLine(client.uri)}", neither https nor a loopback address.`,
				{clients: [client.id], integrations: users.map(integration => integration.id)},
				[...clientEvidence(client), usedByEvidence(users)],
			);
		});
}

function duplicateNameFindings(ctx: Context): AuditFinding[] {
	return nearDuplicateGroups(ctx.input.clients, client => client.name).map(group => {
		const users = group.flatMap(client => ctx.usedBy(client));
		return finding(
			'rest-client-name-duplicate',
			'client',
			`REST clients ${group.map(client => clientLabel(client)).join(', ')} have the same or nearly the same name.`,
			{clients: group.map(client => client.id), integrations: users.map(integration => integration.id)},
			group.map(client => ({
				label: `Client #${client.id}`,
				value: `"${safeLine(client.name)}", key ${safeLine(client.key)}, used by ${
					ctx
						.usedBy(client)
						.map(integration => integration.id)
						.join(', ') || 'no integration'
				}`,
			})),
		);
	});
}

/** The dedicated provider as a provider number; a name cannot be compared with a token's providerNo. */
function expectedProviderNo(integration: AuditIntegration): string | undefined {
	const expected = integration.expectedProvider?.trim();
	return expected !== undefined && /^\d+$/.test(expected) ? expected : undefined;
}

/** The provider a token is bound to; null and blank (classic's "") mean none. */
function providerOf(token: AdminToken): string | undefined {
	return token.providerNo === null || token.providerNo.trim() === '' ? undefined : token.providerNo;
}

function wrongUserFindings(ctx: Context): AuditFinding[] {
	return ctx.input.tokens.flatMap(token => {
		const client = ctx.clientById.get(token.clientId);
		const provider = providerOf(token);
		if (!client || provider === undefined) return [];
		const integration = ctx.usedBy(client).find(candidate => expectedProviderNo(candidate) !== undefined);
		const expected = integration === undefined ? undefined : expectedProviderNo(integration);
		if (integration === undefined || expected === undefined || expected === provider) return [];
		return [
			finding(
				'server-token-wrong-user',
				'token',
				`Access token #${token.id} of ${clientLabel(client)} acts as provider ${safeLine(provider)}, not as ${integration.id}'s dedicated user ${expected}.`,
				{clients: [client.id], tokens: [token.id], integrations: [integration.id]},
				[...tokenEvidence(ctx, token), {label: 'Dedicated user', value: `${expected} (${integration.id})`}],
			),
		];
	});
}

function noProviderFindings(ctx: Context): AuditFinding[] {
	return ctx.input.tokens
		.filter(token => providerOf(token) === undefined)
		.map(token => {
			const client = ctx.clientById.get(token.clientId);
			const holder = ctx.holderOf(token);
			const users = client ? ctx.usedBy(client) : [];
			return finding(
				'server-token-no-provider',
				'token',
				`Access token #${token.id} of ${client ? clientLabel(client) : `deleted client #${token.clientId}`} is bound to no provider.`,
				{
					clients: [token.clientId],
					tokens: [token.id],
					integrations: [...new Set([...(holder ? [holder.id] : []), ...users.map(integration => integration.id)])],
				},
				tokenEvidence(ctx, token),
			);
		});
}

function unusedClientFindings(ctx: Context): AuditFinding[] {
	return ctx.input.clients
		.filter(client => ctx.usedBy(client).length === 0)
		.map(client => {
			const tokens = ctx.tokensOf(client);
			return finding(
				'rest-client-unused',
				'client',
				`REST client ${clientLabel(client)} is used by no integration in the inventory (${plural(tokens.length, 'access token')}).`,
				{clients: [client.id], tokens: tokens.map(token => token.id)},
				[...clientEvidence(client), {label: 'Access tokens', value: String(tokens.length)}],
			);
		});
}

function missingClientFindings(ctx: Context): AuditFinding[] {
	return ctx.input.integrations
		.filter(integration => integration.consumerKey.trim() !== '' && ctx.clientOf(integration) === undefined)
		.map(integration =>
			finding(
				'rest-client-missing',
				'integration',
				`${integration.id}: OSCAR has no REST client with its key ${safeLine(integration.consumerKey)}.`,
				{integrations: [integration.id]},
				[
					{label: 'Integration', value: integration.id},
					{label: 'Key in the inventory', value: safeLine(integration.consumerKey)},
					{label: 'Keys on the server', value: String(ctx.input.clients.length)},
				],
			),
		);
}

function secretMismatchFindings(ctx: Context): AuditFinding[] {
	return ctx.input.integrations.flatMap(integration => {
		const client = ctx.clientOf(integration);
		if (!client || integration.consumerSecret === undefined || client.secret.matches(integration.consumerSecret)) return [];
		return [
			finding(
				'rest-client-secret-mismatch',
				'integration',
				`${integration.id}: the stored Client Secret is not the one OSCAR has for ${clientLabel(client)}.`,
				{clients: [client.id], integrations: [integration.id]},
				[
					{label: 'Integration', value: integration.id},
					{label: 'REST client', value: `${clientLabel(client)}, key ${safeLine(client.key)}`},
					{label: 'Compared', value: 'the two secrets (neither is shown)'},
				],
			),
		];
	});
}

function missingTokenFindings(ctx: Context): AuditFinding[] {
	return ctx.input.integrations.flatMap(integration => {
		const client = ctx.clientOf(integration);
		if (!client || integration.accessToken === undefined || integration.accessToken === '') return [];
		if (ctx.input.tokens.some(token => token.token.matches(integration.accessToken))) return [];
		const others = ctx.tokensOf(client);
		return [
			finding(
				'server-token-missing',
				'integration',
				`${integration.id}: its access token is not in OSCAR's token list (revoked or deleted).`,
				{clients: [client.id], integrations: [integration.id]},
				[
					{label: 'Integration', value: integration.id},
					{label: 'REST client', value: clientLabel(client)},
					{label: 'Tokens of that client on the server', value: String(others.length)},
				],
			),
		];
	});
}

export function isTokenExpired(token: AdminToken, nowSeconds: number): boolean {
	return token.lifetime !== -1 && token.issued + token.lifetime < nowSeconds;
}

function expiredTokenFindings(ctx: Context): AuditFinding[] {
	return ctx.input.tokens
		.filter(token => isTokenExpired(token, ctx.input.nowSeconds))
		.map(token => {
			const client = ctx.clientById.get(token.clientId);
			const holder = ctx.holderOf(token);
			const label = client ? clientLabel(client) : `deleted client #${token.clientId}`;
			return finding(
				'server-token-expired',
				'token',
				`Access token #${token.id} of ${label} expired ${isoSeconds(token.issued + token.lifetime)}${holder ? ` and is still ${holder.id}'s token` : ''}.`,
				{clients: [token.clientId], tokens: [token.id], integrations: holder ? [holder.id] : []},
				[...tokenEvidence(ctx, token), {label: 'Expired', value: isoSeconds(token.issued + token.lifetime)}],
			);
		});
}

/** Tokens whose client is gone: OSCAR deletes a client without its tokens. One finding per deleted client. */
function orphanTokenFindings(ctx: Context): AuditFinding[] {
	const byClient = new Map<number, AdminToken[]>();
	for (const token of ctx.input.tokens) {
		if (!ctx.clientById.has(token.clientId)) byClient.set(token.clientId, [...(byClient.get(token.clientId) ?? []), token]);
	}

	return [...byClient].map(([clientId, tokens]) => {
		const holders = [...new Set(tokens.flatMap(token => ctx.holderOf(token)?.id ?? []))];
		const providers = [...new Set(tokens.map(token => providerOf(token) ?? '(none)'))].map(provider => safeLine(provider));
		return finding(
			'server-token-orphan',
			'token',
			`${plural(tokens.length, 'access token')} of deleted REST client #${clientId} ${tokens.length === 1 ? 'is' : 'are'} still stored${holders.length > 0 ? ` (held by ${holders.join(', ')})` : ''}.`,
			{clients: [clientId], tokens: tokens.map(token => token.id), integrations: holders},
			[
				{label: 'REST client', value: `#${clientId} (deleted: not in OSCAR's client list)`},
				{label: 'Access tokens', value: `${tokens.map(token => `#${token.id}`).join(', ')} (the tokens and their secrets are not shown)`},
				{label: 'Providers', value: providers.join(', ')},
				{label: 'Held by', value: holders.length === 0 ? '(no integration in the inventory)' : holders.join(', ')},
			],
		);
	});
}

function manyTokensFindings(ctx: Context): AuditFinding[] {
	return ctx.input.clients.flatMap(client => {
		const tokens = ctx.tokensOf(client);
		if (tokens.length < manyTokensThreshold) return [];
		const users = ctx.usedBy(client);
		const held = tokens.filter(token => ctx.holderOf(token) !== undefined).map(token => `#${token.id}`);
		const providers = [...new Set(tokens.map(token => token.providerNo ?? '(none)'))].map(provider => safeLine(provider));
		return [
			finding(
				'rest-client-many-tokens',
				'client',
				`REST client ${clientLabel(client)} has ${tokens.length} access tokens.`,
				{clients: [client.id], tokens: tokens.map(token => token.id), integrations: users.map(integration => integration.id)},
				[
					{label: 'REST client', value: `${clientLabel(client)}, key ${safeLine(client.key)}`},
					{label: 'Access tokens', value: tokens.map(token => `#${token.id}`).join(', ')},
					{label: 'Held by the inventory', value: held.length === 0 ? '(none)' : held.join(', ')},
					{label: 'Providers', value: providers.join(', ')},
				],
			),
		];
	});
}

function adminApiOpenFindings(ctx: Context): AuditFinding[] {
	if (ctx.input.dialect !== 'classic') return [];
	return [
		finding(
			'admin-api-open',
			'instance',
			`This classic OSCAR's admin/api/clientManage.json gives every logged-in user all ${plural(ctx.input.clients.length, 'client secret')} and ${plural(ctx.input.tokens.length, 'token secret')}.`,
			{},
			[
				{label: 'Endpoint', value: 'admin/api/clientManage.json (method=list, method=listTokens)'},
				{label: 'Check on classic OSCAR', value: 'a logged-in session, nothing more (CARLOS: the _admin privilege)'},
			],
		),
	];
}

const rules: ReadonlyArray<(ctx: Context) => AuditFinding[]> = [
	lifetimeZeroFindings,
	lifetimeShortFindings,
	uriBlankFindings,
	uriInsecureFindings,
	duplicateNameFindings,
	wrongUserFindings,
	noProviderFindings,
	unusedClientFindings,
	missingClientFindings,
	secretMismatchFindings,
	missingTokenFindings,
	expiredTokenFindings,
	orphanTokenFindings,
	manyTokensFindings,
	adminApiOpenFindings,
];

const catalogueOrder = new Map(allDiagnoses.map((entry, index) => [entry.code, index]));

/** Every finding, worst first (then in catalogue order, then as found). */
export function auditFindings(input: AuditInput): AuditFinding[] {
	const ctx = context(input);
	const fixContext: FixContext = {
		dialect: input.dialect,
		// No single integration concerned: the instance is known, the name is the reader's to fill in.
		...(input.instance === undefined ? {} : {instance: input.instance, id: `${input.instance}/NAME`}),
		...(input.baseUrl === undefined ? {} : {baseUrl: input.baseUrl}),
	};
	return rules
		.flatMap(rule => rule(ctx))
		.map(item => withFilledFix(item, fixContext))
		.map((item, index) => ({item, index}))
		.sort(
			(left, right) =>
				severityRank[right.item.severity] - severityRank[left.item.severity] ||
				(catalogueOrder.get(left.item.code) ?? 0) - (catalogueOrder.get(right.item.code) ?? 0) ||
				left.index - right.index,
		)
		.map(({item}) => item);
}

/** A REST client as the audit lists it: no secret, who uses it, how many tokens it has. */
export interface AuditClientSummary {
	readonly id: number;
	readonly name: string;
	readonly key: string;
	readonly uri: string;
	readonly lifetime: number | null;
	readonly tokens: number;
	readonly usedBy: readonly string[];
}

export function clientSummaries(input: AuditInput): AuditClientSummary[] {
	const ctx = context(input);
	return input.clients.map(client => ({
		id: client.id,
		name: safeLine(client.name),
		key: safeLine(client.key),
		uri: safeLine(client.uri),
		lifetime: client.lifetime,
		tokens: ctx.tokensOf(client).length,
		usedBy: ctx.usedBy(client).map(integration => integration.id),
	}));
}
