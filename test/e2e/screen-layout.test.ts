/**
 * Every screen of the BUILT dashboard in a real terminal (tmux), at 80x24 and at the documented
 * minimum 60x20, against the simulator: the list, the detail (scrolled, passing evidence shown),
 * the help, both forms, the confirm dialog, and the onboarding wizard's nine panes in each state
 * they have (to do, checking, failed, asking, waiting for the callback, wrong user, done). Each
 * frame must fit the width (tmux -J joins a line the terminal had to wrap), keep its boxes whole,
 * and equal a fresh repaint of the same state (Ctrl+L), so no line of an earlier frame stays
 * behind. A resize below the minimum shows one "too small" screen, and back again leaves nothing
 * stale. With LC_ALL=C the same screens are pure ASCII.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Inventory} from '../../source/core/model.js';
import {startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {defaultClient, defaultToken} from '../../source/simulator/defaults.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {consent} from '../onboarding/helpers/scripted-consent.js';
import {asciiBox, brokenBoxes, overlongLines, roundBox} from '../helpers/frame-checks.js';
import {cliPath} from '../helpers/run-cli.js';
import {startTmux, type TmuxSession} from '../helpers/tmux.js';

const dedicated = {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'};
const doctor = {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'};

let simulator: RunningSimulator;
let folder: string;

/** A port nothing listens on right now, for the wizard's callback server. */
async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/**
 * clinic: "new" is registered but not authorized (step 9 runs for real), "kiosk" works (the last
 * check proves steps 1 and 3-9); northside: REST module off; stuck: answers nothing under /ws.
 */
async function writeConfig(file: string): Promise<void> {
	const port = await freePort();
	const client = (instance: string, name: string) => ({...defaultClient(instance, name), uri: 'http://127.0.0.1:'});
	const clinic = {fresh: client('clinic', 'Signup'), kiosk: client('clinic', 'Kiosk')};
	const inventory: Inventory = {
		instances: [
			{
				name: 'clinic',
				baseUrl: simulator.instance('clinic').baseUrl,
				integrations: [
					{
						name: 'signup',
						consumerKey: clinic.fresh.key,
						consumerSecret: clinic.fresh.secret,
						uri: `http://127.0.0.1:${port}`,
						expectedProvider: '999001',
						lifetime: -1,
						tags: ['e2e'],
					},
					{
						name: 'kiosk',
						consumerKey: clinic.kiosk.key,
						consumerSecret: clinic.kiosk.secret,
						accessToken: defaultToken('clinic', clinic.kiosk).token,
						tokenSecret: defaultToken('clinic', clinic.kiosk).secret,
						uri: `http://127.0.0.1:${port}`,
						expectedProvider: '999001',
						lifetime: -1,
						tags: ['e2e'],
					},
				],
			},
			{
				name: 'northside',
				baseUrl: simulator.instance('northside').baseUrl,
				integrations: [
					{
						name: 'booking-app',
						consumerKey: defaultClient('northside').key,
						consumerSecret: defaultClient('northside').secret,
						uri: `http://127.0.0.1:${port}`,
						tags: [],
					},
				],
			},
			{
				name: 'stuck',
				baseUrl: simulator.instance('stuck').baseUrl,
				integrations: [
					{name: 'booking-app', consumerKey: defaultClient('stuck').key, consumerSecret: defaultClient('stuck').secret, tags: []},
				],
			},
		],
	};
	new ConfigStore(file).update(() => inventory);
}

beforeAll(async () => {
	await ensureBuilt();
	const kiosk = {...defaultClient('clinic', 'Kiosk'), uri: 'http://127.0.0.1:'};
	simulator = await startSimulator({
		port: 0,
		log() {},
		fleet: {
			instances: [
				{
					name: 'clinic',
					clients: [{...defaultClient('clinic', 'Signup'), uri: 'http://127.0.0.1:'}, kiosk],
					tokens: [defaultToken('clinic', kiosk)],
				},
				{name: 'northside', contextPath: '/northside', scenario: 'rest-off'},
				{name: 'stuck', contextPath: '/stuck', scenario: 'hang'},
			],
		},
	});
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-screens-'));
}, 180_000);

afterAll(async () => {
	await simulator?.close();
	fs.rmSync(folder, {recursive: true, force: true});
});

/**
 * Text that changes on its own with time, so two captures of one state compare equal: ages, the
 * countdown, and "failing for" (it appears when the history is saved, up to 2 s after a check).
 */
function steady(screen: string): string {
	return screen
		.replaceAll(/\d+:\d\d left/g, 'M:SS left')
		.replaceAll(/\d+ (s|min|h|d) ago/g, 'N ago')
		.replaceAll(/ {2}failing for \d+ \w+/g, '');
}

interface Terminal {
	readonly tmux: TmuxSession;
	readonly columns: number;
	readonly rows: number;
	readonly ascii: boolean;
	/** Output bytes the app wrote (tmux pipe-pane), to see when a repaint has been written. */
	readonly log: string;
}

async function open(columns: number, rows: number, env: Record<string, string> = {}): Promise<Terminal> {
	const config = path.join(folder, `config-${columns}x${rows}-${Object.keys(env).join('')}.json`);
	await writeConfig(config);
	const log = `${config}.out`;
	fs.writeFileSync(log, '');
	const tmux = await startTmux([process.execPath, cliPath, '--config', config], {
		columns,
		rows,
		env: {CI: 'false', NO_COLOR: '1', TERM: 'xterm-256color', HOME: folder, LANG: 'C.UTF-8', ...env},
	});
	await tmux.tmux('pipe-pane', '-o', '-t', tmux.name, `cat >> '${log}'`);
	await tmux.waitFor(screen => screen.includes('integrations') && screen.includes('northside'));
	return {tmux, columns, rows, ascii: 'LC_ALL' in env, log};
}

/** Press Ctrl+L and wait until the app has written the clear and the whole frame after it. */
async function repaint(terminal: Terminal): Promise<string> {
	const before = fs.statSync(terminal.log).size;
	await terminal.tmux.send('C-l');
	await expect
		.poll(
			() => {
				const written = fs.readFileSync(terminal.log, 'latin1').slice(before);
				const clear = written.indexOf('\u001B[2J\u001B[H');
				// Ink ends a synchronized frame with ESC[?2026l: after it the whole frame is on screen.
				return clear >= 0 && written.indexOf('\u001B[?2026l', clear) > clear;
			},
			{timeout: 10_000, interval: 20},
		)
		.toBe(true);
	return terminal.tmux.screen();
}

/** The frame checks: fits the width, boxes whole, equal to a fresh repaint. Returns the screen. */
async function check(terminal: Terminal, label: string, ready: (screen: string) => boolean): Promise<string> {
	const screen = await terminal.tmux.waitFor(ready, 15_000);
	const where = `${label} at ${terminal.columns}x${terminal.rows}${terminal.ascii ? ' (LC_ALL=C)' : ''}`;
	const joined = await terminal.tmux.tmux('capture-pane', '-p', '-J', '-t', terminal.tmux.name);
	expect(overlongLines(joined, terminal.columns), `${where}: lines wider than the terminal\n${screen}`).toEqual([]);
	expect(screen.split('\n').length, `${where}: taller than the terminal`).toBeLessThanOrEqual(terminal.rows + 1);
	expect(brokenBoxes(screen, terminal.ascii ? asciiBox : roundBox), `${where}: broken boxes\n${screen}`).toEqual([]);
	if (terminal.ascii)
		expect(
			[...screen].filter(character => character.codePointAt(0)! > 0x7f),
			`${where}: non-ASCII on screen\n${screen}`,
		).toEqual([]);
	let before = screen;
	let fresh = await repaint(terminal);
	// A status-line message may fade (after 5 s) between the capture and the repaint: that is the app
	// changing, not stale text, so compare again from the new state (any other difference fails).
	if (statusFaded(before, fresh)) {
		before = fresh;
		fresh = await repaint(terminal);
	}

	expect(steady(fresh), `${where}: differs from a fresh repaint (stale text)`).toBe(steady(before));
	return fresh;
}

/** `after` is `before` with one status-line message gone, and nothing else changed. */
function statusFaded(before: string, after: string): boolean {
	const old = steady(before).split('\n');
	const next = steady(after).split('\n');
	if (old.length !== next.length) return false;
	const changed = old.flatMap((line, index) => (line === next[index] ? [] : [index]));
	return changed.length === 1 && next[changed[0]!]!.trim() === '' && /^[›>✔✖+x] /.test(old[changed[0]!]!);
}

/** The authorize URL as the wizard shows it (wrapped at any character over several lines). */
function authorizeUrl(screen: string): string {
	const lines = screen.split('\n');
	const start = lines.findIndex((line, index) => line.startsWith('http') && (lines[index - 1] ?? '').trimEnd().endsWith('dedicated user:'));
	const parts: string[] = [];
	for (const line of lines.slice(start)) {
		if (parts.length > 0 && !/^\S+$/.test(line.trim())) break;
		parts.push(line.trim());
	}

	return parts.join('');
}

/** Select a row by filtering for it, as a person would. */
async function select(terminal: Terminal, filter: string, row: (screen: string) => boolean): Promise<void> {
	const {tmux} = terminal;
	await tmux.send('/');
	await tmux.waitFor(screen => /^\/ /m.test(screen));
	await tmux.send(filter, {literal: true});
	await tmux.send('Enter');
	await tmux.waitFor(screen => screen.includes(`filter "${filter}"`));
	await tmux.send('Down');
	await tmux.waitFor(row);
}

/** Clear the filter (/ then Esc). */
async function unfilter(terminal: Terminal): Promise<void> {
	const {tmux} = terminal;
	await tmux.send('/');
	await tmux.waitFor(screen => /^\/ /m.test(screen));
	await tmux.send('Escape');
	await tmux.waitFor(screen => !/^\/ /m.test(screen) && !screen.includes('filter "'));
}

/** Open the wizard (o) on the row a filter selects. */
async function wizardFor(terminal: Terminal, filter: string, row: (screen: string) => boolean): Promise<void> {
	await select(terminal, filter, row);
	await terminal.tmux.send('o');
	await terminal.tmux.waitFor(screen => screen.includes('Onboarding '));
}

async function closeWizard(terminal: Terminal): Promise<void> {
	await terminal.tmux.send('Escape');
	await terminal.tmux.waitFor(screen => !screen.includes('Onboarding ') && screen.includes('INTEGRA'));
	await unfilter(terminal);
}

/** One row checked, and the "Checking ..." status line gone with the run. */
const checkedOne = (critical: number) => (screen: string) =>
	new RegExp(`last run: checked 1/1: ${critical} critical`).test(screen) && !/^[›>] Checking/m.test(screen);
const cursorOn = (name: RegExp) => (screen: string) => screen.split('\n').some(line => /^[›>]/.test(line) && name.test(line));

async function everyScreen(terminal: Terminal): Promise<void> {
	const {tmux} = terminal;
	await check(terminal, 'list', screen => screen.includes('INTEGRA'));

	// Check the rows that have something to show (the stuck instance would wait for its timeout).
	await select(terminal, 'kiosk', cursorOn(/kiosk/));
	await tmux.send('c');
	await tmux.waitFor(checkedOne(0));
	await unfilter(terminal);
	await select(terminal, 'northside', cursorOn(/booking/));
	await tmux.send('c');
	await tmux.waitFor(checkedOne(1));
	await tmux.send('Enter');
	await check(terminal, 'detail', screen => screen.includes('rest-module-off') && screen.includes('Fix:'));
	for (let page = 2; page < 9; page++) {
		const last = await tmux.screen();
		if (!last.includes('more lines (PgDn)')) break;
		await tmux.send('PageDown');
		await check(terminal, `detail page ${page}`, screen => screen !== last);
	}

	const folded = await tmux.screen();
	await tmux.send('E');
	await check(terminal, 'detail with passing evidence', screen => screen !== folded && !screen.includes('E shows it'));
	await tmux.send('Escape');
	await tmux.waitFor(screen => screen.includes('INTEGRA'));
	await unfilter(terminal);

	await tmux.send('?');
	await check(terminal, 'help', screen => /Keys \(1-/.test(screen));
	await tmux.send('PageDown');
	await check(terminal, 'help page 2', screen => /Keys \((?!1-)/.test(screen));
	await tmux.send('Escape');
	await tmux.waitFor(screen => screen.includes('INTEGRA'));

	await tmux.send('i');
	await check(terminal, 'add-instance form', screen => screen.includes('Add an OSCAR instance'));
	await tmux.send('Escape');
	await tmux.waitFor(screen => screen.includes('INTEGRA'));
	await select(terminal, 'kiosk', cursorOn(/kiosk/));
	await tmux.send('e');
	await check(terminal, 'edit-integration form', screen => screen.includes('Edit integration clinic/'));
	const labels = [
		'Client key',
		'Client secret',
		'Access token',
		'Token secret',
		'Registered URI',
		'Callback',
		'Acts as provider',
		'Token lifetime',
		'Tags',
	];
	for (const label of labels) {
		await tmux.send('Tab');
		await tmux.waitFor(screen => new RegExp(`^[›>] *${label}`, 'm').test(screen));
	}

	await check(terminal, 'edit-integration form, last field', screen => /^[›>] *Tags/m.test(screen));
	await tmux.send('Escape');
	await tmux.waitFor(screen => screen.includes('INTEGRA'));
	await tmux.send('D');
	await check(terminal, 'confirm dialog', screen => screen.includes('Remove integration'));
	await tmux.send('n');
	await tmux.waitFor(screen => !screen.includes('Remove integration'));
	await unfilter(terminal);

	// The wizard's nine panes, to do, on the instance whose REST module is off.
	await wizardFor(terminal, 'northside', cursorOn(/booking/));
	for (let step = 1; step <= 9; step++) {
		await check(terminal, `wizard step ${step}, to do`, screen => screen.includes(`Step ${step}:`));
		if (step < 9) await tmux.send('n');
	}

	// Failed (step 3's probe finds REST off), then Enter asks before marking it done.
	for (let step = 9; step > 3; step--) await tmux.send('Up');
	await tmux.waitFor(screen => screen.includes('Step 3:'));
	await tmux.send('r');
	await check(terminal, 'wizard step 3, failed', screen => /failed/.test(screen) && screen.includes('REST probe: REST module off'));
	await tmux.send('Enter');
	await check(terminal, 'wizard step 3, asking before done', screen => screen.includes('Mark it done anyway?'));
	await tmux.send('n');
	await tmux.waitFor(screen => !screen.includes('Mark it done anyway?'));
	await tmux.send('Up');
	await tmux.send('Up');
	await tmux.waitFor(screen => screen.includes('Step 1:'));
	await tmux.send('Enter');
	await check(terminal, 'wizard step 1, done', screen => /1\/9 done/.test(screen));
	// Step 8 failed: a key OSCAR does not accept (this instance has no REST module at all).
	for (let step = 1; step < 8; step++) await tmux.send('Down');
	await tmux.waitFor(screen => screen.includes('Step 8:'));
	await tmux.send('k');
	await tmux.waitFor(screen => screen.includes('Client Key:'));
	await tmux.send('wrongkey00000000', {literal: true});
	await tmux.send('Enter');
	// Saving the key checks the row again: wait for that run too.
	await check(
		terminal,
		'wizard step 8, failed',
		screen => /[✖x] failed/.test(screen) && !screen.includes('checking:') && /last run: checked 1\/1/.test(screen),
	);
	await closeWizard(terminal);

	// Checking: the probe of an instance that never answers stays in flight.
	await wizardFor(terminal, 'stuck', cursorOn(/booking/));
	await tmux.send('Down');
	await tmux.send('Down');
	await tmux.waitFor(screen => screen.includes('Step 3:'));
	await tmux.send('r');
	await check(terminal, 'wizard step 3, checking', screen => screen.includes('checking: probing the REST module'));
	// Step 8 checking: the pasted key's proof waits for an answer that does not come.
	for (let step = 3; step < 8; step++) await tmux.send('Down');
	await tmux.waitFor(screen => screen.includes('Step 8:'));
	await tmux.send('k');
	await tmux.waitFor(screen => screen.includes('Client Key:'));
	await tmux.send('stuckkey00000000', {literal: true});
	await tmux.send('Enter');
	// Saving the key also checks the row again, and that waits too.
	await check(
		terminal,
		'wizard step 8, checking',
		screen => screen.includes('checking: proving the key and secret') && /checking 0\/1/.test(screen),
	);
	await closeWizard(terminal);

	// Done by proof: the last check of a working integration proves steps 1 and 3-9.
	await wizardFor(terminal, 'kiosk', cursorOn(/kiosk/));
	// It opens at the first step still to do (2: roles, which no check can prove); go to step 1.
	await tmux.waitFor(screen => screen.includes('Step 2:'));
	await tmux.send('Up');
	for (let step = 1; step <= 9; step++) {
		await check(
			terminal,
			`wizard step ${step}, proven`,
			screen => screen.includes(`Step ${step}:`) && (step === 2 || /verified/.test(screen)),
		);
		if (step < 9) await tmux.send('n');
	}

	await closeWizard(terminal);

	// Step 9 for real: waiting for the callback, a browser logged in as a doctor (wrong user), then the dedicated user.
	await wizardFor(terminal, 'signup', cursorOn(/signup/));
	for (let step = 1; step < 9; step++) await tmux.send('Down');
	await tmux.waitFor(screen => screen.includes('Step 9:'));
	await tmux.send('a');
	const waiting = await check(
		terminal,
		'wizard step 9, waiting for the callback',
		screen => screen.includes('Waiting for the browser') && authorizeUrl(screen).includes('oauth_token='),
	);
	await tmux.send('p');
	await check(terminal, 'wizard step 9, paste field', screen => screen.includes('Redirected address or verifier'));
	await tmux.send('Escape');
	await tmux.waitFor(screen => !screen.includes('Redirected address or verifier:'));
	const wrong = await consent(authorizeUrl(waiting), doctor);
	expect((await fetch(wrong.location!)).status).toBe(200);
	await check(terminal, 'wizard step 9, wrong user', screen => screen.includes('save it flagged') && screen.includes('NOT saved'));
	await tmux.send('d');
	await check(terminal, 'wizard step 9, discarded', screen => screen.includes('discarded'));
	await tmux.send('a');
	const again = await tmux.waitFor(screen => screen.includes('Waiting for the browser') && authorizeUrl(screen).includes('oauth_token='));
	const right = await consent(authorizeUrl(again), dedicated);
	expect((await fetch(right.location!)).status).toBe(200);
	await check(
		terminal,
		'wizard step 9, done',
		screen => screen.includes('Authorized; the access token is saved.') && /last run: checked 1\/1/.test(screen),
	);
	await tmux.send('Escape');
	await tmux.waitFor(screen => !screen.includes('Onboarding '));
}

describe.each([
	[80, 24],
	[60, 20],
] as const)('every screen at %ix%i', (columns, rows) => {
	it('fits, keeps its boxes whole and leaves nothing stale, in every state', async () => {
		const terminal = await open(columns, rows);
		try {
			await everyScreen(terminal);
			// Below the minimum: one clear screen; back to the size: a clean frame.
			await terminal.tmux.tmux('resize-window', '-t', terminal.tmux.name, '-x', '50', '-y', '15');
			await terminal.tmux.waitFor(screen => screen.includes('terminal too small: need 60x20, have 50x15'));
			await terminal.tmux.tmux('resize-window', '-t', terminal.tmux.name, '-x', String(columns), '-y', String(rows));
			await check(terminal, 'list after a resize', screen => screen.includes('INTEGRA') && !screen.includes('too small'));
		} finally {
			await terminal.tmux.kill();
		}
	}, 120_000);
});

describe('without a UTF-8 locale', () => {
	it('draws every screen in ASCII (LC_ALL=C)', async () => {
		const terminal = await open(80, 24, {LC_ALL: 'C'});
		try {
			await everyScreen(terminal);
		} finally {
			await terminal.tmux.kill();
		}
	}, 120_000);
});
