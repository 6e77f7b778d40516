/**
 * Reports the engine writes itself, when an integration could not be probed: a secret that cannot
 * be resolved (code `secret-unavailable`) or a probe that threw (code `check-error`). They keep the
 * instance's findings, so a row still shows REST module and clock skew.
 */
import type {Evidence, InstanceReport, IntegrationReport, ProbeResult, Severity} from '../core/report.js';
import {severityRank} from '../core/report.js';

export interface SyntheticInput {
	readonly id: string;
	readonly instance: string;
	readonly integration: string;
	readonly deep: boolean;
	readonly checkedAt: number;
	/** Undefined when the instance probe itself failed. */
	readonly instanceReport?: InstanceReport;
}

function build(input: SyntheticInput, own: ProbeResult, summary: string): IntegrationReport {
	const instanceProbes = input.instanceReport?.probes ?? [];
	// The engine's own finding is primary unless an instance finding is strictly worse
	// (an unreachable instance matters more than an unreadable secret).
	let primary: ProbeResult = own;
	for (const probe of instanceProbes) {
		if (severityRank[probe.severity] > severityRank[primary.severity]) primary = probe;
	}

	return {
		id: input.id,
		instance: input.instance,
		integration: input.integration,
		severity: primary.severity,
		code: primary.code,
		summary: primary === own ? summary : `${primary.code} at the instance; also: ${summary}`,
		checkedAt: input.checkedAt,
		deep: input.deep,
		restModule: input.instanceReport?.restModule ?? 'unknown',
		skewSeconds: input.instanceReport?.skewSeconds,
		credentials: 'unchecked',
		token: 'unchecked',
		latencyMs: input.instanceReport?.latencyMs,
		probes: [...instanceProbes, own],
	};
}

/** Which secret could not be read: named by reference (`env:NAME`, `file:/path`), never by value. */
export interface UnavailableSecret {
	readonly field: 'consumer secret' | 'token secret';
	readonly reference: string;
	readonly reason: string;
}

export function secretUnavailableReport(input: SyntheticInput, secret: UnavailableSecret): IntegrationReport {
	const severity: Severity = 'unknown';
	const evidence: Evidence[] = [
		{label: 'Secret', value: secret.field},
		{label: 'Reference', value: secret.reference},
		{label: 'Reason', value: secret.reason},
	];
	const own: ProbeResult = {
		probe: secret.field === 'consumer secret' ? 'credentials' : 'token',
		code: 'secret-unavailable',
		severity,
		evidence,
		skipped: true,
	};
	return build(input, own, `The ${secret.field} (${secret.reference}) cannot be read, so nothing signed was sent: ${secret.reason}`);
}

/** A probe threw instead of returning a report: a bug or an unexpected failure, never silently dropped. */
export function checkErrorReport(input: SyntheticInput, message: string): IntegrationReport {
	const own: ProbeResult = {
		probe: input.instanceReport ? 'token' : 'rest-module',
		code: 'check-error',
		severity: 'unknown',
		evidence: [{label: 'Error', value: message}],
	};
	return build(input, own, `The check itself failed: ${message}`);
}
