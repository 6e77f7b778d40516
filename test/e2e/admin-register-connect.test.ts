/**
 * A new integration from nothing to a working token with one admin login and one dedicated-user
 * login, as a person does it: the BUILT `oscar-rest admin register` logs in as the clinic's admin,
 * creates the REST client, reads its key and secret back, stores and proves them; then the BUILT
 * `oscar-rest connect` prints the authorize URL, a REAL headless Chromium (a fresh profile, like a
 * private window) logs in as the DEDICATED user and authorizes, and the token is saved and verified.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ConfigStore} from '../../source/store/config-store.js';
import {startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {cliPath, runCli} from '../helpers/run-cli.js';

// The simulator's default users (source/simulator/defaults.ts): the clinic's admin and the integration's dedicated provider.
const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const bookingApp = {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'};

let simulator: RunningSimulator;
let dir = '';
let configPath = '';

beforeAll(async () => {
	await ensureBuilt();
	simulator = await startSimulator({port: 0, fleet: {instances: [{name: 'sim', tokens: []}]}});
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-register-connect-'));
	configPath = path.join(dir, 'config.json');
	new ConfigStore(configPath).update(() => ({instances: [{name: 'sim', baseUrl: simulator.instance('sim').baseUrl, integrations: []}]}));
}, 180_000);

afterAll(async () => {
	await simulator?.close();
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('admin register, then connect in a real browser', () => {
	it('takes a new integration from nothing to a verified token', async () => {
		// 1. One admin login: steps 4-8. The URI is a prefix of the callback on any port (connect listens on a free one).
		const registered = await runCli(
			[
				'--config',
				configPath,
				'admin',
				'register',
				'sim/reminders',
				'--uri',
				'http://127.0.0.1:',
				'--provider',
				'999001',
				'--user',
				admin.username,
				'--password-stdin',
			],
			{input: `${admin.password}\n${admin.pin}\n`, env: {HOME: dir}},
		);
		expect(registered.code, registered.stderr).toBe(0);
		expect(registered.stdout).toContain(
			'Next (step 9): authorize it as its dedicated provider, in a private window: oscar-rest connect sim/reminders',
		);
		const client = [...simulator.instance('sim').state.clients.values()].find(candidate => candidate.name === 'reminders')!;
		expect(new ConfigStore(configPath).load().instances[0]!.integrations[0]).toMatchObject({
			name: 'reminders',
			consumerKey: client.key,
			consumerSecret: client.secret,
		});
		expect(simulator.instance('sim').state.sessions.size).toBe(0);

		// 2. One dedicated-user login: step 9, in a fresh browser profile.
		const child = spawn(process.execPath, [cliPath, 'connect', 'sim/reminders', '--port', '0', '--no-browser', '--config', configPath], {
			env: {PATH: process.env.PATH, HOME: dir, NO_COLOR: '1'},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		const exited = new Promise<number | null>(resolve => {
			child.on('exit', code => resolve(code));
		});
		const authorizeUrl = await new Promise<string>((resolve, reject) => {
			child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
				stderr += chunk;
				const match = /^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?oauth_token=\S+)$/m.exec(stderr);
				if (match) resolve(match[1]!);
			});
			void exited.then(() => reject(new Error(`connect exited early:\n${stderr}`)));
		});
		const callback = /Callback listening on (http:\/\/127\.0\.0\.1:\d+\/callback)/.exec(stderr)![1]!;
		const browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(dir, 'profile-')), {
			executablePath: '/usr/bin/chromium',
			headless: true,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
		});
		try {
			const page = browser.pages()[0] ?? (await browser.newPage());
			await page.goto(authorizeUrl);
			expect(await page.locator('#clientName').textContent()).toBe('reminders');
			await page.fill('#username', bookingApp.username);
			await page.fill('#password', bookingApp.password);
			await page.fill('#pin', bookingApp.pin);
			await page.click('#login');
			expect(await page.locator('#welcome').textContent()).toBe('Welcome Booking App');
			await Promise.all([page.waitForURL(target => target.href.startsWith(`${callback}?`)), page.click('#authorize')]);
		} finally {
			await browser.close();
		}

		expect(await exited).toBe(0);
		expect(stdout).toContain('Acts as: App, Booking (provider 999001)');
		expect(stdout).toContain('Identity verified');
		const saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
		const token = simulator.instance('sim').state.accessTokens.get(saved.accessToken!)!;
		expect(token).toMatchObject({clientKey: client.key, providerNo: '999001', lifetime: -1});
		for (const text of [registered.stdout, registered.stderr, stdout, stderr]) {
			for (const secret of [client.secret, token.secret, admin.password, bookingApp.password]) expect(text).not.toContain(secret);
		}
	});
});
