import {describe, expect, it} from 'vitest';
import {demoFleet, demoIntegrations, demoInventory} from '../../source/simulator/index.js';
import {sim} from './helpers/fixture.js';
import {signedFetch} from './helpers/signer.js';

describe('demo fleet', () => {
	it('starts seven clinics with 12+ integrations whose client-side view maps to an inventory', async () => {
		const simulator = await sim({fleet: demoFleet()});
		expect(simulator.instances.map(instance => instance.name)).toEqual([
			'maple-family',
			'lakeshore',
			'northside',
			'carlos-east',
			'harbour',
			'riverside',
			'summit',
		]);
		const inventory = demoInventory(simulator);
		const integrations = inventory.instances.flatMap(instance => instance.integrations.map(integration => ({instance, integration})));
		expect(integrations.length).toBeGreaterThanOrEqual(12);
		expect(inventory.instances.find(instance => instance.name === 'harbour')!.baseUrl).toMatch(/^https:/);
		expect(inventory.instances.find(instance => instance.name === 'carlos-east')!.dialect).toBe('carlos');

		const info = async (instanceName: string, name: string) => {
			const {instance, integration} = integrations.find(item => item.instance.name === instanceName && item.integration.name === name)!;
			const running = simulator.instance(instanceName);
			return signedFetch({
				method: 'GET',
				url: `${instance.baseUrl}/ws/services/oauth/info`,
				consumerKey: integration.consumerKey,
				consumerSecret: integration.consumerSecret,
				token: integration.accessToken,
				tokenSecret: integration.tokenSecret,
				nowSeconds: Math.floor(running.now() / 1000),
			});
		};

		expect((await info('maple-family', 'booking-app')).status).toBe(200);
		expect((await info('maple-family', 'reminders')).status).toBe(401); // mistyped key
		expect(((await (await info('maple-family', 'intake-forms')).json()) as {login: string}).login).toBe('100001');
		expect((await info('maple-family', 'lab-sync')).status).toBe(401); // revoked
		expect((await info('lakeshore', 'booking-app')).status).toBe(401); // proxy mismatch
		expect((await info('northside', 'booking-app')).status).toBe(404); // REST off
		expect((await info('carlos-east', 'booking-app')).status).toBe(200);
		expect(demoIntegrations().find(item => item.instance === 'maple-family' && item.name === 'Kiosk')!.accessToken).toBeUndefined();
		const reminders = integrations.find(item => item.instance.name === 'riverside' && item.integration.name === 'reminders')!.integration;
		expect(reminders.issuedAt! + reminders.lifetime!).toBeLessThan(Date.now() / 1000);
	});
});
