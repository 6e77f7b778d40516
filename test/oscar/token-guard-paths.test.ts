/**
 * The token guard's table (test/helpers/token-guard-cases.ts) through the quick check against the
 * simulator: the server clock is offset by the case's skew, both clocks are pinned to a whole
 * second so the measured skew is exact, and the simulator's request log shows whether the token
 * travelled (and, for an unproven configuration, that a signed request-token call came first).
 */
import {describe, expect, it} from 'vitest';
import {probeInstance, probeIntegration} from '../../source/oscar/probes/index.js';
import {provenReport} from '../helpers/proven.js';
import {tokenGuardCases} from '../helpers/token-guard-cases.js';
import {bookingTargets, simulatorPerTest} from '../helpers/simulator-per-test.js';

const perTest = simulatorPerTest();

describe('the token guard through the quick check (simulator, classic)', () => {
	it.each(tokenGuardCases)('$name -> $expected', async ({skew, expired, proven, expected}) => {
		const base = Math.floor(Date.now() / 1000) * 1000;
		const now = () => base;
		const simulator = await perTest.start({
			now,
			fleet: {instances: [{name: 'oscar', clockOffsetSeconds: skew ?? 0, dateHeader: skew !== undefined}]},
		});
		const running = simulator.instance('oscar');
		const token = running.spec.tokens[0]!;
		const {target, integration} = bookingTargets(running, expired ? {issuedAt: base / 1000 - 7200, lifetime: 3600} : {});
		const instance = await probeInstance(target, {now});
		expect(instance.skewSeconds).toBe(skew);
		const report = await probeIntegration(instance, target, integration, {
			now,
			...(proven ? {previous: provenReport({...target, ...integration})} : {}),
		});
		const log = running.state.log.map(
			entry => `${entry.method} ${entry.path.replace(running.baseUrl.replace(/^http:\/\/[^/]+/, ''), '')} ${entry.status}`,
		);
		const servicesAt = log.findIndex(line => line.includes('/ws/services/'));
		const tokenProbe = report.probes.find(probe => probe.probe === 'token')!;
		if (expected === 'allowed') {
			expect(servicesAt, log.join('\n')).toBeGreaterThan(0);
			expect(tokenProbe.skipped).toBeUndefined();
			expect(log.some(line => line.startsWith('POST /ws/oauth/initiate'))).toBe(false);
		} else if (expected === 'token-skipped-unproven') {
			// Proven first by a signed request-token call (200), then sent.
			const provedAt = log.indexOf('POST /ws/oauth/initiate 200');
			expect(provedAt, log.join('\n')).toBeGreaterThan(0);
			expect(servicesAt).toBeGreaterThan(provedAt);
			expect(report.proof?.by).toBe('request-token');
		} else {
			expect(servicesAt, log.join('\n')).toBe(-1);
			expect(log.some(line => line.startsWith('POST '))).toBe(false);
			expect(tokenProbe).toMatchObject({code: expected, skipped: true});
		}

		// Whatever the case, the token is still there.
		expect(running.state.accessTokens.has(token.token)).toBe(true);
	});
});
