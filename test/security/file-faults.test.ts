/**
 * Fault matrix, part 2: file faults x commands, on the built CLI. A read-only config directory or an
 * unusable state file never stops `check` or `report` (results print, one warning about the history);
 * a config others can read warns with the mode and the chmod, and the next write fixes it; a corrupt
 * config is named by line and column without echoing its content; `--output` into a directory, a
 * directory without permission or past the file-size limit (a full disk) says so and exits with the
 * documented code, never "internal error", and leaves no temp file and the old file as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect} from 'vitest';
import type {Inventory} from '../../source/core/model.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {statePathFor} from '../../source/store/state-store.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {faultDirectory, giveToUnprivileged, runFault, runsAsRoot} from './helpers/cli.js';
import {type HostileServer, firstControl, startHostileServer} from './helpers/hostile-server.js';
import {matrixSection} from './helpers/matrix.js';

let server: HostileServer;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
	await ensureBuilt();
	server = await startHostileServer();
});

afterAll(async () => {
	await server?.close();
});

afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

function inventory(notes = ''): Inventory {
	return {
		instances: [
			{
				name: 'maple',
				baseUrl: server.baseUrl('healthy'),
				...(notes ? {notes} : {}),
				integrations: [
					{
						name: 'booking',
						consumerKey: 'abcdefabcdefabcd',
						consumerSecret: 'consumer-secret-x',
						accessToken: 'access-token-x',
						tokenSecret: 'token-secret-x',
						lifetime: -1,
						tags: [],
					},
				],
			},
		],
	};
}

/** A config (0600) in a dedicated 0700 directory `<tmp>/conf`, handed to the unprivileged user. */
function setup(notes = ''): {root: string; directory: string; configPath: string} {
	const {directory: root, remove} = faultDirectory();
	cleanups.push(() => {
		// Restore write permission first: a 0500 directory cannot be removed from.
		fs.chmodSync(path.join(root, 'conf'), 0o700);
		remove();
	});
	const configPath = path.join(root, 'conf', 'config.json');
	new ConfigStore(configPath).update(() => inventory(notes));
	fs.chmodSync(root, 0o755);
	giveToUnprivileged(root);
	return {root, directory: path.dirname(configPath), configPath};
}

const {cell} = matrixSection('file faults x commands');

function expectClean(result: {stdout: string; stderr: string}): void {
	expect(result.stderr).not.toContain('internal error');
	expect(firstControl(result.stdout)).toBeUndefined();
	expect(firstControl(result.stderr)).toBeUndefined();
}

const historyWarning =
	/warning: the results could not be saved to the history \(.*config\.state\.json: (permission denied|it is a directory)\)/g;

describe('a read-only config directory, or an unusable state file: results still print', () => {
	const commands = [
		{name: 'check', args: ['check'], exit: 0, shows: /maple\/booking\s+✔ OK/, history: true},
		{name: 'check --json', args: ['check', '--json'], exit: 0, shows: /"id": "maple\/booking"/, history: true},
		{name: 'report', args: ['report', 'maple/booking'], exit: 0, shows: /# Support report: maple\/booking/, history: true},
		{name: 'list', args: ['list'], exit: 0, shows: /maple\/booking/, history: false},
	];
	const faults = [
		{
			name: 'directory 0500',
			arrange(directory: string) {
				fs.chmodSync(directory, 0o500);
			},
		},
		{
			name: 'state file is a directory',
			arrange(directory: string, configPath: string) {
				fs.mkdirSync(statePathFor(configPath));
				giveToUnprivileged(directory);
			},
		},
		{
			name: 'state file unreadable (0000) in a 0500 directory',
			arrange(directory: string, configPath: string) {
				fs.writeFileSync(statePathFor(configPath), '{"version": 1, "integrations": {}}\n', {mode: 0o000});
				giveToUnprivileged(directory);
				fs.chmodSync(statePathFor(configPath), 0o000);
				fs.chmodSync(directory, 0o500);
			},
		},
	];
	for (const fault of faults) {
		for (const command of commands) {
			cell(`${fault.name} x ${command.name}`, async () => {
				const {directory, configPath} = setup();
				fault.arrange(directory, configPath);
				const result = await runFault({args: ['--config', configPath, ...command.args], unprivileged: true});
				expectClean(result);
				expect(result.code, result.stderr).toBe(command.exit);
				expect(result.stdout).toMatch(command.shows);
				expect([...result.stderr.matchAll(historyWarning)]).toHaveLength(command.history ? 1 : 0);
			});
		}
	}
});

describe('a config others can read: a warning on every load naming mode and chmod; the next write fixes it', () => {
	const cases = [
		{
			name: 'file 0644',
			file: 0o644,
			directory: 0o700,
			warns: [/config\.json can be read by other users \(mode 0644\).*Run: chmod 600 \S+config\.json/],
		},
		{
			name: 'file 0666',
			file: 0o666,
			directory: 0o700,
			warns: [/config\.json can be read by other users \(mode 0666\).*Run: chmod 600 \S+config\.json/],
		},
		{
			name: 'directory 0755',
			file: 0o600,
			directory: 0o755,
			warns: [/conf can be listed by other users \(mode 0755\)\. Run: chmod 700 \S+conf /],
		},
		{
			name: 'file 0640 in a directory 0750',
			file: 0o640,
			directory: 0o750,
			warns: [/\(mode 0640\).*Run: chmod 600/, /\(mode 0750\)\. Run: chmod 700/],
		},
	];
	for (const item of cases) {
		for (const args of [['list'], ['check'], ['report', 'maple/booking'], ['export']]) {
			cell(`${item.name} x ${args[0]}`, async () => {
				const {directory, configPath} = setup();
				fs.chmodSync(configPath, item.file);
				fs.chmodSync(directory, item.directory);
				const result = await runFault({args: ['--config', configPath, ...args]});
				expectClean(result);
				expect(result.code, result.stderr).toBe(0);
				for (const warning of item.warns) expect(result.stderr).toMatch(warning);
				expect(result.stderr.match(/^warning: .* can be (read|listed) by other users/gm)).toHaveLength(item.warns.length);
			});
		}

		cell(`${item.name}: the next write (add instance) makes it 0600 in 0700, and the warning stops`, async () => {
			const {directory, configPath} = setup();
			fs.chmodSync(configPath, item.file);
			fs.chmodSync(directory, item.directory);
			const added = await runFault({args: ['--config', configPath, 'add', 'instance', 'cedar', 'https://cedar.example/oscar']});
			expect(added.code, added.stderr).toBe(0);
			expect(fs.statSync(configPath).mode & 0o777).toBe(0o600);
			expect(fs.statSync(directory).mode & 0o777).toBe(0o700);
			const listed = await runFault({args: ['--config', configPath, 'list']});
			expect(listed.stderr).not.toContain('warning');
		});
	}

	cell('a shared directory (holding other files) is never judged or chmodded, only the file', async () => {
		const {directory, configPath} = setup();
		fs.writeFileSync(path.join(directory, 'unrelated.txt'), 'x');
		fs.chmodSync(directory, 0o755);
		fs.chmodSync(configPath, 0o644);
		const listed = await runFault({args: ['--config', configPath, 'list']});
		expect(listed.stderr).toContain('mode 0644');
		expect(listed.stderr).not.toContain('mode 0755');
		await runFault({args: ['--config', configPath, 'add', 'instance', 'cedar', 'https://cedar.example/oscar']});
		expect(fs.statSync(directory).mode & 0o777).toBe(0o755);
		expect(fs.statSync(configPath).mode & 0o777).toBe(0o600);
	});
});

describe('a corrupt config: line and column, never its content, the file untouched', () => {
	const canary = 'SECRETCANARY-4d1f';
	const corruptions = [
		{name: 'a bare word', text: `{"instances": ${canary}}`, where: 'line 1, column 15'},
		{
			name: 'a missing comma',
			text: `{\n  "instances": [\n    {"name": "maple" "baseUrl": "${canary}"}\n  ]\n}\n`,
			where: 'line 3, column 22',
		},
		{name: 'cut short', text: `{"instances": [{"name": "${canary}"`, where: 'unexpected end of file'},
	];
	const commands = [
		{args: ['list'], exit: 78},
		{args: ['check'], exit: 3},
		{args: ['report', 'maple/booking'], exit: 78},
		{args: ['export'], exit: 78},
		{args: ['add', 'instance', 'cedar', 'https://cedar.example/oscar'], exit: 78},
		{args: ['call', 'maple/booking', 'oauth/info'], exit: 78},
	];
	for (const corruption of corruptions) {
		for (const command of commands) {
			cell(`${corruption.name} x ${command.args[0]}`, async () => {
				const {configPath} = setup();
				fs.writeFileSync(configPath, corruption.text);
				const result = await runFault({args: ['--config', configPath, ...command.args]});
				expectClean(result);
				expect(result.code, result.stderr).toBe(command.exit);
				expect(result.stderr).toContain(`${configPath} is not valid JSON`);
				expect(result.stderr).toContain(corruption.where);
				expect(`${result.stdout}${result.stderr}`).not.toContain(canary);
				expect(`${result.stdout}${result.stderr}`).not.toContain('SECRETCANA');
				expect(fs.readFileSync(configPath, 'utf8')).toBe(corruption.text);
			});
		}
	}
});

describe('--output that cannot be written: the reason and the documented exit code', () => {
	const outputs = [
		{command: 'check', args: (file: string) => ['check', '--format', 'prometheus', '--output', file], exit: 3},
		{command: 'report', args: (file: string) => ['report', 'maple/booking', '--output', file], exit: 73},
		{command: 'export', args: (file: string) => ['export', '--output', file], exit: 73},
	];
	const faults = [
		{
			name: 'a directory',
			reason: 'is a directory',
			arrange: (root: string) => {
				fs.mkdirSync(path.join(root, 'out.txt'));
				return path.join(root, 'out.txt');
			},
		},
		{name: 'a missing directory', reason: 'directory does not exist', arrange: (root: string) => path.join(root, 'missing', 'out.txt')},
		{
			name: 'a directory without write permission',
			reason: 'permission denied',
			unprivileged: true,
			arrange(root: string) {
				const directory = path.join(root, 'locked');
				fs.mkdirSync(directory);
				fs.writeFileSync(path.join(directory, 'out.txt'), 'the previous file\n');
				giveToUnprivileged(directory);
				fs.chmodSync(directory, 0o555);
				return path.join(directory, 'out.txt');
			},
		},
		{
			// A full disk, portably: past the file-size limit a write fails (EFBIG) as it does on a full disk (ENOSPC).
			name: 'a full disk (file-size limit)',
			reason: 'file size limit',
			sizeLimit: true,
			arrange(root: string) {
				fs.writeFileSync(path.join(root, 'out.txt'), 'the previous file\n');
				return path.join(root, 'out.txt');
			},
		},
	];
	for (const fault of faults) {
		for (const output of outputs) {
			cell(`${fault.name} x ${output.command} --output`, async () => {
				// Notes make every output larger than the 1 KiB limit.
				const {root} = setup('n'.repeat(2000));
				const file = fault.arrange(root);
				const before = fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
				const {configPath} = {configPath: path.join(root, 'conf', 'config.json')};
				const result = await runFault({
					args: ['--config', configPath, ...output.args(file)],
					unprivileged: fault.unprivileged === true,
					...(fault.sizeLimit ? {fileSizeLimitKiB: 1} : {}),
				});
				expectClean(result);
				expect(result.code, result.stderr).toBe(output.exit);
				expect(result.stderr).toContain(file);
				expect(result.stderr).toContain(fault.reason);
				if (before !== undefined) expect(fs.readFileSync(file, 'utf8')).toBe(before);
				const directory = path.dirname(file);
				if (fs.existsSync(directory)) expect(fs.readdirSync(directory).filter(name => name.endsWith('.tmp'))).toEqual([]);
			});
		}
	}
});

describe('a config change past a full disk (file-size limit): refused, the config as it was', () => {
	// conf writes the config through atomically, whose single writeSync wrote the part below the
	// limit and renamed the cut file over the config, reporting success (patches/atomically+2.1.1.patch).
	const changes = [
		{name: 'add instance', args: ['add', 'instance', 'cedar', 'https://cedar.example/oscar']},
		{name: 'set-token', args: ['set-token', 'maple/booking', '--token', 'new-token', '--token-secret-env', 'NEW_TOKEN_SECRET']},
	];
	for (const change of changes) {
		cell(`a full disk (file-size limit) x ${change.name}`, async () => {
			// Notes make the config larger than the 1 KiB limit.
			const {directory, configPath} = setup('n'.repeat(2000));
			const before = fs.readFileSync(configPath, 'utf8');
			const result = await runFault({
				args: ['--config', configPath, ...change.args],
				env: {NEW_TOKEN_SECRET: 'token-secret-y'},
				fileSizeLimitKiB: 1,
			});
			expectClean(result);
			expect(result.code, result.stderr).toBe(78);
			expect(result.stderr).toContain(configPath);
			expect(result.stderr).toContain('file size limit');
			expect(fs.readFileSync(configPath, 'utf8')).toBe(before);
			expect(fs.readdirSync(directory).filter(name => name.includes('.tmp'))).toEqual([]);
		});
	}
});

describe('--config without a value is a usage error, and no default config is read or created', () => {
	for (const args of [
		['list', '--config'],
		['--config'],
		['add', 'instance', 'x', 'https://x.example/oscar', '--config'],
		['export', '--config', '--format', 'csv'],
		['check', '--config'],
	]) {
		cell(`oscar-rest ${args.join(' ')}`, async () => {
			const {root} = setup();
			const home = path.join(root, 'home');
			const result = await runFault({args, env: {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config')}});
			expectClean(result);
			expect(result.code).toBe(args.includes('check') ? 3 : 64);
			expect(result.stderr).toContain('--config needs a PATH');
			expect(fs.existsSync(home)).toBe(false);
		});
	}
});

describe('the fault matrix runs its permission cells for real', () => {
	cell(`as ${runsAsRoot ? 'root: the CLI runs as nobody' : 'an ordinary user'}, a 0500 directory refuses a new file`, async () => {
		const {directory} = setup();
		fs.chmodSync(directory, 0o500);
		const result = await runFault({
			args: ['--config', path.join(directory, 'config.json'), 'add', 'instance', 'cedar', 'https://cedar.example/oscar'],
			unprivileged: true,
		});
		expect(result.code).toBe(78);
		expect(result.stderr).toContain('permission denied');
	});
});
