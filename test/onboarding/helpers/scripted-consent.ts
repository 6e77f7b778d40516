/**
 * What a person does on the simulator's consent page, scripted over HTTP (fetch + the session
 * cookie): log in as `user`, press Authorize, and return where OSCAR redirects the browser,
 * without following it (so a test can paste it, follow it, or wait before using it).
 */
import {expect} from 'vitest';

export interface SimLogin {
	readonly username: string;
	readonly password: string;
	readonly pin: string;
}

interface Consent {
	/** The redirect target (`callback?oauth_token=..&oauth_verifier=..`), absent for oob. */
	readonly location?: string;
	/** The page OSCAR showed after the decision (the oob page carries the verifier). */
	readonly page: string;
	readonly verifier: string;
}

/** Log in as `user` on the consent page and press Authorize: OSCAR's answer, its redirect not followed. */
export async function submitConsent(authorizeUrl: string, user: SimLogin): Promise<{readonly location?: string; readonly text: string}> {
	const first = await fetch(authorizeUrl);
	const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
	await first.text();
	const base = authorizeUrl.slice(0, authorizeUrl.indexOf('/ws/oauth/authorize'));
	const token = new URL(authorizeUrl).searchParams.get('oauth_token')!;
	const login = await fetch(`${base}/login.do`, {
		method: 'POST',
		headers: {cookie, 'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({...user, oauth_token: token, ajaxResponse: 'true', invalidate_session: 'false'}).toString(),
	});
	expect(await login.json()).toMatchObject({success: true});
	const page = await (await fetch(authorizeUrl, {headers: {cookie}})).text();
	const authenticity = /name="session_authenticity_token" value="([^"]+)"/.exec(page)![1]!;
	const decision = await fetch(`${base}/ws/oauth/authorize/decision`, {
		method: 'POST',
		redirect: 'manual',
		headers: {cookie, 'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({session_authenticity_token: authenticity, oauth_token: token, oauthDecision: 'allow'}).toString(),
	});
	const text = await decision.text();
	const location = decision.headers.get('location') ?? undefined;
	return location === undefined ? {text} : {location, text};
}

export async function consent(authorizeUrl: string, user: SimLogin): Promise<Consent> {
	const {location, text} = await submitConsent(authorizeUrl, user);
	if (location) return {location, page: text, verifier: new URL(location).searchParams.get('oauth_verifier')!};
	const verifier = /has verifier (\S+?)</.exec(text)?.[1];
	expect(verifier).toBeDefined();
	return {page: text, verifier: verifier!};
}
