/**
 * May this request carry the access token? ONE rule, used by the quick and deep checks, `call`,
 * `connect` and the wizard. Classic OSCAR (CXF 2.7) DELETES an access token when a request that
 * carries it fails validation, so the token travels only when nothing known would make it fail:
 * the clock skew is measured and under 240 s (OSCAR's window is +-300 s), the token's known
 * lifetime has not passed, and the configuration it is signed with (base URL, dialect, key,
 * secret) has been proven by a signed request that succeeded.
 */

/** OSCAR's timestamp window (net.oauth's SimpleOAuthValidator), seconds either way. */
export const skewWindowSeconds = 300;
/** From this skew on (either way) the token is not sent: a margin below the window. */
export const skewRefuseSeconds = 240;
/** From this skew on the clock deserves a warning. */
export const skewWarnSeconds = 120;

export interface TokenGuardInput {
	/** Server clock minus local clock, seconds; undefined when it could not be measured. */
	readonly skewSeconds: number | undefined;
	/** Epoch seconds the token expires; null = never; undefined = unknown. */
	readonly expiresAt: number | null | undefined;
	/** Epoch seconds now (local clock). */
	readonly nowSeconds: number;
	/** A signed request with this configuration has succeeded (see configuration-proof.ts). */
	readonly proven: boolean;
}

export type TokenGuardRefusal = 'token-expired' | 'token-skipped-skew' | 'token-skipped-unproven';

export type TokenGuardDecision =
	{readonly allowed: true} | {readonly allowed: false; readonly code: TokenGuardRefusal; readonly reason: string};

/** CXF's rule: expired when issuedAt + lifetime < now (lifetime -1 never expires). */
export function isPastExpiry(expiresAt: number | null | undefined, nowSeconds: number): boolean {
	return typeof expiresAt === 'number' && expiresAt < nowSeconds;
}

/** The skew part of the rule: unmeasured, or at or over the margin either way. */
export function isSkewUnsafe(skewSeconds: number | undefined): boolean {
	return skewSeconds === undefined || Math.abs(skewSeconds) >= skewRefuseSeconds;
}

/** The decision, with the first reason that forbids it (expiry, then the clock, then the proof). */
export function mayCarryToken(input: TokenGuardInput): TokenGuardDecision {
	if (isPastExpiry(input.expiresAt, input.nowSeconds)) {
		return {
			allowed: false,
			code: 'token-expired',
			reason: `its known lifetime ended at ${new Date(input.expiresAt! * 1000).toISOString()}; OSCAR rejects it (and classic OSCAR deletes a token whose request fails)`,
		};
	}

	if (isSkewUnsafe(input.skewSeconds)) {
		return {
			allowed: false,
			code: 'token-skipped-skew',
			reason:
				input.skewSeconds === undefined
					? 'the clock skew could not be measured (no usable Date header)'
					: `the clock skew is ${input.skewSeconds > 0 ? '+' : ''}${input.skewSeconds} s, at or over ${skewRefuseSeconds} s; OSCAR's window is +-${skewWindowSeconds} s and a rejected request makes classic OSCAR delete the token`,
		};
	}

	if (!input.proven) {
		return {
			allowed: false,
			code: 'token-skipped-unproven',
			reason:
				'no signed request has succeeded yet with this base URL, dialect, key and secret; a wrong key, secret or proxy URL would make classic OSCAR delete the token',
		};
	}

	return {allowed: true};
}

/**
 * Server clock minus local clock, in whole seconds, from an HTTP Date header (1 s resolution, set
 * when the answer is built): compared with the local time at the middle of the exchange.
 */
export function measureSkewSeconds(dateHeader: string | undefined, localMidMs: number): number | undefined {
	const serverMs = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
	return Number.isNaN(serverMs) ? undefined : Math.round((serverMs - localMidMs) / 1000);
}

/** Epoch seconds a token expires: null = never (lifetime -1, classic), undefined = unknown. CARLOS: one hour. */
export function tokenExpiresAt(token: {
	readonly dialect?: 'classic' | 'carlos';
	readonly lifetime?: number;
	readonly issuedAt?: number;
}): number | null | undefined {
	if (token.issuedAt === undefined) return token.lifetime === -1 && token.dialect !== 'carlos' ? null : undefined;
	if (token.dialect === 'carlos') return token.issuedAt + carlosTokenLifetimeSeconds;
	if (token.lifetime === undefined) return undefined;
	if (token.lifetime < 0) return null;
	return token.issuedAt + token.lifetime;
}

/** CARLOS access tokens live one hour whatever the REST client's lifetime says. */
export const carlosTokenLifetimeSeconds = 3600;
