/**
 * A scripted consent that works on both dialects: log in as `user` on the consent page, press
 * Authorize, and report where OSCAR sends the browser (not followed) or the verifier it shows
 * (classic's oob page, or CARLOS's plain-text verifier).
 */
import {type SimLogin, submitConsent} from './scripted-consent.js';

export interface AnyConsent {
	readonly location?: string;
	readonly verifier: string;
	/** What the user would paste: the address the browser ends on, or the page OSCAR shows. */
	readonly paste: string;
}

export async function consentAny(authorizeUrl: string, user: SimLogin): Promise<AnyConsent> {
	const {location, text} = await submitConsent(authorizeUrl, user);
	if (location) return {location, verifier: new URL(location).searchParams.get('oauth_verifier')!, paste: location};
	const verifier = /has verifier (\S+?)</.exec(text)?.[1] ?? text.trim();
	return {verifier, paste: verifier};
}
