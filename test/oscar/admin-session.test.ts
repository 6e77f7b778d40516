/**
 * The admin session client against the simulator over loopback HTTP, in both dialects: login
 * (and its refusal), list / listTokens read into the core's rows with secrets wrapped, add and
 * delete, logout; and every failure as its typed code: not-admin, session-expired, endpoint-missing,
 * method-not-allowed, unexpected-answer, network. No password, PIN or secret in any error.
 */
import util from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AdminApiError, type AdminApi} from '../../source/core/admin/index.js';
import {adminLogin, clientManageUrl} from '../../source/oscar/admin-session.js';
import {closeIdleConnections, type HttpClient, httpClientFor} from '../../source/oscar/http.js';
import {startSimulator, type RunningSimulator, type SimUser} from '../../source/simulator/index.js';
import {defaultUsers} from '../../source/simulator/defaults.js';
import {closedPort, startLoopback} from './helpers/loopback.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const doctor = {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'};
// The simulator's own users (a doctor, the clinic's administrator) and a read-only admin.
const users: SimUser[] = [
	...defaultUsers(),
	{
		username: 'auditor',
		password: 'Auditor-2024!',
		pin: '1111',
		providerNo: '999997',
		firstName: 'Read',
		lastName: 'Only',
		providerType: 'admin',
		privileges: {_admin: 'r'},
	},
];
const clientSecret = 'cs-admin-session-secret-9x';
const tokenSecret = 'ts-admin-session-secret-9x';
const clients = [{name: 'Booking App', key: 'bookingkey000001', secret: clientSecret, uri: 'http://127.0.0.1:8765', lifetime: -1}];
const tokens = [
	{clientKey: 'bookingkey000001', token: 'accesstoken00001', secret: tokenSecret, providerNo: '999001'},
	{clientKey: 'bookingkey000001', token: 'accesstoken00002', secret: `${tokenSecret}2`, providerNo: null},
];

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator({
		fleet: {
			instances: [
				{name: 'classic', contextPath: '/oscar', users, clients, tokens},
				{name: 'carlos', contextPath: '/carlos', dialect: 'carlos', users, clients, tokens},
				{name: 'old', contextPath: '/old', adminApi: false, users, clients, tokens},
			],
		},
	});
});

afterAll(async () => {
	await simulator?.close();
	closeIdleConnections();
});

const target = (name: string) => ({baseUrl: simulator.instance(name).baseUrl, dialect: simulator.instance(name).spec.dialect});

/** Runs `action`, expects an AdminApiError with `code`, and checks no credential or secret is in it. */
async function expectAdminError(action: Promise<unknown>, code: string): Promise<AdminApiError> {
	const error = await action.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(AdminApiError);
	const adminError = error as AdminApiError;
	expect(adminError.code, adminError.message).toBe(code);
	const shown = `${adminError.message}\n${JSON.stringify(adminError.evidence)}\n${util.inspect(adminError)}`;
	for (const value of [admin.password, admin.pin, doctor.password, clientSecret, tokenSecret]) expect(shown).not.toContain(value);
	return adminError;
}

describe('adminLogin', () => {
	it('logs in with username, password and PIN and starts a session on the server', async () => {
		const sessionsBefore = simulator.instance('classic').state.sessions.size;
		const api = await adminLogin(target('classic'), admin);
		expect(api.username).toBe('oscaradmin');
		expect(simulator.instance('classic').state.sessions.size).toBe(sessionsBefore + 1);
		await api.logout();
		expect(simulator.instance('classic').state.sessions.size).toBe(sessionsBefore);
	});

	it('a wrong password or PIN is login-failed, saying what to check and showing neither', async () => {
		for (const wrong of [
			{...admin, password: 'Not-It-2024!'},
			{...admin, pin: '0000'},
			{...admin, username: 'nobody'},
		]) {
			const error = await expectAdminError(adminLogin(target('classic'), wrong), 'login-failed');
			expect(error.message).toContain('Invalid Credentials');
			expect(error.message).toContain('PIN');
			expect(error.message).not.toContain(wrong.pin);
			expect(error.message).not.toContain(wrong.password);
		}
	});

	it('a server that is not there is a network error naming the network code', async () => {
		const error = await expectAdminError(adminLogin({baseUrl: `http://127.0.0.1:${await closedPort()}/oscar`}, admin), 'network');
		expect(error.evidence).toContainEqual({label: 'Network', value: 'connection-refused'});
	});
});

describe('listing clients and tokens', () => {
	for (const name of ['classic', 'carlos']) {
		it(`${name}: reads both lists into the same rows, secrets wrapped so they cannot be printed`, async () => {
			const api = await adminLogin(target(name), admin);
			try {
				const listing = await api.listClients();
				expect(listing.rows).toHaveLength(1);
				const [client] = listing.rows;
				expect(client).toMatchObject({id: 1, name: 'Booking App', key: 'bookingkey000001', uri: 'http://127.0.0.1:8765', lifetime: -1});
				expect(client!.secret.matches(clientSecret)).toBe(true);
				expect(Math.abs(listing.serverTime! - simulator.instance(name).now())).toBeLessThan(5000);
				expect(typeof client!.createdAt).toBe('number');
				const {rows} = await api.listTokens();
				expect(rows.map(row => [row.id, row.clientId, row.providerNo, row.lifetime])).toEqual([
					[1, 1, '999001', name === 'carlos' ? 3600 : -1],
					[2, 1, null, name === 'carlos' ? 3600 : -1],
				]);
				expect(rows[0]!.token.matches('accesstoken00001')).toBe(true);
				const printed = `${JSON.stringify([listing, rows])} ${util.inspect([listing, rows], {depth: 5})} ${String(client!.secret)} ${client!.secret}`;
				for (const secret of [clientSecret, tokenSecret, 'accesstoken00001']) expect(printed).not.toContain(secret);
			} finally {
				await api.logout();
			}
		});
	}
});

describe('adding and deleting clients', () => {
	for (const name of ['classic', 'carlos']) {
		it(`${name}: add answers without the key; list shows it; a second add of the name is name-in-use; delete removes it`, async () => {
			const api = await adminLogin(target(name), admin);
			try {
				await api.addClient({name: `Kiosk ${name}`, uri: 'http://127.0.0.1:9000', lifetime: -1});
				const created = (await api.listClients()).rows.find(row => row.name === `Kiosk ${name}`)!;
				expect(created.key).toMatch(/^[0-9a-z]{16}$/);
				expect(created.lifetime).toBe(-1);
				await expectAdminError(api.addClient({name: `kiosk ${name}`, uri: 'x', lifetime: -1}), 'name-in-use');
				await expectAdminError(api.addClient({name: '', uri: 'x', lifetime: -1}), 'rejected');
				await api.deleteClient(created.id);
				expect((await api.listClients()).rows.some(row => row.id === created.id)).toBe(false);
			} finally {
				await api.logout();
			}
		});
	}
});

describe('failures mid-way', () => {
	it('CARLOS: a user without the _admin privilege is not-admin (403); read-only may list but not add', async () => {
		const doctorSession = await adminLogin(target('carlos'), doctor);
		const error = await expectAdminError(doctorSession.listClients(), 'not-admin');
		expect(error.message).toContain('_admin privilege');
		expect(error.evidence).toContainEqual({label: 'HTTP status', value: '403'});
		await doctorSession.logout();
		const auditor = await adminLogin(target('carlos'), {username: 'auditor', password: 'Auditor-2024!', pin: '1111'});
		expect((await auditor.listClients()).rows).toHaveLength(clientsOn('carlos'));
		await expectAdminError(auditor.addClient({name: 'Nope', uri: 'oob', lifetime: -1}), 'not-admin');
		await auditor.logout();
	});

	it('classic: a doctor may list everything (that is the security finding)', async () => {
		const api = await adminLogin(target('classic'), doctor);
		expect((await api.listClients()).rows.length).toBe(clientsOn('classic'));
		await api.logout();
	});

	it('a session that expires between two calls is session-expired; after logout calls are refused', async () => {
		const api = await adminLogin(target('classic'), admin);
		await api.listClients();
		simulator.instance('classic').expireSessions();
		const error = await expectAdminError(api.listTokens(), 'session-expired');
		expect(error.message).toContain('logout.jsp');
		await api.logout();
		await expectAdminError(api.listClients(), 'session-expired');
	});

	it('an OSCAR without the endpoint is endpoint-missing (404)', async () => {
		const api = await adminLogin(target('old'), admin);
		const error = await expectAdminError(api.listClients(), 'endpoint-missing');
		expect(error.message).toContain('older');
		await api.logout();
	});

	it('CARLOS refusing a write sent as GET is method-not-allowed, with the Allow header as evidence', async () => {
		// A real HTTP client that sends every request as GET, as a misconfigured proxy would.
		const real = httpClientFor({});
		const getOnly: HttpClient = {
			request: async request =>
				real.request(
					request.url.endsWith('/login.do')
						? request
						: {...request, method: 'GET', url: `${request.url}?${request.body ?? ''}`, body: undefined},
				),
		};
		const api = await adminLogin(target('carlos'), admin, {client: getOnly});
		const error = await expectAdminError(api.addClient({name: 'Via GET', uri: 'oob', lifetime: -1}), 'method-not-allowed');
		expect(error.evidence).toContainEqual({label: 'Allow', value: 'POST'});
		await api.logout();
	});

	it('answers no OSCAR gives are unexpected-answer, and a listing body never goes into the evidence', async () => {
		const answers: Record<string, (response: import('node:http').ServerResponse) => void> = {
			notJson: response => response.writeHead(200, {'content-type': 'text/x-json'}).end(`[{"id":1,"key":"k","secret":"${clientSecret}"`),
			noId: response => response.writeHead(200, {'content-type': 'text/x-json'}).end(`[{"key":"k","secret":"${clientSecret}"}]`),
			object: response => response.writeHead(200, {'content-type': 'text/x-json'}).end('{"clients":[]}'),
			serverError: response =>
				response.writeHead(500, {'content-type': 'text/html'}).end('<html><body>java.lang.NullPointerException</body></html>'),
		};
		let answer = answers.notJson!;
		const server = await startLoopback((request, response) => {
			if (request.url?.endsWith('/login.do'))
				response.writeHead(200, {'content-type': 'application/json', 'set-cookie': 'JSESSIONID=abc; Path=/oscar'}).end('{"success":true}');
			else answer(response);
		});
		try {
			const api: AdminApi = await adminLogin({baseUrl: `${server.url}/oscar`}, admin);
			for (const [name, reply] of Object.entries(answers)) {
				answer = reply;
				const error = await expectAdminError(api.listClients(), 'unexpected-answer');
				expect(JSON.stringify(error.evidence), name).not.toContain(clientSecret);
			}

			expect(server.requests.find(request => request.url.includes('clientManage'))?.headers.cookie).toBe('JSESSIONID=abc');
			expect(clientManageUrl(`${server.url}/oscar`)).toBe(`${server.url}/oscar/admin/api/clientManage.json`);
		} finally {
			await server.close();
		}
	});
});

function clientsOn(name: string): number {
	return simulator.instance(name).state.clients.size;
}
