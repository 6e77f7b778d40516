/**
 * The admin flows as the dashboard will run them, without a command or a terminal: the login comes
 * from a form (plain values), the admin API is injected into withAdminSession, and what comes back
 * is plain data (the audit report, the registration outcome, the new inventory) or a typed error.
 * Over a real admin session on the simulator; the proof is a real signed request-token call.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	AdminApiError,
	type AdminApi,
	type AdminClient,
	RegisterError,
	auditInstance,
	auditIntegrations,
	planRegistration,
	registerIntegration,
	withAdminSession,
	withRegisteredClient,
} from '../../source/core/admin/index.js';
import type {Instance, Inventory} from '../../source/core/model.js';
import {SecretValue} from '../../source/core/secret-value.js';
import {ValidationError} from '../../source/core/validate.js';
import {adminLogin, adminTargetFor} from '../../source/oscar/admin-session.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {proveRegisteredClient} from '../../source/onboarding/prove-registration.js';
import {startSimulator, type RunningSimulator} from '../../source/simulator/index.js';

/** What the dashboard's login form hands over. */
const form = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};

let simulator: RunningSimulator;
let instance: Instance;

beforeAll(async () => {
	simulator = await startSimulator({fleet: {instances: [{name: 'clinic', contextPath: '/oscar'}]}});
	instance = {name: 'clinic', baseUrl: simulator.instance('clinic').baseUrl, integrations: []};
});

afterAll(async () => {
	await simulator?.close();
	closeIdleConnections();
});

describe('the admin core from a UI', () => {
	it('registers from nothing to a proved client, stores it in an in-memory inventory, then audits it', async () => {
		let inventory: Inventory = {instances: [instance]};
		const plan = planRegistration({baseUrl: instance.baseUrl, dialect: 'classic', id: 'clinic/kiosk', name: 'kiosk'});
		const outcome = await withAdminSession(
			async () => adminLogin(adminTargetFor(instance), form),
			async api =>
				registerIntegration(
					api,
					plan,
					{adopt: false},
					{
						save(client) {
							inventory = withRegisteredClient(inventory, instance.name, plan, client, '999001').inventory;
						},
						prove: async (client, planned) => proveRegisteredClient(instance, client, planned),
					},
				),
		);
		expect(outcome.proof).toEqual({ok: true});
		const stored = inventory.instances[0]!.integrations[0]!;
		expect(stored).toMatchObject({
			name: 'kiosk',
			consumerKey: outcome.client.key,
			uri: 'http://127.0.0.1:8765',
			lifetime: -1,
			expectedProvider: '999001',
		});
		expect(outcome.client.secret.matches(stored.consumerSecret)).toBe(true);

		const report = await withAdminSession(
			async () => adminLogin(adminTargetFor(instance), form),
			async api =>
				auditInstance(api, {
					target: {name: instance.name, baseUrl: instance.baseUrl, dialect: 'classic'},
					integrations: auditIntegrations(inventory.instances[0]!, ref => ref),
				}),
		);
		expect(report.clients.find(client => client.name === 'kiosk')?.usedBy).toEqual(['clinic/kiosk']);
		expect(report.findings.filter(finding => finding.integrations.includes('clinic/kiosk'))).toEqual([]);
		expect(JSON.parse(JSON.stringify(report))).toEqual(report); // plain data
		expect(simulator.instance('clinic').state.sessions.size).toBe(0);
	});

	it('fails with typed errors and always logs out: a refused login, a use that throws, a proof cancelled', async () => {
		const refused = await withAdminSession(
			async () => adminLogin(adminTargetFor(instance), {...form, pin: '0000'}),
			async () => 'unreached',
		).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(AdminApiError);
		expect((refused as AdminApiError).code).toBe('login-failed');

		let session: AdminApi | undefined;
		const thrown = await withAdminSession(
			async () => adminLogin(adminTargetFor(instance), form),
			async api => {
				session = api;
				throw new RegisterError('not-listed', 'gone');
			},
		).catch((error: unknown) => error);
		expect(thrown).toBeInstanceOf(RegisterError);
		await expect(session!.listClients()).rejects.toMatchObject({code: 'session-expired'});

		const controller = new AbortController();
		const plan = planRegistration({baseUrl: instance.baseUrl, dialect: 'classic', id: 'clinic/fax', name: 'fax'});
		const cancelled = await withAdminSession(
			async () => adminLogin(adminTargetFor(instance), form),
			async api =>
				registerIntegration(
					api,
					plan,
					{adopt: false, signal: controller.signal},
					{
						save() {
							controller.abort(); // the user closes the form while the proof runs
						},
						prove: async (client, planned) => proveRegisteredClient(instance, client, planned, {signal: controller.signal}),
					},
				),
		).catch((error: unknown) => error);
		expect(cancelled).toBeInstanceOf(AdminApiError);
		expect((cancelled as AdminApiError).code).toBe('cancelled');
		expect(simulator.instance('clinic').state.sessions.size).toBe(0);
	});

	it('stores a registration: a new client drops the old token, the same client keeps it, a key no one could paste is refused', () => {
		const plan = planRegistration({baseUrl: instance.baseUrl, dialect: 'classic', id: 'clinic/lab', name: 'lab'});
		const client = (key: string): AdminClient => ({
			id: 1,
			name: 'lab',
			key,
			secret: new SecretValue('new-secret'),
			uri: plan.uri,
			lifetime: -1,
		});
		const holding: Inventory = {
			instances: [
				{
					...instance,
					integrations: [
						{
							name: 'lab',
							consumerKey: 'oldkey0000000001',
							consumerSecret: 'old-secret',
							accessToken: 'tok',
							tokenSecret: 'toksecret',
							issuedAt: 1,
							tags: [],
						},
					],
				},
			],
		};
		const cases: Array<[string, string, boolean]> = [
			['another client', 'newkey0000000001', false],
			['the same client', 'oldkey0000000001', true],
		];
		for (const [name, key, keepsToken] of cases) {
			const lab = withRegisteredClient(holding, 'clinic', plan, client(key)).inventory.instances[0]!.integrations[0]!;
			expect(lab, name).toMatchObject({consumerKey: key, consumerSecret: 'new-secret', uri: plan.uri, lifetime: -1});
			expect(lab.accessToken !== undefined, name).toBe(keepsToken);
		}

		expect(withRegisteredClient(holding, 'clinic', plan, client('NEWKEY')).warnings).toHaveLength(1);
		expect(() => withRegisteredClient(holding, 'clinic', plan, client('bad key\u001B[2J'))).toThrow(ValidationError);
	});
});
