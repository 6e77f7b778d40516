/**
 * A failed admin session as the dashboard and the wizard explain it: a headline that says what
 * happened in plain words (login refused, not an administrator, session ended, no admin API, OSCAR
 * unreachable), the typed error's message and evidence, and what to do next. Messages of the typed
 * errors never hold the password, the PIN or a secret; server text in them was sanitized where it
 * was read, and passes safeLine again here, as all text on its way to the screen does. Pure.
 */
import {AdminApiError, RegisterError, type AdminApiErrorCode, type RegisterErrorCode} from '../../core/admin/index.js';
import type {Evidence} from '../../core/report.js';
import {safeLine} from '../../core/untrusted-text.js';

export interface AdminFailure {
	readonly code: string;
	readonly headline: string;
	readonly message: string;
	readonly evidence: readonly Evidence[];
	/** True when logging in again may help (a refused login, an ended session, a network blip). */
	readonly retry: boolean;
}

const apiHeadlines: Readonly<Record<AdminApiErrorCode, string>> = {
	'login-failed': 'Login refused',
	'not-admin': 'Not an administrator',
	'session-expired': 'The admin session ended mid-way',
	'endpoint-missing': 'No REST Clients admin API on this OSCAR (an older version)',
	'method-not-allowed': 'OSCAR refused the request method',
	'unexpected-answer': 'An answer no known OSCAR gives',
	'name-in-use': 'A REST client of that name exists',
	rejected: 'OSCAR refused the change',
	network: 'OSCAR could not be reached',
	cancelled: 'Cancelled',
};

const registerHeadlines: Readonly<Record<RegisterErrorCode, string>> = {
	'lifetime-invalid': 'Refused before anything was sent: the lifetime',
	'uri-invalid': 'Refused before anything was sent: the URI',
	'secret-is-reference': 'Refused before anything was sent: the secret is kept outside the config',
	'name-in-use': 'A REST client of that name exists',
	'not-listed': 'OSCAR did not list the client it added',
	'save-failed': 'Created on OSCAR, but not saved here',
};

const retryable = new Set<string>(['login-failed', 'not-admin', 'session-expired', 'network', 'unexpected-answer']);

/** Any error of an admin run, explained. */
export function describeAdminFailure(error: unknown): AdminFailure {
	if (error instanceof AdminApiError || error instanceof RegisterError) {
		const headline = error instanceof AdminApiError ? apiHeadlines[error.code] : registerHeadlines[error.code];
		return {
			code: error.code,
			headline,
			message: safeLine(error.message),
			evidence:
				error instanceof AdminApiError ? error.evidence.map(item => ({label: safeLine(item.label), value: safeLine(item.value)})) : [],
			retry: retryable.has(error.code),
		};
	}

	return {
		code: 'internal-error',
		headline: 'Internal error',
		message: safeLine(error instanceof Error ? error.message : String(error)),
		evidence: [],
		retry: true,
	};
}
