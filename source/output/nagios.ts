/**
 * `check --nagios`: the Nagios plugin convention (also Icinga, Naemon, Checkmk, Zabbix agents):
 * one status line with performance data, then one line per integration that is not ok, and the
 * exit code 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN.
 */
import type {IntegrationReport, Severity} from '../core/report.js';
import {worstSeverity} from '../core/report.js';
import {exitNameForSeverity, type ExitName} from '../core/exit-codes.js';
import {safeLine} from '../core/untrusted-text.js';
import {redactText} from './redact-values.js';
import {statusTheme} from './status-theme.js';

interface NagiosResult {
	readonly text: string;
	/** The outcome on the monitoring scale (exit 0-3). */
	readonly exit: ExitName;
}

interface NagiosOptions {
	readonly secrets?: readonly string[];
}

const nagiosWords: Record<Severity, string> = {ok: 'OK', warning: 'WARNING', critical: 'CRITICAL', unknown: 'UNKNOWN'};

/**
 * The plugin output grammar reserves "|" (start of performance data); line breaks split lines; and
 * the text ends up on a monitoring web page or a terminal, so other controls are shown escaped.
 */
function clean(text: string): string {
	return safeLine(
		text
			.replaceAll('|', '/')
			.replaceAll(/[\r\n]+/g, ' ')
			.trim(),
	);
}

function seconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(3))}s`;
}

/**
 * No reports at all is UNKNOWN (exit 3): a monitor that checks nothing must not look healthy.
 * Detail lines list critical first, then unknown, then warning.
 */
export function formatNagios(reports: readonly IntegrationReport[], options: NagiosOptions = {}): NagiosResult {
	const counts: Record<Severity, number> = {ok: 0, warning: 0, critical: 0, unknown: 0};
	let latencyMax: number | undefined;
	for (const report of reports) {
		counts[report.severity]++;
		if (report.latencyMs !== undefined && Number.isFinite(report.latencyMs)) latencyMax = Math.max(latencyMax ?? 0, report.latencyMs);
	}

	const severity: Severity = reports.length === 0 ? 'unknown' : worstSeverity(reports.map(report => report.severity));
	const parts = (['critical', 'unknown', 'warning', 'ok'] as const).filter(name => counts[name] > 0).map(name => `${counts[name]} ${name}`);
	const message = reports.length === 0 ? 'no integrations checked' : parts.join(', ');
	const perfdata = [
		`ok=${counts.ok};;;`,
		`warning=${counts.warning};;;`,
		`critical=${counts.critical};;;`,
		`unknown=${counts.unknown};;;`,
		...(latencyMax === undefined ? [] : [`latency_max=${seconds(latencyMax)};;;`]),
	].join(' ');
	const order: readonly Severity[] = ['critical', 'unknown', 'warning'];
	const details = order.flatMap(level =>
		reports
			.filter(report => report.severity === level)
			.map(report => clean(redactText(`${statusTheme[level].word} ${report.id} ${report.code}: ${report.summary}`, options.secrets))),
	);
	const lines = [`OSCAR-REST ${nagiosWords[severity]} - ${message} | ${perfdata}`, ...details];
	return {text: `${lines.join('\n')}\n`, exit: exitNameForSeverity(severity)};
}
