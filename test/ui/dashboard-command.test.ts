import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import run from '../../source/commands/dashboard.js';
import type {CommandContext} from '../../source/commands/context.js';
import {exitCode} from '../../source/core/exit-codes.js';

let dir: string;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-ui-command-'));
});

afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

function context(argv: string[], tty: boolean): CommandContext & {out(): string; err(): string; type(data: string): void} {
	const stdout = Object.assign(new PassThrough(), {isTTY: tty, columns: 100, rows: 30});
	const stderr = new PassThrough();
	// A terminal's stdin as Ink uses it (raw mode, ref/unref), fed by the test.
	const stdin = Object.assign(new PassThrough(), {isTTY: tty, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
	let out = '';
	let err = '';
	stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
	});
	stderr.on('data', (chunk: Buffer) => {
		err += chunk.toString();
	});
	return {
		argv,
		stdout,
		stderr,
		stdin,
		env: {},
		configPath: path.join(dir, 'config.json'),
		out: () => out,
		err: () => err,
		type: data => stdin.write(data),
	};
}

describe('oscar-rest dashboard', () => {
	it('without a terminal names the headless commands and exits 64', async () => {
		const ctx = context([], false);
		expect(exitCode(await run(ctx))).toBe(64);
		expect(ctx.err()).toContain('the dashboard needs a terminal');
		for (const command of ['oscar-rest check', 'oscar-rest list', 'oscar-rest report']) expect(ctx.err()).toContain(command);
		expect(ctx.out()).toBe('');
		expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false);
	});

	it('prints its help with --help', async () => {
		const ctx = context(['--help'], false);
		expect(exitCode(await run(ctx))).toBe(0);
		expect(ctx.out()).toContain('--refresh SECONDS');
		expect(ctx.out()).toContain('--check');
	});

	it('rejects a bad --refresh and unknown options with a clear message', async () => {
		await expect(run(context(['--refresh', 'soon'], true))).rejects.toThrow('--refresh must be a whole number >= 1, got "soon"');
		await expect(run(context(['--bogus'], true))).rejects.toThrow('unknown option --bogus');
	});

	it('stops with the config error and exit 78 on a corrupt config', async () => {
		fs.writeFileSync(path.join(dir, 'config.json'), '{not json', {mode: 0o600});
		const ctx = context([], true);
		expect(exitCode(await run(ctx))).toBe(78);
		expect(ctx.err()).toContain('oscar-rest: ');
	});

	it('on a terminal renders the saved inventory and quits with q (exit 0)', async () => {
		const ctx = context([], true);
		const {ConfigStore} = await import('../../source/store/config-store.js');
		new ConfigStore(ctx.configPath).update(() => ({
			instances: [
				{
					name: 'clinic',
					baseUrl: 'http://127.0.0.1:9/oscar',
					integrations: [{name: 'booking', consumerKey: 'abcdefgh12345678', consumerSecret: 'zz-command-SECRET-1618', tags: []}],
				},
			],
		}));
		const exit = run(ctx);
		// The first frame comes after the lazy import of the UI (Ink, React): allow for a cold start.
		await vi.waitFor(
			() => {
				expect(ctx.out()).toContain('booking');
			},
			{timeout: 15_000},
		);
		ctx.type('q');
		expect(exitCode(await exit)).toBe(0);
		expect(ctx.out()).not.toContain('zz-command-SECRET-1618');
	});

	it('draws on the alternate screen with bracketed paste, and Ctrl+C restores both and exits 130', async () => {
		const ctx = context([], true);
		const {ConfigStore} = await import('../../source/store/config-store.js');
		const {terminalModes} = await import('../../source/ui/terminal-session.js');
		new ConfigStore(ctx.configPath).update(() => ({instances: [{name: 'clinic', baseUrl: 'http://127.0.0.1:9/oscar', integrations: []}]}));
		const exit = run(ctx);
		await vi.waitFor(
			() => {
				expect(ctx.out()).toContain('clinic');
			},
			{timeout: 15_000},
		);
		expect(ctx.out().startsWith(terminalModes.enter)).toBe(true);
		ctx.type('\u0003');
		expect(exitCode(await exit)).toBe(130);
		expect(ctx.out().endsWith(terminalModes.leave)).toBe(true);
	});
});
