/**
 * A scripted consent that works on both dialects: log in as `user` on the consent page, press
 * Authorize, and report where OSCAR sends the browser (not followed) or the verifier it shows
 * (classic's oob page, or CARLOS's plain-text verifier).
 */
import {expect} from 'vitest';
import type {SimLogin} from './scripted-consent.js';

export interface AnyConsent {
	readonly location?: string;
	readonly verifier: string;
	/** What the user would paste: the address the browser ends on, or the page OSCAR shows. */
	readonly paste: string;
}

export async function consentAny(authorizeUrl: string, user: SimLogin): Promise<AnyConsent> {
	const first = await fetch(authorizeUrl);
	const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
	await first.text();
	const base = authorizeUrl.slice(0, authorizeUrl.indexOf('/ws/oauth/authorize'));
	const token = new URL(authorizeUrl).searchParams.get('oauth_token')!;
	const login = await fetch(`${base}/login.do`, {
		method: 'POST', headers: {cookie, 'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({...user, oauth_token: token, ajaxResponse: 'true', invalidate_session: 'false'}).toString(),
	});
	expect(await login.json()).toMatchObject({success: true});
	const page = await (await fetch(authorizeUrl, {headers: {cookie}})).text();
	const authenticity = /name="session_authenticity_token" value="([^"]+)"/.exec(page)![1]!;
	const decision = await fetch(`${base}/ws/oauth/authorize/decision`, {
		method: 'POST', redirect: 'manual', headers: {cookie, 'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({session_authenticity_token: authenticity, oauth_token: token, oauthDecision: 'allow'}).toString(),
	});
	const text = await decision.text();
	const location = decision.headers.get('location') ?? undefined;
	if (location) return {location, verifier: new URL(location).searchParams.get('oauth_verifier')!, paste: location};
	const verifier = /has verifier (\S+?)</.exec(text)?.[1] ?? text.trim();
	return {verifier, paste: verifier};
}
