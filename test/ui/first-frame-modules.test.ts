/**
 * The dashboard's first frame does not wait for the HTTP stack: got and its dependencies load when a
 * check, the wizard or the admin view first needs them (source/ui/onboarding/real-services.ts,
 * source/ui/admin/real-admin-services.ts). Proven on the built CLI in a real terminal with Node's
 * module loader trace (NODE_DEBUG=module): got's http2-wrapper requires Node's http2 when it loads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
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

/** Start the built dashboard in tmux with the loader trace on, run `keys` once the first frame shows, quit; the trace. */
async function dashboardTrace(keys: (terminal: Awaited<ReturnType<typeof startTmux>>) => Promise<void>): Promise<string> {
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
	const terminal = await startTmux(['/bin/sh', '-c', 'exec "$0" "$@" 2>"$TRACE"', process.execPath, cliPath, '--config', config], {
		columns: 100,
		rows: 30,
		env: {CI: 'false', NO_COLOR: '1', TERM: 'xterm-256color', HOME: dir, NODE_DEBUG: 'module', TRACE: trace},
	});
	try {
		// The whole first frame: the instance and the footer's key hints.
		await terminal.waitFor(screen => screen.includes('maple') && /\? help/.test(screen));
		await keys(terminal);
		await terminal.send('q');
		await terminal.waitFor(screen => screen.includes('Pane is dead') || !screen.includes('maple'));
	} finally {
		await terminal.kill();
	}

	const text = fs.readFileSync(trace, 'utf8');
	expect(text).toMatch(/^MODULE \d+: /m);
	return text;
}

describe("the dashboard's first frame", () => {
	it('does not load the HTTP stack; a check does', async () => {
		expect(requested(await dashboardTrace(async () => undefined), 'http2')).toBe(false);
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
});
