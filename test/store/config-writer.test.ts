/**
 * conf writes the config, and only writes load it. Reads (every command's start, the dashboard's
 * first frame) parse and validate the file without conf, so they never pay for conf, ajv and
 * atomically. Proven in a fresh process through Node's own module registry, on the built CLI with
 * Node's module loader trace (NODE_DEBUG=module), and in a real terminal for the first frame.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {addInstance} from '../../source/core/inventory-ops.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {startTmux} from '../helpers/tmux.js';
import {buildStoreModules, makeTempDir, mode} from './helpers.js';

const exec = promisify(execFile);

let dir: string;
let cleanup: () => void;
let configPath: string;
beforeEach(() => {
	({dir, cleanup} = makeTempDir());
	configPath = path.join(dir, 'oscar-rest', 'config.json');
});
afterEach(() => cleanup());

/** The CLI's module loader trace: every require() Node's loader resolves is a line on stderr. */
function requested(stderr: string, module: string): boolean {
	return new RegExp(`Module\\._load REQUEST ${module} parent:`).test(stderr);
}

describe('conf writes the config', () => {
	it('is loaded by the first write, not by reading, in a fresh process', async () => {
		new ConfigStore(configPath).update(inventory => addInstance(inventory, {name: 'maple', baseUrl: 'https://maple.example/oscar'}));
		const build = makeTempDir();
		try {
			buildStoreModules(build.dir);
			const fixture = path.resolve(import.meta.dirname, 'fixtures/conf-loading.mjs');
			const {stdout} = await exec(process.execPath, [fixture, build.dir, configPath]);
			expect(JSON.parse(stdout)).toEqual({
				instances: 1,
				afterRead: {conf: false, signalHooks: 0},
				afterWrite: {conf: true, signalHooks: 1},
			});
		} finally {
			build.cleanup();
		}
	});

	it('writes atomically: a new file replaces the old one (0600, in the 0700 directory it creates), never rewritten in place', () => {
		const store = new ConfigStore(configPath);
		store.update(inventory => addInstance(inventory, {name: 'maple', baseUrl: 'https://maple.example/oscar'}));
		expect(mode(configPath)).toBe(0o600);
		expect(mode(path.dirname(configPath))).toBe(0o700);
		const first = fs.statSync(configPath).ino;
		store.update(inventory => addInstance(inventory, {name: 'pine', baseUrl: 'https://pine.example/oscar'}));
		expect(fs.statSync(configPath).ino).not.toBe(first);
		expect(mode(configPath)).toBe(0o600);
		// conf's layout: tab-indented JSON with its version marker.
		expect(fs.readFileSync(configPath, 'utf8')).toMatch(/^\{\n\t"instances": \[\n\t\t\{\n\t\t\t"name": "maple",/);
		expect(fs.readdirSync(path.dirname(configPath)).filter(name => name.includes('.tmp'))).toEqual([]);
		expect(store.load().instances.map(instance => instance.name)).toEqual(['maple', 'pine']);
	});

	it("keeps a symlinked config a link: its target is replaced (atomically's realpath)", () => {
		const target = path.join(dir, 'dotfiles', 'oscar-rest.json');
		fs.mkdirSync(path.dirname(target), {mode: 0o700});
		new ConfigStore(target).update(inventory => addInstance(inventory, {name: 'maple', baseUrl: 'https://maple.example/oscar'}));
		fs.mkdirSync(path.dirname(configPath), {mode: 0o700});
		fs.symlinkSync(target, configPath);
		new ConfigStore(configPath).update(inventory => addInstance(inventory, {name: 'pine', baseUrl: 'https://pine.example/oscar'}));
		expect(fs.lstatSync(configPath).isSymbolicLink()).toBe(true);
		expect(new ConfigStore(target).load().instances.map(instance => instance.name)).toEqual(['maple', 'pine']);
		expect(mode(target)).toBe(0o600);
	});
});

describe('the built CLI loads conf only to write', () => {
	let fleet: string;
	beforeAll(async () => {
		await ensureBuilt();
	});

	beforeEach(() => {
		fleet = path.join(dir, 'fleet', 'config.json');
		// An instance that refuses connections at once: check runs and records its results (the state, not the config).
		new ConfigStore(fleet).update(inventory => addInstance(inventory, {name: 'maple', baseUrl: 'https://127.0.0.1:1/oscar'}));
	});

	it('reads (list, check) never load it; a change (add) does', async () => {
		const env = {NODE_DEBUG: 'module'};
		for (const args of [['list'], ['check', '--timeout', '2000']]) {
			const result = await runCli(['--config', fleet, ...args], {env});
			// The trace is on: the loader reports what it loads (here Node's built-in modules).
			expect(result.stderr).toMatch(/^MODULE \d+: /m);
			expect(requested(result.stderr, 'conf'), args.join(' ')).toBe(false);
		}

		const added = await runCli(['--config', fleet, 'add', 'instance', 'pine', 'https://pine.example/oscar'], {env});
		expect(added.code, added.stderr).toBe(0);
		expect(requested(added.stderr, 'conf')).toBe(true);
		expect(mode(fleet)).toBe(0o600);
	});

	it("the bundle holds none of conf's code (it could not be evaluated at start unseen)", () => {
		const files = fs
			.readdirSync(path.dirname(cliPath), {recursive: true, withFileTypes: true})
			.filter(entry => entry.isFile() && entry.name.endsWith('.js'))
			.map(entry => path.join(entry.parentPath, entry.name));
		expect(files.length).toBeGreaterThan(1);
		// A message only conf's source holds.
		const confMessage = 'Failed to decrypt config data.';
		expect(fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/conf/dist/source/index.js'), 'utf8')).toContain(
			confMessage,
		);
		for (const file of files) expect(fs.readFileSync(file, 'utf8'), file).not.toContain(confMessage);
	});

	it("the dashboard's first frame does not load it", async () => {
		const trace = path.join(dir, 'trace.txt');
		const terminal = await startTmux(['/bin/sh', '-c', 'exec "$0" "$@" 2>"$TRACE"', process.execPath, cliPath, '--config', fleet], {
			columns: 100,
			rows: 30,
			env: {CI: 'false', NO_COLOR: '1', TERM: 'xterm-256color', HOME: dir, NODE_DEBUG: 'module', TRACE: trace},
		});
		try {
			// The whole first frame: the row and the footer's key hints.
			await terminal.waitFor(screen => screen.includes('maple') && /\? help/.test(screen));
			await terminal.send('q');
			await terminal.waitFor(screen => screen.includes('Pane is dead') || !screen.includes('maple'));
		} finally {
			await terminal.kill();
		}

		const stderr = fs.readFileSync(trace, 'utf8');
		expect(stderr).toMatch(/^MODULE \d+: /m);
		expect(requested(stderr, 'conf')).toBe(false);
	});
});
