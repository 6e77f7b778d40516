/**
 * Typed failures of the admin API and of registration, with stable codes a command maps to exit
 * codes and a UI to messages. Messages name the instance and the fix; they never contain the
 * password, the PIN or any secret.
 */
import type {ExitName} from '../exit-codes.js';
import type {Evidence} from '../report.js';

export type AdminApiErrorCode =
	| 'login-failed' // OSCAR refused the username, password or PIN
	| 'not-admin' // CARLOS: the user lacks the _admin privilege (403)
	| 'session-expired' // the session ended mid-way (302 to logout.jsp)
	| 'endpoint-missing' // 404: an OSCAR without /admin/api/clientManage.json
	| 'method-not-allowed' // 405
	| 'unexpected-answer' // anything no known OSCAR answers
	| 'name-in-use' // add: "Name already being used."
	| 'rejected' // add/delete answered success false for another reason
	| 'network' // DNS, TCP, TLS, timeouts (evidence names the network code)
	| 'cancelled';

export class AdminApiError extends Error {
	constructor(
		readonly code: AdminApiErrorCode,
		message: string,
		readonly evidence: readonly Evidence[] = [],
	) {
		super(message);
		this.name = 'AdminApiError';
	}
}

export type RegisterErrorCode =
	| 'lifetime-invalid' // --lifetime is not an integer (OSCAR would store 0)
	| 'uri-invalid' // blank, or the integration's callback does not start with it
	| 'secret-is-reference' // the integration's secret is env:/file:, which register cannot write
	| 'name-in-use' // a client with this name exists (adopt it instead)
	| 'not-listed' // add said success but list does not show the client
	| 'save-failed'; // the client exists on OSCAR but the config could not be written

export class RegisterError extends Error {
	constructor(
		readonly code: RegisterErrorCode,
		message: string,
		readonly details: {readonly existing?: {readonly id: number; readonly key: string}} = {},
	) {
		super(message);
		this.name = 'RegisterError';
	}
}

const exitByApiError: Readonly<Record<AdminApiErrorCode, ExitName>> = {
	'login-failed': 'no-permission',
	'not-admin': 'no-permission',
	'session-expired': 'temp-fail',
	'endpoint-missing': 'unavailable',
	network: 'unavailable',
	'method-not-allowed': 'protocol',
	'unexpected-answer': 'protocol',
	rejected: 'protocol',
	'name-in-use': 'cant-create',
	cancelled: 'interrupted',
};

const exitByRegisterError: Readonly<Record<RegisterErrorCode, ExitName>> = {
	'lifetime-invalid': 'usage',
	'uri-invalid': 'usage',
	'secret-is-reference': 'config',
	'name-in-use': 'cant-create',
	'not-listed': 'protocol',
	'save-failed': 'io-error',
};

/** The exit name (source/core/exit-codes.ts) of a typed admin failure: the commands' one mapping. */
export function adminExitName(error: AdminApiError | RegisterError): ExitName {
	return error instanceof AdminApiError ? exitByApiError[error.code] : exitByRegisterError[error.code];
}
