/**
 * From the configured inventory entries to what the authorization flow signs with: the consumer
 * secret resolved (env:/file: references), and the callback port the registered URI implies.
 * Shared by `oscar-rest connect` and the dashboard's wizard, so both connect the same way.
 */
import {integrationId, type Instance, type Integration, type SecretRef} from '../model.js';
import type {AuthInstance, AuthIntegration} from './oauth-legs.js';
import {defaultCallbackPort} from './rest-client-fields.js';

export function authInstance(instance: Instance): AuthInstance {
	return {
		name: instance.name,
		baseUrl: instance.baseUrl,
		...(instance.caFile ? {caFile: instance.caFile} : {}),
		...(instance.insecureTls ? {insecureTls: true} : {}),
		...(instance.dialect ? {dialect: instance.dialect} : {}),
	};
}

/** `resolve` turns the SecretRef into the value (source/store/secrets.ts's resolveSecret). */
export function authIntegration(
	instance: Instance,
	integration: Integration,
	resolve: (ref: SecretRef) => string,
	consumerSecret?: string,
): AuthIntegration {
	return {
		id: integrationId(instance.name, integration.name),
		instance: instance.name,
		name: integration.name,
		consumerKey: integration.consumerKey,
		consumerSecret: consumerSecret ?? resolve(integration.consumerSecret),
		...(integration.uri === undefined ? {} : {uri: integration.uri}),
		...(integration.callback === undefined ? {} : {callback: integration.callback}),
		...(integration.expectedProvider === undefined ? {} : {expectedProvider: integration.expectedProvider}),
		...(integration.lifetime === undefined ? {} : {lifetime: integration.lifetime}),
		...(integration.signatureMethod ? {signatureMethod: integration.signatureMethod} : {}),
		...(integration.transport ? {transport: integration.transport} : {}),
	};
}

/**
 * The callback port to listen on: the port of the registered URI when it is a loopback URI with
 * an explicit port (http://127.0.0.1:9000 -> 9000), else 8765, the port the wizard tells admins to register.
 */
export function callbackPortFor(uri: string | undefined): number {
	if (uri === undefined) return defaultCallbackPort;
	const match = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})(?:[/?#]|$)/i.exec(uri.trim());
	const port = match ? Number(match[1]) : Number.NaN;
	return Number.isInteger(port) && port > 0 && port < 65_536 ? port : defaultCallbackPort;
}
