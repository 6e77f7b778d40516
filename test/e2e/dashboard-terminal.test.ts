/**
 * The built `oscar-rest` in a real pseudo-terminal (tmux), against the simulator's demo fleet,
 * at 80x24 and 160x48: check everything from the keyboard, open a broken row, read its diagnosis.
 * CI sets CI=true, which makes Ink draw nothing until exit, so the terminal gets CI=false.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoFleet, demoInventory, startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {cliPath} from '../helpers/run-cli.js';
import {startTmux, type TmuxSession} from '../helpers/tmux.js';

let simulator: RunningSimulator;
let folder: string;
let configPath: string;

beforeAll(async () => {
	simulator = await startSimulator({fleet: demoFleet(), latencyMs: 0, log() {}});
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-e2e-'));
	configPath = path.join(folder, 'config.json');
	new ConfigStore(configPath).update(() => demoInventory(simulator));
});

afterAll(async () => {
	await simulator.close();
	fs.rmSync(folder, {recursive: true, force: true});
});

async function openDashboard(columns: number, rows: number): Promise<TmuxSession> {
	const session = await startTmux([process.execPath, cliPath, '--config', configPath], {
		columns,
		rows,
		env: {CI: 'false', NO_COLOR: '1', TERM: 'xterm-256color', HOME: folder},
	});
	await session.waitFor(screen => screen.includes('integrations') && screen.includes('northside'));
	return session;
}

for (const [columns, rows] of [
	[80, 24],
	[160, 48],
] as const) {
	describe(`dashboard in a ${columns}x${rows} terminal`, () => {
		it('checks all, then opens a broken row and shows the right diagnosis with its fix', async () => {
			const terminal = await openDashboard(columns, rows);
			try {
				await terminal.send('R');
				const checked = await terminal.waitFor(screen => /last run: checked 14\/14/.test(screen), 30_000);
				expect(checked).toMatch(/✖ \d+ CRIT/);
				// Every line fits the terminal.
				for (const line of checked.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);

				// Like a person, look at the screen before the next key.
				await terminal.send('/');
				await terminal.waitFor(screen => /^\/ /m.test(screen));
				await terminal.send('northside', {literal: true});
				await terminal.waitFor(screen => /^\/ northside/m.test(screen));
				await terminal.send('Enter');
				await terminal.waitFor(screen => screen.includes('filter "nor') && !/^\/ northside/m.test(screen));
				// Like a person: press Down, see the cursor on the row, then Enter.
				await terminal.send('Down');
				await terminal.waitFor(screen => /^›.*booking-app/m.test(screen));
				await terminal.send('Enter');
				const detail = await terminal.waitFor(screen => screen.includes('northside/booking-app') && screen.includes('rest-module-off'));
				expect(detail).toContain('REST module off');
				// The diagnosis comes first, wrapped at the width (the evidence follows the fix steps).
				expect(detail.replaceAll(/\s+/g, ' ')).toContain('answers 404 "No service was found."');
				// The numbered fix (the ModuleNames line) is in the pane: scroll to it if the terminal is small.
				let screen = detail;
				for (let page = 0; page < 5 && !screen.includes('ModuleNames'); page++) {
					await terminal.send('PageDown');
					screen = await terminal.waitFor(next => next !== screen || next.includes('ModuleNames'), 5000).catch(() => screen);
				}

				expect(screen).toContain('ModuleNames');
				// Back to the list, like a person would before quitting.
				await terminal.send('Escape');
				await terminal.waitFor(next => next.includes('INTEGRATION') && /^›.*booking-app/m.test(next));
			} finally {
				await terminal.kill();
			}
		});
	});
}
