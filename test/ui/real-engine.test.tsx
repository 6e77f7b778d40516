import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {ConfigStore} from '../../source/store/config-store.js';
import {createChecksEngine} from '../../source/checks/engine.js';
import {keys} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';
import {resolveSecret} from '../../source/store/secrets.js';

let dir: string;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-ui-engine-'));
});

afterEach(() => {
	cleanup();
	fs.rmSync(dir, {recursive: true, force: true});
});

/** A loopback port with nothing listening: bound once to learn a free port, then closed. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>(resolve => {
		server.close(() => resolve());
	});
	return port;
}

describe('dashboard with the real checks engine', () => {
	it('checks an instance that refuses connections and explains it in the detail view', async () => {
		const port = await closedPort();
		const store = new ConfigStore(path.join(dir, 'config.json'));
		store.update(() => ({
			instances: [
				{
					name: 'nowhere',
					baseUrl: `http://127.0.0.1:${port}/oscar`,
					integrations: [
						{
							name: 'booking',
							consumerKey: 'abcdefgh12345678',
							consumerSecret: 'zz-engine-SECRET-3141',
							accessToken: 'tok',
							tokenSecret: 'zz-engine-TOKEN-2718',
							tags: [],
						},
					],
				},
			],
		}));
		const engine = createChecksEngine({
			resolveSecret: ref => resolveSecret(ref, {}),
			inventory: () => store.load(),
			timeoutMs: 3000,
			batchMs: 10,
		});
		const app = await renderApp({store, engine, columns: 160, rows: 40});
		await app.waitFor('booking');
		await app.press('R');
		await app.waitFor('✖ 1 CRIT');
		await app.waitFor(/last run: checked 1\/1: 1 critical, 0 warning/);
		await app.press(keys.down, keys.enter);
		await app.waitFor('connection-refused');
		expect(app.frame()).not.toContain('zz-engine-SECRET-3141');
		expect(app.frame()).not.toContain('zz-engine-TOKEN-2718');
		engine.dispose();
	});
});
