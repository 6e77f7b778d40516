/**
 * Every exit code of `oscar-rest`, in one table: commands return (or throw, in a UserError) the
 * NAME of an outcome, and only `cli.ts` turns it into a number. The README's exit-code table is
 * generated from this table and a test compares them, so the documentation cannot drift.
 *
 * Two scales meet here on purpose: `check` and `call` speak the monitoring (nagios) scale 0-3, so
 * Icinga and cron read them directly; the other commands use the BSD sysexits codes for bad
 * arguments, configuration and internal errors, and the shell's 130 for an interrupted run.
 */
import {markdownCell} from './readme-section.js';
import {worstSeverity, type IntegrationReport, type Severity} from './report.js';

export type ExitName =
	| 'ok' | 'warning' | 'failed' | 'critical' | 'wrong-user' | 'unknown'
	| 'usage' | 'software' | 'config' | 'interrupted';

interface ExitCode {
	readonly name: ExitName;
	readonly code: number;
	readonly meaning: string;
	/** Which commands exit with it. */
	readonly commands: string;
}

/** The table, ordered by code. A number appears twice only where two commands give it different meanings. */
export const exitCodeTable: readonly ExitCode[] = [
	{
		name: 'ok', code: 0, commands: 'every command',
		meaning: 'Success. `check`: every integration is OK (with `--json`: the run completed; read each `status`); `call`: OSCAR answered 2xx; `connect`: connected as the dedicated user.',
	},
	{name: 'warning', code: 1, commands: '`check`, `call`', meaning: '`check`: the worst status is WARNING. `call`: OSCAR answered with a status other than 2xx.'},
	{name: 'failed', code: 1, commands: '`connect`, `remove`', meaning: '`connect`: the authorization failed (the reason is printed; nothing is saved). `remove`: the confirmation was declined; nothing was removed.'},
	{name: 'critical', code: 2, commands: '`check`, `call`', meaning: '`check`: the worst status is CRITICAL. `call`: nothing usable came back (not sent, unreachable, TLS failure).'},
	{name: 'wrong-user', code: 2, commands: '`connect`', meaning: 'Connected, but the token acts as ANOTHER provider than the dedicated user: it is saved and flagged (`token-wrong-user`).'},
	{
		name: 'unknown', code: 3, commands: '`check`',
		meaning: 'The worst status is UNKNOWN, or the run was cancelled; also bad arguments, an unreadable configuration and internal errors, so monitoring reads them as UNKNOWN.',
	},
	{name: 'usage', code: 64, commands: 'every command but `check`', meaning: 'Bad arguments (EX_USAGE), an input file with problems (`import`), a path refused by the guard (`call`), or no terminal for the dashboard.'},
	{name: 'software', code: 70, commands: 'every command but `check`', meaning: 'An internal error (EX_SOFTWARE), or a check that did not complete (`report`).'},
	{name: 'config', code: 78, commands: 'every command but `check`', meaning: 'The configuration file is unreadable or invalid (EX_CONFIG); the message names the file and the problem.'},
	{
		name: 'interrupted', code: 130, commands: '`connect`; `add`, `set-token` at a secret prompt; the dashboard',
		meaning: 'Interrupted by Ctrl+C (SIGINT) or SIGTERM before it finished; nothing was saved. The dashboard: quit with Ctrl+C (every edit was saved when it was made); a signal ends it as killed by that signal (128 + its number: 143 for SIGTERM), after it has given the terminal back.',
	},
];

const codes = new Map(exitCodeTable.map(entry => [entry.name, entry.code]));

/** The process exit code of an outcome. */
export function exitCode(name: ExitName): number {
	return codes.get(name)!;
}

/** A status on the monitoring scale: ok 0, warning 1, critical 2, unknown 3. */
export function exitNameForSeverity(severity: Severity): ExitName {
	return severity;
}

/** 'ok' when every report is ok (or there are none); otherwise the worst one's severity. */
export function exitNameForReports(reports: readonly IntegrationReport[]): ExitName {
	return exitNameForSeverity(worstSeverity(reports.map(report => report.severity)));
}

/** The README section that holds the table (see readme-section.ts). */
export const exitCodesSection = 'exit-codes';

/** The README's table: code | name | meaning | commands (no trailing newline). */
export function exitCodeMarkdown(entries: readonly ExitCode[] = exitCodeTable): string {
	return [
		'| code | name | meaning | commands |',
		'|---|---|---|---|',
		...entries.map(entry => `| ${entry.code} | \`${entry.name}\` | ${markdownCell(entry.meaning)} | ${entry.commands} |`),
	].join('\n');
}
