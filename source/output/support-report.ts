/**
 * `report ID`: a Markdown support report for one integration, to paste into a ticket or an
 * e-mail to the hosting provider: versions, the instance's fingerprint, every probe with its
 * timing and evidence, and the diagnosis with numbered fix steps. The text is passed through
 * `redact` with the resolved secrets as a second safety net (reports never hold secrets).
 */
import process from 'node:process';
import {diagnosis} from '../core/diagnoses.js';
import {redactOAuthValues} from '../core/evidence-text.js';
import {type FixContext, fixSteps} from '../core/fix-steps.js';
import type {InstanceReport, IntegrationReport, ProbeResult, Timings} from '../core/report.js';
import {formatExpiry, formatLatency, formatSkew} from '../core/rows.js';
import {safeLine, safeText} from '../core/untrusted-text.js';
import {redactText} from './redact-values.js';
import {statusLabel} from './status-theme.js';

interface SupportReportOptions {
	readonly instance?: InstanceReport;
	readonly tool: {readonly name: string; readonly version: string};
	/** Default: the running Node's version. */
	readonly nodeVersion?: string;
	/** Epoch ms the report is generated. */
	readonly now: number;
	/** Epoch ms of the first failing check of the current failing streak, when known. */
	readonly brokenSince?: number;
	/** Resolved secrets of the integration: removed from the text if they ever got in. */
	readonly secrets: readonly string[];
	/** The integration's real values for the fix steps (id, base URL, dialect, callback port, this machine). */
	readonly fix?: FixContext;
}

/**
 * Exactly what the check left on the server. A successful signed request-token call creates a
 * request token (OSCAR deletes it unused within an hour); a rejected one creates nothing.
 */
export function serverStateLine(report: IntegrationReport): string {
	const count = report.requestTokensCreated ?? 0;
	if (count === 0) return 'none created (no signed request-token call succeeded in this check)';
	const why = report.deep
		? "the deep check's signed request-token calls"
		: 'a signed request-token call that proved this configuration before the token was sent, or isolated why oauth/info was refused';
	return `${count} request token${count === 1 ? '' : 's'} created by ${why}; OSCAR deletes ${count === 1 ? 'it' : 'them'} unused within an hour`;
}

/** A Markdown code span that survives backticks and pipes inside the value. */
function code(value: string): string {
	const text = safeLine(value.replaceAll(/[\r\n]+/g, ' ')).replaceAll('|', '\\|');
	if (text.length === 0) return '(empty)';
	const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map(match => match[0].length));
	const fence = '`'.repeat(longest + 1);
	return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function cellText(value: string): string {
	return safeLine(value.replaceAll(/[\r\n]+/g, ' ')).replaceAll('|', '\\|');
}

function timingText(timings: Timings | undefined): string {
	if (!timings) return '-';
	const parts: string[] = [];
	for (const key of ['dns', 'tcp', 'tls', 'firstByte'] as const) {
		const value = timings[key];
		if (value !== undefined) parts.push(`${key} ${Math.round(value)} ms`);
	}

	const total = timings.total === undefined ? '-' : formatLatency(timings.total);
	return parts.length === 0 ? total : `${total} (${parts.join(', ')})`;
}

function iso(epochMs: number): string {
	return new Date(epochMs).toISOString();
}

function probeSection(title: string, probes: readonly ProbeResult[]): string[] {
	if (probes.length === 0) return [];
	const lines = [`## ${title}`, '', '| probe | status | code | time |', '|---|---|---|---|'];
	for (const probe of probes) {
		lines.push(
			`| ${probe.probe} | ${statusLabel(probe.severity)}${probe.skipped ? ' (not sent)' : ''} | ${cellText(probe.code)} | ${cellText(timingText(probe.timings))} |`,
		);
	}

	lines.push('');
	for (const probe of probes) {
		if (probe.evidence.length === 0) continue;
		lines.push(`**${probe.probe}** (${cellText(probe.code)}):`, '');
		for (const item of probe.evidence) lines.push(`- ${cellText(item.label)}: ${code(item.value)}`);
		lines.push('');
	}

	return lines;
}

function diagnosisSection(codeValue: string, heading: string, context: FixContext): string[] {
	const entry = diagnosis(codeValue);
	const fix = fixSteps(codeValue, context);
	const lines = [`### ${heading}: ${entry.title} (${code(entry.code)})`, '', entry.summary, ''];
	if (entry.causes.length > 0) {
		lines.push('Likely causes:', '');
		for (const cause of entry.causes) lines.push(`- ${cause}`);
		lines.push('');
	}

	if (fix.length > 0) {
		lines.push('How to fix:', '');
		fix.forEach((step, index) => lines.push(`${index + 1}. ${step}`));
		lines.push('');
	}

	if (entry.step !== null) lines.push(`Onboarding step ${entry.step} of 9 repairs this.`, '');
	return lines;
}

export function formatSupportReport(report: IntegrationReport, options: SupportReportOptions): string {
	const instance = options.instance;
	const lines: string[] = [
		`# Support report: ${report.id}`,
		'',
		`Status: **${statusLabel(report.severity)}** ${code(report.code)}: ${report.summary}`,
		'',
		'## Versions',
		'',
		`- ${options.tool.name}: ${options.tool.version}`,
		`- Node.js: ${options.nodeVersion ?? process.version}`,
		`- Generated: ${iso(options.now)}`,
		'',
		'## Instance',
		'',
		`- Name: ${report.instance}`,
	];
	if (instance) {
		lines.push(`- Base URL: ${code(instance.baseUrl)}`);
		if (instance.fingerprint?.title) lines.push(`- Login page title: ${code(instance.fingerprint.title)}`);
		if (instance.fingerprint?.buildTag) lines.push(`- Build tag: ${code(instance.fingerprint.buildTag)}`);
		if (instance.fingerprint?.buildDate) lines.push(`- Build date: ${code(instance.fingerprint.buildDate)}`);
		if (!instance.fingerprint) lines.push('- Fingerprint: not collected (run a deep check)');
	}

	lines.push(
		`- REST module: ${report.restModule}`,
		`- Clock skew (server minus local): ${formatSkew(report.skewSeconds)}`,
		'',
		'## Integration',
		'',
		`- Checked: ${iso(report.checkedAt)}${report.deep ? ' (deep check)' : ' (quick check)'}`,
	);
	if (options.brokenSince !== undefined) lines.push(`- Failing since: ${iso(options.brokenSince)}`);
	lines.push(
		`- Credentials: ${report.credentials}`,
		`- Access token: ${report.token}, expires: ${formatExpiry(report.expiresAt, options.now)}`,
		`- Acting as: ${report.identity ? cellText(`${report.identity.providerNo}${report.identity.name ? ` ${report.identity.name}` : ''}${report.identity.roles?.length ? ` (roles: ${report.identity.roles.join(', ')})` : ''}`) : 'unknown'}`,
		`- Latency: ${formatLatency(report.latencyMs)}`,
		`- Server state: ${serverStateLine(report)}`,
		'',
	);

	// Probes may repeat the instance's findings; show each once, under the instance.
	const integrationProbes = instance
		? report.probes.filter(
				probe => !instance.probes.some(shared => shared === probe || (shared.probe === probe.probe && shared.code === probe.code)),
			)
		: report.probes;
	if (instance) lines.push(...probeSection('Instance probes', instance.probes));
	lines.push(...probeSection(instance ? 'Integration probes' : 'Probes', integrationProbes));

	const context: FixContext = {
		id: report.id,
		...(instance ? {baseUrl: instance.baseUrl} : {}),
		...options.fix,
		probes: [...(instance?.probes ?? []), ...report.probes],
	};
	lines.push('## Diagnosis', '');
	lines.push(...diagnosisSection(report.code, 'Primary', context));
	const others = new Set<string>();
	for (const probe of [...(instance?.probes ?? []), ...report.probes]) {
		if (probe.severity !== 'ok' && probe.code !== report.code) others.add(probe.code);
	}

	for (const other of others) lines.push(...diagnosisSection(other, 'Also found', context));
	lines.push('---', '', `Secrets are never included in this report. Generated by ${options.tool.name} ${options.tool.version}.`, '');
	// A report recorded before evidence was redacted at the probes (an old state file) is covered too.
	// Everything a server sent went through code()/cellText(); safeText is the net for the rest.
	return safeText(redactOAuthValues(redactText(lines.join('\n'), options.secrets)));
}
