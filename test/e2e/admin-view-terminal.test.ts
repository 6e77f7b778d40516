/**
 * The admin view in the BUILT `oscar-rest`, in a real 80x24 terminal (tmux), against the simulator
 * over loopback TLS: m on an instance, the administrator login typed as a person types it (the
 * password shown as *), the audit's findings on screen, every line within the width; the session
 * is logged out and nothing of the login reaches the screen's output or any file. CI=false: Ink
 * draws nothing while CI is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoFleet, demoInventory, startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {ensureBuilt} from '../commands/helpers/built-cli.js';
import {overlongLines} from '../helpers/frame-checks.js';
import {cliPath} from '../helpers/run-cli.js';
import {startTmux} from '../helpers/tmux.js';

const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};

let simulator: RunningSimulator;
let folder: string;
let configPath: string;

beforeAll(async () => {
	await ensureBuilt();
	const fleet = demoFleet().instances.filter(spec => spec.name === 'maple-family' || spec.name === 'carlos-east');
	simulator = await startSimulator({fleet: {instances: fleet.map(spec => ({...spec, tls: true}))}, latencyMs: 0, log() {}});
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-admin-e2e-'));
	configPath = path.join(folder, 'config.json');
	new ConfigStore(configPath).update(() => ({
		instances: demoInventory(simulator).instances.map(instance => ({...instance, caFile: simulator.caFile})),
	}));
}, 180_000);

afterAll(async () => {
	await simulator?.close();
	fs.rmSync(folder, {recursive: true, force: true});
});

describe('the admin view in an 80x24 terminal', () => {
	it('m, an administrator login typed by hand, the findings; logged out, the password nowhere', async () => {
		const output = path.join(folder, 'terminal.out');
		fs.writeFileSync(output, '');
		const terminal = await startTmux([process.execPath, cliPath, '--config', configPath], {
			columns: 80,
			rows: 24,
			env: {CI: 'false', NO_COLOR: '1', TERM: 'xterm-256color', HOME: folder, LANG: 'C.UTF-8'},
		});
		try {
			// Everything the app writes, to look for the password in it afterwards.
			await terminal.tmux('pipe-pane', '-o', '-t', terminal.name, `cat >> '${output}'`);
			await terminal.waitFor(screen => screen.includes('maple-family') && screen.includes('carlos-east'));
			await terminal.send('/');
			await terminal.waitFor(screen => /^\/ /m.test(screen));
			await terminal.send('maple-family', {literal: true});
			await terminal.send('Enter');
			await terminal.waitFor(screen => screen.includes('filter "maple-family"'));
			await terminal.send('m');
			await terminal.waitFor(screen => screen.includes('OSCAR administrator login for maple-family'));
			await terminal.send(admin.username, {literal: true});
			await terminal.send('Tab');
			await terminal.send(admin.password, {literal: true});
			await terminal.waitFor(screen => screen.includes('*'.repeat(admin.password.length)));
			await terminal.send('Tab');
			await terminal.send(admin.pin, {literal: true});
			await terminal.send('Enter');
			const report = await terminal.waitFor(screen => screen.includes('Logged out: nothing of the login was kept'), 30_000);
			expect(report).toMatch(/^Admin audit of maple-family \(classic OSCAR,/m);
			expect(report).toMatch(/^› ✖ CRIT {2}rest-client-lifetime-zero$/m);
			expect(report.trimEnd().split('\n').at(-1)).toMatch(/↑↓ finding {2}PgDn scroll {2}y copy fix/);
			const joined = await terminal.tmux('capture-pane', '-p', '-J', '-t', terminal.name);
			expect(overlongLines(joined, 80), report).toEqual([]);
			expect(simulator.instance('maple-family').state.sessions.size).toBe(0);

			await terminal.send('Escape');
			await terminal.waitFor(screen => !screen.includes('Admin audit of') && screen.includes('INTEGRATION'));
			await terminal.send('q');
			await terminal.waitFor(screen => !screen.includes('INTEGRATION'));
		} finally {
			await terminal.kill();
		}

		for (const name of fs.readdirSync(folder)) {
			const file = path.join(folder, name);
			if (fs.statSync(file).isFile()) expect(fs.readFileSync(file, 'latin1'), name).not.toContain(admin.password);
		}

		expect(fs.readFileSync(output, 'latin1')).toContain('OSCAR administrator login for maple-family');
	}, 120_000);
});
