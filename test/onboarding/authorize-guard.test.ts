/**
 * The token guard's table (test/helpers/token-guard-cases.ts) through the authorization of
 * `oscar-rest connect` and of the wizard's service: after the exchange, the new token is sent to
 * oauth/info only when the guard allows it. The exchange itself proves the configuration and the
 * token was just issued, so the table's unproven and expired rows cannot occur on this path; the
 * clock rows can: the skew is measured from the token endpoint's Date header (both clocks pinned).
 */
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import connect from '../../source/commands/connect.js';
import type {CommandContext} from '../../source/commands/context.js';
import {exitCode} from '../../source/core/exit-codes.js';
import {createPasteChannel} from '../../source/core/onboarding/paste-channel.js';
import type {RunningSimulator} from '../../source/simulator/index.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {realWizardServices} from '../../source/ui/onboarding/real-services.js';
import {tokenGuardCases} from '../helpers/token-guard-cases.js';
import {consentAny} from './helpers/consent-any.js';
import {oneIntegrationConfig, simulatorPerTest} from '../helpers/simulator-per-test.js';

const bookingApp = {username: 'bookingapp', password: 'Booking-App-2024!', pin: '2468'};
const clockRows = tokenGuardCases.filter(row => row.proven && !row.expired);
const perTest = simulatorPerTest();
/** The integration both paths authorize (its client is the simulator's only one). */
const guardApp = {
	name: 'app',
	consumerKey: 'guardapp00000001',
	consumerSecret: 'guard-app-secret',
	uri: 'http://127.0.0.1:',
	expectedProvider: '999001',
	lifetime: -1,
	tags: [],
};

async function pinnedSimulator(skew: number | undefined) {
	const base = Math.floor(Date.now() / 1000) * 1000;
	const simulator = await perTest.start({
		now: () => base,
		fleet: {
			instances: [
				{
					name: 'oscar',
					clockOffsetSeconds: skew ?? 0,
					dateHeader: skew !== undefined,
					tokens: [],
					clients: [{name: 'app', key: 'guardapp00000001', secret: 'guard-app-secret', uri: 'http://127.0.0.1:', lifetime: -1}],
				},
			],
		},
	});
	return {base, running: simulator.instance('oscar')};
}

const servicesCalls = (running: ReturnType<RunningSimulator['instance']>) =>
	running.state.log.filter(entry => entry.path.includes('/ws/services/')).length;

describe('the token guard through connect', () => {
	it.each(clockRows)('$name -> $expected', async ({skew, expected}) => {
		const {base, running} = await pinnedSimulator(skew);
		const configPath = oneIntegrationConfig(perTest.tempDir('authorize-guard-'), running.baseUrl, guardApp);
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		let out = '';
		let err = '';
		let browsing: Promise<unknown> | undefined;
		stdout.setEncoding('utf8').on('data', (chunk: string) => {
			out += chunk;
		});
		stderr.setEncoding('utf8').on('data', (chunk: string) => {
			err += chunk;
			const url = /^\s+(http:\/\/\S+\/ws\/oauth\/authorize\?oauth_token=\S+)$/m.exec(err)?.[1];
			if (url && !browsing) browsing = consentAny(url, bookingApp).then(async answer => fetch(answer.location!));
		});
		const context: CommandContext = {
			argv: ['oscar/app', '--port', '0', '--no-browser'],
			stdin: new PassThrough(),
			stdout,
			stderr,
			env: {},
			configPath,
			now: () => base,
		};
		const exit = exitCode(await connect(context));
		await browsing;
		const saved = new ConfigStore(configPath).load().instances[0]!.integrations[0]!;
		expect(running.state.accessTokens.has(saved.accessToken!), err).toBe(true);
		if (expected === 'allowed') {
			expect(exit, err).toBe(0);
			expect(out).toContain('Identity verified');
			expect(servicesCalls(running)).toBe(1);
		} else {
			expect(exit).toBe(1);
			expect(out).toContain(`✖ ${expected}: The token is saved, but who it acts as was not checked`);
			expect(servicesCalls(running)).toBe(0);
		}
	});
});

describe("the token guard through the wizard's authorization service", () => {
	it.each(clockRows)('$name -> $expected', async ({skew, expected}) => {
		const {base, running} = await pinnedSimulator(skew);
		const instance = {name: 'oscar', baseUrl: running.baseUrl, integrations: []};
		const services = realWizardServices(instance, guardApp, {env: {}, now: () => base});
		let browsing: Promise<unknown> | undefined;
		const result = await services.authorize!({
			port: 0,
			pasted: createPasteChannel(),
			signal: new AbortController().signal,
			onEvent(event) {
				if (event.type === 'authorize') browsing = consentAny(event.url, bookingApp).then(async answer => fetch(answer.location!));
			},
		});
		await browsing;
		expect(result.skewSeconds).toBe(skew);
		if (expected === 'allowed') {
			expect(result).toMatchObject({identityMatches: true, findings: []});
			expect(servicesCalls(running)).toBe(1);
		} else {
			expect(result.findings.map(finding => finding.code)).toEqual([expected]);
			expect(result.identity).toBeUndefined();
			expect(servicesCalls(running)).toBe(0);
		}
	});
});
