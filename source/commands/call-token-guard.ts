/**
 * `call`'s side of the token guard (core/token-guard.ts): before the stored token leaves this
 * machine, measure the clock skew with one unauthenticated request, check the token's known
 * lifetime, and make sure the configuration is proven: by an earlier check (the state file) or,
 * failing that, by a signed request-token call now. Only then may the token be sent.
 */
import {configurationFingerprint, proofFor} from '../core/configuration-proof.js';
import {diagnosis} from '../core/diagnoses.js';
import type {Instance, Integration} from '../core/model.js';
import type {InstanceReport} from '../core/report.js';
import {severityRank, worstSeverity} from '../core/report.js';
import {mayCarryToken, skewRefuseSeconds, skewWindowSeconds, tokenExpiresAt} from '../core/token-guard.js';
import {probeCredentials} from '../oscar/probes/credentials.js';
import {probeInstance} from '../oscar/probes/index.js';
import {StateStore} from '../store/state-store.js';

export type CallGuardOutcome = {readonly send: true; readonly warning?: string} | {readonly send: false; readonly message: string};

export interface CallGuardInput {
	readonly id: string;
	readonly instance: Instance;
	readonly integration: Integration;
	readonly consumerSecret: string;
	readonly tokenSecret: string;
	readonly configPath: string;
	readonly timeoutMs: number;
	/** Aborts the guard's requests (Ctrl+C or SIGTERM during `call`). */
	readonly signal?: AbortSignal;
	readonly forceSkew: boolean;
	readonly now: () => number;
	/** Progress lines for stderr (the proving call is announced before it is made). */
	readonly say: (line: string) => void;
}

function instanceProblem(report: InstanceReport): string {
	const worst = worstSeverity(report.probes.map(probe => probe.severity));
	const probe = report.probes.find(candidate => candidate.severity === worst && severityRank[worst] > 0);
	if (!probe) return '';
	const entry = diagnosis(probe.code);
	const finding = probe.evidence.find(item => item.label === 'Finding')?.value;
	return `${entry.title}: ${finding ?? entry.summary}`;
}

export async function callTokenGuard(input: CallGuardInput): Promise<CallGuardOutcome> {
	const {id, instance, integration} = input;
	const target = {
		name: instance.name,
		baseUrl: instance.baseUrl,
		caFile: instance.caFile,
		insecureTls: instance.insecureTls,
		dialect: instance.dialect,
	};
	// Measure the skew BEFORE the token leaves this machine.
	const report = await probeInstance(target, {timeoutMs: input.timeoutMs, now: input.now, ...(input.signal ? {signal: input.signal} : {})});
	input.signal?.throwIfAborted();
	const configuration = configurationFingerprint({
		baseUrl: instance.baseUrl,
		dialect: instance.dialect,
		consumerKey: integration.consumerKey,
		consumerSecret: input.consumerSecret,
	});
	let proven = proofFor(readLatest(input.configPath, id), configuration) !== undefined;
	const expiresAt = tokenExpiresAt({dialect: instance.dialect, lifetime: integration.lifetime, issuedAt: integration.issuedAt});
	const nowSeconds = Math.floor(input.now() / 1000);
	let warning: string | undefined;
	let decision = mayCarryToken({skewSeconds: report.skewSeconds, expiresAt, nowSeconds, proven});
	if (!decision.allowed && decision.code === 'token-skipped-skew') {
		const problem = report.skewSeconds === undefined ? instanceProblem(report) : '';
		const why = `${decision.reason}${problem ? ` (${problem})` : ''}`;
		if (!input.forceSkew) {
			return {
				send: false,
				message:
					`not sent: ${why}. OSCAR rejects requests outside +-${skewWindowSeconds} s (the token is not sent from ${skewRefuseSeconds} s on), and classic OSCAR then DELETES the access token, ` +
					'so the integration would have to be authorized again. Fix the clock (NTP) on this machine or the server, or add --force-skew to send anyway.',
			};
		}

		// With the clock outside the window a proving request-token call could only fail: forcing
		// the clock also forgoes the proof (the user takes the risk the guard exists for).
		warning = `${why}; sending anyway because of --force-skew${proven ? '' : ' (the configuration is not proven either: no signed request-token call can succeed with this clock)'}.`;
		decision = mayCarryToken({skewSeconds: 0, expiresAt, nowSeconds, proven: true});
	}

	if (!decision.allowed && decision.code === 'token-skipped-unproven' && report.restModule === 'on') {
		input.say(
			`The base URL, key and secret of ${id} have not been proven by a check yet: proving them first with a signed request-token call (OSCAR keeps that request token, unused, for up to an hour).`,
		);
		const outcome = await probeCredentials(
			target,
			{
				id,
				instance: instance.name,
				name: integration.name,
				consumerKey: integration.consumerKey,
				consumerSecret: input.consumerSecret,
				...(integration.uri === undefined ? {} : {uri: integration.uri}),
				...(integration.callback === undefined ? {} : {callback: integration.callback}),
				...(integration.signatureMethod ? {signatureMethod: integration.signatureMethod} : {}),
				...(integration.transport ? {transport: integration.transport} : {}),
			},
			{timeoutMs: input.timeoutMs, ...(input.signal ? {signal: input.signal} : {})},
		);
		input.signal?.throwIfAborted();
		proven = outcome.proven;
		if (!proven) {
			const finding = outcome.probes.find(probe => probe.severity !== 'ok');
			const entry = diagnosis(finding?.code ?? 'request-rejected');
			return {
				send: false,
				message: `not sent: the signed request-token call did not succeed (${entry.code}: ${entry.summary}) Sending the token with this configuration could make classic OSCAR delete it. See "oscar-rest report ${id} --deep".`,
			};
		}

		decision = mayCarryToken({skewSeconds: report.skewSeconds, expiresAt, nowSeconds, proven});
	}

	if (!decision.allowed) {
		const problem = report.restModule === 'on' ? '' : ` (${instanceProblem(report)})`;
		return {send: false, message: `not sent: ${decision.reason}${problem}.`};
	}

	return warning === undefined ? {send: true} : {send: true, warning};
}

function readLatest(configPath: string, id: string) {
	try {
		return new StateStore(configPath).latest().get(id);
	} catch {
		return undefined;
	}
}
