/**
 * Integration-level probes. Classic OSCAR DELETES an access token when a request carrying it fails
 * validation, so the checker must never be what breaks the integration it checks: the token is
 * sent (one signed GET of oauth/info) only when the guard allows it (core/token-guard.ts): clock
 * skew measured and under 240 s, known lifetime not passed, and the configuration proven. A
 * configuration that is not proven yet (new, or base URL, dialect, key or secret changed, or a
 * credentials/proxy finding) is first proven with a signed request-token call, which puts no token
 * at stake; only a 200 lets the token go. The deep probe (credentials.ts) also runs on request, and
 * when oauth/info was refused and the cause needs isolating.
 */
import {configurationFingerprint, proofFor, tokenFingerprint} from '../../core/configuration-proof.js';
import {diagnosis} from '../../core/diagnoses.js';
import type {AuthorizationMark, ConfigurationProof, Identity, InstanceReport, IntegrationReport, ProbeResult} from '../../core/report.js';
import {worstSeverity} from '../../core/report.js';
import {carlosTokenLifetimeSeconds, isSkewUnsafe, mayCarryToken, tokenExpiresAt, type TokenGuardDecision} from '../../core/token-guard.js';
import {type CredentialsOutcome, probeCredentials} from './credentials.js';
import {result} from './evidence.js';
import {sendToken, type TokenOutcome} from './token-probe.js';
import type {InstanceTarget, IntegrationTarget, ProbeOptions} from './types.js';

export {alternateBaseUrls} from './credentials.js';
export {parseIdentity} from './token-probe.js';

export async function probeIntegration(
	instance: InstanceReport,
	target: InstanceTarget,
	integration: IntegrationTarget,
	options: ProbeOptions = {},
): Promise<IntegrationReport> {
	const now = options.now ?? Date.now;
	const checkedAt = now();
	const nowSeconds = Math.floor(checkedAt / 1000);
	const instanceProbes = instance.probes.filter(probe => probe.probe !== 'fingerprint' || probe.severity !== 'ok');
	const probes: ProbeResult[] = [];
	const expiresAt = tokenExpiresAt({dialect: target.dialect, lifetime: integration.lifetime, issuedAt: integration.issuedAt});
	const configuration = configurationFingerprint({
		baseUrl: target.baseUrl,
		dialect: target.dialect,
		consumerKey: integration.consumerKey,
		consumerSecret: integration.consumerSecret,
	});
	const previous = options.previous;
	const sameConfiguration = previous?.configuration === configuration;
	let proof: ConfigurationProof | undefined = proofFor(previous, configuration);
	const mark = markFor(previous, integration.accessToken);
	let identity: Identity | undefined;
	let token: IntegrationReport['token'] = 'unchecked';
	let credentials: CredentialsOutcome | undefined;
	let sent: TokenOutcome | undefined;
	let carried: {probes: ProbeResult[]; credentials: IntegrationReport['credentials']} | undefined;
	let requestTokens = 0;
	const reachable = instance.restModule === 'on';
	// A signed initiate with a skewed clock only proves the clock wrong: the skew finding says it.
	const clockUsable = !isSkewUnsafe(instance.skewSeconds);
	// An earlier check isolated the same failure with the same configuration: keep its findings
	// instead of creating request tokens on every refresh.
	const isolate = options.deep === true || options.escalate !== false || !sameConfiguration;
	const proveCredentials = async (): Promise<CredentialsOutcome> => {
		credentials ??= await probeCredentials(target, integration, {...options, isolate});
		return credentials;
	};

	// When the instance probe failed, no signed request is sent: its finding explains the row.
	if (reachable) {
		if (!integration.accessToken || integration.tokenSecret === undefined) {
			token = 'missing';
			probes.push(
				result(
					'token',
					'token-missing',
					'warning',
					[{label: 'Access token', value: 'not stored: the integration has not been authorized yet'}],
					undefined,
					true,
				),
			);
		} else {
			let decision = guard(instance, expiresAt, nowSeconds, proof);
			if (!decision.allowed && decision.code === 'token-skipped-unproven') {
				const proving = await proveCredentials();
				if (proving.proven) {
					proof = {configuration, at: now(), by: 'request-token'};
					decision = guard(instance, expiresAt, nowSeconds, proof);
				}
			}

			if (decision.allowed) {
				sent = await sendToken(target, integration, options, {expiresAt, nowSeconds, ...(mark ? {mark} : {})});
				probes.push(sent.probe);
				token = sent.token;
				identity = sent.identity;
				if (sent.signatureVerified) proof ??= {configuration, at: now(), by: 'signed-request'};
				const refused = (sent.status === 401 || sent.status === 403) && !sent.explained && !sent.signatureVerified;
				if (refused && clockUsable && isolate) await proveCredentials();
				else if (refused && !isolate) carried = carriedIsolation(previous!);
			} else {
				token = decision.code === 'token-expired' ? 'expired' : 'skipped';
				probes.push(refusal(decision, target, integration, expiresAt));
			}
		}

		if (options.deep && clockUsable) await proveCredentials();
	}

	// A rejection this check did not isolate again keeps the earlier isolation of the same configuration.
	if (credentials !== undefined && !credentials.isolated)
		carried = carriedIsolation(previous!) ?? {probes: credentials.probes, credentials: credentials.credentials};
	probes.push(...(carried?.probes ?? credentials?.probes ?? []));
	const credentialsState = carried?.credentials ?? credentials?.credentials ?? (token === 'ok' ? 'ok' : 'unchecked');
	requestTokens += credentials?.requestTokens ?? 0;
	// A credentials or proxy finding drops the proof, unless a signed request succeeded in this check.
	if (credentials?.proven !== true && (credentialsState === 'bad-key' || credentialsState === 'rejected')) proof = undefined;

	const all = [...instanceProbes, ...probes];
	const severity = worstSeverity(all.map(probe => probe.severity));
	const primary = primaryProbe(all, severity);
	const code = severity === 'ok' ? 'ok' : (primary?.code ?? 'unexpected-response');
	const reported = severity === 'ok' ? sent?.probe : primary;
	const latencyMs = reported?.timings?.total ?? sent?.exchange?.timings.total ?? instance.latencyMs;
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
		credentials: credentialsState,
		token,
		...(identity ? {identity} : {}),
		...(expiresAt === undefined ? {} : {expiresAt}),
		...(latencyMs === undefined ? {} : {latencyMs}),
		probes: all,
		configuration,
		...(proof ? {proof} : {}),
		...(mark ? {authorization: mark} : {}),
		...(requestTokens > 0 ? {requestTokensCreated: requestTokens} : {}),
	};
}

function guard(
	instance: InstanceReport,
	expiresAt: number | null | undefined,
	nowSeconds: number,
	proof: ConfigurationProof | undefined,
): TokenGuardDecision {
	return mayCarryToken({skewSeconds: instance.skewSeconds, expiresAt, nowSeconds, proven: proof !== undefined});
}

/** The authorization's finding, when it was made for the token stored now. */
function markFor(previous: IntegrationReport | undefined, accessToken: string | undefined): AuthorizationMark | undefined {
	const mark = previous?.authorization;
	return mark !== undefined && accessToken !== undefined && mark.token === tokenFingerprint(accessToken) ? mark : undefined;
}

/** The token probe that was not sent, and why (the guard's reason). */
function refusal(
	decision: Extract<TokenGuardDecision, {allowed: false}>,
	target: InstanceTarget,
	integration: IntegrationTarget,
	expiresAt: number | null | undefined,
): ProbeResult {
	if (decision.code === 'token-expired') {
		return result(
			'token',
			'token-expired',
			'critical',
			[
				{label: 'Issued', value: new Date(integration.issuedAt! * 1000).toISOString()},
				{label: 'Lifetime', value: `${target.dialect === 'carlos' ? carlosTokenLifetimeSeconds : integration.lifetime} s`},
				{label: 'Expired', value: new Date(expiresAt! * 1000).toISOString()},
				{label: 'Sent', value: 'no: an expired token is refused (and classic OSCAR deletes it)'},
			],
			undefined,
			true,
		);
	}

	return result('token', decision.code, 'unknown', [{label: 'Not sent because', value: decision.reason}], undefined, true);
}

/** The credentials and proxy findings of an earlier check of the same configuration, marked with when they were made. */
function carriedIsolation(previous: IntegrationReport): {probes: ProbeResult[]; credentials: IntegrationReport['credentials']} | undefined {
	const found = previous.probes.filter(probe => probe.probe === 'credentials' || probe.probe === 'proxy-url');
	if (found.length === 0) return undefined;
	const when = new Date(previous.checkedAt).toISOString();
	const marked = (probe: ProbeResult): ProbeResult =>
		probe.evidence.some(item => item.label === 'From the deep probe of')
			? probe
			: {...probe, evidence: [...probe.evidence, {label: 'From the deep probe of', value: when}]};
	return {probes: found.map(marked), credentials: previous.credentials};
}

/**
 * The worst probe explains the integration. Among equals, the root cause wins: instance-level
 * findings, then the URL Tomcat sees, then the credentials, then the token (a revoked-looking 401
 * is often only the symptom of the others).
 */
const rootCauseOrder: Record<ProbeResult['probe'], number> = {
	'rest-module': 0,
	'clock-skew': 1,
	fingerprint: 2,
	'proxy-url': 3,
	credentials: 4,
	token: 5,
};

function primaryProbe(probes: readonly ProbeResult[], severity: IntegrationReport['severity']): ProbeResult | undefined {
	return probes.filter(probe => probe.severity === severity).sort((a, b) => rootCauseOrder[a.probe] - rootCauseOrder[b.probe])[0];
}
