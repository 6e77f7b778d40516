/**
 * Integration-level probes. The quick check is at most ONE signed GET of oauth/info, and only
 * when it is safe: classic OSCAR DELETES an access token when a request carrying it fails
 * validation, so the token is never sent when the clock skew is unmeasured or near the window,
 * or when the token is known to have expired. The deep check (signed initiate, proxy-URL probe)
 * runs on request, or when the quick check saw a 401 and the cause needs isolating.
 */
import {diagnosis} from '../../core/diagnoses.js';
import {actsAsExpectedProvider} from '../../core/provider-identity.js';
import type {Evidence, Identity, InstanceReport, IntegrationReport, ProbeResult} from '../../core/report.js';
import {worstSeverity} from '../../core/report.js';
import {type Exchange, NetworkFailure} from '../http.js';
import {signedGet, signedInitiate} from '../legs.js';
import {exchangeEvidence, failureResult, isHtml, result} from './evidence.js';
import {skewRefuseSeconds} from './instance.js';
import type {InstanceTarget, IntegrationTarget, ProbeOptions} from './types.js';

const expiringSoonSeconds = 7 * 24 * 3600;
const carlosTokenLifetime = 3600;

export async function probeIntegration(instance: InstanceReport, target: InstanceTarget, integration: IntegrationTarget, options: ProbeOptions = {}): Promise<IntegrationReport> {
	const now = options.now ?? Date.now;
	const checkedAt = now();
	const instanceProbes = instance.probes.filter(probe => probe.probe !== 'fingerprint' || probe.severity !== 'ok');
	const probes: ProbeResult[] = [];
	const expiresAt = expiryOf(target, integration);
	let identity: Identity | undefined;
	let token: IntegrationReport['token'] = 'unchecked';
	let credentials: IntegrationReport['credentials'] = 'unchecked';
	let latencyMs = instance.latencyMs;
	const reachable = instance.restModule === 'on';

	// When the instance probe failed, no signed request is sent: its finding explains the row.
	if (reachable) {
		const tokenOutcome = await probeToken(instance, target, integration, options, expiresAt, checkedAt);
		probes.push(tokenOutcome.probe);
		token = tokenOutcome.token;
		identity = tokenOutcome.identity;
		if (tokenOutcome.exchange?.timings.total !== undefined) latencyMs = tokenOutcome.exchange.timings.total;
		if (token === 'ok') credentials = 'ok';
		const rejected = tokenOutcome.status === 401 || tokenOutcome.status === 403;
		const escalate = options.escalate !== false && rejected;
		// A signed initiate with a skewed clock only proves the clock wrong: the skew finding says it.
		const clockUsable = instance.skewSeconds !== undefined && Math.abs(instance.skewSeconds) < skewRefuseSeconds;
		if ((options.deep || escalate) && clockUsable) {
			const deep = await probeCredentials(target, integration, options);
			probes.push(...deep.probes);
			credentials = deep.credentials;
		} else if (rejected && options.previous) {
			// Same failure as last time: keep what the last deep probe isolated instead of creating more request tokens.
			const carried = options.previous.probes.filter(probe => probe.probe === 'credentials' || probe.probe === 'proxy-url');
			const when = new Date(options.previous.checkedAt).toISOString();
			probes.push(...carried.map(probe => ({...probe, evidence: [...probe.evidence, {label: 'From the deep probe of', value: when}]})));
			credentials = options.previous.credentials;
		}
	}

	const all = [...instanceProbes, ...probes];
	const severity = worstSeverity(all.map(probe => probe.severity));
	const primary = primaryProbe(all, severity);
	const code = severity === 'ok' ? 'ok' : primary?.code ?? 'unexpected-response';
	return {
		id: integration.id,
		instance: integration.instance,
		integration: integration.name,
		severity,
		code,
		summary: diagnosis(code).summary,
		checkedAt,
		deep: options.deep === true,
		restModule: instance.restModule,
		...(instance.skewSeconds === undefined ? {} : {skewSeconds: instance.skewSeconds}),
		credentials,
		token,
		...(identity ? {identity} : {}),
		...(expiresAt === undefined ? {} : {expiresAt}),
		...(latencyMs === undefined ? {} : {latencyMs}),
		probes: all,
	};
}

/**
 * The worst probe explains the integration. Among equals, the root cause wins: instance-level
 * findings, then the URL Tomcat sees, then the credentials, then the token (a revoked-looking 401
 * is often only the symptom of the others).
 */
const rootCauseOrder: Record<ProbeResult['probe'], number> = {'rest-module': 0, 'clock-skew': 1, fingerprint: 2, 'proxy-url': 3, credentials: 4, token: 5};

function primaryProbe(probes: readonly ProbeResult[], severity: IntegrationReport['severity']): ProbeResult | undefined {
	return probes.filter(probe => probe.severity === severity).sort((a, b) => rootCauseOrder[a.probe] - rootCauseOrder[b.probe])[0];
}

/** Epoch seconds the token expires: null = never (lifetime -1), undefined = unknown. */
function expiryOf(target: InstanceTarget, integration: IntegrationTarget): number | null | undefined {
	if (integration.issuedAt === undefined) return integration.lifetime === -1 && target.dialect !== 'carlos' ? null : undefined;
	if (target.dialect === 'carlos') return integration.issuedAt + carlosTokenLifetime;
	if (integration.lifetime === undefined) return undefined;
	if (integration.lifetime < 0) return null;
	return integration.issuedAt + integration.lifetime;
}

interface TokenOutcome {
	readonly probe: ProbeResult;
	readonly token: IntegrationReport['token'];
	readonly identity?: Identity;
	readonly exchange?: Exchange;
	readonly status?: number;
}

async function probeToken(instance: InstanceReport, target: InstanceTarget, integration: IntegrationTarget, options: ProbeOptions, expiresAt: number | null | undefined, checkedAt: number): Promise<TokenOutcome> {
	if (!integration.accessToken || integration.tokenSecret === undefined) {
		return {token: 'missing', probe: result('token', 'token-missing', 'warning', [{label: 'Access token', value: 'not stored: the integration has not been authorized yet'}], undefined, true)};
	}

	const nowSeconds = Math.floor(checkedAt / 1000);
	if (typeof expiresAt === 'number' && expiresAt < nowSeconds) {
		return {token: 'expired', probe: result('token', 'token-expired', 'critical', [
			{label: 'Issued', value: new Date(integration.issuedAt! * 1000).toISOString()},
			{label: 'Lifetime', value: `${target.dialect === 'carlos' ? carlosTokenLifetime : integration.lifetime} s`},
			{label: 'Expired', value: new Date(expiresAt * 1000).toISOString()},
			{label: 'Sent', value: 'no: an expired token is refused (and classic OSCAR deletes it)'},
		], undefined, true)};
	}

	if (instance.skewSeconds === undefined || Math.abs(instance.skewSeconds) >= skewRefuseSeconds) {
		const why = instance.skewSeconds === undefined
			? 'the clock skew could not be measured (no usable Date header)'
			: `the clock skew is ${instance.skewSeconds} s; OSCAR's window is +-300 s and a rejected request makes classic OSCAR delete the token`;
		return {token: 'skipped', probe: result('token', 'token-skipped-skew', 'unknown', [{label: 'Not sent because', value: why}], undefined, true)};
	}

	let exchange: Exchange;
	try {
		exchange = await signedGet(target, {
			consumer: {key: integration.consumerKey, secret: integration.consumerSecret},
			accessToken: {token: integration.accessToken, tokenSecret: integration.tokenSecret},
			path: 'oauth/info',
			...legOptions(integration, options),
		});
	} catch (error) {
		if (!(error instanceof NetworkFailure)) throw error;
		return {token: 'unchecked', probe: failureResult('token', error)};
	}

	return classifyInfo(target, integration, exchange, expiresAt, nowSeconds);
}

function legOptions(integration: IntegrationTarget, options: ProbeOptions) {
	return {
		...(integration.signatureMethod ? {signatureMethod: integration.signatureMethod} : {}),
		...(integration.transport ? {transport: integration.transport} : {}),
		...(options.signal ? {signal: options.signal} : {}),
		...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
		...(options.maxBodyBytes === undefined ? {} : {maxBodyBytes: options.maxBodyBytes}),
	};
}

function classifyInfo(target: InstanceTarget, integration: IntegrationTarget, exchange: Exchange, expiresAt: number | null | undefined, nowSeconds: number): TokenOutcome {
	const evidence = exchangeEvidence(exchange, 'Token probe');
	const {status, body} = exchange;
	const base = {exchange, status};
	if (exchange.tooLarge) return {...base, token: 'unchecked', probe: result('token', 'body-too-large', 'critical', evidence, exchange)};
	if (status === 200) {
		if (/Sorry, there was an error building your res/i.test(body)) {
			return {...base, token: 'invalid', probe: result('token', 'token-no-provider', 'critical', evidence, exchange)};
		}

		const identity = parseIdentity(body);
		if (!identity) return {...base, token: 'unchecked', probe: result('token', 'unexpected-response', 'unknown', evidence, exchange)};
		const identityEvidence: Evidence[] = [
			{label: 'Acts as', value: `${identity.name ?? '(no name)'} (providerNo ${identity.providerNo})`},
			...(identity.roles && identity.roles.length > 0 ? [{label: 'Roles', value: identity.roles.join(', ')}] : []),
		];
		if (identity.providerNo === '' || identity.providerNo === 'null') {
			return {...base, identity, token: 'invalid', probe: result('token', 'token-no-provider', 'critical', [...identityEvidence, ...evidence], exchange)};
		}

		if (integration.expectedProvider?.trim() && !actsAsExpectedProvider(integration.expectedProvider, identity)) {
			return {...base, identity, token: 'ok', probe: result('token', 'token-wrong-user', 'critical', [{label: 'Expected provider', value: integration.expectedProvider!}, ...identityEvidence, ...evidence], exchange)};
		}

		if (typeof expiresAt === 'number' && expiresAt - nowSeconds < expiringSoonSeconds) {
			return {...base, identity, token: 'ok', probe: result('token', 'token-expiring', 'warning', [{label: 'Expires', value: new Date(expiresAt * 1000).toISOString()}, ...identityEvidence], exchange)};
		}

		return {...base, identity, token: 'ok', probe: result('token', 'token-ok', 'ok', [...identityEvidence, {label: 'Time', value: `${Math.round(exchange.timings.total ?? 0)} ms`}], exchange)};
	}

	const text = body.trim();
	if (status === 401) {
		if (text === 'nonce_replayed') return {...base, token: 'invalid', probe: result('token', 'nonce-replayed', 'critical', evidence, exchange)};
		const carlos = target.dialect === 'carlos' || /^[a-z_]+$/.test(text);
		return {...base, token: 'invalid', probe: result('token', 'token-revoked', 'critical', [
			...evidence,
			{label: 'Meaning', value: carlos
				? 'OSCAR does not accept this token (unknown, expired, or the signature did not verify)'
				: 'OSCAR no longer knows this token: revoked, expired, or deleted after a failed validation'},
		], exchange)};
	}

	if (status === 403) {
		if (text === 'insufficient_scope') return {...base, token: 'ok', probe: result('token', 'insufficient-scope', 'critical', evidence, exchange)};
		if (isHtml(exchange)) return {...base, token: 'unchecked', probe: result('token', 'waf-blocked', 'critical', evidence, exchange)};
	}

	if (status >= 300 && status < 400) return {...base, token: 'unchecked', probe: result('token', 'redirect-to-login', 'critical', evidence, exchange)};
	if (status === 500 && /No message body writer/i.test(body)) return {...base, token: 'unchecked', probe: result('token', 'json-provider-missing', 'critical', evidence, exchange)};
	if (status === 500 && text === 'oauth_processing_error') return {...base, token: 'unchecked', probe: result('token', 'oauth-processing-error', 'critical', evidence, exchange)};
	if (status >= 500) return {...base, token: 'unchecked', probe: result('token', 'server-error', 'critical', evidence, exchange)};
	return {...base, token: 'unchecked', probe: result('token', 'unexpected-response', 'unknown', evidence, exchange)};
}

/** oauth/info: {"provider":{providerNo, firstName, lastName, formattedName}, "login": "...", "roles": []}. */
export function parseIdentity(body: string): Identity | undefined {
	let data: unknown;
	try {
		data = JSON.parse(body);
	} catch {
		return undefined;
	}

	if (typeof data !== 'object' || data === null) return undefined;
	const info = data as {provider?: {providerNo?: unknown; firstName?: unknown; lastName?: unknown; formattedName?: unknown} | null; login?: unknown; roles?: unknown};
	const provider = info.provider ?? undefined;
	const providerNo = provider?.providerNo ?? info.login;
	if (providerNo === undefined || providerNo === null) return {providerNo: ''};
	const name = typeof provider?.formattedName === 'string' && provider.formattedName
		? provider.formattedName
		: [provider?.firstName, provider?.lastName].filter(part => typeof part === 'string' && part).join(' ') || undefined;
	const firstName = typeof provider?.firstName === 'string' && provider.firstName ? provider.firstName : undefined;
	const lastName = typeof provider?.lastName === 'string' && provider.lastName ? provider.lastName : undefined;
	const roles = Array.isArray(info.roles) ? info.roles.map(role => (typeof role === 'string' ? role : JSON.stringify(role))) : undefined;
	return {
		providerNo: String(providerNo), ...(name ? {name} : {}), ...(firstName ? {firstName} : {}), ...(lastName ? {lastName} : {}), ...(roles ? {roles} : {}),
	};
}

/**
 * Deep: a signed initiate proves the consumer key and secret (it creates a request token, so it
 * is not part of a quick check). A 400 is isolated further: the callback, then the URL Tomcat sees.
 */
async function probeCredentials(target: InstanceTarget, integration: IntegrationTarget, options: ProbeOptions): Promise<{probes: ProbeResult[]; credentials: IntegrationReport['credentials']}> {
	const consumer = {key: integration.consumerKey, secret: integration.consumerSecret};
	const callback = integration.callback ?? integration.uri ?? 'oob';
	const attempt = async (withCallback: string, signAs?: string) => signedInitiate(target, {consumer, callback: withCallback, ...legOptions(integration, options), ...(signAs ? {signAs} : {})});
	let first: Exchange;
	try {
		first = await attempt(callback);
	} catch (error) {
		if (!(error instanceof NetworkFailure)) throw error;
		return {probes: [failureResult('credentials', error)], credentials: 'unchecked'};
	}

	const evidence = [...exchangeEvidence(first, 'Signed initiate'), {label: 'Callback sent', value: callback}];
	const text = first.body.trim();
	if (first.status === 200) return {probes: [result('credentials', 'credentials-ok', 'ok', evidence, first)], credentials: 'ok'};
	if (first.status === 401 && (text === '' || text === 'invalid_consumer')) {
		return {probes: [result('credentials', 'consumer-key-unknown', 'critical', [...evidence, {label: 'Consumer key', value: integration.consumerKey}], first)], credentials: 'bad-key'};
	}

	if (first.status !== 400) return {probes: [result('credentials', first.status >= 500 ? 'server-error' : 'unexpected-response', first.status >= 500 ? 'critical' : 'unknown', evidence, first)], credentials: 'unchecked'};

	const findings: ProbeResult[] = [];
	if (integration.uri !== undefined && callback !== integration.uri && !callback.startsWith(integration.uri)) {
		findings.push(result('credentials', 'callback-rejected', 'critical', [...evidence, {label: 'Registered URI', value: integration.uri}, {label: 'Rule', value: 'the callback must start with the registered URI'}], first));
		return {probes: findings, credentials: 'rejected'};
	}

	if (integration.uri !== undefined && callback !== integration.uri) {
		const retry = await attempt(integration.uri).catch(() => undefined);
		if (retry?.status === 200) {
			return {probes: [result('credentials', 'callback-rejected', 'critical', [...evidence, {label: 'With the registered URI as callback', value: '200: accepted'}], first)], credentials: 'rejected'};
		}
	}

	const proxy = await probeProxyUrl(target, integration.uri ?? callback, attempt);
	if (proxy) {
		return {probes: [result('credentials', 'request-rejected', 'critical', evidence, first), proxy], credentials: 'rejected'};
	}

	return {probes: [result('credentials', 'request-rejected', 'critical', [...evidence, {label: 'Tried', value: 'the registered URI as callback and the usual proxy URLs: none was accepted, so the secret is the likely cause'}], first), result('proxy-url', 'proxy-url-ok', 'ok', [{label: 'Alternate URLs', value: 'none accepted'}])], credentials: 'rejected'};
}

/** The URLs Tomcat may see behind a proxy: the other scheme, and the usual connector ports. */
export function alternateBaseUrls(baseUrl: string): string[] {
	const url = new URL(baseUrl);
	const path = url.pathname.replace(/\/$/, '');
	const candidates = new Set<string>();
	for (const scheme of ['https:', 'http:']) {
		for (const port of ['', '8443', '8080']) {
			const candidate = new URL(`${scheme}//${url.hostname}${port ? `:${port}` : ''}${path}`);
			candidates.add(`${candidate.protocol}//${candidate.host}${path}`);
		}
	}

	candidates.delete(`${url.protocol}//${url.host}${path}`);
	return [...candidates];
}

async function probeProxyUrl(target: InstanceTarget, callback: string, attempt: (callback: string, signAs?: string) => Promise<Exchange>): Promise<ProbeResult | undefined> {
	const publicUrl = new URL(target.baseUrl);
	for (const alternate of alternateBaseUrls(target.baseUrl)) {
		const signAs = `${alternate}/ws/oauth/initiate`;
		const answer = await attempt(callback, signAs).catch(() => undefined);
		// 200: the signature made for this URL matched, so this is the URL Tomcat computes it over.
		if (answer?.status === 200) {
			const seen = new URL(alternate);
			const publicPort = publicUrl.port || (publicUrl.protocol === 'https:' ? '443' : '80');
			return result('proxy-url', 'proxy-url-mismatch', 'critical', [
				{label: 'Public URL', value: target.baseUrl},
				{label: 'URL Tomcat sees', value: alternate},
				{label: 'Tomcat connector fix', value: `<Connector port="${seen.port || (seen.protocol === 'https:' ? '443' : '80')}" ... scheme="${publicUrl.protocol.slice(0, -1)}" secure="${publicUrl.protocol === 'https:'}" proxyName="${publicUrl.hostname}" proxyPort="${publicPort}" />`},
			], answer);
		}
	}

	return undefined;
}

