/**
 * The dashboard's admin view (m), driven by real keys against the simulator's demo fleet through
 * the real admin services (login, clientManage.json, logout over loopback TLS with the simulator's
 * CA): the audit shows every seeded finding in the catalogue's shape in both dialects, ↑↓ and y
 * copy a finding's fix command; a wrong password or PIN, a non-administrator on CARLOS, a session
 * that ends mid-audit, an OSCAR without the endpoint and an unreachable one each get their own
 * message; success, Esc, quitting and errors leave no session open; a login typed in one burst
 * works; every screen fits 80x24 and 60x20; and the password is in no frame and no file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import type {Inventory} from '../../../source/core/model.js';
import {demoFleet, demoInventory, startSimulator, type RunningSimulator} from '../../../source/simulator/index.js';
import {ConfigStore} from '../../../source/store/config-store.js';
import {StateStore} from '../../../source/store/state-store.js';
import type {AdminServices} from '../../../source/ui/admin/admin-services.js';
import {realAdminServices} from '../../../source/ui/admin/real-admin-services.js';
import {keymap} from '../../../source/ui/keymap.js';
import {keys} from '../helpers/keys.js';
import {expectFits, renderApp, type Rendered} from '../helpers/render-app.js';
import {gate, heldAdminServices} from '../helpers/held-admin-services.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const doctor = {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'};

let simulator: RunningSimulator;
let legacy: RunningSimulator;
let dir = '';
let configPath = '';
/** Set by a test: end this instance's sessions right after its first clientManage answer. */
let expireAfterFirstList: string | undefined;
const frames: string[] = [];
let open: Rendered[] = [];

beforeAll(async () => {
	// Every clinic over TLS (harbour stays self-signed: its certificate is its problem).
	simulator = await startSimulator({
		fleet: {instances: demoFleet().instances.map(spec => ({...spec, tls: true}))},
		latencyMs: 0,
		log(line) {
			const name = expireAfterFirstList;
			if (name !== undefined && line.startsWith(`${name} GET `) && line.includes('/admin/api/clientManage.json -> 200')) {
				expireAfterFirstList = undefined;
				simulator.instance(name).expireSessions();
			}
		},
	});
	legacy = await startSimulator({fleet: {instances: [{name: 'legacy', contextPath: '/oscar', adminApi: false, tls: true}]}});
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-view-'));
	configPath = path.join(dir, 'config.json');
	const inventory: Inventory = demoInventory(simulator);
	new ConfigStore(configPath).update(() => ({
		instances: [
			...inventory.instances.map(instance => ({...instance, caFile: simulator.caFile})),
			{name: 'legacy', baseUrl: legacy.instance('legacy').baseUrl, caFile: legacy.caFile, integrations: []},
			// Nothing listens on the discard port.
			{name: 'gone', baseUrl: 'https://127.0.0.1:9/oscar', integrations: []},
		],
	}));
});

afterAll(async () => {
	// The login typed in any test: in no frame, and in no file next to the config.
	const files = fs.readdirSync(dir).map(name => fs.readFileSync(path.join(dir, name), 'utf8'));
	for (const text of [...frames, ...files]) {
		expect(text).not.toContain(admin.password);
		expect(text).not.toContain(doctor.password);
	}

	expect(frames.length).toBeGreaterThan(0);
	await simulator?.close();
	await legacy?.close();
	fs.rmSync(dir, {recursive: true, force: true});
});

beforeEach(() => {
	open = [];
});

afterEach(() => {
	for (const app of open) {
		frames.push(app.written());
		app.unmount();
	}
});

async function dashboard(options: {services?: AdminServices; columns?: number; rows?: number} = {}): Promise<Rendered> {
	const app = await renderApp({
		store: new ConfigStore(configPath),
		stateStore: new StateStore(configPath),
		columns: options.columns ?? 100,
		rows: options.rows ?? 400,
		adminServices: options.services ?? realAdminServices({env: {}}),
	});
	open.push(app);
	await app.waitFor('maple-family');
	return app;
}

/** Filter to `instance` and press m on its group line (`at`: keys that reach an instance without integrations). */
async function openAdmin(app: Rendered, instance: string, at?: string[]): Promise<void> {
	if (at) {
		await app.press(...at);
		await app.waitFor(new RegExp(`^›.*${instance}`, 'm'));
	} else {
		await app.press('/');
		await app.waitFor(/^\/ /m);
		await app.press(instance, keys.enter);
		await app.waitFor(`filter "${instance}"`);
	}

	await app.press('m');
	await app.waitFor(`OSCAR administrator login for ${instance}`);
}

/** The frame as one line of text (wrapped lines joined), for messages that wrap. */
const prose = (app: Rendered): string => app.frame().replaceAll(/\n\s*/g, ' ');

async function logIn(app: Rendered, login: {username: string; password: string; pin: string}): Promise<void> {
	await app.press(login.username, keys.tab, login.password, keys.tab);
	await app.waitFor('*'.repeat(login.password.length));
	await app.press(login.pin, keys.enter);
}

/** The finding codes a frame shows, in order. */
function codes(frame: string): string[] {
	return [...frame.matchAll(/^(?:›| ) [✖▲?✔] (?:CRIT|WARN|UNKNOWN|OK) {2}(\S+)$/gm)].map(match => match[1]!);
}

/** Every text the app copied with OSC 52, decoded. */
function copied(app: Rendered): string[] {
	// eslint-disable-next-line no-control-regex
	return [...app.written().matchAll(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map(match =>
		Buffer.from(match[1]!, 'base64').toString('utf8'),
	);
}

const sessions = (name: string) => simulator.instance(name).state.sessions.size;

describe('the admin view', () => {
	it('classic: every seeded finding, worst first, with evidence and fix; the login masked; logged out after', async () => {
		const app = await dashboard();
		await openAdmin(app, 'maple-family');
		await logIn(app, admin);
		await app.waitFor('Logged out: nothing of the login was kept');
		const frame = app.frame();
		expect(frame).toMatch(/^Admin audit of maple-family \(classic OSCAR, https:\/\/127\.0\.0\.1:\d+\/oscar\) as oscaradmin$/m);
		const found = codes(frame);
		// What the demo fleet seeds on maple-family, each as often as it is there (three unused clients).
		expect([...found].sort()).toEqual(
			[
				'rest-client-lifetime-zero',
				'rest-client-uri-blank',
				'rest-client-missing',
				'server-token-wrong-user',
				'server-token-missing',
				'rest-client-lifetime-short',
				'rest-client-uri-insecure',
				'rest-client-name-duplicate',
				'rest-client-unused',
				'rest-client-unused',
				'rest-client-unused',
				'rest-client-many-tokens',
				'server-token-orphan',
				'admin-api-open',
			].sort(),
		);
		// Critical before warning; the first one selected.
		expect(found.indexOf('server-token-missing')).toBeLessThan(found.indexOf('rest-client-lifetime-short'));
		expect(frame).toMatch(/^› ✖ CRIT {2}rest-client-lifetime-zero$/m);
		expect(frame).toContain('    URI: (blank)');
		expect(frame).toContain('    Fix:');
		expect(frame).toContain("      1. Give the client lifetime -1 in OSCAR's database");
		expect(frame).toContain('REST clients on OSCAR (secrets are never shown)');
		// No secret of the server on screen: only compared.
		for (const client of simulator.instance('maple-family').state.clients.values()) expect(frame).not.toContain(client.secret);
		expect(sessions('maple-family')).toBe(0);
	});

	it('CARLOS: its own findings, no open-endpoint warning (it checks the _admin privilege)', async () => {
		const app = await dashboard();
		await openAdmin(app, 'carlos-east');
		await logIn(app, admin);
		await app.waitFor('Logged out: nothing of the login was kept');
		expect(app.frame()).toContain('Admin audit of carlos-east (CARLOS, ');
		expect([...codes(app.frame())].sort()).toEqual(['server-token-expired', 'server-token-no-provider', 'server-token-orphan']);
		expect(app.frame()).toMatch(/^Admin audit of carlos-east \(CARLOS, https:\/\/127\.0\.0\.1:\d+\/carlos\) as oscaradmin$/m);
		expect(sessions('carlos-east')).toBe(0);
	});

	it('↓ selects the next finding, y copies its fix command with the row id filled in, at 80x24', async () => {
		const app = await dashboard({columns: 80, rows: 24});
		await openAdmin(app, 'maple-family');
		await logIn(app, admin);
		await app.waitFor(/^› ✖ CRIT {2}rest-client-lifetime-zero$/m);
		const state = simulator.instance('maple-family').state;
		const idOf = (name: string) => state.rows.clients.get([...state.clients.values()].find(client => client.name === name)!.key)!.id;
		await app.press('y');
		await app.waitFor('Copied the fix command');
		await app.press(keys.down);
		await app.waitFor(/^› ✖ CRIT {2}rest-client-uri-blank$/m);
		await app.press('y');
		await vi.waitFor(() => expect(copied(app)).toHaveLength(2));
		// Both are about the client "Old Kiosk" (lifetime 0 and a blank URI): its row id is filled in.
		expect(copied(app)).toEqual([
			`UPDATE ServiceClient SET lifetime = -1 WHERE id = ${idOf('Old Kiosk')};`,
			`UPDATE ServiceClient SET uri = 'URI' WHERE id = ${idOf('Old Kiosk')};`,
		]);
		await app.press(keys.pageDown);
		await app.waitFor('lines above (PgUp)');
		expect(app.frame().split('\n').length).toBeLessThanOrEqual(24);
	});

	it.each([
		['a wrong password', {...admin, password: 'Not-The-Password-9'}],
		['a wrong PIN', {...admin, pin: '0000'}],
	])('%s: "Login refused" with what to check; r asks again with an empty form', async (_label, login) => {
		const app = await dashboard();
		await openAdmin(app, 'maple-family');
		await logIn(app, login);
		await app.waitFor('✖ Login refused (login-failed)');
		expect(prose(app)).toContain('refused the login of "oscaradmin" (Invalid Credentials): check the username, the password and the PIN');
		expect(prose(app)).toContain('Nothing of the login was kept, and no admin session is open.');
		expect(app.written()).not.toContain(login.password);
		await app.press('r');
		await app.waitFor('OSCAR administrator login for maple-family');
		// The form is new and empty: nothing typed before is in it.
		expect(app.frame()).not.toContain('oscaradmin');
		expect(app.frame()).not.toContain('*');
		expect(sessions('maple-family')).toBe(0);
	});

	it('a user without the _admin privilege on CARLOS: "Not an administrator", logged out', async () => {
		const app = await dashboard();
		await openAdmin(app, 'carlos-east');
		await logIn(app, doctor);
		await app.waitFor('✖ Not an administrator (not-admin)');
		expect(prose(app)).toContain('"drsmith" is logged in but may not use the REST Clients admin API');
		expect(prose(app)).toContain('_admin privilege');
		expect(app.frame()).toContain('HTTP status: 403');
		await vi.waitFor(() => expect(sessions('carlos-east')).toBe(0));
	});

	it('a session that ends mid-audit: "The admin session ended mid-way" and "log in again"', async () => {
		const app = await dashboard();
		expireAfterFirstList = 'summit';
		await openAdmin(app, 'summit');
		await logIn(app, admin);
		await app.waitFor('✖ The admin session ended mid-way (session-expired)');
		expect(expireAfterFirstList).toBeUndefined();
		expect(prose(app)).toMatch(/OSCAR ended the admin session of "oscaradmin" during listTokens/);
		expect(app.frame()).toContain('r: log in again');
	});

	it('an OSCAR without the endpoint (older versions) and one that does not answer: each said plainly', async () => {
		// The instances without integrations come last: legacy, with gone just above it.
		const app = await dashboard();
		await openAdmin(app, 'legacy', ['G']);
		await logIn(app, admin);
		await app.waitFor('✖ No REST Clients admin API on this OSCAR (an older version) (endpoint-missing)');
		expect(prose(app)).toContain('Administration > Integrations > REST Clients by hand');
		expect(legacy.instance('legacy').state.sessions.size).toBe(0);
		await app.press(keys.escape);
		await app.waitForNot('Admin audit of legacy');
		await openAdmin(app, 'gone', ['k']);
		await logIn(app, admin);
		await app.waitFor('✖ OSCAR could not be reached (network)');
		expect(app.frame()).toContain('Network: connection-refused');
	});

	it('Esc while the audit runs, and quitting while it runs, log the session out', async () => {
		// The listing waits for the test, so the audit is surely running when the key arrives.
		const reads = gate();
		const held = heldAdminServices({reads: reads.opened});

		const first = await dashboard({services: held});
		await openAdmin(first, 'lakeshore');
		await logIn(first, admin);
		await first.waitFor('reading the REST clients and access tokens');
		expect(sessions('lakeshore')).toBe(1);
		await first.press(keys.escape);
		await first.waitFor('Admin audit of lakeshore cancelled; the session was logged out.');
		expect(sessions('lakeshore')).toBe(0);

		const second = await dashboard({services: held});
		await openAdmin(second, 'lakeshore');
		await logIn(second, admin);
		await second.waitFor('reading the REST clients and access tokens');
		expect(sessions('lakeshore')).toBe(1);
		await second.press('q');
		await held.settle();
		expect(sessions('lakeshore')).toBe(0);
		reads.open();
	});

	it('a login typed in one burst with the m that opens the form: m, user, Tab, password, Tab, PIN, Enter in one read', async () => {
		const app = await dashboard();
		await app.press('/', 'summit', keys.enter);
		await app.waitFor('filter "summit"');
		app.stdin.write(`m${admin.username}\t${admin.password}\t${admin.pin}\r`);
		await app.waitFor('Logged out: nothing of the login was kept');
		expect(app.frame()).toContain('Admin audit of summit (classic OSCAR, ');
		expect(codes(app.frame())).toEqual(['admin-api-open']);
		expect(sessions('summit')).toBe(0);
	});

	it('Esc after the report and after a failure closes the view, no session open; the password is never shown, ctrl+r included', async () => {
		const app = await dashboard();
		await openAdmin(app, 'lakeshore');
		await app.press(admin.username, keys.tab, admin.password);
		await app.waitFor('*'.repeat(admin.password.length));
		await app.press(keys.ctrlR);
		await app.waitFor(/does nothing now|login for lakeshore/);
		expect(app.frame()).not.toContain(admin.password);
		await app.press(keys.tab, admin.pin, keys.enter);
		await app.waitFor('Logged out: nothing of the login was kept');
		await app.press(keys.escape);
		await app.waitForNot('Admin audit of lakeshore');
		expect(sessions('lakeshore')).toBe(0);
		await openAdmin(app, 'lakeshore', []);
		await logIn(app, {...admin, password: 'Not-The-Password-9'});
		await app.waitFor('✖ Login refused (login-failed)');
		await app.press(keys.escape);
		await app.waitForNot('Admin audit of lakeshore');
		expect(sessions('lakeshore')).toBe(0);
	});

	it("m is in the list's footer and the help; the admin view's keys in its own footer and the help", async () => {
		const app = await dashboard({columns: 220, rows: 200});
		expect(app.frame().split('\n').at(-1)).toContain('m admin audit');
		await app.press('?');
		await app.waitFor('Keys (');
		for (const id of ['admin', 'adminUp', 'adminCopy', 'adminAgain', 'adminClose', 'loginSubmit', 'loginCancel'] as const)
			expect(app.frame()).toContain(keymap[id].description);
		expect(app.frame()).toContain('Admin view (m)');
		await app.press(keys.escape);
		await app.waitForNot('Keys (');
		await openAdmin(app, 'summit');
		expect(app.frame().split('\n').at(-1)).toMatch(/Tab next field {2}Enter log in {2}Esc cancel/);
		await logIn(app, admin);
		await app.waitFor('Logged out: nothing of the login was kept');
		expect(app.frame().split('\n').at(-1)).toMatch(/↑↓ finding {2}PgDn scroll {2}y copy fix {2}r again {2}Esc close/);
	});

	describe.each([
		[80, 24],
		[60, 20],
	] as const)('at %ix%i', (columns, rows) => {
		const fits = (app: Rendered, where: string): void => {
			expectFits(app, {columns, rows}, where);
		};

		it('the login form, a failure and every page of the report fit', async () => {
			const app = await dashboard({columns, rows});
			await openAdmin(app, 'maple-family');
			fits(app, 'login form');
			await app.press(admin.username, keys.tab, 'Not-The-Password-9', keys.tab);
			await app.waitFor(/^› PIN/m);
			fits(app, 'login form, PIN focused');
			await app.press(keys.enter);
			await app.waitFor('Login refused (login-failed)');
			fits(app, 'failure');
			await app.press('r');
			await app.waitFor('OSCAR administrator login for maple-family');
			await logIn(app, admin);
			await app.waitFor(/^› ✖ CRIT {2}rest-client-lifetime-zero$/m);
			fits(app, 'report');
			const seen = new Set(codes(app.frame()));
			for (let page = 2; page < 40 && app.frame().includes('more lines (PgDn)'); page++) {
				const before = app.frame();
				await app.press(keys.pageDown);
				await vi.waitFor(() => expect(app.frame()).not.toBe(before));
				fits(app, `report page ${page}`);
				for (const code of codes(app.frame())) seen.add(code);
			}

			// Scrolled to the end: every finding was on some page, then the clients (the last one last).
			expect(seen.size).toBe(12);
			expect(app.frame()).not.toContain('more lines (PgDn)');
			expect(prose(app)).toContain('"booking app", key');
		});
	});

	it("m: on an integration row it audits that row's instance; without the admin services it says why it does nothing", async () => {
		const app = await dashboard();
		await app.press('/', 'intake', keys.enter);
		await app.waitFor('filter "intake"');
		await app.press(keys.down);
		await app.waitFor(/^›.*intake-forms/m);
		await app.press('m');
		await app.waitFor('OSCAR administrator login for maple-family');
		await app.press(keys.escape);
		await app.waitFor('Cancelled: nothing was sent to OSCAR');

		const bare = await renderApp({store: new ConfigStore(configPath), columns: 160, rows: 40});
		open.push(bare);
		await bare.waitFor('maple-family');
		await bare.press('m');
		await bare.waitFor(`m (${keymap.admin.description}) does nothing now: not available here: use oscar-rest admin audit`);
	});
});
