/**
 * The wizard's services wired to the real protocol: step 3's probe (probeInstance), step 8's proof
 * (proveCredentials with the real legs) and step 9's authorization (runAuthorization), for one
 * configured integration. The dashboard command builds these; tests inject their own.
 */
import type {Instance, Integration} from '../../core/model.js';
import {proveCredentials} from '../../onboarding/prove-credentials.js';
import {runAuthorization} from '../../onboarding/authorize-flow.js';
import {authInstance, authIntegration, callbackPortFor} from '../../core/onboarding/auth-targets.js';
import type {OAuthLegs} from '../../core/onboarding/oauth-legs.js';
import {oscarLegs} from '../../onboarding/oscar-legs.js';
import {callbackPath} from '../../core/onboarding/rest-client-fields.js';
import {resolveSecret} from '../../store/secrets.js';
import type {RestModuleProbe, WizardServices} from './wizard-services.js';

export interface RealServicesOptions {
	readonly env: NodeJS.ProcessEnv;
	/** Callback port; default: the registered URI's loopback port, else 8765. */
	readonly port?: number;
	/** Protocol legs (default: source/oscar's real ones). */
	readonly legs?: OAuthLegs;
}

/** Step 3's re-probe: one quick, unsigned instance probe. */
export async function probeRestModule(instance: Instance, signal: AbortSignal): Promise<RestModuleProbe> {
	const {probeInstance} = await import('../../oscar/probes/index.js');
	const report = await probeInstance({
		name: instance.name, baseUrl: instance.baseUrl, caFile: instance.caFile, insecureTls: instance.insecureTls, dialect: instance.dialect,
	}, {signal});
	const probe = report.probes.find(candidate => candidate.probe === 'rest-module') ?? report.probes[0];
	const evidence = probe ? probe.evidence.map(item => `${item.label}: ${item.value}`).join(', ') : '';
	return {status: report.restModule, detail: `REST module ${report.restModule}${probe ? ` (${probe.code}${evidence ? `; ${evidence}` : ''})` : ''}`};
}

export function realWizardServices(instance: Instance, integration: Integration, options: RealServicesOptions): WizardServices {
	const legs = options.legs ?? oscarLegs();
	const port = options.port ?? callbackPortFor(integration.uri);
	const resolve = (ref: string) => resolveSecret(ref, options.env);
	const target = authInstance(instance);
	return {
		env: options.env,
		port,
		probeRestModule: async signal => probeRestModule(instance, signal),
		// The pasted key/secret may not be saved yet: sign with them, the saved secret otherwise.
		proveCredentials: async (credentials, signal) => proveCredentials(target, {
			...authIntegration(instance, integration, resolve, credentials.consumerSecret),
			consumerKey: credentials.consumerKey,
		}, {legs, callback: `http://127.0.0.1:${port}${callbackPath}`, signal}),
		authorize: async ({port: listenPort, pasted, onEvent, signal}) => runAuthorization({
			instance: target, integration: authIntegration(instance, integration, resolve), legs, port: listenPort, pasted, onEvent, signal,
		}),
	};
}
