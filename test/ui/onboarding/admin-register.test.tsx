/**
 * The wizard's "do steps 4-8 for me with an admin login" (m), in the dashboard with real files and
 * the real protocol against the simulator over loopback TLS: the client is created with step 6's
 * values, its key and secret land in the 0600 config, the signed request-token call proves them,
 * steps 4-8 are verified and the wizard moves to step 9, logged out; in CARLOS too (writes by
 * POST). A name in use offers adopting the client; a secret kept as an env: or file: reference is
 * refused before anything is sent, saying what to put where; a refused login and a
 * non-administrator are explained in the pane; the wizard opened, moved and logged in with one
 * burst of keys works, and fits 80x24 and 60x20. The password and the new secret are in no frame,
 * the password in no file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import type {Integration} from '../../../source/core/model.js';
import {startSimulator, type RunningSimulator} from '../../../source/simulator/index.js';
import {ConfigStore} from '../../../source/store/config-store.js';
import {StateStore} from '../../../source/store/state-store.js';
import {realAdminServices} from '../../../source/ui/admin/real-admin-services.js';
import type {AdminServices} from '../../../source/ui/admin/admin-services.js';
import {realWizardServices} from '../../../source/ui/onboarding/real-services.js';
import {keys} from '../helpers/keys.js';
import {expectFits, renderApp, type Rendered} from '../helpers/render-app.js';
import {gate, heldAdminServices} from '../helpers/held-admin-services.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const doctor = {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'};
const bookingClient = {
	name: 'Booking',
	key: 'bookingkey000001',
	secret: 'booking-secret-on-oscar',
	uri: 'http://127.0.0.1:8765',
	lifetime: -1,
};

let simulator: RunningSimulator;
let dir = '';
let configPath = '';
const frames: string[] = [];
const apps: Rendered[] = [];

const placeholder = (name: string, tag: string, extra: Partial<Integration> = {}): Integration => ({
	name,
	consumerKey: 'placeholder00001',
	consumerSecret: 'placeholder',
	expectedProvider: '999001',
	tags: [tag],
	...extra,
});

beforeAll(async () => {
	simulator = await startSimulator({
		fleet: {
			instances: [
				{name: 'clinic', contextPath: '/oscar', clients: [bookingClient], tokens: [], tls: true},
				{name: 'east', contextPath: '/carlos', dialect: 'carlos', clients: [], tokens: [], tls: true},
			],
		},
	});
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wizard-register-'));
	configPath = path.join(dir, 'config.json');
	new ConfigStore(configPath).update(() => ({
		instances: [
			{
				name: 'clinic',
				baseUrl: simulator.instance('clinic').baseUrl,
				caFile: simulator.caFile,
				integrations: [
					placeholder('kiosk', 'k1'),
					placeholder('booking', 'b1', {consumerKey: 'stalekey00000000'}),
					placeholder('fax', 'f1', {consumerSecret: 'env:FAX_SECRET'}),
					placeholder('scanner', 's1', {consumerSecret: `file:${path.join(dir, 'scanner-secret')}`}),
					placeholder('lab', 'l1'),
					placeholder('pharmacy', 'p1'),
					placeholder('portal', 'p2'),
					placeholder('courier', 'c1'),
				],
			},
			{
				name: 'east',
				baseUrl: simulator.instance('east').baseUrl,
				caFile: simulator.caFile,
				dialect: 'carlos',
				integrations: [placeholder('kiosk', 'k2')],
			},
		],
	}));
});

afterAll(async () => {
	const files = fs.readdirSync(dir).map(name => fs.readFileSync(path.join(dir, name), 'utf8'));
	for (const text of [...frames, ...files]) {
		expect(text).not.toContain(admin.password);
		expect(text).not.toContain(doctor.password);
	}

	expect(frames.length).toBeGreaterThan(0);
	await simulator?.close();
	fs.rmSync(dir, {recursive: true, force: true});
});

afterEach(() => {
	for (const app of apps.splice(0)) {
		frames.push(app.written());
		app.unmount();
	}
});

/** The dashboard on the temp config, with the real admin and wizard services, the row tagged `tag` selected. */
async function dashboardAt(
	tag: string,
	id: string,
	size: {columns: number; rows: number} = {columns: 120, rows: 60},
	adminServices: AdminServices = realAdminServices({env: {}}),
): Promise<Rendered> {
	const app = await renderApp({
		store: new ConfigStore(configPath),
		stateStore: new StateStore(configPath),
		...size,
		adminServices,
		wizardServices: (instance, integration) => realWizardServices(instance, integration, {env: {}, admin: adminServices}),
	});
	apps.push(app);
	await app.waitFor('clinic');
	await app.press('/', `tag:${tag}`, keys.enter);
	await app.waitFor(`filter "tag:${tag}"`);
	await app.press(keys.down);
	await app.waitFor(new RegExp(`^›.*${id.split('/')[1]!}`, 'm'));
	return app;
}

/** The dashboard on the temp config, with the real admin and wizard services, the wizard open at step 4 for `tag`. */
async function wizardAtStep4(tag: string, id: string, adminServices?: AdminServices): Promise<Rendered> {
	const app = await dashboardAt(tag, id, undefined, adminServices);
	await app.press('o');
	await app.waitFor(`Onboarding ${id.replace('/', ' / ')}`);
	await app.press('n', 'n', 'n');
	await app.waitFor('Step 4: Open REST Clients');
	await app.waitFor('m: do steps 4-8 for me with an admin login');
	return app;
}

async function logIn(app: Rendered, login: {username: string; password: string; pin: string}): Promise<void> {
	await app.press('m');
	await app.waitFor('OSCAR administrator login for');
	await app.press(login.username, keys.tab, login.password, keys.tab);
	await app.waitFor('*'.repeat(login.password.length));
	await app.press(login.pin, keys.enter);
}

const stored = (instance: string, name: string) =>
	new ConfigStore(configPath)
		.load()
		.instances.find(candidate => candidate.name === instance)!
		.integrations.find(integration => integration.name === name)!;
const prose = (app: Rendered): string => app.frame().replaceAll(/\n\s*/g, ' ');

describe('steps 4-8 with an admin login (m in the wizard)', () => {
	it("classic: registers step 6's values, stores and proves the key and secret, verifies 4-8 and ends on step 9, logged out", async () => {
		const app = await wizardAtStep4('k1', 'clinic/kiosk');
		expect(prose(app)).toContain('registers "kiosk", URI http://127.0.0.1:8765, lifetime -1 (step 6\'s values)');
		await logIn(app, admin);
		await app.waitFor('Step 9: OAuth authorization');
		await app.waitFor('OSCAR accepted them: a signed request-token call succeeded.');
		const client = [...simulator.instance('clinic').state.clients.values()].find(candidate => candidate.name === 'kiosk')!;
		expect(client).toMatchObject({uri: 'http://127.0.0.1:8765', lifetime: -1});
		expect(stored('clinic', 'kiosk')).toMatchObject({
			consumerKey: client.key,
			consumerSecret: client.secret,
			uri: 'http://127.0.0.1:8765',
			lifetime: -1,
		});
		expect(prose(app)).toContain(`registered the REST client "kiosk"`);
		expect(prose(app)).toContain(`key ${client.key}`);
		expect(prose(app)).toContain('the key and secret are saved (the secret is not shown)');
		expect(app.written()).not.toContain(client.secret);
		expect(app.frame()).toMatch(/6\/9 done|5\/9 done/);
		const progress = new StateStore(configPath).getOnboarding('clinic/kiosk');
		for (const step of [4, 5, 6, 7, 8] as const) expect(progress[step]?.status, `step ${step}`).toBe('verified');
		expect(simulator.instance('clinic').state.sessions.size).toBe(0);
	});

	it("a name in use: offers adopting the client; adopting logs in again and stores that client's key and secret", async () => {
		const app = await wizardAtStep4('b1', 'clinic/booking');
		await logIn(app, admin);
		// The question and its answers, from the wizard's key table (the hint line).
		await app.waitFor('a adopt it · n/Esc leave it');
		expect(prose(app)).toContain('OSCAR already has a REST client named "Booking"');
		expect(prose(app)).toContain('a: adopt it (log in again; its key and secret are then stored and proved), n or Esc: leave it');
		expect(stored('clinic', 'booking').consumerKey).toBe('stalekey00000000');
		expect(simulator.instance('clinic').state.sessions.size).toBe(0);
		await app.press('a');
		await app.waitFor('OSCAR administrator login for clinic');
		await app.press(admin.username, keys.tab, admin.password, keys.tab, admin.pin, keys.enter);
		await app.waitFor('Step 9: OAuth authorization');
		await app.waitFor('adopted the REST client "Booking"');
		expect(stored('clinic', 'booking')).toMatchObject({consumerKey: bookingClient.key, consumerSecret: bookingClient.secret});
		expect([...simulator.instance('clinic').state.clients.values()].filter(candidate => /booking/i.test(candidate.name))).toHaveLength(1);
	});

	it.each([
		['env:NAME', 'f1', 'clinic/fax', 'put its Client Secret into the environment variable FAX_SECRET (set where oscar-rest runs)'],
		[
			'file:PATH',
			's1',
			'clinic/scanner',
			'put its Client Secret into the file PATH (the secret alone on one line, readable only by you: chmod 600)',
		],
	])('a secret kept as %s: refused before anything is sent, saying what to put where', async (_label, tag, id, where) => {
		const before = simulator.instance('clinic').state.log.length;
		const app = await wizardAtStep4(tag, id);
		await app.press('m');
		await app.waitFor('Refused before anything was sent: the secret is kept outside the config (secret-is-reference)');
		expect(prose(app)).toContain(where.replace('PATH', path.join(dir, 'scanner-secret')));
		expect(prose(app)).toContain(`add the client with name "${id.split('/')[1]!}", URI "http://127.0.0.1:8765" and lifetime -1`);
		expect(app.frame()).not.toContain('OSCAR administrator login for');
		expect(
			simulator
				.instance('clinic')
				.state.log.slice(before)
				.filter(entry => entry.path.includes('login.do') || entry.path.includes('clientManage')),
		).toEqual([]);
	});

	it('Esc while it runs: "logging out" until the logout is answered, then "logged out"; nothing created or stored', async () => {
		// The reads never finish (Esc aborts them); the logout waits for the test.
		const logout = gate();
		const held = heldAdminServices({reads: new Promise(() => undefined), logout: logout.opened});
		const app = await wizardAtStep4('c1', 'clinic/courier', held);
		await logIn(app, admin);
		await app.waitFor('reading the REST clients');
		expect(simulator.instance('clinic').state.sessions.size).toBe(1);
		await app.press(keys.escape);
		await app.waitFor('Cancelled; logging out of the admin session…');
		expect(prose(app)).not.toContain('logged out');
		expect(simulator.instance('clinic').state.sessions.size).toBe(1);
		logout.open();
		await app.waitFor('Cancelled; the admin session, if one was open, was logged out.');
		expect(simulator.instance('clinic').state.sessions.size).toBe(0);
		expect([...simulator.instance('clinic').state.clients.values()].some(client => client.name === 'courier')).toBe(false);
		expect(stored('clinic', 'courier').consumerKey).toBe('placeholder00001');
	});

	it('one burst: o, three steps on, m and the whole login with Enter in one read; ends on step 9 with the key proved', async () => {
		const app = await dashboardAt('l1', 'clinic/lab');
		app.stdin.write(`onnnm${admin.username}\t${admin.password}\t${admin.pin}\r`);
		await app.waitFor('Step 9: OAuth authorization');
		await app.waitFor('OSCAR accepted them: a signed request-token call succeeded.');
		const client = [...simulator.instance('clinic').state.clients.values()].find(candidate => candidate.name === 'lab')!;
		expect(stored('clinic', 'lab')).toMatchObject({consumerKey: client.key, consumerSecret: client.secret});
		expect(simulator.instance('clinic').state.sessions.size).toBe(0);
	});

	it.each([
		[80, 24],
		[60, 20],
	] as const)('fits %ix%i: the offer, the login form, and the outcome on step 9', async (columns, rows) => {
		const fits = (app: Rendered, where: string): void => {
			expectFits(app, {columns, rows}, where);
		};

		const [tag, name] = columns === 80 ? ['p1', 'pharmacy'] : ['p2', 'portal'];
		const app = await dashboardAt(tag, `clinic/${name}`, {columns, rows});
		await app.press('o');
		await app.waitFor(`Onboarding clinic / ${name}`);
		await app.press('n', 'n', 'n');
		await app.waitFor('Step 4: Open REST Clients');
		await app.waitFor('m do 4-8 for me');
		fits(app, 'step 4 with the offer');
		await app.press('m');
		await app.waitFor('OSCAR administrator login for');
		await app.press(admin.username, keys.tab, admin.password, keys.tab, admin.pin);
		await app.waitFor(/Tab next field/);
		fits(app, 'the login form');
		expect(app.frame()).not.toContain(admin.password);
		await app.press(keys.enter);
		await app.waitFor('Step 9: OAuth authorization');
		fits(app, 'step 9 after steps 4-8');
	});

	it('CARLOS: a refused login and a non-administrator are explained in the pane; then an admin registers by POST', async () => {
		const app = await wizardAtStep4('k2', 'east/kiosk');
		await logIn(app, {...admin, pin: '0000'});
		await app.waitFor('Login refused (login-failed)');
		expect(prose(app)).toContain('check the username, the password and the PIN');
		await app.waitFor('Step 4: Open REST Clients');
		await logIn(app, doctor);
		await app.waitFor('Not an administrator (not-admin)');
		expect(prose(app)).toContain('_admin privilege');
		await vi.waitFor(() => expect(simulator.instance('east').state.sessions.size).toBe(0));
		expect(stored('east', 'kiosk').consumerKey).toBe('placeholder00001');
		await logIn(app, admin);
		await app.waitFor('Step 9: OAuth authorization');
		await app.waitFor('OSCAR accepted them');
		const client = [...simulator.instance('east').state.clients.values()].find(candidate => candidate.name === 'kiosk')!;
		expect(stored('east', 'kiosk')).toMatchObject({consumerKey: client.key, consumerSecret: client.secret});
		expect(simulator.instance('east').state.log.some(entry => entry.method === 'POST' && entry.path.endsWith('clientManage.json'))).toBe(
			true,
		);
		expect(simulator.instance('east').state.sessions.size).toBe(0);
	});
});
