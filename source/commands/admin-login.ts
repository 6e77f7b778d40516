/**
 * The admin login for `oscar-rest admin ...`, asked each time and kept only in memory: on a terminal
 * the username is typed visibly and the password and PIN without echo; in scripts
 * `--user NAME --password-stdin` reads the password, then the PIN, one per line from stdin (like
 * `docker login --password-stdin`). Also: Ctrl+C as an AbortSignal, and typed failures printed with
 * their evidence and mapped to their exit name (core/admin/errors.ts).
 */
import readline from 'node:readline';
import {AdminApiError, RegisterError, adminExitName} from '../core/admin/index.js';
import type {ExitName} from '../core/exit-codes.js';
import type {Evidence} from '../core/report.js';
import type {AdminCredentials} from '../oscar/admin-session.js';
import {type CommandContext, UserError} from './context.js';
import {readHiddenLine} from './prompt.js';

/** The flags every admin subcommand takes for the login. */
export const adminLoginOptions = {
	user: {type: 'string'},
	'password-stdin': {type: 'boolean'},
	timeout: {type: 'string'},
} as const;

export const adminLoginHelp = `Login (asked each time, never stored; the session lives in memory and is logged out at the end)
  on a terminal         username, then password and PIN without echo
  --user NAME           the admin's username (with --password-stdin: required)
  --password-stdin      read the password, then the PIN (second-level passcode), one per line from stdin
  --timeout SECONDS     per phase of each request (default 10)`;

type Stdin = CommandContext['stdin'] & {setRawMode?: (mode: boolean) => void};

function isTerminal(stdin: Stdin): boolean {
	return stdin.isTTY === true && typeof stdin.setRawMode === 'function';
}

function readVisibleLine(stdin: Stdin, stderr: NodeJS.WritableStream, label: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const lines = readline.createInterface({input: stdin, output: stderr, terminal: true});
		lines.on('SIGINT', () => {
			lines.close();
			stderr.write('\n');
			reject(new UserError('cancelled.', 'interrupted'));
		});
		lines.question(label, answer => {
			lines.close();
			resolve(answer.trim());
		});
	});
}

/** Up to `count` lines from a pipe (fewer when it ends first). */
async function readLines(stdin: Stdin, count: number): Promise<string[]> {
	let text = '';
	for await (const chunk of stdin) {
		text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
		if (text.split('\n').length > count) break;
	}

	return text.split(/\r?\n/).slice(0, count);
}

/** Ask for the admin login of `label` (an instance and its URL). Throws UserError for what the user must change. */
export async function askAdminCredentials(
	context: CommandContext,
	options: {command: string; label: string; user?: string; passwordStdin: boolean},
): Promise<AdminCredentials> {
	const stdin = context.stdin as Stdin;
	const user = options.user?.trim();
	if (options.passwordStdin) {
		if (user === undefined || user === '')
			throw new UserError(`${options.command}: --password-stdin needs --user NAME (the admin's username).`);
		const [password = '', pin = ''] = await readLines(stdin, 2);
		if (password === '') throw new UserError(`${options.command}: no password on stdin: pipe the password, then the PIN, one per line.`);
		return {username: user, password, pin};
	}

	if (!isTerminal(stdin)) {
		throw new UserError(
			`${options.command} needs an OSCAR administrator's login and there is no terminal to ask for it: ` +
				'use --user NAME --password-stdin and pipe the password, then the PIN, one per line.',
		);
	}

	context.stderr.write(`OSCAR administrator login for ${options.label} (used for this run only, never stored)\n`);
	const username = user !== undefined && user !== '' ? user : await readVisibleLine(stdin, context.stderr, 'Username: ');
	if (username === '') throw new UserError(`${options.command}: no username given.`);
	const password = await readHiddenLine(stdin as NodeJS.ReadStream, context.stderr, 'Password');
	const pin = await readHiddenLine(stdin as NodeJS.ReadStream, context.stderr, 'PIN (second-level passcode; Enter if none)', {
		allowEmpty: true,
	});
	return {username, password, pin};
}

/** A per-phase timeout flag in seconds, as milliseconds. */
export function timeoutFlag(command: string, raw: string | undefined): number | undefined {
	if (raw === undefined) return undefined;
	if (!/^\d+$/.test(raw) || Number(raw) < 1)
		throw new UserError(`${command}: --timeout must be a whole number of seconds >= 1, got "${raw}".`);
	return Number(raw) * 1000;
}

/** Ctrl+C (and SIGTERM) as an AbortSignal for the duration of a run. */
export function interruptSignal(): {signal: AbortSignal; dispose: () => void} {
	const controller = new AbortController();
	const onSignal = () => {
		controller.abort();
	};

	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	return {
		signal: controller.signal,
		dispose() {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		},
	};
}

function writeEvidence(stderr: NodeJS.WritableStream, evidence: readonly Evidence[]): void {
	for (const item of evidence) stderr.write(`  ${item.label}: ${item.value}\n`);
}

/** Print a typed admin failure (code, message, evidence) on stderr and return its exit name; other errors are rethrown. */
export function reportAdminFailure(context: CommandContext, error: unknown, hint?: (error: RegisterError) => string | undefined): ExitName {
	if (error instanceof AdminApiError) {
		if (error.code === 'cancelled') {
			context.stderr.write('Cancelled; the admin session, if one was open, was logged out.\n');
			return 'interrupted';
		}

		context.stderr.write(`✖ ${error.code}: ${error.message}\n`);
		writeEvidence(context.stderr, error.evidence);
		return adminExitName(error);
	}

	if (error instanceof RegisterError) {
		context.stderr.write(`✖ ${error.code}: ${error.message}\n`);
		const extra = hint?.(error);
		if (extra) context.stderr.write(`  → ${extra}\n`);
		return adminExitName(error);
	}

	throw error;
}
