/**
 * Exit codes of `oscar-rest admin audit|register`, in the project's vocabulary: the nagios scale for
 * findings (0 OK, 1 WARNING, 2 CRITICAL) and sysexits.h for failures, like the other commands' 64, 70
 * and 78. One table, one function: every typed failure maps here and nowhere else.
 */
import type {AdminApiErrorCode, RegisterErrorCode} from '../core/admin/index.js';
import {exitCodes} from './context.js';

export const adminExitCodes = {
	ok: exitCodes.ok,
	warning: exitCodes.warning,
	critical: exitCodes.critical,
	usage: exitCodes.usage, // 64 bad arguments, a lifetime that is not an integer, a URI OSCAR would reject
	unavailable: 69, // EX_UNAVAILABLE: OSCAR unreachable, or it has no REST Clients admin API (404)
	software: exitCodes.software, // 70 internal error
	exists: 73, // EX_CANTCREAT: a REST client of that name exists (adopt it with --adopt)
	ioError: 74, // EX_IOERR: the client was created but the config could not be written
	tempFail: 75, // EX_TEMPFAIL: the admin session ended mid-way: run it again
	protocol: 76, // EX_PROTOCOL: an answer no known OSCAR gives (or a refused method)
	noPermission: 77, // EX_NOPERM: the login was refused, or the user is not an administrator
	config: exitCodes.config, // 78 unreadable config, or a secret kept as env:/file: that register cannot write
	cancelled: 130, // Ctrl+C
} as const;

const byApiError: Readonly<Record<AdminApiErrorCode, number>> = {
	'login-failed': adminExitCodes.noPermission,
	'not-admin': adminExitCodes.noPermission,
	'session-expired': adminExitCodes.tempFail,
	'endpoint-missing': adminExitCodes.unavailable,
	network: adminExitCodes.unavailable,
	'method-not-allowed': adminExitCodes.protocol,
	'unexpected-answer': adminExitCodes.protocol,
	rejected: adminExitCodes.protocol,
	'name-in-use': adminExitCodes.exists,
	cancelled: adminExitCodes.cancelled,
};

const byRegisterError: Readonly<Record<RegisterErrorCode, number>> = {
	'lifetime-invalid': adminExitCodes.usage,
	'uri-invalid': adminExitCodes.usage,
	'secret-is-reference': adminExitCodes.config,
	'name-in-use': adminExitCodes.exists,
	'not-listed': adminExitCodes.protocol,
	'save-failed': adminExitCodes.ioError,
};

/** The exit code for a typed admin failure. */
export function adminExitCode(failure: {readonly kind: 'api'; readonly code: AdminApiErrorCode} | {readonly kind: 'register'; readonly code: RegisterErrorCode}): number {
	return failure.kind === 'api' ? byApiError[failure.code] : byRegisterError[failure.code];
}
