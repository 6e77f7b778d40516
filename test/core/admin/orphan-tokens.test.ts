/**
 * Orphan tokens end to end on the simulator, in both dialects: OSCAR deletes a REST client without
 * its access tokens, so after `delete` through the admin API the audit (over a real admin session)
 * reports the tokens left behind, naming the deleted client's id, the token ids and the integration
 * that still holds one. Before the delete there is no such finding.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type AuditIntegration, auditInstance, withAdminSession} from '../../../source/core/admin/index.js';
import {adminLogin} from '../../../source/oscar/admin-session.js';
import {closeIdleConnections} from '../../../source/oscar/http.js';
import {startSimulator, type RunningSimulator} from '../../../source/simulator/index.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const clients = [
	{name: 'Booking App', key: 'bookingkey000001', secret: 'booking-secret-0001', uri: 'http://127.0.0.1:8765', lifetime: -1},
	{name: 'Fax Gateway', key: 'faxgatewaykey001', secret: 'fax-secret-00000001', uri: 'http://127.0.0.1:8766', lifetime: -1},
];
const tokens = [
	{clientKey: 'bookingkey000001', token: 'bookingtoken0001', secret: 'booking-token-secret', providerNo: '999001'},
	{clientKey: 'faxgatewaykey001', token: 'faxtoken00000001', secret: 'fax-token-secret-001', providerNo: '999001'},
	{clientKey: 'faxgatewaykey001', token: 'faxtoken00000002', secret: 'fax-token-secret-002', providerNo: '999001'},
];
const integrations: AuditIntegration[] = [
	{id: 'clinic/booking-app', consumerKey: 'bookingkey000001', accessToken: 'bookingtoken0001', expectedProvider: '999001'},
	{id: 'clinic/fax-gateway', consumerKey: 'faxgatewaykey001', accessToken: 'faxtoken00000002', expectedProvider: '999001'},
];

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator({
		fleet: {
			instances: [
				{name: 'classic', contextPath: '/oscar', clients, tokens},
				{name: 'carlos', contextPath: '/carlos', dialect: 'carlos', clients, tokens},
			],
		},
	});
});

afterAll(async () => {
	await simulator?.close();
	closeIdleConnections();
});

describe('tokens of a deleted client', () => {
	for (const name of ['classic', 'carlos'] as const) {
		it(`${name}: after the client is deleted through the admin API, its tokens are reported as orphans`, async () => {
			const instance = simulator.instance(name);
			const target = {baseUrl: instance.baseUrl, dialect: name};
			const audit = async () =>
				withAdminSession(
					async () => adminLogin(target, admin),
					async api =>
						auditInstance(api, {
							target: {name, baseUrl: instance.baseUrl, dialect: name},
							integrations,
						}),
				);

			const before = await audit();
			expect(before.findings.filter(finding => finding.code === 'server-token-orphan')).toEqual([]);
			const fax = before.clients.find(client => client.name === 'Fax Gateway')!;
			expect(fax.tokens).toBe(2);

			await withAdminSession(
				async () => adminLogin(target, admin),
				async api => api.deleteClient(fax.id),
			);

			const after = await audit();
			expect(after.clients.map(client => client.name)).toEqual(['Booking App']);
			expect(after.tokenCount).toBe(3); // OSCAR kept the deleted client's tokens
			const orphans = after.findings.filter(finding => finding.code === 'server-token-orphan');
			expect(orphans).toHaveLength(1);
			expect(orphans[0]).toMatchObject({severity: 'warning', clients: [fax.id], tokens: [2, 3], integrations: ['clinic/fax-gateway']});
			expect(orphans[0]!.summary).toBe(`2 access tokens of deleted REST client #${fax.id} are still stored (held by clinic/fax-gateway).`);
			// The integration itself is told its client is gone.
			expect(after.findings.filter(finding => finding.code === 'rest-client-missing').map(finding => finding.integrations)).toEqual([
				['clinic/fax-gateway'],
			]);
			expect(instance.state.sessions.size).toBe(0);
		});
	}
});
