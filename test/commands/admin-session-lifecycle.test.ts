/**
 * The admin session's life in `oscar-rest admin audit`, run in-process: Ctrl+C while OSCAR has not
 * answered the listing yet (a loopback proxy holds that request) aborts it, logs the session out and
 * exits 130; and the exit-code table maps every typed failure (one table, one function).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import audit from '../../source/commands/admin-audit.js';
import type {CommandContext} from '../../source/commands/context.js';
import {
	AdminApiError,
	type AdminApiErrorCode,
	RegisterError,
	type RegisterErrorCode,
	adminExitName,
} from '../../source/core/admin/index.js';
import {exitCode, exitCodeTable} from '../../source/core/exit-codes.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {type Loopback, startLoopback} from '../oscar/helpers/loopback.js';

let simulator: RunningSimulator;
let proxy: Loopback;
let dir = '';
/** Resolves when the held clientManage request has arrived at the proxy. */
let listingArrived: () => void = () => undefined;

beforeAll(async () => {
	simulator = await startSimulator({fleet: {instances: [{name: 'oscar'}]}});
	const upstream = new URL(simulator.instance('oscar').baseUrl).origin;
	// Forwards login.do and logout.jsp to the simulator; holds the listing, as a slow OSCAR would.
	proxy = await startLoopback((request, response) => {
		if (request.url?.includes('clientManage.json')) {
			listingArrived();
			return;
		}

		void fetch(`${upstream}${request.url ?? ''}`, {
			method: request.method,
			redirect: 'manual',
			headers: {
				...(request.headers.cookie ? {cookie: request.headers.cookie} : {}),
				...(request.headers['content-type'] ? {'content-type': request.headers['content-type']} : {}),
			},
			...(request.method === 'POST' ? {body: request.body} : {}),
		}).then(async answer => {
			const headers: Record<string, string | string[]> = {'content-type': answer.headers.get('content-type') ?? 'text/plain'};
			if (answer.headers.getSetCookie().length > 0) headers['set-cookie'] = answer.headers.getSetCookie();
			if (answer.headers.get('location')) headers.location = answer.headers.get('location')!;
			response.writeHead(answer.status, headers).end(await answer.text());
		});
	});
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-lifecycle-'));
	new ConfigStore(path.join(dir, 'config.json')).update(() => ({
		instances: [{name: 'slow', baseUrl: `${proxy.url}/oscar`, integrations: []}],
	}));
});

afterAll(async () => {
	await proxy?.close();
	await simulator?.close();
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('admin audit and Ctrl+C', () => {
	it('aborts the request in flight, logs out, and exits 130', async () => {
		const stdin = new PassThrough();
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		let err = '';
		stderr.setEncoding('utf8').on('data', (chunk: string) => {
			err += chunk;
		});
		stdin.end('Clinic-Admin-2024!\n8642\n');
		const context: CommandContext = {
			argv: ['slow', '--user', 'oscaradmin', '--password-stdin'],
			stdin,
			stdout,
			stderr,
			env: {},
			configPath: path.join(dir, 'config.json'),
		};
		const state = simulator.instance('oscar').state;
		const arrived = new Promise<void>(resolve => {
			listingArrived = resolve;
		});
		const done = audit(context);
		await arrived;
		expect(state.sessions.size).toBe(1);
		process.emit('SIGINT');
		expect(exitCode(await done)).toBe(130);
		expect(err).toContain('Cancelled; the admin session, if one was open, was logged out.');
		expect(state.sessions.size).toBe(0);
		expect(state.log.some(entry => entry.path.endsWith('/logout.jsp'))).toBe(true);
	});
});

describe('adminExitName', () => {
	it('maps every typed failure to one name of the exit-code table, with its sysexits code', () => {
		const api: Array<[AdminApiErrorCode, number]> = [
			['login-failed', 77],
			['not-admin', 77],
			['session-expired', 75],
			['endpoint-missing', 69],
			['network', 69],
			['method-not-allowed', 76],
			['unexpected-answer', 76],
			['rejected', 76],
			['name-in-use', 73],
			['cancelled', 130],
		];
		const register: Array<[RegisterErrorCode, number]> = [
			['lifetime-invalid', 64],
			['uri-invalid', 64],
			['secret-is-reference', 78],
			['name-in-use', 73],
			['not-listed', 76],
			['save-failed', 74],
		];
		for (const [code, exit] of api) expect(exitCode(adminExitName(new AdminApiError(code, code))), code).toBe(exit);
		for (const [code, exit] of register) expect(exitCode(adminExitName(new RegisterError(code, code))), code).toBe(exit);
		// Every code an admin failure can give is documented as used by `admin`.
		const documented = new Set(
			exitCodeTable
				.filter(entry => entry.commands.includes('`admin') || entry.commands.startsWith('every command'))
				.map(entry => entry.code),
		);
		for (const [, exit] of [...api, ...register]) expect(documented.has(exit), String(exit)).toBe(true);
	});
});
