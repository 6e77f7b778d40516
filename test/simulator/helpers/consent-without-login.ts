/**
 * The three legs with a consent given WITHOUT logging in (classic OSCAR lets the decision through
 * and stores the token with providerNo NULL), signed by the independent test signer.
 */
import {expect} from 'vitest';
import type {RunningInstance, SimClient} from '../../../source/simulator/index.js';
import {formAnswer, signedFetch} from './signer.js';

export async function consentWithoutLogin(
	instance: RunningInstance,
	client: SimClient,
	callback = `${client.uri}/callback`,
): Promise<{token: string; secret: string}> {
	const nowSeconds = () => Math.floor(instance.now() / 1000);
	const initiate = await signedFetch({
		method: 'POST',
		url: `${instance.baseUrl}/ws/oauth/initiate`,
		consumerKey: client.key,
		consumerSecret: client.secret,
		oauth: {oauth_callback: callback},
		nowSeconds: nowSeconds(),
	});
	expect(initiate.status).toBe(200);
	const request = formAnswer(await initiate.text());
	const page = await fetch(`${instance.baseUrl}/ws/oauth/authorize?oauth_token=${request.oauth_token!}`);
	const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
	await page.text();
	// The page shows only the login box; the session's authenticity token is read from the server state,
	// as a client that posts the decision without logging in would have it.
	const authenticity = instance.state.sessions.get(cookie.replace(/^JSESSIONID=/, ''))!.authenticityToken!;
	const decision = await fetch(`${instance.baseUrl}/ws/oauth/authorize/decision`, {
		method: 'POST',
		redirect: 'manual',
		headers: {cookie, 'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({
			session_authenticity_token: authenticity,
			oauth_token: request.oauth_token!,
			oauthDecision: 'allow',
		}).toString(),
	});
	const verifier = new URL(decision.headers.get('location')!).searchParams.get('oauth_verifier')!;
	const exchange = await signedFetch({
		method: 'POST',
		url: `${instance.baseUrl}/ws/oauth/token`,
		consumerKey: client.key,
		consumerSecret: client.secret,
		token: request.oauth_token,
		tokenSecret: request.oauth_token_secret,
		oauth: {oauth_verifier: verifier},
		nowSeconds: nowSeconds(),
	});
	expect(exchange.status).toBe(200);
	const access = formAnswer(await exchange.text());
	return {token: access.oauth_token!, secret: access.oauth_token_secret!};
}
