/**
 * Fault matrix, part 6: the hostile server x the dashboard's detail pane, in a real terminal (tmux).
 * Every byte the dashboard writes is captured (tmux pipe-pane): none of the server's sequences (OSC 52,
 * OSC 0, CSI 2J, SGR blink, C1 CSI and OSC, BEL) appears in it, the window title stays ours, and the
 * server's text is on the screen, escaped. CI=false: Ink draws nothing while CI is set.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, vi} from 'vitest';
import type {Inventory} from '../../source/core/model.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {type Workspace, workspace} from '../commands/helpers/fleet.js';
import {cliPath} from '../helpers/run-cli.js';
import {startTmux, type TmuxSession} from '../helpers/tmux.js';
import {type HostileServer, startHostileServer} from './helpers/hostile-server.js';
import {matrixSection} from './helpers/matrix.js';

const exec = promisify(execFile);
const modes = ['provider', 'error', 'denied', 'waf'] as const;

let server: HostileServer;
let space: Workspace;
let terminal: TmuxSession;
let rawFile: string;

/** The server's sequences as they would appear in the terminal's byte stream if they got through. */
const forbidden: ReadonlyArray<readonly [string, string]> = [
	['OSC 52 (clipboard)', '\u001B]52;'],
	['OSC 0 (window title)', '\u001B]0;PWNED'],
	['CSI 2J (clear screen)', 'CLEAR[\u001B[2J'],
	['SGR 5 (blink)', 'BLINK[\u001B[5m'],
	['C1 CSI', '\u009B'],
	['C1 OSC', '\u009D'],
	['BEL', '\u0007'],
];

async function tmux(...args: string[]): Promise<string> {
	const {stdout} = await exec('tmux', ['-L', terminal.name, ...args]);
	return stdout;
}

beforeAll(async () => {
	await ensureBuilt();
	server = await startHostileServer();
	const inventory: Inventory = {
		instances: modes.map(mode => ({
			name: mode,
			baseUrl: server.baseUrl(mode),
			integrations: [
				{
					name: `${mode}-app`,
					consumerKey: 'abcdefabcdefabcd',
					consumerSecret: 'consumer-secret-x',
					accessToken: 'access-token-x',
					tokenSecret: 'token-secret-x',
					expectedProvider: 'Booking App',
					lifetime: -1,
					tags: [],
				},
			],
		})),
	};
	space = workspace(inventory);
	rawFile = path.join(space.directory, 'terminal.raw');
	terminal = await startTmux([process.execPath, cliPath, '--config', space.configPath], {
		columns: 120,
		rows: 40,
		env: {CI: 'false', NO_COLOR: '1', TERM: 'xterm-256color', HOME: space.directory},
	});
	// Every byte the dashboard writes from now on lands in rawFile.
	await tmux('pipe-pane', '-o', '-t', terminal.name, `cat >> '${rawFile}'`);
	await terminal.waitFor(screen => screen.includes('INTEGRATION') && screen.includes('denied'));
	await terminal.send('R');
	await terminal.waitFor(screen => /last run: checked 4\/4/.test(screen), 30_000);
}, 90_000);

afterAll(async () => {
	await terminal?.kill();
	await server?.close();
	space?.remove();
});

const {cell} = matrixSection('hostile server x dashboard detail pane');

describe('the dashboard detail pane in a real terminal, on a hostile server', () => {
	for (const mode of modes) {
		cell(
			`${mode}: the detail pane shows the server's text escaped and none of its sequences`,
			async () => {
				await terminal.send('/');
				await terminal.waitFor(screen => /^\/ /m.test(screen));
				await terminal.send(mode, {literal: true});
				await terminal.send('Enter');
				await terminal.waitFor(screen => screen.includes(`filter "${mode}`) && !/^\/ /m.test(screen));
				await terminal.send('Down');
				// The cursor on the integration's row (not the instance's group line) before Enter.
				await terminal.waitFor(screen => new RegExp(`^›\\s+${mode}-app`, 'm').test(screen));
				const seen = fs.statSync(rawFile).size;
				await terminal.send('Enter');
				try {
					const screen = await terminal.waitFor(text => text.includes(`${mode}/${mode}-app`) && /evidence:/i.test(text));
					// pipe-pane copies the bytes through cat: wait until the pane's frame is in the file too.
					await vi.waitFor(
						() => {
							expect(fs.readFileSync(rawFile).subarray(seen).toString('utf8')).toMatch(/evidence:/i);
						},
						{timeout: 10_000, interval: 20},
					);
					const raw = fs.readFileSync(rawFile).subarray(seen).toString('utf8');
					for (const [name, sequence] of forbidden) expect(raw.includes(sequence), `${name} reached the terminal`).toBe(false);
					expect(await tmux('display-message', '-p', '-t', terminal.name, '#{pane_title}')).not.toContain('PWNED');
					// The server's text is on the screen, escaped: the pane did show it.
					expect(screen).toMatch(/\\x1b|\\x9b|\\x9d/);
				} finally {
					// Back to the whole list for the next cell, whatever happened.
					await terminal.send('Escape');
					await terminal.waitFor(text => text.includes('INTEGRATION'));
					// Escape in the filter box clears the filter.
					await terminal.send('/');
					await terminal.waitFor(text => /^\/ /m.test(text));
					await terminal.send('Escape');
					await terminal.waitFor(text => !text.includes('filter "'));
				}
			},
			60_000,
		);
	}
});
