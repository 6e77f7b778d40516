import {describe, expect, it} from 'vitest';
import {actsAsExpectedProvider} from '../../source/core/provider-identity.js';
import {parseIdentity} from '../../source/oscar/probes/integration.js';
import {actingInfoBody, providerCases} from '../helpers/provider-identity-cases.js';

describe('actsAsExpectedProvider: the one rule', () => {
	const identity = parseIdentity(actingInfoBody)!;

	it('reads the identity oauth/info gives, name parts included', () => {
		expect(identity).toEqual({providerNo: '999001', name: 'App, Booking', firstName: 'Booking', lastName: 'App', roles: []});
	});

	it.each(providerCases)('$what ("$expected") -> $matches', ({expected, matches}) => {
		expect(actsAsExpectedProvider(expected, identity)).toBe(matches);
	});

	it('without a formatted name, "First Last" and "Last, First" still match, a part does not', () => {
		const bare = {providerNo: '7', firstName: 'Jane', lastName: 'Smith'};
		expect(actsAsExpectedProvider('jane smith', bare)).toBe(true);
		expect(actsAsExpectedProvider('Smith, Jane', bare)).toBe(true);
		expect(actsAsExpectedProvider('Smith', bare)).toBe(false);
	});

	it('a provider with one name is matched by that whole name; a blank expectation matches nothing', () => {
		expect(actsAsExpectedProvider('abcd', {providerNo: '8', firstName: 'ABCD', name: 'ABCD'})).toBe(true);
		expect(actsAsExpectedProvider('  ', {providerNo: '', name: ''})).toBe(false);
	});
});
