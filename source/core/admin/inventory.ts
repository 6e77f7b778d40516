/**
 * Between the inventory and the admin flows: the integrations of one instance as the audit compares
 * them, and the inventory with a registered client's key and secret stored. Pure (secret resolution
 * is injected), so `oscar-rest admin` and the dashboard feed the audit and store a registration alike.
 */
import {addIntegration, findIntegration, updateIntegration} from '../inventory-ops.js';
import {integrationId, type Instance, type Inventory, type SecretRef} from '../model.js';
import {validateConsumerKey} from '../validate.js';
import type {AuditIntegration} from './audit.js';
import type {RegisterPlan} from './register.js';
import type {AdminClient} from './types.js';

/** The instance's integrations for the audit. `resolveSecret` may throw: that secret is then not compared. */
export function auditIntegrations(instance: Instance, resolveSecret: (ref: SecretRef) => string): AuditIntegration[] {
	return instance.integrations.map(integration => {
		let consumerSecret: string | undefined;
		try {
			consumerSecret = resolveSecret(integration.consumerSecret);
		} catch {
			consumerSecret = undefined;
		}

		return {
			id: integrationId(instance.name, integration.name),
			consumerKey: integration.consumerKey,
			...(consumerSecret === undefined ? {} : {consumerSecret}),
			...(integration.accessToken === undefined ? {} : {accessToken: integration.accessToken}),
			...(integration.expectedProvider === undefined ? {} : {expectedProvider: integration.expectedProvider}),
			...(integration.lifetime === undefined ? {} : {lifetime: integration.lifetime}),
		};
	});
}

/**
 * The inventory with `client`'s key and secret stored for `plan.id` (added to `instanceName` when it
 * is new), with the URI and lifetime registered. A token of an earlier client is dropped: a token
 * belongs to the client it was issued to. The key OSCAR generated is validated like a pasted one
 * (throws ValidationError; `warnings` for an unusual but usable key).
 */
export function withRegisteredClient(
	inventory: Inventory,
	instanceName: string,
	plan: RegisterPlan,
	client: AdminClient,
	provider?: string,
): {inventory: Inventory; warnings: readonly string[]} {
	const {value: consumerKey, warnings} = validateConsumerKey(client.key);
	const fields = {
		consumerKey,
		consumerSecret: client.secret.reveal(),
		uri: plan.uri,
		lifetime: plan.lifetime,
		...(provider === undefined ? {} : {expectedProvider: provider}),
	};
	const existing = findIntegration(inventory, plan.id)?.integration;
	if (!existing) return {inventory: addIntegration(inventory, instanceName, {name: plan.name, ...fields}), warnings};
	const sameClient = existing.consumerKey === consumerKey;
	return {
		inventory: updateIntegration(inventory, plan.id, {
			...fields,
			...(sameClient ? {} : {accessToken: undefined, tokenSecret: undefined, issuedAt: undefined}),
		}),
		warnings,
	};
}
