/** The token guard's table (test/helpers/token-guard-cases.ts) against the core function itself. */
import {describe, expect, it} from 'vitest';
import {isSkewUnsafe, mayCarryToken, measureSkewSeconds, tokenExpiresAt} from '../../source/core/token-guard.js';
import {tokenGuardCases} from '../helpers/token-guard-cases.js';

const nowSeconds = 1_750_000_000;

describe('mayCarryToken: the one rule for "may this request carry the token"', () => {
	it.each(tokenGuardCases)('$name -> $expected', ({skew, expired, proven, expected}) => {
		const decision = mayCarryToken({skewSeconds: skew, expiresAt: expired ? nowSeconds - 1 : null, nowSeconds, proven});
		expect(decision.allowed ? 'allowed' : decision.code).toBe(expected);
		if (!decision.allowed) expect(decision.reason.length).toBeGreaterThan(20);
	});

	it('a token expiring this very second is still valid (CXF: expired when issuedAt + lifetime < now)', () => {
		expect(mayCarryToken({skewSeconds: 0, expiresAt: nowSeconds, nowSeconds, proven: true}).allowed).toBe(true);
		expect(mayCarryToken({skewSeconds: 0, expiresAt: undefined, nowSeconds, proven: true}).allowed).toBe(true);
	});

	it('isSkewUnsafe is the skew part alone', () => {
		expect([undefined, -240, -239, 239, 240].map(isSkewUnsafe)).toEqual([true, true, false, false, true]);
	});
});

describe('the inputs of the guard', () => {
	it('measures the skew from a Date header at the middle of the exchange', () => {
		const local = Date.UTC(2026, 0, 1, 12, 0, 0);
		expect(measureSkewSeconds(new Date(local + 240_000).toUTCString(), local - 300)).toBe(240);
		expect(measureSkewSeconds(new Date(local - 239_000).toUTCString(), local)).toBe(-239);
		expect(measureSkewSeconds(undefined, local)).toBeUndefined();
		expect(measureSkewSeconds('yesterday-ish', local)).toBeUndefined();
	});

	it('knows when a token expires: -1 never (classic), CARLOS one hour, unknown without an issue time', () => {
		expect(tokenExpiresAt({lifetime: -1})).toBeNull();
		expect(tokenExpiresAt({lifetime: -1, issuedAt: 100})).toBeNull();
		expect(tokenExpiresAt({lifetime: 3600, issuedAt: 100})).toBe(3700);
		expect(tokenExpiresAt({lifetime: 0, issuedAt: 100})).toBe(100);
		expect(tokenExpiresAt({dialect: 'carlos', lifetime: -1, issuedAt: 100})).toBe(3700);
		expect(tokenExpiresAt({dialect: 'carlos', lifetime: -1})).toBeUndefined();
		expect(tokenExpiresAt({lifetime: 3600})).toBeUndefined();
	});
});
