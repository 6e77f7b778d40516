/**
 * The built `oscar-rest` in a real terminal (tmux), started from a shell the way a person does:
 * key bursts sent in one write (tmux send-keys -l) land key by key, a paste arrives as one paste,
 * and every way out (q, Ctrl+C, SIGTERM) gives the shell its screen back with the documented exit
 * status. CI sets CI=true, which makes Ink draw nothing until exit, so the terminal gets CI=false.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ConfigStore} from '../../source/store/config-store.js';
import {cliPath} from '../helpers/run-cli.js';
import {startTmux, type TmuxSession} from '../helpers/tmux.js';

let folder: string;
let configPath: string;

beforeAll(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-keys-'));
	configPath = path.join(folder, 'config.json');
	// Nothing listens on the discard port: no checks are needed to move around and type.
	new ConfigStore(configPath).update(() => ({
		instances: [
			{
				name: 'clinic',
				baseUrl: 'http://127.0.0.1:9/oscar',
				integrations: Array.from({length: 30}, (_, index) => ({
					name: `app${String(index).padStart(2, '0')}`,
					consumerKey: 'abcdefgh12345678',
					consumerSecret: 'zz-keys-SECRET-1',
					tags: [],
				})),
			},
		],
	}));
});

afterAll(() => {
	// The shells keep no history (HISTFILE=/dev/null): a shell tmux just killed cannot still be writing here.
	fs.rmSync(folder, {recursive: true, force: true, maxRetries: 10});
});

/** What the shell printed before the dashboard started (the command line itself spells it differently). */
const shellMarker = 'SHELL-SCREEN-BEFORE';

/**
 * Like a person: an interactive shell, where the command line prints a line, runs the dashboard and
 * then prints the exit status. After quitting, that screen must be back as it was.
 */
async function openDashboard(columns: number, rows: number): Promise<TmuxSession> {
	const session = await startTmux(['bash', '--norc', '-i'], {
		columns,
		rows,
		env: {CI: 'false', NO_COLOR: '1', TERM: 'xterm-256color', HOME: folder, HISTFILE: '/dev/null', LC_ALL: 'C.UTF-8', PS1: 'shell> '},
	});
	await session.waitFor(screen => /^shell>/m.test(screen));
	await session.send(`printf 'SHELL-SCREEN-%s\\n' BEFORE; '${process.execPath}' '${cliPath}' --config '${configPath}'; echo "EX""IT=$?"`, {
		literal: true,
	});
	await session.send('Enter');
	await session.waitFor(screen => screen.includes('INTEGRATION') && screen.includes('app00'));
	return session;
}

/** The line the cursor is on (› in Unicode, > in ASCII). */
const cursorLine = (screen: string): string => screen.split('\n').find(line => /^[›>]/.test(line)) ?? '';

/** The shell's screen is back: its line before the dashboard, the exit status, no frame of the dashboard left. */
function shellScreenBack(screen: string, status: number): boolean {
	return (
		screen.includes(shellMarker) &&
		screen.includes(`EXIT=${status}`) &&
		/^shell>$/m.test(screen) &&
		!screen.includes('INTEGRATION') &&
		!screen.includes('app0')
	);
}

/** The process the shell runs (the dashboard), from /proc: the child of the pane's shell. */
function childOf(parent: number): number {
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === parent) return Number(entry);
		} catch {
			// The process ended while the list was read.
		}
	}

	throw new Error(`no child process of ${parent}`);
}

for (const [columns, rows] of [
	[80, 24],
	[60, 20],
] as const) {
	describe(`key bursts in a ${columns}x${rows} terminal`, () => {
		it('20 × j and kkkj sent in one write move the cursor key by key; q gives the shell its screen back (exit 0)', async () => {
			const terminal = await openDashboard(columns, rows);
			try {
				await terminal.send('j'.repeat(20), {literal: true});
				// The group line is the first line: twenty moves down end on app19.
				await terminal.waitFor(screen => /app19/.test(cursorLine(screen)));
				await terminal.send('kkkj', {literal: true});
				const screen = await terminal.waitFor(next => /app17/.test(cursorLine(next)));
				expect(screen).not.toContain('is not a key here');
				await terminal.send('q');
				await terminal.waitFor(next => shellScreenBack(next, 0));
			} finally {
				await terminal.kill();
			}
		});

		it('a filter typed in one write, three Backspaces in one write, and a bracketed paste that is text, not commands', async () => {
			const before = fs.readFileSync(configPath, 'utf8');
			const terminal = await openDashboard(columns, rows);
			try {
				// A paste in the list: "DDy" would remove a row if it were typed; pasted, it only says so.
				await terminal.paste('DDy');
				await terminal.waitFor(screen => screen.includes('Pasted text is not a command'));
				await terminal.send('/app27xyz', {literal: true});
				await terminal.waitFor(screen => /^\/ app27xyz/m.test(screen));
				await terminal.send('\u007F\u007F\u007F', {literal: true});
				await terminal.waitFor(screen => /^\/ app27 /m.test(screen));
				await terminal.send('Enter');
				await terminal.waitFor(screen => screen.includes('filter "app27": 1 shown'));
				// A paste into the filter (the line break a copied line brings is dropped, not taken as Enter).
				await terminal.send('Escape');
				await terminal.waitFor(screen => !screen.includes('filter "app27"'));
				await terminal.send('/');
				await terminal.waitFor(screen => /^\/ /m.test(screen));
				await terminal.paste('app1\n');
				await terminal.waitFor(screen => /^\/ app1 /m.test(screen));
				expect(fs.readFileSync(configPath, 'utf8')).toBe(before);
			} finally {
				await terminal.kill();
			}
		});
	});
}

describe('leaving the dashboard', () => {
	it('Ctrl+C restores the terminal and exits 130', async () => {
		const terminal = await openDashboard(80, 24);
		try {
			await terminal.send('C-c');
			await terminal.waitFor(screen => shellScreenBack(screen, 130));
		} finally {
			await terminal.kill();
		}
	});

	it('SIGTERM restores the terminal and ends with status 143 (128 + 15)', async () => {
		const terminal = await openDashboard(80, 24);
		try {
			process.kill(childOf(await terminal.panePid()), 'SIGTERM');
			await terminal.waitFor(screen => shellScreenBack(screen, 143));
		} finally {
			await terminal.kill();
		}
	});
});
