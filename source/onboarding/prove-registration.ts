/**
 * Step 8's proof for a client `oscar-rest admin register` (or the wizard) just created or adopted:
 * a signed request-token call with the key and secret read from OSCAR's list, before or after they
 * are stored, so register can say at once whether OSCAR accepts them.
 */
import type {AdminClient, RegisterPlan} from '../core/admin/index.js';
import {authInstance, authIntegration} from '../core/onboarding/auth-targets.js';
import type {CredentialsProof} from '../core/onboarding/authorization-error.js';
import type {OAuthLegs} from '../core/onboarding/oauth-legs.js';
import type {Instance} from '../core/model.js';
import {oscarLegs} from './oscar-legs.js';
import {proveCredentials} from './prove-credentials.js';

export async function proveRegisteredClient(
	instance: Instance,
	client: AdminClient,
	plan: RegisterPlan,
	options: {
		readonly legs?: OAuthLegs;
		readonly timeoutMs?: number;
		readonly signal?: AbortSignal;
	} = {},
): Promise<CredentialsProof> {
	const legs = options.legs ?? oscarLegs(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs});
	const integration = authIntegration(
		instance,
		{
			name: plan.name,
			consumerKey: client.key,
			consumerSecret: '',
			uri: plan.uri,
			callback: plan.callback,
			tags: [],
		},
		() => client.secret.reveal(),
	);
	return proveCredentials(authInstance(instance), integration, {
		legs,
		callback: plan.callback,
		...(options.signal ? {signal: options.signal} : {}),
	});
}
