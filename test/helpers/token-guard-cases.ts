/**
 * ONE table for the rule "may this request carry the token" (source/core/token-guard.ts), run
 * through every path that applies it: the core function, the quick check against the simulator
 * (clock offsets), `call`, and the authorization flow of `connect` and the wizard.
 * `skew` is the server clock minus the local one (undefined: no Date header).
 */
export interface TokenGuardCase {
	readonly name: string;
	readonly skew: number | undefined;
	readonly expired: boolean;
	readonly proven: boolean;
	/** What the guard decides: the token may go, or the refusal's diagnosis code. */
	readonly expected: 'allowed' | 'token-expired' | 'token-skipped-skew' | 'token-skipped-unproven';
}

const skewRows: ReadonlyArray<readonly [number | undefined, TokenGuardCase['expected']]> = [
	[0, 'allowed'],
	[239, 'allowed'],
	[240, 'token-skipped-skew'],
	[241, 'token-skipped-skew'],
	[-239, 'allowed'],
	[-240, 'token-skipped-skew'],
	[-241, 'token-skipped-skew'],
	// 240-299 s: OSCAR would still accept the request, the guard keeps a margin.
	[299, 'token-skipped-skew'],
	[300, 'token-skipped-skew'],
	[undefined, 'token-skipped-skew'],
];

export const tokenGuardCases: readonly TokenGuardCase[] = [
	...skewRows.map(([skew, expected]) => ({name: `skew ${skew ?? 'unmeasured'}`, skew, expired: false, proven: true, expected})),
	{name: 'expired token, clock in step', skew: 0, expired: true, proven: true, expected: 'token-expired'},
	{name: 'expired token and skew 240', skew: 240, expired: true, proven: true, expected: 'token-expired'},
	{name: 'unproven configuration, clock in step', skew: 0, expired: false, proven: false, expected: 'token-skipped-unproven'},
	{name: 'unproven configuration and skew 240', skew: 240, expired: false, proven: false, expected: 'token-skipped-skew'},
	{name: 'unproven configuration and skew 239', skew: 239, expired: false, proven: false, expected: 'token-skipped-unproven'},
];
