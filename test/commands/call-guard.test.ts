/**
 * The token guard's table (test/helpers/token-guard-cases.ts) through `oscar-rest call`, in-process
 * against the simulator with both clocks pinned: the 240-299 s band is refused although OSCAR
 * would still accept it, an expired token stays home, and a configuration no check has proven is
 * proven with a signed request-token call before the token is sent.
 */
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import run from '../../source/commands/call.js';
import type {CommandContext} from '../../source/commands/context.js';
import {exitCode} from '../../source/core/exit-codes.js';
import {StateStore} from '../../source/store/state-store.js';
import {provenReport} from '../helpers/proven.js';
import {tokenGuardCases} from '../helpers/token-guard-cases.js';
import {bookingIntegration, oneIntegrationConfig, simulatorPerTest} from '../helpers/simulator-per-test.js';

const perTest = simulatorPerTest();

async function callWith(configPath: string, now: () => number, ...argv: string[]) {
	let out = '';
	let err = '';
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	stdout.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
	});
	stderr.setEncoding('utf8').on('data', (chunk: string) => {
		err += chunk;
	});
	const context: CommandContext = {argv, stdin: new PassThrough(), stdout, stderr, env: {}, configPath, now};
	const exit = exitCode(await run(context));
	await new Promise(resolve => setImmediate(resolve));
	return {exit, out, err};
}

describe('the token guard through oscar-rest call', () => {
	it.each(tokenGuardCases)('$name -> $expected', async ({skew, expired, proven, expected}) => {
		const base = Math.floor(Date.now() / 1000) * 1000;
		const now = () => base;
		const simulator = await perTest.start({
			now,
			fleet: {instances: [{name: 'oscar', clockOffsetSeconds: skew ?? 0, dateHeader: skew !== undefined}]},
		});
		const running = simulator.instance('oscar');
		const client = running.spec.clients[0]!;
		const token = running.spec.tokens[0]!;
		const configPath = oneIntegrationConfig(
			perTest.tempDir('call-guard-'),
			running.baseUrl,
			bookingIntegration(running, expired ? {issuedAt: base / 1000 - 7200, lifetime: 3600} : {}),
		);
		if (proven)
			new StateStore(configPath).record([
				provenReport({baseUrl: running.baseUrl, consumerKey: client.key, consumerSecret: client.secret, id: 'oscar/booking'}),
			]);

		const result = await callWith(configPath, now, 'oscar/booking', 'oauth/info');
		const services = running.state.log.filter(entry => entry.path.includes('/ws/services/'));
		const initiates = running.state.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/ws/oauth/initiate'));
		if (expected === 'allowed' || expected === 'token-skipped-unproven') {
			expect(result.exit, result.err).toBe(0);
			expect(result.out).toMatch(/^HTTP 200 OK/);
			expect(services).toHaveLength(1);
			// Unproven: proven first with one signed request-token call; proven: none.
			expect(initiates.map(entry => entry.status)).toEqual(expected === 'allowed' ? [] : [200]);
			if (expected === 'token-skipped-unproven') expect(result.err).toMatch(/proving them first with a signed request-token call/);
		} else {
			expect(result.exit).toBe(2);
			expect(services).toHaveLength(0);
			expect(initiates).toHaveLength(0);
			expect(result.err).toMatch(/not sent: /);
			expect(result.err).toMatch(
				expected === 'token-expired'
					? /known lifetime ended/
					: skew === undefined
						? /could not be measured/
						: new RegExp(`clock skew is ${skew > 0 ? '\\+' : ''}${skew} s`),
			);
		}

		expect(running.state.accessTokens.has(token.token)).toBe(true);
	});

	it('--force-skew sends in the 240-299 s band, saying so', async () => {
		const base = Math.floor(Date.now() / 1000) * 1000;
		const simulator = await perTest.start({now: () => base, fleet: {instances: [{name: 'oscar', clockOffsetSeconds: 260}]}});
		const running = simulator.instance('oscar');
		const client = running.spec.clients[0]!;
		const configPath = oneIntegrationConfig(perTest.tempDir('call-guard-'), running.baseUrl, bookingIntegration(running));
		new StateStore(configPath).record([
			provenReport({baseUrl: running.baseUrl, consumerKey: client.key, consumerSecret: client.secret, id: 'oscar/booking'}),
		]);
		const result = await callWith(configPath, () => base, 'oscar/booking', 'oauth/info', '--force-skew');
		expect(result.exit).toBe(0);
		expect(result.err).toMatch(/warning: the clock skew is \+260 s.*--force-skew/);
	});
});
