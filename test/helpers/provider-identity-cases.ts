/**
 * ONE table of expected-provider cases, run through the pure rule (core/provider-identity.ts)
 * and through every path that applies it: the check's oauth/info probe against the simulator,
 * `connect` (the authorization flow) against the simulator, and the wizard.
 *
 * The token always acts as the simulator's dedicated user: providerNo 999001, Booking App, whose
 * oauth/info formattedName is "App, Booking".
 */
export const actingProvider = {providerNo: '999001', firstName: 'Booking', lastName: 'App', formattedName: 'App, Booking'} as const;

/** What oauth/info answers for the acting provider, as the simulator (and OSCAR) formats it. */
export const actingInfoBody = JSON.stringify({
	provider: {
		providerNo: actingProvider.providerNo,
		firstName: actingProvider.firstName,
		lastName: actingProvider.lastName,
		formattedName: actingProvider.formattedName,
	},
	login: actingProvider.providerNo,
	roles: [],
});

interface ProviderCase {
	readonly what: string;
	/** The integration's expectedProvider. */
	readonly expected: string;
	readonly matches: boolean;
}

export const providerCases: readonly ProviderCase[] = [
	{what: 'the providerNo', expected: '999001', matches: true},
	{what: 'the providerNo with spaces around it', expected: ' 999001 ', matches: true},
	{what: 'the formatted name "Last, First"', expected: 'App, Booking', matches: true},
	{what: 'the formatted name in another case', expected: 'app, BOOKING', matches: true},
	{what: '"First Last"', expected: 'Booking App', matches: true},
	{what: '"First Last" with extra spaces, any case', expected: '  booking   APP ', matches: true},
	{what: 'the first name alone (a part of the name)', expected: 'Booking', matches: false},
	{what: 'the last name alone (a part of the name)', expected: 'App', matches: false},
	{what: '"Last First" without the comma', expected: 'App Booking', matches: false},
	{what: '"Last,First" without the space', expected: 'App,Booking', matches: false},
	{what: 'a part of the providerNo', expected: '99900', matches: false},
	{what: 'the providerNo with a name after it', expected: '999001 Booking', matches: false},
	{what: 'another provider number', expected: '100001', matches: false},
	{what: "another provider's name", expected: 'Jane Smith', matches: false},
];
