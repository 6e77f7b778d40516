/**
 * The whole of step 9 as a person does it: the BUILT `oscar-rest connect` prints the authorize URL,
 * a REAL headless Chromium (a fresh profile, like a private window) opens it, logs in as the
 * dedicated user and presses Authorize, OSCAR (the simulator) redirects to the CLI's loopback
 * callback, the CLI exchanges the verifier, saves the token and checks who it acts as.
 * Also: a browser already logged into OSCAR as a doctor binds THAT user (exit 2), and Ctrl+C
 * while waiting ends the CLI promptly and frees the port.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {chromium, type BrowserContext} from 'playwright-core';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import type {Integration} from '../../source/core/model.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {cliPath} from '../helpers/run-cli.js';
import {chromiumPath} from '../helpers/chromium.js';

const marker = 'e2e-secret-8w1k';
const consumerKey = 'e2ebookingkey001';
const consumerSecret = `CS-${marker}`;
// The simulator's default users (source/simulator/defaults.ts).
const bookingApp = {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'};
const doctor = {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'};

let simulator: RunningSimulator;
let dir = '';
let configPath = '';
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
	await ensureBuilt();
	simulator = await startSimulator({
		port: 0,
		fleet: {
			instances: [
				{
					name: 'sim',
					// A URI that is a prefix of the callback on any port (the CLI listens on a free one).
					clients: [{name: 'booking', key: consumerKey, secret: consumerSecret, uri: 'http://127.0.0.1:', lifetime: -1}],
					tokens: [],
				},
			],
		},
	});
}, 180_000);

afterAll(async () => {
	await simulator?.close();
});

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-authorize-'));
	configPath = path.join(dir, 'config.json');
	const booking: Integration = {
		name: 'booking',
		consumerKey,
		consumerSecret,
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
	for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	fs.rmSync(dir, {recursive: true, force: true});
});

/** The built CLI as a user runs it; waits on its output, never on time. */
function connect(...args: string[]) {
	const child = spawn(process.execPath, [cliPath, 'connect', 'sim/booking', ...args, '--no-browser', '--config', configPath], {
		env: {PATH: process.env.PATH, HOME: dir, NO_COLOR: '1'},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	children.push(child);
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		child.on('exit', (code, signal) => resolve({code, signal}));
	});
	const stderrMatch = async (pattern: RegExp): Promise<RegExpExecArray> =>
		new Promise((resolve, reject) => {
			const look = () => {
				const match = pattern.exec(stderr);
				if (!match) return;
				child.stderr.off('data', look);
				resolve(match);
			};

			child.stderr.on('data', look);
			void exited.then(() => {
				const match = pattern.exec(stderr);
				if (match) resolve(match);
				else reject(new Error(`the CLI exited without printing ${String(pattern)}:\n${stderr}`));
			});
			look();
		});
	return {child, exited, stderrMatch, stdout: () => stdout, stderr: () => stderr};
}

const authorizeUrl = /^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?oauth_token=\S+)$/m;
const listening = /Callback listening on (http:\/\/127\.0\.0\.1:(\d+)\/callback)/;

/** A new Chromium profile in its own user data dir: nothing shared with other tests. */
async function freshBrowser(): Promise<BrowserContext> {
	return chromium.launchPersistentContext(fs.mkdtempSync(path.join(dir, 'profile-')), {
		executablePath: chromiumPath(),
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
	});
}

function expectNoSecret(...texts: string[]) {
	const saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
	for (const text of texts) {
		expect(text).not.toContain(marker);
		if (saved.tokenSecret) expect(text).not.toContain(saved.tokenSecret);
	}
}

describe('connect with a real browser', () => {
	it('a private window, the dedicated user, Authorize: the loopback callback catches the redirect, the token is saved and verified', async () => {
		const cli = connect('--port', '0');
		const [, callback] = await cli.stderrMatch(listening);
		const url = (await cli.stderrMatch(authorizeUrl))[1]!;
		const browser = await freshBrowser();
		try {
			const page = browser.pages()[0] ?? (await browser.newPage());
			await page.goto(url);
			await page.fill('#username', bookingApp.username);
			await page.fill('#password', bookingApp.password);
			await page.fill('#pin', bookingApp.pin);
			await page.click('#login');
			expect(await page.locator('#welcome').textContent()).toBe('Welcome Booking App');
			await Promise.all([page.waitForURL(target => target.href.startsWith(`${callback!}?`)), page.click('#authorize')]);
			// The callback page the browser lands on says it worked (and carries no secret).
			expect(await page.textContent('body')).toContain('oscar-rest received the authorization');
		} finally {
			await browser.close();
		}

		const {code} = await cli.exited;
		expect(cli.stderr()).toContain('Verifier received (callback)');
		expect(code).toBe(0);
		expect(cli.stdout()).toContain('Acts as: App, Booking (provider 999001)');
		expect(cli.stdout()).toContain('Identity verified');
		const saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
		const issued = simulator.instance('sim').state.accessTokens.get(saved.accessToken!);
		expect(issued?.providerNo).toBe('999001');
		expect(saved.tokenSecret).toBe(issued?.secret);
		// Stamped just before the exchange; OSCAR stamps the token when it issues it (same second, or just after).
		expect(issued!.issuedAt - saved.issuedAt!).toBeGreaterThanOrEqual(0);
		expect(issued!.issuedAt - saved.issuedAt!).toBeLessThanOrEqual(5);
		expectNoSecret(cli.stdout(), cli.stderr());
	});

	it('a browser already logged into OSCAR as the doctor: "Welcome" binds that user, connect flags the wrong user (exit 2)', async () => {
		const cli = connect('--port', '0');
		const [, callback] = await cli.stderrMatch(listening);
		const url = (await cli.stderrMatch(authorizeUrl))[1]!;
		const browser = await freshBrowser();
		try {
			// The doctor's everyday OSCAR session in this browser (the plain login form's post).
			const base = simulator.instance('sim').baseUrl;
			const login = await browser.request.post(`${base}/login.do`, {form: doctor, maxRedirects: 0});
			expect(login.status()).toBe(302);
			const page = browser.pages()[0] ?? (await browser.newPage());
			await page.goto(url);
			expect(await page.locator('#welcome').textContent()).toBe('Welcome Jane Smith');
			expect(await page.locator('#username').count()).toBe(0);
			await Promise.all([page.waitForURL(target => target.href.startsWith(`${callback!}?`)), page.click('#authorize')]);
		} finally {
			await browser.close();
		}

		const {code} = await cli.exited;
		expect(code).toBe(2);
		expect(cli.stdout()).toContain('Acts as: Smith, Jane (provider 100001)');
		expect(cli.stdout()).toMatch(
			/token-wrong-user: The new token acts as Smith, Jane \(provider 100001\), not as the dedicated user "999001"/,
		);
		expect(cli.stdout()).toContain('NEW PRIVATE/INCOGNITO window');
		// Saved, so it can be revoked and replaced, but flagged.
		const saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
		expect(simulator.instance('sim').state.accessTokens.get(saved.accessToken!)?.providerNo).toBe('100001');
		expectNoSecret(cli.stdout(), cli.stderr());
	});

	it('Ctrl+C while waiting for the browser: exits promptly, saves nothing, releases the port', async () => {
		const cli = connect('--port', '0');
		const port = Number((await cli.stderrMatch(listening))[2]);
		await cli.stderrMatch(authorizeUrl);
		const sent = Date.now();
		cli.child.kill('SIGINT');
		const {code} = await cli.exited;
		expect(Date.now() - sent).toBeLessThan(3000);
		expect(code).toBe(130);
		expect(cli.stderr()).toContain('Cancelled: nothing was saved.');
		expect(new ConfigStore(configPath).load().instances[0]!.integrations[0]!.accessToken).toBeUndefined();
		const probe = net.createServer();
		await new Promise<void>((resolve, reject) => {
			probe.once('error', reject);
			probe.listen({port, host: '127.0.0.1', exclusive: true}, resolve);
		});
		probe.close();
	});
});
