/**
 * `check --prometheus FILE`: the node_exporter textfile collector format. Sample timestamps are
 * left out (the collector rejects them); the check time is its own gauge. Written atomically so
 * the collector never reads half a file.
 */
import {randomBytes} from 'node:crypto';
import {chmod, rename, unlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {InstanceReport, IntegrationReport, Severity} from '../core/report.js';
import {safeLine} from '../core/untrusted-text.js';

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

function labels(pairs: Readonly<Record<string, string>>): string {
	return `{${Object.entries(pairs).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

function number(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Number.POSITIVE_INFINITY) return '+Inf';
	if (value === Number.NEGATIVE_INFINITY) return '-Inf';
	return String(value);
}

interface Family {
	readonly name: string;
	readonly help: string;
	readonly samples: string[];
}

export function formatPrometheus(reports: readonly IntegrationReport[], options: PrometheusOptions = {}): string {
	const now = options.now ?? Date.now();
	// One series per integration even if a caller passes a report twice: the last one wins.
	const byId = new Map<string, IntegrationReport>();
	for (const report of reports) byId.set(report.id, report);

	const family = (name: string, help: string): Family => ({name, help, samples: []});
	const up = family('oscar_rest_up', '1 when the integration\'s last check was ok, else 0.');
	const status = family('oscar_rest_status', 'The integration\'s last check status: 1 for the current status, 0 for the others.');
	const diagnosis = family('oscar_rest_diagnosis_info', 'The primary diagnosis code of the integration\'s last check (see the README\'s table).');
	const latency = family('oscar_rest_latency_seconds', 'Time the integration\'s check took, in seconds.');
	const expiry = family('oscar_rest_token_expiry_seconds', 'Seconds until the access token expires by its known lifetime (negative: expired). Absent when it never expires or the lifetime is unknown.');
	const checked = family('oscar_rest_check_timestamp_seconds', 'When the integration was last checked, in seconds since the Unix epoch.');
	const skew = family('oscar_rest_clock_skew_seconds', 'Server Date header minus the local clock, in seconds (positive: server ahead). Absent when unmeasured.');

	for (const report of byId.values()) {
		// `oscar_instance`, not `instance`: Prometheus sets its own `instance` label on every scrape.
		const base = {oscar_instance: report.instance, integration: report.integration};
		up.samples.push(`${up.name}${labels(base)} ${report.severity === 'ok' ? 1 : 0}`);
		for (const value of severities) {
			status.samples.push(`${status.name}${labels({...base, status: value})} ${report.severity === value ? 1 : 0}`);
		}

		diagnosis.samples.push(`${diagnosis.name}${labels({...base, code: report.code})} 1`);
		if (report.latencyMs !== undefined && Number.isFinite(report.latencyMs)) {
			latency.samples.push(`${latency.name}${labels(base)} ${number(report.latencyMs / 1000)}`);
		}

		if (typeof report.expiresAt === 'number' && Number.isFinite(report.expiresAt)) {
			expiry.samples.push(`${expiry.name}${labels(base)} ${number(Math.round(report.expiresAt - (now / 1000)))}`);
		}

		checked.samples.push(`${checked.name}${labels(base)} ${number(report.checkedAt / 1000)}`);
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

	for (const [name, value] of skewByInstance) skew.samples.push(`${skew.name}${labels({oscar_instance: name})} ${number(value)}`);

	const lines: string[] = [];
	for (const item of [up, status, diagnosis, latency, expiry, checked, skew]) {
		if (item.samples.length === 0) continue;
		lines.push(`# HELP ${item.name} ${escapeHelp(item.help)}`, `# TYPE ${item.name} gauge`, ...item.samples);
	}

	return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Write `text` to `file` atomically: a temp file in the same directory, then rename (atomic on
 * one file system), so a reader sees the old file or the new one, never a partial write.
 * The file is 0644: node_exporter usually runs as another user.
 */
export async function writeAtomically(file: string, text: string): Promise<void> {
	const directory = path.dirname(file);
	const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	try {
		await writeFile(temporary, text, {mode: 0o644, flag: 'wx'});
		await chmod(temporary, 0o644); // whatever the umask
		await rename(temporary, file);
	} catch (error) {
		await unlink(temporary).catch(() => undefined);
		throw error;
	}
}
