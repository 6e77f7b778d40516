/**
 * The token probe: ONE signed GET of oauth/info with the stored access token, sent only after the
 * guard (core/token-guard.ts) allowed it, and what its answer means in both dialects. oauth/info
 * says who the token acts as and reads no patient data.
 */
import {actsAsExpectedProvider} from '../../core/provider-identity.js';
import {stackTraceTop} from '../../core/evidence-text.js';
import type {AuthorizationMark, Evidence, Identity, IntegrationReport, ProbeResult} from '../../core/report.js';
import {type Exchange, NetworkFailure} from '../http.js';
import {signedGet} from '../legs.js';
import {exchangeEvidence, failureResult, isHtml, result, retryEvidence} from './evidence.js';
import {legOptions} from './leg-options.js';
import type {InstanceTarget, IntegrationTarget, ProbeOptions} from './types.js';

const expiringSoonSeconds = 7 * 24 * 3600;

export interface TokenOutcome {
	readonly probe: ProbeResult;
	readonly token: IntegrationReport['token'];
	readonly identity?: Identity;
	readonly exchange?: Exchange;
	readonly status?: number;
	/** The signature verified (the answer came from behind OSCAR's OAuth check): the configuration is proven. */
	readonly signatureVerified: boolean;
	/** The answer's cause is already known (a finding from the authorization): no deep probe needed. */
	readonly explained: boolean;
}

/** Send the token (the guard has allowed it) and classify the answer. */
export async function sendToken(
	target: InstanceTarget,
	integration: IntegrationTarget,
	options: ProbeOptions,
	context: {expiresAt: number | null | undefined; nowSeconds: number; mark?: AuthorizationMark},
): Promise<TokenOutcome> {
	let exchange: Exchange;
	const started = Date.now();
	try {
		exchange = await signedGet(target, {
			consumer: {key: integration.consumerKey, secret: integration.consumerSecret},
			accessToken: {token: integration.accessToken!, tokenSecret: integration.tokenSecret!},
			path: 'oauth/info',
			...legOptions(integration, options),
		});
	} catch (error) {
		if (!(error instanceof NetworkFailure)) throw error;
		return {token: 'unchecked', probe: failureResult('token', error, Date.now() - started), signatureVerified: false, explained: false};
	}

	return classifyInfo(target, integration, exchange, context);
}

function outcome(
	exchange: Exchange,
	token: IntegrationReport['token'],
	probe: ProbeResult,
	extra: {identity?: Identity; signatureVerified?: boolean; explained?: boolean} = {},
): TokenOutcome {
	return {
		exchange,
		status: exchange.status,
		token,
		probe,
		...(extra.identity ? {identity: extra.identity} : {}),
		signatureVerified: extra.signatureVerified === true,
		explained: extra.explained === true,
	};
}

/** OSCAR's getAccessToken failing for a token it does not know: a 500 on some deployments. */
function isUnknownTokenTrace(exchange: Exchange): boolean {
	const top = stackTraceTop(exchange.body) ?? '';
	return exchange.status === 500 && /NullPointerException/.test(top) && /OscarOAuthDataProvider\.getAccessToken/.test(top);
}

function classifyInfo(
	target: InstanceTarget,
	integration: IntegrationTarget,
	exchange: Exchange,
	context: {expiresAt: number | null | undefined; nowSeconds: number; mark?: AuthorizationMark},
): TokenOutcome {
	const {status, body} = exchange;
	if (status === 200 && !exchange.tooLarge) return classifyIdentity(integration, exchange, context);
	// Made here, not before the 200: a healthy token's finding shows who it acts as, not the exchange.
	const evidence = exchangeEvidence(exchange, 'Token probe');
	const revoked = (meaning: string, extra: {explained?: boolean} = {}): TokenOutcome =>
		outcome(
			exchange,
			'invalid',
			result('token', 'token-revoked', 'critical', [...evidence, {label: 'Meaning', value: meaning}], exchange),
			extra,
		);
	if (exchange.tooLarge) return outcome(exchange, 'unchecked', result('token', 'body-too-large', 'critical', evidence, exchange));

	const text = body.trim();
	if (status === 401) {
		if (text === 'nonce_replayed') return outcome(exchange, 'invalid', result('token', 'nonce-replayed', 'critical', evidence, exchange));
		if (text === 'authentication_required') {
			return outcome(
				exchange,
				'unchecked',
				result(
					'token',
					'authorization-header-dropped',
					'critical',
					[
						...evidence,
						{
							label: 'Meaning',
							value: `the request carried OAuth credentials${integration.transport === 'query' || integration.transport === 'form' ? '' : ' (Authorization header)'}, yet the server saw none`,
						},
					],
					exchange,
				),
			);
		}

		// A finding made when this very token was authorized explains the 401 (classic answers 401
		// for a token bound to no provider, and keeps it).
		if (context.mark?.code === 'token-no-provider') {
			return outcome(
				exchange,
				'invalid',
				result(
					'token',
					'token-no-provider',
					'critical',
					[
						...evidence,
						{
							label: 'Found at authorization',
							value: `${new Date(context.mark.at).toISOString()}: oauth/info could not say which provider this token acts as (it was authorized without a logged-in user)`,
						},
						{label: 'Meaning', value: 'OSCAR answers 401 for this token and keeps it: it is not revoked, it acts as nobody'},
					],
					exchange,
				),
				{explained: true},
			);
		}

		const carlos = target.dialect === 'carlos' || /^[a-z_]+$/.test(text);
		return revoked(
			carlos
				? 'OSCAR does not accept this token (unknown, expired, or the signature did not verify)'
				: 'OSCAR no longer knows this token: revoked, expired, or deleted after a failed validation',
		);
	}

	if (isUnknownTokenTrace(exchange)) {
		return revoked(
			'OSCAR does not know this access token (revoked, deleted or never issued): looking it up threw a NullPointerException, which this deployment answers with 500 instead of 401',
			{explained: true},
		);
	}

	if (status === 403) {
		if (text === 'insufficient_scope')
			return outcome(exchange, 'ok', result('token', 'insufficient-scope', 'critical', evidence, exchange), {signatureVerified: true});
		if (isHtml(exchange)) return outcome(exchange, 'unchecked', result('token', 'waf-blocked', 'critical', evidence, exchange));
	}

	if (status >= 300 && status < 400)
		return outcome(exchange, 'unchecked', result('token', 'redirect-to-login', 'critical', evidence, exchange));
	if (status === 500 && /No message body writer/i.test(body))
		return outcome(exchange, 'unchecked', result('token', 'json-provider-missing', 'critical', evidence, exchange), {
			signatureVerified: true,
		});
	if (status === 500 && text === 'oauth_processing_error')
		return outcome(exchange, 'unchecked', result('token', 'oauth-processing-error', 'critical', evidence, exchange));
	if (status >= 500) return outcome(exchange, 'unchecked', result('token', 'server-error', 'critical', evidence, exchange));
	return outcome(exchange, 'unchecked', result('token', 'unexpected-response', 'unknown', evidence, exchange));
}

function classifyIdentity(
	integration: IntegrationTarget,
	exchange: Exchange,
	context: {expiresAt: number | null | undefined; nowSeconds: number},
): TokenOutcome {
	// Only the findings show the exchange (status, headers, body excerpt): not made for a healthy token.
	const evidence = (): Evidence[] => exchangeEvidence(exchange, 'Token probe');
	const verified = {signatureVerified: true};
	if (/Sorry, there was an error building your res/i.test(exchange.body)) {
		return outcome(exchange, 'invalid', result('token', 'token-no-provider', 'critical', evidence(), exchange), verified);
	}

	const identity = parseIdentity(exchange.body);
	if (!identity) return outcome(exchange, 'unchecked', result('token', 'unexpected-response', 'unknown', evidence(), exchange), verified);
	const identityEvidence: Evidence[] = [
		{label: 'Acts as', value: `${identity.name ?? '(no name)'} (providerNo ${identity.providerNo})`},
		...(identity.roles && identity.roles.length > 0 ? [{label: 'Roles', value: identity.roles.join(', ')}] : []),
	];
	if (identity.providerNo === '' || identity.providerNo === 'null') {
		return outcome(exchange, 'invalid', result('token', 'token-no-provider', 'critical', [...identityEvidence, ...evidence()], exchange), {
			...verified,
			identity,
		});
	}

	if (integration.expectedProvider?.trim() && !actsAsExpectedProvider(integration.expectedProvider, identity)) {
		return outcome(
			exchange,
			'ok',
			result(
				'token',
				'token-wrong-user',
				'critical',
				[{label: 'Expected provider', value: integration.expectedProvider}, ...identityEvidence, ...evidence()],
				exchange,
			),
			{...verified, identity},
		);
	}

	const {expiresAt, nowSeconds} = context;
	if (typeof expiresAt === 'number' && expiresAt - nowSeconds < expiringSoonSeconds) {
		return outcome(
			exchange,
			'ok',
			result(
				'token',
				'token-expiring',
				'warning',
				[{label: 'Expires', value: new Date(expiresAt * 1000).toISOString()}, ...identityEvidence],
				exchange,
			),
			{...verified, identity},
		);
	}

	return outcome(
		exchange,
		'ok',
		result(
			'token',
			'token-ok',
			'ok',
			[...identityEvidence, {label: 'Time', value: `${Math.round(exchange.timings.total ?? 0)} ms`}, ...retryEvidence(exchange)],
			exchange,
		),
		{...verified, identity},
	);
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
	const info = data as {
		provider?: {providerNo?: unknown; firstName?: unknown; lastName?: unknown; formattedName?: unknown} | null;
		login?: unknown;
		roles?: unknown;
	};
	const provider = info.provider ?? undefined;
	const providerNo = provider?.providerNo ?? info.login;
	if (providerNo === undefined || providerNo === null) return {providerNo: ''};
	const name =
		typeof provider?.formattedName === 'string' && provider.formattedName
			? provider.formattedName
			: [provider?.firstName, provider?.lastName].filter(part => typeof part === 'string' && part).join(' ') || undefined;
	const firstName = typeof provider?.firstName === 'string' && provider.firstName ? provider.firstName : undefined;
	const lastName = typeof provider?.lastName === 'string' && provider.lastName ? provider.lastName : undefined;
	const roles = Array.isArray(info.roles) ? info.roles.map(role => (typeof role === 'string' ? role : JSON.stringify(role))) : undefined;
	return {
		providerNo: String(providerNo),
		...(name ? {name} : {}),
		...(firstName ? {firstName} : {}),
		...(lastName ? {lastName} : {}),
		...(roles ? {roles} : {}),
	};
}
