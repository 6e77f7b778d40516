/**
 * What a health check produces. Shared by the checks engine, the dashboard, the headless
 * outputs and the support report. Plain data; must never contain a secret.
 */

export type Severity = 'ok' | 'warning' | 'critical' | 'unknown';

/** Severity order for "worst of": unknown ranks between warning and critical for exit codes (nagios 3). */
export const severityRank: Record<Severity, number> = {ok: 0, warning: 1, unknown: 2, critical: 3};

export function worstSeverity(values: Iterable<Severity>): Severity {
	let worst: Severity = 'ok';
	for (const value of values) {
		if (severityRank[value] > severityRank[worst]) worst = value;
	}
	return worst;
}

/** One observed fact: "HTTP status" = "404", "Date skew" = "+412 s". */
export interface Evidence {
	readonly label: string;
	readonly value: string;
}

export interface Timings {
	readonly dns?: number;
	readonly tcp?: number;
	readonly tls?: number;
	readonly firstByte?: number;
	readonly total?: number;
}

export type ProbeName = 'fingerprint' | 'rest-module' | 'clock-skew' | 'credentials' | 'token' | 'proxy-url';

/** The outcome of one probe: a diagnosis code from the catalogue plus what was seen. */
export interface ProbeResult {
	readonly probe: ProbeName;
	readonly code: string;
	readonly severity: Severity;
	readonly evidence: readonly Evidence[];
	readonly timings?: Timings;
	/** True when the probe was not run (e.g. token probe refused because of clock skew). */
	readonly skipped?: boolean;
}

/** Who a token acts as, from oauth/info. */
export interface Identity {
	readonly providerNo: string;
	/** The formatted name ("Last, First"), else "First Last". */
	readonly name?: string;
	/** The name parts as oauth/info gave them, for matching the expected provider (provider-identity.ts). */
	readonly firstName?: string;
	readonly lastName?: string;
	readonly roles?: readonly string[];
}

export interface Fingerprint {
	readonly title?: string;
	readonly buildTag?: string;
	readonly buildDate?: string;
}

/** Instance-level probes, run once per instance per check run and shared by its integrations. */
export interface InstanceReport {
	readonly instance: string;
	readonly baseUrl: string;
	readonly checkedAt: number; // epoch ms
	readonly fingerprint?: Fingerprint;
	readonly restModule: 'on' | 'off' | 'unknown';
	/** Server Date minus local clock, seconds (positive: server ahead). Undefined when unmeasured. */
	readonly skewSeconds?: number;
	readonly probes: readonly ProbeResult[];
	readonly latencyMs?: number;
}

/** The health of one integration, the row of the dashboard and the object of `check --json`. */
export interface IntegrationReport {
	readonly id: string; // instance/integration
	readonly instance: string;
	readonly integration: string;
	readonly severity: Severity;
	/** The primary diagnosis code (the worst probe's), from the catalogue. */
	readonly code: string;
	readonly summary: string;
	readonly checkedAt: number; // epoch ms
	readonly deep: boolean;
	readonly restModule: 'on' | 'off' | 'unknown';
	readonly skewSeconds?: number;
	readonly credentials: 'ok' | 'bad-key' | 'rejected' | 'unchecked';
	readonly token: 'ok' | 'missing' | 'expired' | 'invalid' | 'unchecked' | 'skipped';
	readonly identity?: Identity;
	/** Epoch seconds the token expires; null = never; undefined = unknown. */
	readonly expiresAt?: number | null;
	readonly latencyMs?: number;
	readonly probes: readonly ProbeResult[];
	/** Fingerprint of the configuration this check signed with (core/configuration-proof.ts). */
	readonly configuration?: string;
	/** The configuration a signed request has proven (core/configuration-proof.ts); absent = unproven. */
	readonly proof?: ConfigurationProof;
	/** A finding made when the current token was authorized (connect, wizard), kept until the token changes. */
	readonly authorization?: AuthorizationMark;
	/** Request tokens this check created on the server (each successful signed request-token call). */
	readonly requestTokensCreated?: number;
}

/** A proof that a configuration works: which one (fingerprint, never the secret), when, and by what. */
export interface ConfigurationProof {
	/** configurationFingerprint() over base URL, dialect, consumer key and consumer secret. */
	readonly configuration: string;
	/** Epoch ms of the signed request that proved it. */
	readonly at: number;
	readonly by: 'request-token' | 'signed-request' | 'token-exchange';
}

/** What the authorization found about its token (e.g. token-no-provider), for the token it names. */
export interface AuthorizationMark {
	/** tokenFingerprint() of the access token (never the token itself). */
	readonly token: string;
	/** A diagnosis code, or 'ok' when the authorization found nothing wrong. */
	readonly code: string;
	/** Epoch ms of the authorization. */
	readonly at: number;
}
