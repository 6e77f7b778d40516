import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {describe, expect, it} from 'vitest';
import type {SimulatorDescription} from '../../source/simulator/index.js';
import {cliPath, runCli} from '../helpers/run-cli.js';

/** Spawn the built CLI, return its first stdout line, then stop it with SIGTERM. */
async function firstLine(args: string[]): Promise<{line: string; stop: () => Promise<{code: number | null; stderr: string}>}> {
	const child = spawn(process.execPath, [cliPath, 'simulator', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const exited = new Promise<number | null>(resolve => {
		child.on('exit', code => {
			resolve(code);
		});
	});
	const lines = createInterface({input: child.stdout});
	const line = await new Promise<string>((resolve, reject) => {
		lines.once('line', resolve);
		child.once('exit', code => {
			reject(new Error(`simulator exited with ${code}: ${stderr}`));
		});
	});
	return {
		line,
		async stop() {
			child.kill('SIGTERM');
			const code = await exited;
			return {code, stderr};
		},
	};
}

describe('oscar-rest simulator (built CLI)', () => {
	it('prints one JSON line first with URLs and credentials, serves, and stops cleanly on SIGTERM', async () => {
		const {line, stop} = await firstLine(['--port', '0', '--json']);
		const description = JSON.parse(line) as SimulatorDescription;
		const oscar = description.instances[0]!;
		expect(oscar.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oscar$/);
		expect(oscar.clients[0]!.key).toMatch(/^[a-z0-9]{16}$/);
		expect(oscar.tokens[0]).toMatchObject({providerNo: '999001', expectedProvider: '999001'});
		expect(oscar.users.map(user => user.username)).toEqual(['bookingapp', 'drsmith', 'oscaradmin']);
		expect((await fetch(`${oscar.baseUrl}/index.jsp`)).status).toBe(200);
		const {code, stderr} = await stop();
		expect(code).toBe(0);
		expect(stderr).toContain('oscar GET /oscar/index.jsp -> 200');
	});

	it('prints the URL of every fleet instance on the first text line', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-cli-'));
		const fleet = path.join(dir, 'fleet.json');
		fs.writeFileSync(
			fleet,
			JSON.stringify({
				instances: [
					{name: 'north', contextPath: '/north'},
					{name: 'east', dialect: 'carlos'},
					{name: 'secure', tls: true},
				],
			}),
		);
		const {line, stop} = await firstLine(['--fleet', fleet]);
		expect(line).toMatch(
			/^OSCAR simulator: north http:\/\/127\.0\.0\.1:\d+\/north, east http:\/\/127\.0\.0\.1:\d+\/carlos, secure https:\/\/127\.0\.0\.1:\d+\/oscar$/,
		);
		expect((await stop()).code).toBe(0);
		fs.rmSync(dir, {recursive: true, force: true});
	});

	it('exits 64 with a clear message for an unknown scenario, a bad fleet file or an unknown flag', async () => {
		const scenario = await runCli(['simulator', '--scenario', 'sunny']);
		expect(scenario.code).toBe(64);
		expect(scenario.stderr).toContain('unknown scenario "sunny"');
		const missing = await runCli(['simulator', '--fleet', '/nonexistent/fleet.json']);
		expect(missing.code).toBe(64);
		expect(missing.stderr).toContain('no such file');
		const flag = await runCli(['simulator', '--colour']);
		expect(flag.code).toBe(64);
		expect(flag.stderr).toContain('unknown option --colour');
	});
});
