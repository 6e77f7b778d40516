/**
 * Registration: the plan (lifetime, URI, callback, secret references) as one table of cases, and
 * the create-or-adopt flow through a real admin session on the simulator (add, list back, adopt,
 * name in use), with saving and proving injected as the command and the wizard inject them.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	type RegisterRequest,
	RegisterError,
	callbackFor,
	createOrAdoptClient,
	parseLifetime,
	planRegistration,
	registerIntegration,
} from '../../../source/core/admin/index.js';
import {adminLogin} from '../../../source/oscar/admin-session.js';
import {closeIdleConnections} from '../../../source/oscar/http.js';
import {startSimulator, type RunningSimulator} from '../../../source/simulator/index.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const request: RegisterRequest = {baseUrl: 'https://emr.example/oscar', dialect: 'classic', id: 'maple/kiosk', name: 'kiosk'};

function refusal(action: () => unknown): RegisterError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(RegisterError);
		return error as RegisterError;
	}

	throw new Error('expected a RegisterError');
}

describe('planRegistration', () => {
	it('lifetime: -1 by default; a whole number of seconds; never 0, below -1 or anything OSCAR would store as 0', () => {
		const cases: Array<[string | undefined, number | string]> = [
			[undefined, -1],
			['-1', -1],
			['1', 1],
			['3600', 3600],
			['2147483647', 2_147_483_647],
			['0', 'expire the second'],
			['-2', 'expire the second'],
			['abc', 'silently store it as 0'],
			['1.5', 'silently store it as 0'],
			[' -1', 'silently store it as 0'],
			['', 'silently store it as 0'],
			['2147483648', 'larger than OSCAR can store'],
		];
		for (const [raw, expected] of cases) {
			if (typeof expected === 'number') {
				expect(parseLifetime(raw), String(raw)).toBe(expected);
			} else {
				const error = refusal(() => parseLifetime(raw));
				expect(error.code).toBe('lifetime-invalid');
				expect(error.message, String(raw)).toContain(expected);
			}
		}
	});

	it("URI and callback: step 6's loopback URI by default (the port of a configured callback), --uri wins, the callback must start with it", () => {
		expect(planRegistration(request)).toEqual({
			id: 'maple/kiosk',
			dialect: 'classic',
			name: 'kiosk',
			uri: 'http://127.0.0.1:8765',
			lifetime: -1,
			callback: 'http://127.0.0.1:8765/callback',
		});
		expect(planRegistration({...request, existing: {callback: 'http://127.0.0.1:9100/callback', consumerSecret: ''}})).toMatchObject({
			uri: 'http://127.0.0.1:9100',
			callback: 'http://127.0.0.1:9100/callback',
		});
		expect(planRegistration({...request, existing: {uri: 'https://kiosk.example/oauth', consumerSecret: 'inline'}})).toMatchObject({
			uri: 'https://kiosk.example/oauth',
			callback: 'https://kiosk.example/oauth',
		});
		expect(planRegistration({...request, uri: 'oob'})).toMatchObject({uri: 'oob', callback: 'oob'});
		for (const uri of ['', '  ', 'http://127.0.0.1:8765 x'])
			expect(refusal(() => planRegistration({...request, uri})).code, JSON.stringify(uri)).toBe('uri-invalid');
		const mismatch = refusal(() =>
			planRegistration({
				...request,
				uri: 'http://localhost:8765',
				existing: {callback: 'http://127.0.0.1:8765/callback', consumerSecret: ''},
			}),
		);
		expect(mismatch.code).toBe('uri-invalid');
		expect(mismatch.message).toContain('"localhost" and "127.0.0.1" are different strings');
		expect([
			callbackFor('http://127.0.0.1:8765'),
			callbackFor('http://127.0.0.1:8765/'),
			callbackFor('https://a.example/cb'),
			callbackFor('oob'),
		]).toEqual(['http://127.0.0.1:8765/callback', 'http://127.0.0.1:8765/callback', 'https://a.example/cb', 'oob']);
	});

	it('refuses an integration whose secret is an env: or file: reference, saying exactly what goes where', () => {
		const env = refusal(() => planRegistration({...request, existing: {consumerSecret: 'env:KIOSK_SECRET'}}));
		expect(env.code).toBe('secret-is-reference');
		expect(env.message).toContain('the environment variable KIOSK_SECRET');
		expect(env.message).toContain('name "kiosk", URI "http://127.0.0.1:8765" and lifetime -1');
		expect(env.message).toContain('oscar-rest remove maple/kiosk');
		const file = refusal(() => planRegistration({...request, existing: {consumerSecret: 'file:/run/secrets/kiosk'}}));
		expect(file.message).toContain('the file /run/secrets/kiosk (the secret alone on one line, readable only by you: chmod 600)');
		expect(planRegistration({...request, existing: {consumerSecret: 'inline-secret'}}).lifetime).toBe(-1);
	});
});

describe('createOrAdoptClient and registerIntegration on the simulator', () => {
	let simulator: RunningSimulator;

	beforeAll(async () => {
		simulator = await startSimulator();
	});

	afterAll(async () => {
		await simulator?.close();
		closeIdleConnections();
	});

	const target = () => ({baseUrl: simulator.instance('oscar').baseUrl});

	it("creates the client with the plan's exact values, reads it back, saves and proves it; a second run is name-in-use; adopt takes it", async () => {
		const plan = planRegistration({...request, baseUrl: target().baseUrl});
		const api = await adminLogin(target(), admin);
		try {
			const saved: string[] = [];
			const outcome = await registerIntegration(
				api,
				plan,
				{adopt: false},
				{
					save(client) {
						saved.push(`${client.key}:${client.secret.reveal()}`);
					},
					prove: async () => ({ok: true}),
				},
			);
			expect(outcome.adopted).toBe(false);
			const server = [...simulator.instance('oscar').state.clients.values()].find(client => client.name === 'kiosk')!;
			expect(server).toMatchObject({uri: 'http://127.0.0.1:8765', lifetime: -1});
			expect(saved).toEqual([`${server.key}:${server.secret}`]);
			expect(outcome.warnings).toEqual([]);

			const again = await createOrAdoptClient(api, plan, {adopt: false}).catch((error: unknown) => error);
			expect(again).toBeInstanceOf(RegisterError);
			expect((again as RegisterError).code).toBe('name-in-use');
			expect((again as RegisterError).details.existing?.key).toBe(server.key);
			expect((again as RegisterError).message).not.toContain(server.secret);
			const adopted = await createOrAdoptClient(api, {...plan, name: 'KIOSK'}, {adopt: true});
			expect(adopted.adopted).toBe(true);
			expect(adopted.client.key).toBe(server.key);
			expect(simulator.instance('oscar').state.clients.size).toBe(2);
		} finally {
			await api.logout();
		}
	});

	it("adopting a client registered badly warns with the audit's findings (lifetime 0, callback rejected)", async () => {
		simulator.instance('oscar').state.clients.set('badclient0000001', {
			name: 'Bad Kiosk',
			key: 'badclient0000001',
			secret: 's',
			uri: 'http://localhost:8765',
			lifetime: 0,
		});
		const api = await adminLogin(target(), admin);
		try {
			const plan = planRegistration({...request, baseUrl: target().baseUrl, name: 'Bad Kiosk'});
			const outcome = await registerIntegration(
				api,
				plan,
				{adopt: true},
				{save() {}, prove: async () => ({ok: false, code: 'callback-rejected', message: 'rejected'})},
			);
			expect(outcome.warnings.map(warning => warning.code)).toEqual(['rest-client-lifetime-zero', 'callback-rejected']);
			await expect(createOrAdoptClient(api, {...plan, name: 'Nobody'}, {adopt: true})).rejects.toMatchObject({code: 'not-listed'});
		} finally {
			await api.logout();
		}
	});

	it('a config that cannot be written after the add is save-failed, naming the client to adopt', async () => {
		const api = await adminLogin(target(), admin);
		try {
			const plan = planRegistration({...request, baseUrl: target().baseUrl, name: 'Lab Sync'});
			const failed: unknown = await registerIntegration(
				api,
				plan,
				{adopt: false},
				{
					save() {
						throw new Error('the config file is locked by another process');
					},
					prove: async () => ({ok: true}),
				},
			).catch((error: unknown) => error);
			expect(failed).toBeInstanceOf(RegisterError);
			expect((failed as RegisterError).code).toBe('save-failed');
			expect((failed as RegisterError).message).toMatch(
				/"Lab Sync" \(#\d+\) \(key [0-9a-z]{16}\) exists on OSCAR.*locked by another process.*adopt/,
			);
		} finally {
			await api.logout();
		}
	});
});
