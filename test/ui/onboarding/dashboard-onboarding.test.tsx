/**
 * The wizard inside the dashboard with real files and the real protocol: progress saved in the
 * state file resumes after a restart, and the real services (the simulator over loopback) prove
 * pasted credentials and authorize, saving the token to the config file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import type {Integration} from '../../../source/core/model.js';
import {ConfigStore} from '../../../source/store/config-store.js';
import {StateStore} from '../../../source/store/state-store.js';
import {startSimulator, type RunningSimulator} from '../../../source/simulator/index.js';
import {realWizardServices} from '../../../source/ui/onboarding/real-services.js';
import {consent} from '../../onboarding/helpers/scripted-consent.js';
import {renderApp} from '../helpers/render-app.js';
import {keys} from '../helpers/keys.js';

const marker = 'dash-secret-3v8n';
const consumerKey = 'dashbookingkey01';
const consumerSecret = `CS-${marker}`;

let simulator: RunningSimulator;
let dir = '';
let configPath = '';

beforeAll(async () => {
	simulator = await startSimulator({
		port: 0,
		fleet: {
			instances: [
				{
					name: 'sim',
					clients: [{name: 'booking', key: consumerKey, secret: consumerSecret, uri: 'http://127.0.0.1:', lifetime: -1}],
					tokens: [],
				},
			],
		},
	});
});

afterAll(async () => {
	await simulator?.close();
});

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-onboarding-'));
	configPath = path.join(dir, 'config.json');
	// Configured with a stale key and secret (step 8 pastes the new ones).
	const booking: Integration = {
		name: 'booking',
		consumerKey: 'stalekey00000000',
		consumerSecret: `OLD-${marker}`,
		uri: 'http://127.0.0.1:',
		expectedProvider: '999001',
		lifetime: -1,
		tags: [],
	};
	new ConfigStore(configPath).update(() => ({
		instances: [{name: 'sim', baseUrl: simulator.instance('sim').baseUrl, integrations: [booking]}],
	}));
});

afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

async function openWizard() {
	const app = await renderApp({
		store: new ConfigStore(configPath),
		stateStore: new StateStore(configPath),
		columns: 160,
		rows: 50,
		wizardServices: (instance, integration) => realWizardServices(instance, integration, {env: {}, port: 0}),
	});
	await app.waitFor('booking');
	await app.press(keys.down);
	await app.waitFor(/^›.*booking/m);
	await app.press('o');
	await app.waitFor('Onboarding sim / booking');
	return app;
}

describe('onboarding in the dashboard', () => {
	it('a half-done onboarding resumes after restarting the app (state file)', async () => {
		const first = await openWizard();
		await first.waitFor('0/9 done, next: step 1');
		await first.press(keys.enter);
		await first.waitFor('1/9 done, next: step 2');
		await first.press('n');
		await first.waitFor('Step 2: Roles');
		await first.press(keys.enter);
		await first.waitFor('2/9 done, next: step 3');
		first.unmount();
		expect(new StateStore(configPath).getOnboarding('sim/booking')).toMatchObject({1: {status: 'done'}, 2: {status: 'done'}});

		const second = await openWizard();
		await second.waitFor('2/9 done, next: step 3');
		await second.waitFor('Step 3: REST module');
		second.unmount();
	});

	it('real services: pasted key and secret are saved and proven, then the authorization saves a verified token', async () => {
		const app = await openWizard();
		for (let step = 1; step < 8; step++) await app.press('n');
		await app.waitFor('Step 8: Key and secret');
		await app.press('k', consumerKey, keys.enter);
		await app.waitFor(`Key       ${consumerKey}`);
		await app.press('s', consumerSecret, keys.enter);
		await app.waitFor('OSCAR accepted the key and secret');
		expect(app.frame()).not.toContain(consumerSecret);
		let saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
		expect(saved).toMatchObject({consumerKey, consumerSecret});

		await app.press('n');
		await app.waitFor('Step 9: OAuth authorization');
		await app.press('a');
		await app.waitFor(/\/ws\/oauth\/authorize\?oauth_token=\w+/);
		const url = /(http:\/\/\S+\/ws\/oauth\/authorize\?oauth_token=\w+)/.exec(app.frame())![1]!;
		const {location} = await consent(url, {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'});
		expect((await fetch(location!)).status).toBe(200);
		await app.waitFor('Authorized; the access token is saved.');
		await app.waitFor('That is the dedicated user.');
		saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
		const issued = simulator.instance('sim').state.accessTokens.get(saved.accessToken!);
		expect(issued?.providerNo).toBe('999001');
		expect(saved.tokenSecret).toBe(issued?.secret);
		// Stamped just before the exchange; OSCAR stamps the token when it issues it (same second, or just after).
		expect(issued!.issuedAt - saved.issuedAt!).toBeGreaterThanOrEqual(0);
		expect(issued!.issuedAt - saved.issuedAt!).toBeLessThanOrEqual(5);
		expect(new StateStore(configPath).getOnboarding('sim/booking')).toMatchObject({
			8: {status: 'verified'},
			9: {status: 'verified'},
			1: {status: 'verified'},
		});
		expect(app.frame()).not.toContain(saved.tokenSecret);
		app.unmount();
	});
});
