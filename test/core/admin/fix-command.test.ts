/**
 * The command `y` copies from the dashboard's admin view, and the step the view shows it in: the
 * fix's first command with the one client or token the finding names filled in for `ID`, left as it
 * is when the finding names none or several, and nothing for a fix without a command. One table
 * through the filled finding (what the view shows) and the copy.
 */
import {describe, expect, it} from 'vitest';
import {auditFixCommand, finding, withFilledFix, type AuditScope, type Concerned} from '../../../source/core/admin/index.js';

const target = {baseUrl: 'https://emr.clinic.test:8443/oscar'};

const cases: Array<[string, string, AuditScope, Concerned, string | undefined]> = [
	['one client: its id', 'rest-client-lifetime-zero', 'client', {clients: [4]}, 'UPDATE ServiceClient SET lifetime = -1 WHERE id = 4;'],
	['one client, URI fix', 'rest-client-uri-blank', 'client', {clients: [7]}, "UPDATE ServiceClient SET uri = 'URI' WHERE id = 7;"],
	[
		"one token: the token's id, not its client's",
		'server-token-wrong-user',
		'token',
		{clients: [3], tokens: [11]},
		'DELETE FROM ServiceAccessToken WHERE id = 11;',
	],
	[
		'two tokens: ID left for the reader',
		'server-token-no-provider',
		'token',
		{clients: [3], tokens: [11, 12]},
		'DELETE FROM ServiceAccessToken WHERE id = ID;',
	],
	['no row named: left as it is', 'rest-client-lifetime-short', 'client', {}, 'UPDATE ServiceClient SET lifetime = -1 WHERE id = ID;'],
	[
		'several tokens: the reader picks them from the evidence',
		'rest-client-many-tokens',
		'client',
		{clients: [1], tokens: [1, 2, 3]},
		'DELETE FROM ServiceAccessToken WHERE id IN (…);',
	],
	['a fix without a command', 'rest-client-missing', 'integration', {integrations: ['clinic/kiosk']}, undefined],
];

describe('auditFixCommand', () => {
	it.each(cases)('%s', (_name, code, scope, concerned, expected) => {
		const shown = withFilledFix(finding(code, scope, 'summary', concerned, []), {});
		const copied = auditFixCommand(shown, target);
		expect(copied).toBe(expected);
		if (copied !== undefined && !copied.includes('URI')) expect(shown.fix.join('\n')).toContain(copied);
	});
});
