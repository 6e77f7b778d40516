/**
 * Step 9's last question: WHO does the new token act as? From what oauth/info said, the findings
 * the wizard and `connect` report (codes from the diagnosis catalogue). Pure.
 */
import {actsAsExpectedProvider} from '../provider-identity.js';
import type {Identity} from '../report.js';
import type {InfoResult} from './oauth-legs.js';

/** Something the identity check found about the new token (codes from the diagnosis catalogue). */
export interface AuthorizationFinding {
	readonly code: 'token-wrong-user' | 'token-no-provider';
	readonly message: string;
	readonly fix: readonly string[];
}

function wrongUser(expected: string, identity: Identity): AuthorizationFinding {
	const who = identity.name ? `${identity.name} (provider ${identity.providerNo})` : `provider ${identity.providerNo}`;
	return {
		code: 'token-wrong-user',
		message: `The new token acts as ${who}, not as the dedicated user "${expected}". The browser was probably already logged into OSCAR as someone else.`,
		fix: [
			'Revoke this token in OSCAR (Administration > Integrations > REST Clients).',
			'Authorize again in a NEW PRIVATE/INCOGNITO window, logging in as the dedicated user.',
		],
	};
}

/** The token is bound to no provider: oauth/info could not say whom it acts as. */
export const noProvider: AuthorizationFinding = {
	code: 'token-no-provider',
	message: 'OSCAR issued the token but cannot tell which provider it acts as (oauth/info has no provider): calls will fail.',
	fix: ['Authorize again, logging in as the dedicated user in a private window.'],
};

export interface IdentityCheck {
	readonly identity?: Identity;
	/** true/false when an expected provider is set and oauth/info named one; undefined otherwise. */
	readonly matches?: boolean;
	readonly findings: readonly AuthorizationFinding[];
}

/** What oauth/info's answer means for a new token, given the integration's dedicated provider. */
export function checkIdentity(info: InfoResult, expectedProvider: string | undefined): IdentityCheck {
	if (info.kind === 'no-provider') return {findings: [noProvider]};
	const {identity} = info;
	if (!expectedProvider?.trim()) return {identity, findings: []};
	const matches = actsAsExpectedProvider(expectedProvider, identity);
	return {identity, matches, findings: matches ? [] : [wrongUser(expectedProvider, identity)]};
}
