/**
 * The dashboard's first frame does not wait for the HTTP stack: got and its dependencies load when a
 * check, the wizard or the admin view first needs them (source/ui/onboarding/real-services.ts,
 * source/ui/admin/real-admin-services.ts). Proven on the built CLI in a real terminal with Node's
 * module loader trace (NODE_DEBUG=module): got's http2-wrapper requires Node's http2 when it loads.
 * Nor does it build Node's fetch (undici), which Ink's layout engine would call while it loads
 * (source/commands/without-fetch.ts): Node's own list of loaded internals shows it.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import {addInstance, addIntegration} from '../../source/core/inventory-ops.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {cliPath} from '../helpers/run-cli.js';
import {startTmux} from '../helpers/tmux.js';

let dir: string;
beforeAll(async () => {
	await ensureBuilt();
});

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-first-frame-'));
});

afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

/** Whether the loader trace shows `module` required (the bundle requires Node's built-ins through createRequire). */
function requested(trace: string, module: string): boolean {
	return new RegExp(`Module\\._load REQUEST ${module} parent:`).test(trace);
}

/** A preload (node --import) that writes the Node internals loaded by the time the process ends to `internals`. */
function internalsPreload(folder: string): {preload: string; internals: string} {
	const internals = path.join(folder, 'internals.txt');
	const preload = path.join(folder, 'internals.mjs');
	fs.writeFileSync(
		preload,
		// Written whole (a rename), so a reader never sees half of it.
		`import fs from 'node:fs';\nprocess.on('exit', () => {\n` +
			`\tfs.writeFileSync(${JSON.stringify(`${internals}.part`)}, process.moduleLoadList.join('\\n'));\n` +
			`\tfs.renameSync(${JSON.stringify(`${internals}.part`)}, ${JSON.stringify(internals)});\n});\n`,
	);
	return {preload, internals};
}

/**
 * Start the built dashboard in tmux with the loader trace on, run `keys` once the first frame shows, quit; the trace,
 * and with `untilExit` (waiting for the process to end) the Node internals it loaded.
 */
async function dashboardTrace(
	keys: (terminal: Awaited<ReturnType<typeof startTmux>>) => Promise<void>,
	untilExit = false,
): Promise<string> {
	const run = fs.mkdtempSync(path.join(dir, 'run-'));
	const config = path.join(run, 'config.json');
	new ConfigStore(config).update(inventory =>
		addIntegration(addInstance(inventory, {name: 'maple', baseUrl: 'https://127.0.0.1:1/oscar'}), 'maple', {
			name: 'booking',
			consumerKey: 'abcdefgh12345678',
			consumerSecret: 'zz-seeded-SECRET-5150',
			tags: [],
		}),
	);
	const trace = path.join(run, 'trace.txt');
	const {preload, internals} = internalsPreload(run);
	const terminal = await startTmux(
		['/bin/sh', '-c', '"$0" "$@" 2>"$TRACE"; echo $? >"$TRACE.status"', process.execPath, cliPath, '--config', config],
		{
			columns: 100,
			rows: 30,
			env: {
				CI: 'false',
				NO_COLOR: '1',
				TERM: 'xterm-256color',
				HOME: dir,
				NODE_DEBUG: 'module',
				TRACE: trace,
				NODE_OPTIONS: `--import=${preload}`,
			},
		},
	);
	try {
		// The whole first frame: the instance and the footer's key hints.
		await terminal.waitFor(screen => screen.includes('maple') && /\? help/.test(screen));
		await keys(terminal);
		await terminal.send('q');
		// Ended, not only off the screen, when the list of internals (written at exit) is wanted.
		// The shell writes the exit status once the dashboard has ended (tmux's own "Pane is dead" line,
		// and its pane_dead_status, do not always show: the pty closes before tmux collects the status).
		if (untilExit) await vi.waitFor(() => expect(fs.readFileSync(`${trace}.status`, 'utf8')).toBe('0\n'), {timeout: 20_000, interval: 20});
		else await terminal.waitFor(screen => !screen.includes('maple'));
	} finally {
		await terminal.kill();
	}

	const text = fs.readFileSync(trace, 'utf8');
	expect(text).toMatch(/^MODULE \d+: /m);
	if (!untilExit) return text;
	const loaded = fs.readFileSync(internals, 'utf8');
	expect(loaded).toMatch(/^NativeModule /m);
	return `${text}\n${loaded}`;
}

/** Whether Node's fetch was built: its undici module is among the loaded internals. */
function fetchBuilt(trace: string): boolean {
	return /^NativeModule internal\/deps\/undici\/undici$/m.test(trace);
}

describe("the dashboard's first frame", () => {
	it('does not load the HTTP stack or build fetch; a check loads the HTTP stack', async () => {
		const first = await dashboardTrace(async () => undefined, true);
		expect(requested(first, 'http2')).toBe(false);
		expect(fetchBuilt(first)).toBe(false);
		// The same trace sees it once a check runs (R checks everything; the instance refuses at once).
		expect(
			requested(
				await dashboardTrace(async terminal => {
					await terminal.send('R');
					await terminal.waitFor(screen => screen.includes('last run: checked 1/1'));
				}),
				'http2',
			),
		).toBe(true);
	});

	it('the internals list shows fetch built once a program calls it (what the test above looks for)', () => {
		const {preload, internals} = internalsPreload(dir);
		const run = spawnSync(process.execPath, [`--import=${preload}`, '-e', "void fetch('data:,x').then(answer => answer.text())"], {
			encoding: 'utf8',
		});
		expect(run.status).toBe(0);
		expect(fetchBuilt(fs.readFileSync(internals, 'utf8'))).toBe(true);
	});
});
