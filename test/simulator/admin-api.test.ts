/**
 * {base}/admin/api/clientManage.json in both dialects, over plain fetch with a session cookie:
 * the login filter, classic's any-session access and net.sf.json shapes, CARLOS's privileges,
 * POST-only writes and Jackson shapes, OSCAR's quirks (duplicate names, a non-integer lifetime
 * stored as 0), and that what it lists and adds is the simulator's real state.
 */
import {describe, expect, it} from 'vitest';
import type {RunningInstance, SimUser} from '../../source/simulator/index.js';
import {defaultUsers} from '../../source/simulator/defaults.js';
import {javaParseInt} from '../../source/simulator/admin-api.js';
import {consent} from '../onboarding/helpers/scripted-consent.js';
import {sim} from './helpers/fixture.js';
import {formAnswer, signedFetch} from './helpers/signer.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const doctor = {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'};
const bookingApp = {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'};
const auditor: SimUser = {
	username: 'auditor',
	password: 'Auditor-2024!',
	pin: '1111',
	providerNo: '999997',
	firstName: 'Read',
	lastName: 'Only',
	providerType: 'admin',
	privileges: {_admin: 'r'},
};

/** A logged-in browser session for one instance: the JSESSIONID cookie and the endpoint. */
async function session(instance: RunningInstance, user: {username: string; password: string; pin: string}) {
	const login = await fetch(`${instance.baseUrl}/login.do`, {
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({...user, ajaxResponse: 'true'}).toString(),
	});
	expect(await login.json()).toMatchObject({success: true});
	const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
	const endpoint = `${instance.baseUrl}/admin/api/clientManage.json`;
	const get = async (query: Record<string, string>) =>
		fetch(`${endpoint}?${new URLSearchParams(query).toString()}`, {headers: {cookie}, redirect: 'manual'});
	const post = async (fields: Record<string, string>) =>
		fetch(endpoint, {
			method: 'POST',
			redirect: 'manual',
			headers: {cookie, 'content-type': 'application/x-www-form-urlencoded'},
			body: new URLSearchParams(fields).toString(),
		});
	return {cookie, get, post};
}

type Row = Record<string, unknown>;

/** A client whose one token is bound to no provider (providerNo NULL in the database). */
const unbound = {
	clients: [{name: 'Booking App', key: 'bookingkey000001', secret: 'booking-secret-0001', uri: 'http://127.0.0.1:8765', lifetime: -1}],
	tokens: [{clientKey: 'bookingkey000001', token: 'unboundtoken0001', secret: 'unbound-token-secret', providerNo: null}],
};

describe('clientManage.json: the login filter and older servers', () => {
	it('sends a request without a session to logout.jsp (GET and POST, both dialects)', async () => {
		const simulator = await sim({fleet: {instances: [{name: 'oscar'}, {name: 'carlos', dialect: 'carlos'}]}});
		for (const instance of simulator.instances) {
			for (const init of [
				{},
				{method: 'POST', body: 'method=add&name=x', headers: {'content-type': 'application/x-www-form-urlencoded'}},
			]) {
				const response = await fetch(`${instance.baseUrl}/admin/api/clientManage.json?method=list`, {...init, redirect: 'manual'});
				expect(response.status, instance.name).toBe(302);
				expect(response.headers.get('location')).toBe(`${instance.baseUrl}/logout.jsp`);
			}
		}

		expect(simulator.instance('oscar').state.clients.size).toBe(1);
	});

	it('forgets the session when it expires or after logout.jsp', async () => {
		const oscar = (await sim()).instance('oscar');
		const first = await session(oscar, admin);
		expect((await first.get({method: 'list'})).status).toBe(200);
		oscar.expireSessions();
		const expired = await first.get({method: 'list'});
		expect(expired.status).toBe(302);
		expect(expired.headers.get('location')).toBe(`${oscar.baseUrl}/logout.jsp`);
		const second = await session(oscar, admin);
		expect((await fetch(`${oscar.baseUrl}/logout.jsp`, {headers: {cookie: second.cookie}, redirect: 'manual'})).status).toBe(302);
		expect((await second.get({method: 'list'})).status).toBe(302);
	});

	it('an older OSCAR without the endpoint: logout.jsp without a session, Tomcat 404 with one', async () => {
		const old = (await sim({fleet: {instances: [{name: 'oscar', adminApi: false}]}})).instance('oscar');
		expect((await fetch(`${old.baseUrl}/admin/api/clientManage.json?method=list`, {redirect: 'manual'})).status).toBe(302);
		const response = await (await session(old, admin)).get({method: 'list'});
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('HTTP Status 404');
	});
});

describe('clientManage.json on classic OSCAR', () => {
	it('lets ANY logged-in provider list every client and token, secrets included, as net.sf.json writes them', async () => {
		const oscar = (await sim()).instance('oscar');
		const doctorSession = await session(oscar, doctor);
		const clients = await doctorSession.get({method: 'list'});
		expect(clients.status).toBe(200);
		expect(clients.headers.get('content-type')).toBe('text/x-json');
		const [client] = (await clients.json()) as Row[];
		const spec = oscar.spec.clients[0]!;
		expect(Object.keys(client!)).toEqual(['dateCreated', 'id', 'key', 'lifetime', 'name', 'persistent', 'secret', 'uri']);
		expect(client).toMatchObject({
			id: 1,
			key: spec.key,
			secret: spec.secret,
			name: 'Booking App',
			uri: 'http://127.0.0.1:8765',
			lifetime: -1,
		});
		expect(Object.keys(client!.dateCreated as Row)).toEqual([
			'date',
			'day',
			'hours',
			'minutes',
			'month',
			'seconds',
			'time',
			'timezoneOffset',
			'year',
		]);
		expect(Math.abs((client!.dateCreated as {time: number}).time - oscar.now())).toBeLessThan(60_000);

		const tokens = (await (await doctorSession.get({method: 'listTokens'})).json()) as Row[];
		const token = oscar.spec.tokens[0]!;
		expect(tokens).toHaveLength(1);
		expect(Object.keys(tokens[0]!)).toEqual([
			'clientId',
			'dateCreated',
			'id',
			'issued',
			'lifetime',
			'persistent',
			'providerNo',
			'scopes',
			'tokenId',
			'tokenSecret',
		]);
		expect(tokens[0]).toMatchObject({
			clientId: 1,
			id: 1,
			issued: token.issuedAt,
			lifetime: -1,
			providerNo: '999001',
			scopes: '',
			tokenId: token.token,
			tokenSecret: token.secret,
		});
		expect((tokens[0]!.dateCreated as {time: number}).time).toBe(token.issuedAt! * 1000);
	});

	it('writes a token bound to no provider with providerNo "" (net.sf.json turns a null String into "")', async () => {
		const oscar = (await sim({fleet: {instances: [{name: 'oscar', ...unbound}]}})).instance('oscar');
		const [token] = (await (await (await session(oscar, admin)).get({method: 'listTokens'})).json()) as Row[];
		expect(token!.providerNo).toBe('');
	});

	it('adds a client (GET works too) with a random 16-character key and secret it does not return; the name must be new', async () => {
		const oscar = (await sim()).instance('oscar');
		const {get, post} = await session(oscar, doctor);
		const added = await post({method: 'add', name: 'Kiosk', uri: 'http://127.0.0.1:9000', lifetime: '-1'});
		expect(added.headers.get('content-type')).toBe('text/x-json');
		expect(await added.text()).toBe('{"method":"add","name":"Kiosk","success":true,"error":""}');
		expect(await (await get({method: 'add', name: 'Reminders', uri: 'https://reminders.example/cb', lifetime: '3600'})).json()).toEqual({
			method: 'add',
			name: 'Reminders',
			success: true,
			error: '',
		});
		const list = (await (await get({method: 'list'})).json()) as Row[];
		expect(list.map(row => [row.id, row.name, row.lifetime, row.uri])).toEqual([
			[1, 'Booking App', -1, 'http://127.0.0.1:8765'],
			[2, 'Kiosk', -1, 'http://127.0.0.1:9000'],
			[3, 'Reminders', 3600, 'https://reminders.example/cb'],
		]);
		for (const row of list.slice(1)) {
			expect(row.key).toMatch(/^[0-9a-z]{16}$/);
			expect(row.secret).toMatch(/^[0-9a-z]{16}$/);
		}

		for (const name of ['Kiosk', 'kiosk', 'KIOSK  ']) {
			expect(await (await post({method: 'add', name, uri: 'x', lifetime: '-1'})).json()).toEqual({
				method: 'add',
				name,
				success: false,
				error: 'Add Failure: Could not add entry to database.Name already being used.',
			});
		}

		expect(await (await post({method: 'add', name: '', uri: 'x'})).json()).toEqual({
			method: 'add',
			name: '',
			success: false,
			error: 'Add Failure: Cannot add Client with empty value.',
		});
		expect((await post({method: 'add', uri: 'x'})).status).toBe(500); // name missing: a NullPointerException in the JSP
		expect(await (await get({method: 'frobnicate'})).json()).toEqual({
			method: 'frobnicate',
			success: false,
			error: 'Invalid method supplied.',
		});
		expect(await (await get({})).json()).toEqual({success: false, error: 'Invalid method supplied.'});
		expect(oscar.state.clients.size).toBe(3);
	});

	it('stores a lifetime that is not an integer as 0, silently (Integer.parseInt)', async () => {
		const oscar = (await sim()).instance('oscar');
		const {post, get} = await session(oscar, admin);
		const cases: Array<[string | undefined, number]> = [
			['-1', -1],
			['3600', 3600],
			['+5', 5],
			['0', 0],
			['abc', 0],
			['', 0],
			[' -1', 0],
			['-1.0', 0],
			['1e3', 0],
			['2147483647', 2_147_483_647],
			['2147483648', 0],
			[undefined, 0],
		];
		for (const [index, [lifetime]] of cases.entries()) {
			const fields: Record<string, string> = {method: 'add', name: `client ${index}`, uri: 'http://127.0.0.1:8765'};
			if (lifetime !== undefined) fields.lifetime = lifetime;
			expect(((await (await post(fields)).json()) as Row).success).toBe(true);
		}

		const list = (await (await get({method: 'list'})).json()) as Row[];
		expect(list.slice(1).map(row => row.lifetime)).toEqual(cases.map(([, expected]) => expected));
		expect(cases.map(([text]) => javaParseInt(text) ?? 0)).toEqual(cases.map(([, expected]) => expected));
	});

	it('a client added here works for a real initiate at once; tokens issued by the OAuth flow are listed', async () => {
		const oscar = (await sim()).instance('oscar');
		const {post, get} = await session(oscar, admin);
		await post({method: 'add', name: 'Fresh App', uri: 'http://127.0.0.1:8765', lifetime: '-1'});
		const fresh = ((await (await get({method: 'list'})).json()) as Row[]).find(row => row.name === 'Fresh App')!;
		const now = Math.floor(oscar.now() / 1000);
		const initiate = await signedFetch({
			method: 'POST',
			url: `${oscar.baseUrl}/ws/oauth/initiate`,
			consumerKey: fresh.key as string,
			consumerSecret: fresh.secret as string,
			oauth: {oauth_callback: 'http://127.0.0.1:8765/callback'},
			nowSeconds: now,
		});
		expect(initiate.status).toBe(200);
		const requestToken = formAnswer(await initiate.text());
		const {verifier} = await consent(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${requestToken.oauth_token!}`, bookingApp);
		const exchanged = await signedFetch({
			method: 'POST',
			url: `${oscar.baseUrl}/ws/oauth/token`,
			consumerKey: fresh.key as string,
			consumerSecret: fresh.secret as string,
			token: requestToken.oauth_token,
			tokenSecret: requestToken.oauth_token_secret,
			oauth: {oauth_verifier: verifier},
			nowSeconds: now,
		});
		expect(exchanged.status).toBe(200);
		const access = formAnswer(await exchanged.text());
		const tokens = (await (await get({method: 'listTokens'})).json()) as Row[];
		expect(tokens).toHaveLength(2);
		expect(tokens[1]).toMatchObject({
			id: 2,
			clientId: fresh.id,
			tokenId: access.oauth_token,
			tokenSecret: access.oauth_token_secret,
			providerNo: '999001',
			lifetime: -1,
		});
	});

	it('deletes a client by id; its tokens stay (no cascade) and the id is never reused', async () => {
		const oscar = (await sim()).instance('oscar');
		const {post, get} = await session(oscar, admin);
		expect(await (await post({method: 'delete', id: '1'})).json()).toEqual({method: 'delete', id: '1', success: true, error: ''});
		expect(await (await get({method: 'list'})).json()).toEqual([]);
		expect(((await (await get({method: 'listTokens'})).json()) as Row[]).map(row => row.clientId)).toEqual([1]);
		await post({method: 'add', name: 'Booking App', uri: 'http://127.0.0.1:8765', lifetime: '-1'});
		expect(((await (await get({method: 'list'})).json()) as Row[]).map(row => row.id)).toEqual([2]);
		expect(await (await post({method: 'delete', id: ''})).json()).toMatchObject({
			success: false,
			error: 'Add Failure: Cannot remove Client with empty id.',
		});
		expect((await post({method: 'delete', id: 'two'})).status).toBe(500);
		expect((await post({method: 'delete'})).status).toBe(500);
	});
});

describe('clientManage.json on CARLOS', () => {
	const fleet = {
		instances: [
			{
				name: 'carlos',
				dialect: 'carlos' as const,
				users: [...defaultUsers(), auditor],
			},
		],
	};

	it('needs the _admin read privilege to list: a doctor gets 403', async () => {
		const carlos = (await sim({fleet})).instance('carlos');
		const {get, post} = await session(carlos, doctor);
		for (const response of [await get({method: 'list'}), await get({method: 'listTokens'}), await post({method: 'add', name: 'x'})]) {
			expect(response.status).toBe(403);
			expect(await response.text()).toContain('_admin');
		}
	});

	it('lists as Jackson writes: declared field order, dates in epoch ms, a missing provider as null', async () => {
		const carlos = (await sim({fleet: {instances: [{...fleet.instances[0]!, ...unbound}]}})).instance('carlos');
		const {get} = await session(carlos, auditor);
		const clients = await get({method: 'list'});
		expect(clients.headers.get('content-type')).toBe('application/json;charset=UTF-8');
		const [client] = (await clients.json()) as Row[];
		expect(Object.keys(client!)).toEqual(['id', 'name', 'key', 'secret', 'dateCreated', 'uri', 'lifetime']);
		expect(typeof client!.dateCreated).toBe('number');
		const [token] = (await (await get({method: 'listTokens'})).json()) as Row[];
		expect(Object.keys(token!)).toEqual([
			'id',
			'clientId',
			'tokenId',
			'tokenSecret',
			'scopes',
			'lifetime',
			'issued',
			'dateCreated',
			'providerNo',
		]);
		expect(token).toMatchObject({providerNo: null, lifetime: 3600, scopes: 'provider.read schedule.read demographic.read'});
	});

	it('needs _admin write and POST to add or delete: read-only 403, GET 405 with Allow: POST', async () => {
		const carlos = (await sim({fleet})).instance('carlos');
		expect((await (await session(carlos, auditor)).post({method: 'add', name: 'x', uri: 'oob', lifetime: '-1'})).status).toBe(403);
		const {get, post} = await session(carlos, admin);
		const queries: Array<Record<string, string>> = [
			{method: 'add', name: 'x', uri: 'oob', lifetime: '-1'},
			{method: 'delete', id: '1'},
			{method: 'nonsense'},
		];
		for (const query of queries) {
			const response = await get(query);
			expect(response.status).toBe(405);
			expect(response.headers.get('allow')).toBe('POST');
		}

		expect(carlos.state.clients.size).toBe(1);
		expect(await (await post({method: 'add', name: 'Kiosk', uri: 'oob', lifetime: 'soon'})).json()).toEqual({
			method: 'add',
			name: 'Kiosk',
			success: true,
			error: '',
		});
		expect(await (await post({method: 'add', name: 'kiosk', uri: 'oob'})).json()).toMatchObject({
			success: false,
			error: 'Add Failure: Could not add entry to database.Name already being used.',
		});
		expect([...carlos.state.clients.values()].find(client => client.name === 'Kiosk')?.lifetime).toBe(0);
		expect(await (await post({method: 'delete', id: 'two'})).json()).toEqual({
			method: 'delete',
			id: 'two',
			success: false,
			error: 'Invalid client identifier.',
		});
		expect(await (await post({method: 'delete', id: '1'})).json()).toMatchObject({success: true});
		expect([...carlos.state.clients.values()].map(client => client.name)).toEqual(['Kiosk']);
	});
});
