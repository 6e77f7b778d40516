/**
 * Steps 8-9 end to end against the built-in simulator with the real protocol legs: a scripted
 * "browser" (fetch + a cookie) logs in on the consent page, authorizes, and follows the redirect
 * to the loopback callback. (The lead's Chromium run covers a real browser.)
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {proveCredentials} from '../../source/onboarding/prove-credentials.js';
import {runAuthorization, type AuthorizationEvent} from '../../source/onboarding/authorize-flow.js';
import {oscarLegs} from '../../source/onboarding/oscar-legs.js';
import type {AuthInstance, AuthIntegration} from '../../source/core/onboarding/oauth-legs.js';
import {consent, type SimLogin} from './helpers/scripted-consent.js';

const key = 'k1e2y3a4b5c6d7e8';
const secret = 'SIM-CONSUMER-SECRET-5555';
let simulator: RunningSimulator;
let instance: AuthInstance;
const integration: AuthIntegration = {
	id: 'sim/booking',
	instance: 'sim',
	name: 'booking',
	consumerKey: key,
	consumerSecret: secret,
	uri: 'http://127.0.0.1:',
	expectedProvider: '999001',
};

beforeAll(async () => {
	simulator = await startSimulator({
		port: 0,
		fleet: {
			instances: [
				{
					name: 'sim',
					users: [
						{
							username: 'bookingapp',
							password: 'Booking-pass-1',
							pin: '2468',
							providerNo: '999001',
							firstName: 'Booking',
							lastName: 'App',
							providerType: 'doctor',
						},
						{
							username: 'drsmith',
							password: 'Smith-pass-1',
							pin: '1357',
							providerNo: '100001',
							firstName: 'Jane',
							lastName: 'Smith',
							providerType: 'doctor',
						},
					],
					// A URI that is a prefix of a callback on any port (the test uses port 0).
					clients: [{name: 'booking', key, secret, uri: 'http://127.0.0.1:', lifetime: -1}],
					tokens: [],
				},
			],
		},
	});
	instance = {name: 'sim', baseUrl: simulator.instance('sim').baseUrl};
});

afterAll(async () => {
	await simulator?.close();
});

/** What a person does in the private window: log in as `user`, press Authorize, get redirected. */
async function browser(authorizeUrl: string, user: SimLogin): Promise<number> {
	const {location} = await consent(authorizeUrl, user);
	expect(location).toBeDefined();
	return (await fetch(location!)).status;
}

function authorizeAs(user: {username: string; password: string; pin: string}) {
	const events: AuthorizationEvent[] = [];
	const result = runAuthorization({
		instance,
		integration,
		legs: oscarLegs(),
		port: 0,
		timeoutMs: 20_000,
		onEvent(event) {
			events.push(event);
			if (event.type === 'authorize') void browser(event.url, user);
		},
	});
	return {result, events};
}

describe('authorization against the simulator', () => {
	it('proves the key and secret, and tells an unknown key apart', async () => {
		await expect(proveCredentials(instance, integration, {legs: oscarLegs(), callback: 'http://127.0.0.1:9/callback'})).resolves.toEqual({
			ok: true,
		});
		const proof = await proveCredentials(instance, {...integration, consumerKey: 'unknownkey000000'}, {legs: oscarLegs()});
		expect(proof).toMatchObject({ok: false, code: 'consumer-key-unknown'});
	});

	it('connects as the dedicated user and the token works', async () => {
		const {result, events} = authorizeAs({username: 'bookingapp', password: 'Booking-pass-1', pin: '2468'});
		const done = await result;
		expect(done).toMatchObject({verifierSource: 'callback', identityMatches: true, findings: []});
		expect(done.identity?.providerNo).toBe('999001');
		expect(simulator.instance('sim').state.accessTokens.has(done.accessToken)).toBe(true);
		expect(JSON.stringify(events)).not.toContain(done.tokenSecret);
		expect(JSON.stringify(events)).not.toContain(secret);
	});

	it('flags a consent given as another user', async () => {
		const done = await authorizeAs({username: 'drsmith', password: 'Smith-pass-1', pin: '1357'}).result;
		expect(done.identityMatches).toBe(false);
		expect(done.findings.map(finding => finding.code)).toEqual(['token-wrong-user']);
	});
});
