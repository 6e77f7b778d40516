import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {addInstance, addIntegration, InventoryError} from '../../source/core/inventory-ops.js';
import type {Inventory} from '../../source/core/model.js';
import {ConfigError, ConfigStore} from '../../source/store/config-store.js';
import {buildStoreModules, makeTempDir, mode} from './helpers.js';

const secret = 'Sekrit-Wombat-77-zz';
const key = 'ab12cd34ef56gh78';

let dir: string;
let cleanup: () => void;
let configPath: string;

beforeEach(() => {
	({dir, cleanup} = makeTempDir());
	configPath = path.join(dir, 'conf-dir', 'config.json');
});
afterEach(() => cleanup());

function configError(action: () => unknown): ConfigError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return error as ConfigError;
	}

	throw new Error('expected a ConfigError');
}

function seed(store: ConfigStore): Inventory {
	return store.update(inventory =>
		addIntegration(addInstance(inventory, {name: 'clinic-a', baseUrl: 'https://clinic-a.example:8443/oscar'}), 'clinic-a', {
			name: 'booking',
			consumerKey: key,
			consumerSecret: secret,
			tags: ['prod'],
		}),
	);
}

function writeRaw(text: string): void {
	fs.mkdirSync(path.dirname(configPath), {recursive: true, mode: 0o700});
	fs.writeFileSync(configPath, text, {mode: 0o600});
}

function backups(): string[] {
	return fs.readdirSync(path.dirname(configPath)).filter(name => name.endsWith('.bak'));
}

describe('ConfigStore', () => {
	it('treats a missing file as an empty inventory without creating anything', () => {
		const store = new ConfigStore(configPath);
		expect(store.load()).toEqual({instances: []});
		expect(fs.existsSync(path.dirname(configPath))).toBe(false);
	});

	it('writes 0600 in a 0700 directory it creates, and reads back what it wrote', () => {
		const store = new ConfigStore(configPath);
		const saved = seed(store);
		expect(mode(configPath)).toBe(0o600);
		expect(mode(path.dirname(configPath))).toBe(0o700);
		expect(new ConfigStore(configPath).load()).toEqual(saved);
		expect(saved.instances[0]?.integrations[0]).toEqual({name: 'booking', consumerKey: key, consumerSecret: secret, tags: ['prod']});
		const data = JSON.parse(fs.readFileSync(configPath, 'utf8')) as Record<string, unknown>;
		expect(data.__internal__).toEqual({migrations: {version: '1.0.0'}});
		expect(fs.existsSync(`${configPath}.lock`)).toBe(false);
	});

	it('tightens a hand-made 0644 file to 0600 on the next write', () => {
		writeRaw('{"instances": []}');
		fs.chmodSync(configPath, 0o644);
		seed(new ConfigStore(configPath));
		expect(mode(configPath)).toBe(0o600);
	});

	it('keeps host names with dots as plain keys', () => {
		const store = new ConfigStore(configPath);
		store.update(inventory => addInstance(inventory, {name: 'clinic.example.org', baseUrl: 'https://clinic.example.org/oscar'}));
		expect(store.load().instances.map(instance => instance.name)).toEqual(['clinic.example.org']);
	});

	it('backs up a corrupt file, leaves it untouched and names file, position and backup', () => {
		const corrupt = `{\n  "instances": [\n    {"name": "a", "consumerSecret": "${secret}" oops}\n  ]\n}\n`;
		writeRaw(corrupt);
		const error = configError(() => new ConfigStore(configPath).load());
		expect(error.code).toBe('corrupt');
		expect(error.file).toBe(configPath);
		expect(error.message).toContain(configPath);
		expect(error.message).toContain('is not valid JSON');
		expect(error.message).toMatch(/line 3, column \d+/);
		expect(error.backup).toMatch(/config\.json\.corrupt-.*\.bak$/);
		expect(error.message).toContain(error.backup!);
		expect(error.message).not.toContain(secret);
		expect(fs.readFileSync(configPath, 'utf8')).toBe(corrupt);
		expect(fs.readFileSync(error.backup!, 'utf8')).toBe(corrupt);
		expect(mode(error.backup!)).toBe(0o600);
	});

	it('refuses to update a corrupt file and does not make a second identical backup', () => {
		writeRaw('{"instances": [');
		const store = new ConfigStore(configPath);
		const first = configError(() => store.load());
		const second = configError(() => store.update(inventory => inventory));
		expect(second.code).toBe('corrupt');
		expect(second.backup).toBe(first.backup);
		expect(backups()).toHaveLength(1);
		expect(fs.readFileSync(configPath, 'utf8')).toBe('{"instances": [');
	});

	it('names the field of a schema violation and its instance/integration, without the secret', () => {
		const text = JSON.stringify(
			{
				instances: [
					{
						name: 'clinic-a',
						baseUrl: 'https://a.example/oscar',
						integrations: [
							{name: 'booking', consumerKey: key, consumerSecret: secret, lifetime: 'forever', tag: ['x'], transport: 'pigeon'},
							{name: 'kiosk', consumerSecret: secret},
						],
					},
				],
				__internal__: {migrations: {version: '1.0.0'}},
			},
			null,
			2,
		);
		writeRaw(text);
		const error = configError(() => new ConfigStore(configPath).load());
		expect(error.code).toBe('schema');
		expect(error.message).toContain('instances[0] ("clinic-a") > integrations[0] ("booking") > lifetime must be integer');
		expect(error.message).toContain('integrations[0] ("booking") has unknown field "tag"');
		expect(error.message).toContain('integrations[0] ("booking") > transport must be one of: header, query, form');
		expect(error.message).toContain('integrations[1] ("kiosk") is missing the required field \'consumerKey\'');
		expect(error.message).not.toContain(secret);
		expect(fs.readFileSync(configPath, 'utf8')).toBe(text);
		expect(fs.readFileSync(error.backup!, 'utf8')).toBe(text);
	});

	it('refuses duplicate names in the file', () => {
		writeRaw(
			JSON.stringify({
				instances: [
					{name: 'a', baseUrl: 'https://a/oscar'},
					{name: 'a', baseUrl: 'https://b/oscar'},
				],
				__internal__: {migrations: {version: '1.0.0'}},
			}),
		);
		const error = configError(() => new ConfigStore(configPath).load());
		expect(error.code).toBe('schema');
		expect(error.message).toContain('instance "a" is listed twice');
	});

	it('refuses a non-object top level', () => {
		writeRaw('[]');
		expect(configError(() => new ConfigStore(configPath).load()).message).toContain('top level must be an object');
	});

	it('migrates the v0 keyed format, keeping a pre-migration backup', () => {
		const v0 = JSON.stringify({
			instances: {
				'clinic-a': {
					baseUrl: 'https://a.example/oscar',
					integrations: {booking: {consumerKey: key, consumerSecret: secret, tags: 'prod, online'}},
				},
			},
		});
		writeRaw(v0);
		const inventory = new ConfigStore(configPath).load();
		expect(inventory).toEqual({
			instances: [
				{
					name: 'clinic-a',
					baseUrl: 'https://a.example/oscar',
					integrations: [{name: 'booking', consumerKey: key, consumerSecret: secret, tags: ['prod', 'online']}],
				},
			],
		});
		const migrated = JSON.parse(fs.readFileSync(configPath, 'utf8')) as Record<string, unknown>;
		expect(migrated.__internal__).toEqual({migrations: {version: '1.0.0'}});
		expect(mode(configPath)).toBe(0o600);
		const kept = backups();
		expect(kept).toHaveLength(1);
		expect(kept[0]).toMatch(/^config\.json\.pre-1\.0\.0-.*\.bak$/);
		expect(fs.readFileSync(path.join(path.dirname(configPath), kept[0]!), 'utf8')).toBe(v0);
		expect(fs.readdirSync(path.dirname(configPath)).filter(name => name.includes('migrating'))).toEqual([]);
	});

	it('leaves a v0 file that fails validation after migration untouched', () => {
		const v0 = JSON.stringify({instances: {'bad name': {baseUrl: 'https://a.example/oscar'}}});
		writeRaw(v0);
		const error = configError(() => new ConfigStore(configPath).load());
		expect(error.code).toBe('schema');
		expect(error.message).toContain("name must use only letters, digits, '.', '_' and '-'");
		expect(fs.readFileSync(configPath, 'utf8')).toBe(v0);
		expect(fs.readdirSync(path.dirname(configPath)).filter(name => name.includes('migrating'))).toEqual([]);
	});

	it('refuses a file written by a newer format version without touching it', () => {
		const text = JSON.stringify({instances: [], __internal__: {migrations: {version: '2.0.0'}}});
		writeRaw(text);
		const error = configError(() => new ConfigStore(configPath).update(inventory => inventory));
		expect(error.code).toBe('version');
		expect(error.message).toContain('newer oscar-rest');
		expect(fs.readFileSync(configPath, 'utf8')).toBe(text);
	});

	it('treats an empty file as an empty inventory', () => {
		writeRaw('');
		const store = new ConfigStore(configPath);
		expect(store.load()).toEqual({instances: []});
		seed(store);
		expect(store.load().instances).toHaveLength(1);
	});

	it('leaves the file byte-identical when mutate throws or the result is invalid', () => {
		const store = new ConfigStore(configPath);
		seed(store);
		const before = fs.readFileSync(configPath);
		expect(() => store.update(inventory => addInstance(inventory, {name: 'clinic-a', baseUrl: 'https://x/oscar'}))).toThrow(InventoryError);
		const invalid = configErrorOrInventory(() =>
			store.update(inventory => ({instances: [...inventory.instances, {name: 'b', baseUrl: 'ftp://nope', integrations: []}]})),
		);
		expect(invalid).toBeInstanceOf(InventoryError);
		expect((invalid as InventoryError).message).toContain('baseUrl must be an http:// or https:// URL');
		expect(fs.readFileSync(configPath).equals(before)).toBe(true);
	});

	it('does not leave a file behind when the first update fails', () => {
		const store = new ConfigStore(configPath);
		expect(() =>
			store.update(inventory => ({instances: [...inventory.instances, {name: 'b', baseUrl: 'nope', integrations: []}]})),
		).toThrow(InventoryError);
		expect(fs.existsSync(configPath)).toBe(false);
	});

	it('reports a lock held by a live process, and breaks one left by a dead process', async () => {
		const store = new ConfigStore(configPath, {lockTimeoutMs: 150});
		seed(store);
		const lockPath = `${configPath}.lock`;
		fs.writeFileSync(lockPath, JSON.stringify({pid: process.pid, host: os.hostname(), createdAt: Date.now(), token: 'other'}));
		const error = configError(() => store.update(inventory => inventory));
		expect(error.code).toBe('locked');
		expect(error.message).toContain(`by process ${process.pid}`);

		const dead = spawn(process.execPath, ['-e', '0']);
		const deadPid = dead.pid!;
		await new Promise(resolve => dead.on('exit', resolve));
		fs.writeFileSync(lockPath, JSON.stringify({pid: deadPid, host: os.hostname(), createdAt: Date.now(), token: 'dead'}));
		store.update(inventory => addInstance(inventory, {name: 'b', baseUrl: 'https://b.example/oscar'}));
		expect(store.load().instances).toHaveLength(2);
		expect(fs.existsSync(lockPath)).toBe(false);

		fs.writeFileSync(lockPath, JSON.stringify({pid: process.pid, host: os.hostname(), createdAt: Date.now() - 120_000, token: 'old'}));
		store.update(inventory => addInstance(inventory, {name: 'c', baseUrl: 'https://c.example/oscar'}));
		expect(store.load().instances).toHaveLength(3);
	});

	it('reports permission problems on read', () => {
		if (process.getuid?.() === 0) {
			// root reads everything; prove the mapping with a directory in place of the file instead
			fs.mkdirSync(configPath, {recursive: true});
			expect(configError(() => new ConfigStore(configPath).load()).message).toContain('is a directory');
			return;
		}

		writeRaw('{"instances": []}');
		fs.chmodSync(configPath, 0o000);
		expect(configError(() => new ConfigStore(configPath).load()).code).toBe('permissions');
	});
});

function configErrorOrInventory(action: () => unknown): unknown {
	try {
		return action();
	} catch (error) {
		return error;
	}
}

describe('ConfigStore across processes', () => {
	it('loses nothing when two processes add 30 integrations each at the same time', async () => {
		const build = makeTempDir();
		try {
			buildStoreModules(build.dir);
			const store = new ConfigStore(configPath);
			store.update(inventory => addInstance(inventory, {name: 'clinic-a', baseUrl: 'https://clinic-a.example/oscar'}));
			const fixture = path.resolve(import.meta.dirname, 'fixtures/add-integrations.mjs');
			const children = ['left', 'right'].map(prefix =>
				spawn(process.execPath, [fixture, build.dir, configPath, prefix, '30'], {stdio: ['pipe', 'pipe', 'inherit']}),
			);
			const waitFor = (child: (typeof children)[number], word: string) =>
				new Promise<void>((resolve, reject) => {
					const lines = readline.createInterface({input: child.stdout!});
					lines.on('line', line => {
						if (line === word) {
							lines.close();
							resolve();
						}
					});
					child.on('exit', code => reject(new Error(`child exited with ${code} before "${word}"`)));
				});
			await Promise.all(children.map(child => waitFor(child, 'ready')));
			const done = children.map(child => new Promise<number | null>(resolve => child.on('exit', resolve)));
			for (const child of children) child.stdin!.write('go\n');
			expect(await Promise.all(done)).toEqual([0, 0]);
			const names = store.load().instances[0]!.integrations.map(integration => integration.name);
			expect(names).toHaveLength(60);
			for (const prefix of ['left', 'right']) {
				for (let index = 0; index < 30; index++) expect(names).toContain(`${prefix}-${index}`);
			}

			expect(mode(configPath)).toBe(0o600);
			expect(fs.readdirSync(path.dirname(configPath)).sort()).toEqual(['config.json']);
		} finally {
			build.cleanup();
		}
	});
});
