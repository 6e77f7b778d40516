/**
 * Every exit code of `oscar-rest`, in one table: commands return (or throw, in a UserError) the
 * NAME of an outcome, and only `cli.ts` turns it into a number. The README's exit-code table is
 * generated from this table and a test compares them, so the documentation cannot drift.
 *
 * Two scales meet here on purpose: `check`, `call` and `admin audit` speak the monitoring (nagios)
 * scale 0-3, so Icinga and cron read them directly; the other commands use the BSD sysexits codes for
 * bad arguments, configuration and internal errors (`admin` also for the ways an OSCAR admin session
 * fails), and the shell's 130 for an interrupted run.
 */
import {markdownCell} from './readme-section.js';
import {worstSeverity, type IntegrationReport, type Severity} from './report.js';

export type ExitName =
	| 'ok'
	| 'warning'
	| 'failed'
	| 'critical'
	| 'wrong-user'
	| 'unknown'
	| 'usage'
	| 'unavailable'
	| 'software'
	| 'cant-create'
	| 'io-error'
	| 'temp-fail'
	| 'protocol'
	| 'no-permission'
	| 'config'
	| 'interrupted';

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
		name: 'ok',
		code: 0,
		commands: 'every command',
		meaning:
			'Success. `check`: every integration is OK (with `--json`: the run completed; read each `status`); `call`: OSCAR answered 2xx; `connect`: connected as the dedicated user; ' +
			'`admin audit`: no finding (with `--json`: the audit completed); `admin register`: registered, stored and proved; `exporter`: stopped by SIGINT or SIGTERM.',
	},
	{
		name: 'warning',
		code: 1,
		commands: '`check`, `call`, `admin audit`',
		meaning:
			'`check`: the worst status is WARNING. `call`: OSCAR answered with a status other than 2xx. `admin audit`: the worst finding is a warning.',
	},
	{
		name: 'failed',
		code: 1,
		commands: '`connect`, `remove`',
		meaning:
			'`connect`: the authorization failed (the reason is printed; nothing is saved), or the token was saved but is bound to no provider (`token-no-provider`) ' +
			'or whom it acts as could not be checked (the clock or the lifetime kept it from being sent): the finding and its fix are printed. `remove`: the confirmation was declined; nothing was removed.',
	},
	{
		name: 'critical',
		code: 2,
		commands: '`check`, `call`, `admin`',
		meaning:
			'`check`: the worst status is CRITICAL. `call`: nothing usable came back (not sent, unreachable, TLS failure). `admin audit`: the worst finding is critical. ' +
			'`admin register`: the client was registered and its key and secret stored, but OSCAR rejected them in the signed request-token call.',
	},
	{
		name: 'wrong-user',
		code: 2,
		commands: '`connect`',
		meaning: 'Connected, but the token acts as ANOTHER provider than the dedicated user: it is saved and flagged (`token-wrong-user`).',
	},
	{
		name: 'unknown',
		code: 3,
		commands: '`check`',
		meaning:
			'The worst status is UNKNOWN; also an interrupted run with `--format nagios`, bad arguments, an unreadable configuration, an `--output` that cannot be written and internal errors, so monitoring reads them as UNKNOWN.',
	},
	{
		name: 'usage',
		code: 64,
		commands: 'every command but `check`',
		meaning:
			'Bad arguments (EX_USAGE), an input file with problems (`import`), a path refused by the guard (`call`), no terminal for the dashboard, ' +
			'or (`admin register`) a lifetime that is not a whole number or a URI the callback does not start with.',
	},
	{
		name: 'unavailable',
		code: 69,
		commands: '`admin`, `exporter`',
		meaning:
			'`admin`: OSCAR is unreachable, or has no REST Clients admin API (EX_UNAVAILABLE: older versions answer 404 on `admin/api/clientManage.json`). ' +
			"`exporter`: it cannot listen on the `--listen` address (in use, or not this machine's).",
	},
	{
		name: 'software',
		code: 70,
		commands: 'every command but `check`',
		meaning: 'An internal error (EX_SOFTWARE), or a check that did not complete (`report`).',
	},
	{
		name: 'cant-create',
		code: 73,
		commands: '`report`, `export`, `admin register`',
		meaning:
			'Something cannot be created (EX_CANTCREAT). `report`, `export`: the `--output` file cannot be written (a directory, a path without permission, a read-only file system, a full disk); ' +
			'the message names the file and the reason, and an earlier file there is unchanged. `admin register`: OSCAR already has a REST client of that name: adopt it with `--adopt`, or choose another name.',
	},
	{
		name: 'io-error',
		code: 74,
		commands: '`admin register`',
		meaning:
			'The REST client was created on OSCAR, but its key and secret could not be written to the config (EX_IOERR): fix that, then adopt it with `--adopt`.',
	},
	{name: 'temp-fail', code: 75, commands: '`admin`', meaning: 'OSCAR ended the admin session mid-way (EX_TEMPFAIL): run it again.'},
	{
		name: 'protocol',
		code: 76,
		commands: '`admin`',
		meaning:
			'OSCAR gave an answer no known OSCAR gives, refused the method, or did not list the client it said it added (EX_PROTOCOL); the evidence is printed.',
	},
	{
		name: 'no-permission',
		code: 77,
		commands: '`admin`',
		meaning: 'OSCAR refused the admin login, or the user is not an administrator (EX_NOPERM; CARLOS needs the `_admin` privilege).',
	},
	{
		name: 'config',
		code: 78,
		commands: 'every command but `check`',
		meaning:
			'The configuration file is unreadable or invalid (EX_CONFIG); the message names the file and the problem. ' +
			'`admin register`: the integration keeps its secret as an `env:`/`file:` reference, which register does not write (the message says what to put where).',
	},
	{
		name: 'interrupted',
		code: 130,
		commands: '`check`, `report`, `call`, `connect`, `admin`; `add`, `set-token` at a secret prompt; the dashboard',
		meaning:
			'Interrupted by Ctrl+C (SIGINT) or SIGTERM before it finished; in the headless commands both signals take the same path. ' +
			'`check`: the unfinished integrations are reported as `cancelled` (UNKNOWN) and `--output` keeps the last completed run (`--format nagios` exits 3 instead). ' +
			'`report`, `call`: the request is aborted and nothing is printed. `connect`, `add`, `set-token`: nothing was saved (`admin`: the session, if one was open, was logged out). ' +
			'The dashboard: quit with Ctrl+C (every edit was saved when it was made); a signal ends it as killed by that signal (128 + its number: 143 for SIGTERM), after it has given the terminal back.',
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
