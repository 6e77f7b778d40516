/**
 * What an authorization (connect, the wizard) learned, as a report recorded with the check
 * results: the completed token exchange proved the configuration (base URL, dialect, key,
 * secret), and its finding about the new token (e.g. token-no-provider, which classic OSCAR later
 * answers with a plain 401) sticks to that token until the token changes. The next quick check of
 * a proven configuration sends the token at once, with no request-token call.
 */
import {configurationFingerprint, tokenFingerprint} from '../configuration-proof.js';
import {diagnosis} from '../diagnoses.js';
import type {Evidence, Identity, IntegrationReport, ProbeResult} from '../report.js';
import type {AuthorizationFinding} from './identity-findings.js';
import type {AuthInstance, AuthIntegration} from './oauth-legs.js';

export interface AuthorizationOutcome {
	readonly accessToken: string;
	/** Epoch seconds. */
	readonly issuedAt: number;
	readonly identity?: Identity;
	readonly findings: readonly AuthorizationFinding[];
	readonly skewSeconds?: number;
	readonly expiresAt?: number | null;
}

export function authorizationReport(
	instance: AuthInstance,
	integration: AuthIntegration,
	outcome: AuthorizationOutcome,
	nowMs: number,
): IntegrationReport {
	const finding = outcome.findings[0];
	const code = finding?.code ?? 'ok';
	const entry = diagnosis(code === 'ok' ? 'token-ok' : code);
	const configuration = configurationFingerprint({
		baseUrl: instance.baseUrl,
		dialect: instance.dialect,
		consumerKey: integration.consumerKey,
		consumerSecret: integration.consumerSecret,
	});
	const when = new Date(nowMs).toISOString();
	const identityEvidence: Evidence[] = outcome.identity
		? [{label: 'Acts as', value: `${outcome.identity.name ?? '(no name)'} (providerNo ${outcome.identity.providerNo})`}]
		: [];
	const probes: ProbeResult[] = [
		{
			probe: 'credentials',
			code: 'credentials-ok',
			severity: 'ok',
			evidence: [{label: 'Proven by', value: `the completed token exchange of the authorization at ${when}`}],
		},
		{
			probe: 'token',
			code: code === 'ok' ? 'token-ok' : code,
			severity: entry.severity,
			evidence: [
				{label: 'Authorized', value: when},
				...identityEvidence,
				...(finding ? [{label: 'Found at authorization', value: finding.message}] : []),
			],
			...(code === 'token-skipped-skew' || code === 'token-expired' ? {skipped: true} : {}),
		},
	];
	const token: IntegrationReport['token'] =
		code === 'ok' || code === 'token-wrong-user'
			? 'ok'
			: code === 'token-expired'
				? 'expired'
				: code === 'token-skipped-skew'
					? 'skipped'
					: 'invalid';
	return {
		id: integration.id,
		instance: integration.instance,
		integration: integration.name,
		severity: code === 'ok' ? 'ok' : entry.severity,
		code,
		summary: diagnosis(code).summary,
		checkedAt: nowMs,
		deep: false,
		restModule: 'on',
		...(outcome.skewSeconds === undefined ? {} : {skewSeconds: outcome.skewSeconds}),
		credentials: 'ok',
		token,
		...(outcome.identity ? {identity: outcome.identity} : {}),
		...(outcome.expiresAt === undefined ? {} : {expiresAt: outcome.expiresAt}),
		probes,
		configuration,
		proof: {configuration, at: nowMs, by: 'token-exchange'},
		authorization: {token: tokenFingerprint(outcome.accessToken), code, at: nowMs},
	};
}
