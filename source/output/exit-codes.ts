/**
 * Worst severity -> process exit code on the nagios scale (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN),
 * shared by `check` in every output format so cron, CI and monitoring agree.
 */
import {exitCodes} from '../commands/context.js';
import type {IntegrationReport, Severity} from '../core/report.js';
import {worstSeverity} from '../core/report.js';

export function exitCodeForSeverity(severity: Severity): number {
	return exitCodes[severity];
}

/** 0 when every report is ok (or there are none); otherwise the worst one's code. */
export function exitCodeForReports(reports: readonly IntegrationReport[]): number {
	return exitCodeForSeverity(worstSeverity(reports.map(report => report.severity)));
}
