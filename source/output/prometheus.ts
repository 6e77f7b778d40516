/**
 * `check --prometheus FILE`: the node_exporter textfile collector format. Sample timestamps are
 * left out (the collector rejects them); the check time is its own gauge. Written atomically so
 * the collector never reads half a file.
 */
import {randomBytes} from 'node:crypto';
import {chmod, open, rename, unlink} from 'node:fs/promises';
import path from 'node:path';
import type {InstanceReport, IntegrationReport, Severity} from '../core/report.js';
import {safeLine} from '../core/untrusted-text.js';
import {utf8Pieces} from '../core/utf8-pieces.js';

interface PrometheusOptions {
	/** Epoch ms, for seconds-to-expiry (default Date.now()). */
	readonly now?: number;
	/** Instance reports of the run: the source of per-instance clock skew (falls back to the integration reports). */
	readonly instances?: ReadonlyMap<string, InstanceReport>;
}

const severities: readonly Severity[] = ['ok', 'warning', 'critical', 'unknown'];

/**
 * Label value escaping of the text exposition format: backslash, double quote, line feed. The format
 * has no escape for other control characters, so each is written as the text `\\x1b` (an escaped
 * backslash, then the code): parsers accept it and no control character reaches a file or terminal.
 */
export function escapeLabelValue(value: string): string {
	const escaped = value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
	return [...escaped].map(character => (safeLine(character) === character ? character : `\\${safeLine(character)}`)).join('');
}

function escapeHelp(text: string): string {
	return text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

/**
 * `{name="value",...}`. Values may come from the config or a server: escapeLabelValue shows their
 * control characters escaped (the untrusted-text rule) inside the exposition format's escaping.
 */
export function labels(pairs: Readonly<Record<string, string>>): string {
	return `{${Object.entries(pairs)
		.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
		.join(',')}}`;
}

/** A sample value in the exposition format. */
export function number(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Number.POSITIVE_INFINITY) return '+Inf';
	if (value === Number.NEGATIVE_INFINITY) return '-Inf';
	return String(value);
}

/** One metric family: its HELP, TYPE and sample lines. */
export interface Family {
	readonly name: string;
	readonly help: string;
	readonly type: 'gauge' | 'counter';
	readonly samples: string[];
}

export function family(name: string, help: string, type: Family['type'] = 'gauge'): Family {
	return {name, help, type, samples: []};
}

/** Add one sample to a family. */
export function addSample(into: Family, pairs: Readonly<Record<string, string>>, value: number): void {
	into.samples.push(`${into.name}${Object.keys(pairs).length === 0 ? '' : labels(pairs)} ${number(value)}`);
}

/** The families as exposition text (families without samples are left out). */
export function renderFamilies(families: readonly Family[]): string {
	const lines: string[] = [];
	for (const item of families) {
		if (item.samples.length === 0) continue;
		lines.push(`# HELP ${item.name} ${escapeHelp(item.help)}`, `# TYPE ${item.name} ${item.type}`, ...item.samples);
	}

	return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The per-integration and per-instance series: the textfile format, also served by the exporter. */
export function integrationFamilies(reports: readonly IntegrationReport[], options: PrometheusOptions = {}): Family[] {
	const now = options.now ?? Date.now();
	// One series per integration even if a caller passes a report twice: the last one wins.
	const byId = new Map<string, IntegrationReport>();
	for (const report of reports) byId.set(report.id, report);

	const up = family('oscar_rest_up', "1 when the integration's last check was ok, else 0.");
	const status = family('oscar_rest_status', "The integration's last check status: 1 for the current status, 0 for the others.");
	const diagnosis = family(
		'oscar_rest_diagnosis_info',
		"The primary diagnosis code of the integration's last check (see the README's table).",
	);
	const latency = family('oscar_rest_latency_seconds', "Time the integration's check took, in seconds.");
	const expiry = family(
		'oscar_rest_token_expiry_seconds',
		'Seconds until the access token expires by its known lifetime (negative: expired). Absent when it never expires or the lifetime is unknown.',
	);
	const checked = family('oscar_rest_check_timestamp_seconds', 'When the integration was last checked, in seconds since the Unix epoch.');
	const skew = family(
		'oscar_rest_clock_skew_seconds',
		'Server Date header minus the local clock, in seconds (positive: server ahead). Absent when unmeasured.',
	);

	for (const report of byId.values()) {
		// `oscar_instance`, not `instance`: Prometheus sets its own `instance` label on every scrape.
		const base = {oscar_instance: report.instance, integration: report.integration};
		addSample(up, base, report.severity === 'ok' ? 1 : 0);
		for (const value of severities) addSample(status, {...base, status: value}, report.severity === value ? 1 : 0);
		addSample(diagnosis, {...base, code: report.code}, 1);
		if (report.latencyMs !== undefined && Number.isFinite(report.latencyMs)) addSample(latency, base, report.latencyMs / 1000);
		if (typeof report.expiresAt === 'number' && Number.isFinite(report.expiresAt))
			addSample(expiry, base, Math.round(report.expiresAt - now / 1000));
		addSample(checked, base, report.checkedAt / 1000);
	}

	const skewByInstance = new Map<string, number>();
	for (const report of byId.values()) {
		if (report.skewSeconds !== undefined && Number.isFinite(report.skewSeconds) && !skewByInstance.has(report.instance)) {
			skewByInstance.set(report.instance, report.skewSeconds);
		}
	}

	for (const [name, instance] of options.instances ?? []) {
		if (instance.skewSeconds !== undefined && Number.isFinite(instance.skewSeconds)) skewByInstance.set(name, instance.skewSeconds);
	}

	for (const [name, value] of skewByInstance) addSample(skew, {oscar_instance: name}, value);
	return [up, status, diagnosis, latency, expiry, checked, skew];
}

export function formatPrometheus(reports: readonly IntegrationReport[], options: PrometheusOptions = {}): string {
	return renderFamilies(integrationFamilies(reports, options));
}

/**
 * Write `text` to `file` atomically: a temp file in the same directory, then rename (atomic on
 * one file system), so a reader sees the old file or the new one, never a partial write.
 * The file is 0644: node_exporter usually runs as another user.
 */
export async function writeAtomically(file: string, text: string): Promise<void> {
	await writeChunksAtomically(file, [text]);
}

/** writeAtomically for text made in pieces (a 10,000-integration JSON document is never one string). */
export async function writeChunksAtomically(file: string, chunks: Iterable<string>): Promise<void> {
	const directory = path.dirname(file);
	const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(temporary, 'wx', 0o644);
		// writeFile, not write: write may write only a part (it does at a file-size limit) and say so in bytesWritten.
		for (const piece of utf8Pieces(chunks)) await handle.writeFile(piece);
		await handle.close();
		handle = undefined;
		await chmod(temporary, 0o644); // whatever the umask
		await rename(temporary, file);
	} catch (error) {
		await handle?.close().catch(() => undefined);
		await unlink(temporary).catch(() => undefined);
		throw error;
	}
}
