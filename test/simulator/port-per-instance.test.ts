import {describe, expect, it} from 'vitest';
import {creds, sim} from './helpers/fixture.js';

describe('portPerInstance', () => {
	it('gives every plain-HTTP instance its own port, each serving only its instance, even on the same context path', async () => {
		const simulator = await sim({
			portPerInstance: true,
			fleet: {instances: [{name: 'north'}, {name: 'south'}, {name: 'east', scenario: 'rest-off'}]},
		});
		const ports = simulator.instances.map(instance => new URL(instance.baseUrl).port);
		expect(new Set(ports).size).toBe(3);
		expect(simulator.instances.map(instance => new URL(instance.baseUrl).pathname)).toEqual(['/oscar', '/oscar', '/oscar']);
		expect((await fetch(`${simulator.instance('north').baseUrl}/ws/oauth/initiate`)).status).toBe(400);
		expect((await fetch(`${simulator.instance('east').baseUrl}/ws/oauth/initiate`)).status).toBe(404);
		// Each port knows only its own instance's credentials.
		const south = simulator.instance('south');
		expect((await creds(south).call('/ws/services/oauth/info')).status).toBe(200);
		expect(
			(await creds(south).call('/ws/services/oauth/info', {url: `${simulator.instance('north').baseUrl}/ws/services/oauth/info`})).status,
		).toBe(401);
	});

	it('is off by default: plain-HTTP instances share one port and still need distinct context paths', async () => {
		const simulator = await sim({fleet: {instances: [{name: 'north'}, {name: 'south', contextPath: '/south'}]}});
		expect(new Set(simulator.instances.map(instance => new URL(instance.baseUrl).port)).size).toBe(1);
		await expect(sim({fleet: {instances: [{name: 'a'}, {name: 'b'}]}})).rejects.toThrow(/both use the context path \/oscar/);
	});
});
