/**
 * The wizard's "do steps 4-8 for me with an admin login" (m), in the dashboard with real files and
 * the real protocol against the simulator: the client is created with step 6's values, its key and
 * secret land in the 0600 config, the signed request-token call proves them, steps 4-8 are
 * verified and the wizard moves to step 9, logged out; in CARLOS too (writes by POST). A name in
 * use offers adopting the client; a secret kept as an env: reference is refused before anything is
 * sent, saying what to put where; a refused login and a non-administrator are explained in the
 * pane. The password is in no frame and no file.
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
import {realWizardServices} from '../../../source/ui/onboarding/real-services.js';
import {keys} from '../helpers/keys.js';
import {renderApp, type Rendered} from '../helpers/render-app.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const doctor = {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'};
const bookingClient = {name: 'Booking', key: 'bookingkey000001', secret: 'booking-secret-on-oscar', uri: 'http://127.0.0.1:8765', lifetime: -1};

let simulator: RunningSimulator;
let dir = '';
let configPath = '';
const frames: string[] = [];
const apps: Rendered[] = [];

const placeholder = (name: string, tag: string, extra: Partial<Integration> = {}): Integration => ({
	name, consumerKey: 'placeholder00001', consumerSecret: 'placeholder', expectedProvider: '999001', tags: [tag], ...extra,
});

beforeAll(async () => {
	simulator = await startSimulator({fleet: {instances: [
		{name: 'clinic', contextPath: '/oscar', clients: [bookingClient], tokens: []},
		{name: 'east', contextPath: '/carlos', dialect: 'carlos', clients: [], tokens: []},
	]}});
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wizard-register-'));
	configPath = path.join(dir, 'config.json');
	new ConfigStore(configPath).update(() => ({instances: [
		{name: 'clinic', baseUrl: simulator.instance('clinic').baseUrl, integrations: [
			placeholder('kiosk', 'k1'),
			placeholder('booking', 'b1', {consumerKey: 'stalekey00000000'}),
			placeholder('fax', 'f1', {consumerSecret: 'env:FAX_SECRET'}),
		]},
		{name: 'east', baseUrl: simulator.instance('east').baseUrl, dialect: 'carlos', integrations: [placeholder('kiosk', 'k2')]},
	]}));
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

/** The dashboard on the temp config, with the real admin and wizard services, the wizard open at step 4 for `tag`. */
async function wizardAtStep4(tag: string, id: string): Promise<Rendered> {
	const adminServices = realAdminServices({env: {}});
	const app = await renderApp({
		store: new ConfigStore(configPath), stateStore: new StateStore(configPath), columns: 120, rows: 60, adminServices,
		wizardServices: (instance, integration) => realWizardServices(instance, integration, {env: {}, admin: adminServices}),
	});
	apps.push(app);
	await app.waitFor('clinic');
	await app.press('/', `tag:${tag}`, keys.enter);
	await app.waitFor(`filter "tag:${tag}"`);
	await app.press(keys.down);
	await app.waitFor(new RegExp(`^›.*${id.split('/')[1]!}`, 'm'));
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

const stored = (instance: string, name: string) => new ConfigStore(configPath).load().instances.find(candidate => candidate.name === instance)!.integrations.find(integration => integration.name === name)!;
const prose = (app: Rendered): string => app.frame().replaceAll(/\n\s*/g, ' ');

describe('steps 4-8 with an admin login (m in the wizard)', () => {
	it('classic: registers step 6\'s values, stores and proves the key and secret, verifies 4-8 and ends on step 9, logged out', async () => {
		const app = await wizardAtStep4('k1', 'clinic/kiosk');
		expect(prose(app)).toContain('registers "kiosk", URI http://127.0.0.1:8765, lifetime -1 (step 6\'s values)');
		await logIn(app, admin);
		await app.waitFor('Step 9: OAuth authorization');
		await app.waitFor('OSCAR accepted them: a signed request-token call succeeded.');
		const client = [...simulator.instance('clinic').state.clients.values()].find(candidate => candidate.name === 'kiosk')!;
		expect(client).toMatchObject({uri: 'http://127.0.0.1:8765', lifetime: -1});
		expect(stored('clinic', 'kiosk')).toMatchObject({consumerKey: client.key, consumerSecret: client.secret, uri: 'http://127.0.0.1:8765', lifetime: -1});
		expect(prose(app)).toContain(`registered the REST client "kiosk"`);
		expect(prose(app)).toContain(`key ${client.key}`);
		expect(app.frame()).not.toContain(client.secret);
		expect(app.frame()).toMatch(/6\/9 done|5\/9 done/);
		const progress = new StateStore(configPath).getOnboarding('clinic/kiosk');
		for (const step of [4, 5, 6, 7, 8] as const) expect(progress[step]?.status, `step ${step}`).toBe('verified');
		expect(simulator.instance('clinic').state.sessions.size).toBe(0);
	});

	it('a name in use: offers adopting the client; adopting logs in again and stores that client\'s key and secret', async () => {
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

	it('a secret kept as env:NAME: refused before anything is sent, saying what to put where', async () => {
		const before = simulator.instance('clinic').state.log.length;
		const app = await wizardAtStep4('f1', 'clinic/fax');
		await app.press('m');
		await app.waitFor('Refused before anything was sent: the secret is kept outside the config (secret-is-reference)');
		expect(prose(app)).toContain('the environment variable FAX_SECRET');
		expect(app.frame()).not.toContain('OSCAR administrator login for');
		expect(simulator.instance('clinic').state.log.slice(before).filter(entry => entry.path.includes('login.do') || entry.path.includes('clientManage'))).toEqual([]);
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
		expect(simulator.instance('east').state.log.some(entry => entry.method === 'POST' && entry.path.endsWith('clientManage.json'))).toBe(true);
		expect(simulator.instance('east').state.sessions.size).toBe(0);
	});
});
