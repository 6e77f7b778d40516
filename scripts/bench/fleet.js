// The benchmark fleet: N healthy classic instances with M REST clients each, every client holding a
// pre-issued access token, and the client-side Inventory that matches it (secrets inline).
import {dedicatedProviderNo} from '../../dist/simulator/index.js';

const pad = (value, width) => String(value).padStart(width, '0');

/** Names and credentials, derived from the indexes so the simulator child and the bench agree. */
export function benchPlan(instanceCount, perInstance) {
	const instances = [];
	for (let index = 0; index < instanceCount; index++) {
		const name = `clinic-${pad(index, 3)}`;
		const integrations = [];
		for (let number = 1; number <= perInstance; number++) {
			integrations.push({
				name: `app-${number}`,
				consumerKey: `ck${pad(index, 3)}x${number}benchkey`,
				consumerSecret: `cs-${pad(index, 3)}-${number}-bench-consumer-secret`,
				accessToken: `at${pad(index, 3)}x${number}benchtoken`,
				tokenSecret: `ts-${pad(index, 3)}-${number}-bench-token-secret`,
			});
		}

		instances.push({name, integrations});
	}

	return instances;
}

/** The simulator fleet for a plan: one client and one live token per integration. */
export function benchFleet(plan) {
	return {
		instances: plan.map(instance => ({
			name: instance.name,
			clients: instance.integrations.map(integration => ({
				name: integration.name,
				key: integration.consumerKey,
				secret: integration.consumerSecret,
				uri: 'http://127.0.0.1:8765',
				lifetime: -1,
			})),
			tokens: instance.integrations.map(integration => ({
				clientKey: integration.consumerKey,
				token: integration.accessToken,
				secret: integration.tokenSecret,
				providerNo: dedicatedProviderNo,
			})),
		})),
	};
}

/** The dashboard's Inventory for a plan, given each instance's base URL. */
export function benchInventory(plan, baseUrls) {
	return {
		instances: plan.map(instance => ({
			name: instance.name,
			baseUrl: baseUrls.get(instance.name),
			integrations: instance.integrations.map(integration => ({
				name: integration.name,
				consumerKey: integration.consumerKey,
				consumerSecret: integration.consumerSecret,
				accessToken: integration.accessToken,
				tokenSecret: integration.tokenSecret,
				uri: 'http://127.0.0.1:8765',
				lifetime: -1,
				tags: [],
			})),
		})),
	};
}

/** The first `instanceCount` instances of an inventory. */
export function subsetInventory(inventory, instanceCount) {
	return {instances: inventory.instances.slice(0, instanceCount)};
}

/** Every integration id (`instance/integration`) of an inventory. */
export function allIds(inventory) {
	return inventory.instances.flatMap(instance => instance.integrations.map(integration => `${instance.name}/${integration.name}`));
}
