/**
 * The authorization flow's OAuthLegs, implemented with source/oscar's protocol functions
 * (signing, HTTP client with the instance's TLS settings, OSCAR's oauth/info format).
 */
import {accessToken, authorizeUrl, LegError, requestToken, signedGet, type LegOptions} from '../oscar/legs.js';
import {parseIdentity} from '../oscar/probes/token-probe.js';
import type {AuthInstance, AuthIntegration, OAuthLegs} from '../core/onboarding/oauth-legs.js';

function legOptions(integration: AuthIntegration, signal: AbortSignal | undefined, timeoutMs: number | undefined): LegOptions {
	return {
		consumer: {key: integration.consumerKey, secret: integration.consumerSecret},
		...(integration.signatureMethod ? {signatureMethod: integration.signatureMethod} : {}),
		...(integration.transport ? {transport: integration.transport} : {}),
		...(signal ? {signal} : {}),
		...(timeoutMs === undefined ? {} : {timeoutMs}),
	};
}

function target(instance: AuthInstance) {
	return {
		baseUrl: instance.baseUrl,
		...(instance.caFile ? {caFile: instance.caFile} : {}),
		...(instance.insecureTls ? {insecureTls: true} : {}),
	};
}

/** Real protocol legs. `timeoutMs` is per phase (source/oscar's default when absent). */
export function oscarLegs(options: {timeoutMs?: number} = {}): OAuthLegs {
	return {
		async requestToken(instance, integration, {callback, signal}) {
			const answer = await requestToken(target(instance), {...legOptions(integration, signal, options.timeoutMs), callback});
			return {token: answer.token, tokenSecret: answer.tokenSecret};
		},
		authorizeUrl: (instance, token) => authorizeUrl(instance.baseUrl, token),
		async accessToken(instance, integration, {requestToken: pair, verifier, signal}) {
			return accessToken(target(instance), {...legOptions(integration, signal, options.timeoutMs), requestToken: pair, verifier});
		},
		async oauthInfo(instance, integration, {accessToken: pair, signal}) {
			const exchange = await signedGet(target(instance), {
				...legOptions(integration, signal, options.timeoutMs),
				accessToken: pair,
				path: 'oauth/info',
			});
			if (exchange.status !== 200) throw new LegError('resource', exchange.status, exchange.body, exchange);
			// OSCAR answers 200 with this text (sic) when it cannot build the identity.
			if (/^Sorry, there was an error building your resp/i.test(exchange.body.trim())) return {kind: 'no-provider'};
			const identity = parseIdentity(exchange.body);
			if (identity === undefined) throw new LegError('resource', exchange.status, 'oauth/info did not answer JSON', exchange);
			return identity.providerNo === '' ? {kind: 'no-provider'} : {kind: 'identity', identity};
		},
	};
}
