import {describe, expect, it} from 'vitest';
import {creds, sim} from './helpers/fixture.js';

async function plain(response: Response, status: number, body: string) {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
	expect(response.headers.get('www-authenticate')).toBeNull();
	expect(await response.text()).toBe(body);
}

describe('CARLOS dialect', () => {
	it('answers initiate errors with text/plain codes and allows oob only for clients registered as oob', async () => {
		const carlos = (
			await sim({
				fleet: {
					instances: [
						{
							name: 'east',
							dialect: 'carlos',
							clients: [
								{name: 'web', key: 'carlosweb0000001', secret: 'carlos-web-secret', uri: 'http://127.0.0.1:8765', lifetime: -1},
								{name: 'cli', key: 'carloscli0000001', secret: 'carlos-cli-secret', uri: 'oob', lifetime: -1},
							],
						},
					],
				},
			})
		).instance('east');
		const {initiate} = creds(carlos);
		await plain(await initiate({oauth: {}}), 400, 'invalid_oauth_parameters');
		await plain(await initiate({consumerKey: 'unknown000000000'}), 401, 'invalid_consumer');
		await plain(await initiate({consumerSecret: 'wrong'}), 401, 'invalid_signature');
		await plain(await initiate({oauth: {oauth_callback: 'https://elsewhere.example/cb'}}), 400, 'callback_uri not allowed');
		await plain(await initiate({oauth: {oauth_callback: 'oob'}}), 400, 'callback_uri not allowed');
		expect(
			(await initiate({consumerKey: 'carloscli0000001', consumerSecret: 'carlos-cli-secret', oauth: {oauth_callback: 'oob'}})).status,
		).toBe(200);
		await plain(await initiate({method: 'GET'}), 405, 'method_not_allowed');
	});

	it('answers /ws/services failures with codes and never deletes the token', async () => {
		const carlos = (
			await sim({
				fleet: {
					instances: [
						{
							name: 'east',
							dialect: 'carlos',
							clients: [
								{
									name: 'narrow',
									key: 'carlosnarrow0001',
									secret: 'carlos-narrow-secret',
									uri: 'http://127.0.0.1:8765',
									lifetime: -1,
									scopes: ['schedule.read'],
								},
							],
						},
					],
				},
			})
		).instance('east');
		const {call, token, now} = creds(carlos);
		await plain(await fetch(`${carlos.baseUrl}/ws/services/oauth/info`), 401, 'authentication_required');
		await plain(await call('/ws/services/oauth/info', {tokenSecret: 'wrong'}), 401, 'invalid_signature');
		await plain(await call('/ws/services/oauth/info', {timestamp: now() - 400}), 401, 'invalid_signature');
		await plain(await call('/ws/services/oauth/info', {token: 'unknowntoken0000'}), 401, 'invalid_signature');
		expect(carlos.state.accessTokens.has(token.token)).toBe(true);
		expect((await call('/ws/services/oauth/info', {nonce: 'once', timestamp: now()})).status).toBe(200);
		await plain(await call('/ws/services/oauth/info', {nonce: 'once', timestamp: now()}), 401, 'nonce_replayed');
		await plain(await call('/ws/services/providerService/provider/me'), 403, 'insufficient_scope');
		expect((await call('/ws/services/scheduleService/types')).status).toBe(200);
		expect(token.lifetime).toBe(3600);
		carlos.setClockOffset(3700);
		await plain(await call('/ws/services/oauth/info'), 401, 'invalid_signature');
		expect(carlos.state.accessTokens.has(token.token)).toBe(true);
	});

	it('answers 500 oauth_processing_error for a token bound to no provider', async () => {
		const carlos = (await sim({dialect: 'carlos', scenario: 'no-provider'})).instance('oscar');
		await plain(await creds(carlos).call('/ws/services/oauth/info'), 500, 'oauth_processing_error');
	});
});
