/**
 * `check --json`: a documented, versioned document (schema in check-schema.json). Field names
 * are stable; adding a field is allowed within a schema version (schema-versions.ts), renaming or removing is not.
 */
import type {Evidence, InstanceReport, IntegrationReport, ProbeName, ProbeResult, Severity, Timings} from '../core/report.js';
import {safeJson} from '../core/untrusted-text.js';
import {redactDeep} from './redact-values.js';
import {schemaVersions} from './schema-versions.js';

export interface JsonProbe {
	readonly probe: ProbeName;
	readonly status: Severity;
	readonly code: string;
	readonly skipped: boolean;
	readonly evidence: readonly Evidence[];
	readonly timings: Timings | null;
}

export interface JsonEvidence {
	readonly probe: ProbeName;
	readonly label: string;
	readonly value: string;
}

export interface JsonIntegration {
	readonly id: string;
	readonly instance: string;
	readonly integration: string;
	readonly status: Severity;
	readonly code: string;
	readonly summary: string;
	readonly deep: boolean;
	readonly restModule: IntegrationReport['restModule'];
	readonly credentials: IntegrationReport['credentials'];
	readonly token: IntegrationReport['token'];
	readonly evidence: readonly JsonEvidence[];
	readonly probes: readonly JsonProbe[];
	readonly latencyMs: number | null;
	readonly skewSeconds: number | null;
	readonly identity: {readonly providerNo: string; readonly name: string | null; readonly roles: readonly string[]} | null;
	/** ISO time the token expires; null when it never expires or the lifetime is unknown (see tokenExpiry). */
	readonly expiresAt: string | null;
	readonly tokenExpiry: 'never' | 'unknown' | 'known';
	readonly checkedAt: string;
}

export interface JsonInstance {
	readonly name: string;
	readonly baseUrl: string;
	readonly restModule: InstanceReport['restModule'];
	readonly skewSeconds: number | null;
	readonly latencyMs: number | null;
	readonly fingerprint: {readonly title: string | null; readonly buildTag: string | null; readonly buildDate: string | null} | null;
	readonly probes: readonly JsonProbe[];
	readonly checkedAt: string;
}

export interface CheckJson {
	readonly schemaVersion: typeof schemaVersions.check;
	readonly generatedAt: string;
	readonly tool: {readonly name: string; readonly version: string};
	readonly summary: {
		readonly total: number;
		readonly ok: number;
		readonly warning: number;
		readonly critical: number;
		readonly unknown: number;
	};
	readonly instances: readonly JsonInstance[];
	readonly integrations: readonly JsonIntegration[];
}

export interface JsonOptions {
	/** Epoch ms. */
	readonly generatedAt: number;
	readonly tool: {readonly name: string; readonly version: string};
	readonly instances?: ReadonlyMap<string, InstanceReport>;
	/** Resolved secrets: redacted wherever they might appear (safety net). */
	readonly secrets?: readonly string[];
}

function iso(epochMs: number): string {
	return new Date(epochMs).toISOString();
}

function finite(value: number | undefined): number | null {
	return value === undefined || !Number.isFinite(value) ? null : value;
}

function probeJson(probe: ProbeResult): JsonProbe {
	return {
		probe: probe.probe,
		status: probe.severity,
		code: probe.code,
		skipped: probe.skipped === true,
		evidence: probe.evidence.map(item => ({label: item.label, value: item.value})),
		timings: probe.timings ? {...probe.timings} : null,
	};
}

function integrationJson(report: IntegrationReport): JsonIntegration {
	const expiry = report.expiresAt;
	return {
		id: report.id,
		instance: report.instance,
		integration: report.integration,
		status: report.severity,
		code: report.code,
		summary: report.summary,
		deep: report.deep,
		restModule: report.restModule,
		credentials: report.credentials,
		token: report.token,
		evidence: report.probes.flatMap(probe => probe.evidence.map(item => ({probe: probe.probe, label: item.label, value: item.value}))),
		probes: report.probes.map(probeJson),
		latencyMs: finite(report.latencyMs),
		skewSeconds: finite(report.skewSeconds),
		identity: report.identity
			? {providerNo: report.identity.providerNo, name: report.identity.name ?? null, roles: [...(report.identity.roles ?? [])]}
			: null,
		expiresAt: typeof expiry === 'number' && Number.isFinite(expiry) ? iso(expiry * 1000) : null,
		tokenExpiry: expiry === null ? 'never' : typeof expiry === 'number' && Number.isFinite(expiry) ? 'known' : 'unknown',
		checkedAt: iso(report.checkedAt),
	};
}

function instanceJson(report: InstanceReport): JsonInstance {
	const fingerprint = report.fingerprint;
	return {
		name: report.instance,
		baseUrl: report.baseUrl,
		restModule: report.restModule,
		skewSeconds: finite(report.skewSeconds),
		latencyMs: finite(report.latencyMs),
		fingerprint: fingerprint
			? {title: fingerprint.title ?? null, buildTag: fingerprint.buildTag ?? null, buildDate: fingerprint.buildDate ?? null}
			: null,
		probes: report.probes.map(probeJson),
		checkedAt: iso(report.checkedAt),
	};
}

/** The document as data (for callers that embed it); `formatJson` is the text. */
export function toCheckJson(reports: readonly IntegrationReport[], options: JsonOptions): CheckJson {
	const summary = {total: reports.length, ok: 0, warning: 0, critical: 0, unknown: 0};
	for (const report of reports) summary[report.severity]++;
	const document: CheckJson = {
		schemaVersion: schemaVersions.check,
		generatedAt: iso(options.generatedAt),
		tool: {name: options.tool.name, version: options.tool.version},
		summary,
		instances: [...(options.instances?.values() ?? [])].map(instanceJson),
		integrations: reports.map(integrationJson),
	};
	return redactDeep(document, options.secrets ?? []);
}

/**
 * Pretty-printed JSON with a trailing newline, for stdout. safeJson keeps every string as the server
 * sent it but writes the controls JSON.stringify leaves raw (C1, DEL, bidi) as \\u escapes.
 */
export function formatJson(reports: readonly IntegrationReport[], options: JsonOptions): string {
	return [...formatJsonChunks(reports, options)].join('');
}

/** How JSON.stringify(value, undefined, 2) opens and closes `[[value]]` (see formatJsonChunks). */
const nestedOpen = '[\n  [\n    ';
const nestedClose = '\n  ]\n]';

/**
 * The same text as formatJson, in pieces: the document around the integrations, then one piece
 * per integration, so 10,000 integrations are written without their whole document (objects and
 * text) in memory at once. Byte for byte what safeJson(document, 2) writes.
 */
export function* formatJsonChunks(reports: readonly IntegrationReport[], options: JsonOptions): Generator<string, void, undefined> {
	const head = toCheckJson([], options);
	const summary = {total: reports.length, ok: 0, warning: 0, critical: 0, unknown: 0};
	for (const report of reports) summary[report.severity]++;
	const text = safeJson({...head, summary}, 2);
	const marker = '\n  "integrations": []\n}';
	if (!text.endsWith(marker)) throw new Error('check JSON: unexpected document layout');
	if (reports.length === 0) {
		yield `${text}\n`;
		return;
	}

	yield `${text.slice(0, -marker.length)}\n  "integrations": [\n`;
	for (const [index, report] of reports.entries()) {
		const item = redactDeep(integrationJson(report), options.secrets ?? []);
		// Nested two levels deep (document > integrations): four more spaces on every line. Written
		// as the only item of a list in a list and cut out, JSON.stringify indents it so, without a
		// second pass over every integration's text to insert them.
		const nested = safeJson([[item]], 2);
		yield `    ${nested.slice(nestedOpen.length, -nestedClose.length)}${index < reports.length - 1 ? ',' : ''}\n`;
	}

	yield '  ]\n}\n';
}
