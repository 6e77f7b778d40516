/**
 * "Proven configuration": the base URL, dialect, consumer key and consumer secret with which a
 * signed request has succeeded (a signed request-token call, a 200 from oauth/info, or a completed
 * token exchange). Only a proven configuration may carry the stored access token (token-guard.ts).
 * The proof travels with the integration's latest report as a fingerprint: sha256 over the four
 * fields, so the secret itself is never stored here. Any change of those fields gives another
 * fingerprint, so the proof no longer applies; a credentials or proxy finding drops it.
 */
import {hash} from 'node:crypto';
import type {ConfigurationProof, IntegrationReport} from './report.js';

export type {ConfigurationProof} from './report.js';

export interface ProvenFields {
	readonly baseUrl: string;
	readonly dialect?: 'classic' | 'carlos';
	readonly consumerKey: string;
	/** Resolved (never stored; only its hash enters the fingerprint). */
	readonly consumerSecret: string;
}

/**
 * sha256 (hex) over the four fields; the same fields always give the same fingerprint. One-shot
 * `hash`, not a Hash object: every integration's check computes one, and createHash's object
 * cost a few times the digest itself.
 */
export function configurationFingerprint(fields: ProvenFields): string {
	return hash(
		'sha256',
		JSON.stringify([
			'oscar-rest proven configuration v1',
			fields.baseUrl,
			fields.dialect ?? 'classic',
			fields.consumerKey,
			fields.consumerSecret,
		]),
		'hex',
	);
}

/** The previous report's proof when it was made for exactly these fields. */
export function proofFor(previous: IntegrationReport | undefined, fingerprint: string): ConfigurationProof | undefined {
	const proof = previous?.proof;
	return proof?.configuration === fingerprint ? proof : undefined;
}

/** A short, stable, one-way name for an access token (findings stick to a token, not its value). */
export function tokenFingerprint(accessToken: string): string {
	return hash('sha256', `oscar-rest access token v1\u0000${accessToken}`, 'hex').slice(0, 32);
}
