/** The real engine and probes against the simulator over loopback: request counts and escalation. */
import {afterEach, describe, expect, it} from 'vitest';
import {createChecksEngine} from '../../source/checks/engine.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {startSimulator, type RunningSimulator, type SimInstanceSpec} from '../../source/simulator/index.js';
import type {Instance, Inventory} from '../../source/core/model.js';
import {resolveSecret} from '../../source/store/secrets.js';

let simulator: RunningSimulator | undefined;

afterEach(async () => {
	closeIdleConnections();
	await simulator?.close();
	simulator = undefined;
});

function inventoryFor(sim: RunningSimulator): Inventory {
	const instances: Instance[] = sim.instances.map(running => ({
		name: running.name,
		baseUrl: running.baseUrl,
		integrations: running.spec.clients.map((client, index) => {
			const token = running.spec.tokens.find(each => each.clientKey === client.key);
			return {
				name: `app-${index}`,
				consumerKey: client.key,
				consumerSecret: client.secret,
				uri: client.uri,
				...(token ? {accessToken: token.token, tokenSecret: token.secret} : {}),
				expectedProvider: '999001',
				tags: [],
			};
		}),
	}));
	return {instances};
}

function clinic(name: string, count: number, revoked = false): SimInstanceSpec {
	const clients = Array.from({length: count}, (_, index) => ({
		name: `App ${index}`,
		key: `${name.padEnd(8, 'x').slice(0, 8)}0000000${index}`,
		secret: `secret-${name}-${index}`,
		uri: 'http://127.0.0.1:8765',
		lifetime: -1,
	}));
	const tokens = clients.map((client, index) => ({
		clientKey: client.key,
		token: `tok-${name}-${index}`,
		secret: `tsec-${name}-${index}`,
		providerNo: '999001',
		revoked,
	}));
	return {name, contextPath: `/${name}`, clients, tokens};
}

describe('checks engine on the simulator', () => {
	it('a quick check of a healthy fleet costs one request per instance plus one per integration', async () => {
		simulator = await startSimulator({fleet: {instances: [clinic('north', 3), clinic('south', 3)]}, latencyMs: 0, log() {}});
		const inventory = inventoryFor(simulator);
		const engine = createChecksEngine({resolveSecret: ref => resolveSecret(ref, {}), inventory: () => inventory});
		const ids = inventory.instances.flatMap(instance => instance.integrations.map(each => `${instance.name}/${each.name}`));
		// The first check proves each configuration with one signed request-token call before its token is sent.
		await engine.check({ids});
		expect(simulator.requestCount()).toBe(2 + 6 + 6);
		const proved = simulator.instances.map(running => running.state.requestTokens.size);
		expect(proved).toEqual([3, 3]);
		// Every refresh after that: one request per instance plus one per integration, and no request token.
		const before = simulator.requestCount();
		await engine.check({ids});
		const results = [...engine.getSnapshot().results.values()];
		expect(results.map(report => report.code)).toEqual(Array.from({length: 6}, () => 'ok'));
		expect(simulator.requestCount() - before).toBe(2 + 6);
		expect(simulator.instances.map(running => running.state.requestTokens.size)).toEqual(proved);
		engine.dispose();
	});

	it('escalates a 401 to the deep probe once, then carries its finding without new request tokens', async () => {
		simulator = await startSimulator({fleet: {instances: [clinic('east', 1, true)]}, latencyMs: 0, log() {}});
		const inventory = inventoryFor(simulator);
		const engine = createChecksEngine({resolveSecret: ref => resolveSecret(ref, {}), inventory: () => inventory});
		await engine.check({ids: ['east/app-0']});
		const first = engine.getSnapshot().results.get('east/app-0')!;
		expect(first.code).toBe('token-revoked');
		expect(first.credentials).toBe('ok');
		const afterFirst = simulator.requestCount();
		expect(afterFirst).toBe(3); // instance probe, oauth/info, signed initiate
		await engine.check({ids: ['east/app-0']});
		const second = engine.getSnapshot().results.get('east/app-0')!;
		expect(second.code).toBe('token-revoked');
		expect(second.credentials).toBe('ok');
		expect(simulator.requestCount() - afterFirst).toBe(2);
		expect(simulator.instances[0]!.state.requestTokens.size).toBe(1);
		engine.dispose();
	});
});
