/**
 * Step 9's last question: WHO does the new token act as? From what oauth/info said, the findings
 * the wizard and `connect` report (codes from the diagnosis catalogue, fix steps filled with the
 * integration's real values). Pure.
 */
import {type FixContext, fixSteps} from '../fix-steps.js';
import {actsAsExpectedProvider} from '../provider-identity.js';
import type {Identity} from '../report.js';
import type {TokenGuardRefusal} from '../token-guard.js';
import type {InfoResult} from './oauth-legs.js';

/** Something the identity check found about the new token (codes from the diagnosis catalogue). */
export interface AuthorizationFinding {
	readonly code: 'token-wrong-user' | 'token-no-provider' | TokenGuardRefusal;
	readonly message: string;
	readonly fix: readonly string[];
}

function wrongUser(expected: string, identity: Identity, context: FixContext): AuthorizationFinding {
	const who = identity.name ? `${identity.name} (provider ${identity.providerNo})` : `provider ${identity.providerNo}`;
	return {
		code: 'token-wrong-user',
		message: `The new token acts as ${who}, not as the dedicated user "${expected}". The browser was probably already logged into OSCAR as someone else: revoke it and authorize again in a NEW PRIVATE/INCOGNITO window.`,
		fix: fixSteps('token-wrong-user', context),
	};
}

/** The token is bound to no provider: oauth/info could not say whom it acts as. */
export function noProvider(context: FixContext = {}): AuthorizationFinding {
	return {
		code: 'token-no-provider',
		message:
			'OSCAR issued the token but cannot tell which provider it acts as (oauth/info has no provider, or answered 401 right after the exchange): calls will fail. Checks keep reporting this for this token until it is replaced.',
		fix: fixSteps('token-no-provider', context),
	};
}

/** The guard kept the new token from oauth/info (clock skew, or a lifetime already over): identity not checked. */
export function notChecked(code: TokenGuardRefusal, reason: string, context: FixContext = {}): AuthorizationFinding {
	return {
		code,
		message: `The token is saved, but who it acts as was not checked: it was not sent because ${reason}.`,
		fix: fixSteps(code, context),
	};
}

export interface IdentityCheck {
	readonly identity?: Identity;
	/** true/false when an expected provider is set and oauth/info named one; undefined otherwise. */
	readonly matches?: boolean;
	readonly findings: readonly AuthorizationFinding[];
}

/** What oauth/info's answer means for a new token, given the integration's dedicated provider. */
export function checkIdentity(info: InfoResult, expectedProvider: string | undefined, context: FixContext = {}): IdentityCheck {
	if (info.kind === 'no-provider') return {findings: [noProvider(context)]};
	const {identity} = info;
	if (!expectedProvider?.trim()) return {identity, findings: []};
	const matches = actsAsExpectedProvider(expectedProvider, identity);
	return {identity, matches, findings: matches ? [] : [wrongUser(expectedProvider, identity, context)]};
}
