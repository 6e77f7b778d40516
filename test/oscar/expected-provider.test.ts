/**
 * The check's oauth/info probe against the simulator, through the one expected-provider table:
 * a match is `token-ok`, anything else `token-wrong-user` (critical), for the same token.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {probeInstance, probeIntegration, type InstanceTarget, type IntegrationTarget} from '../../source/oscar/probes/index.js';
import type {InstanceReport} from '../../source/core/report.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import {startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {actingProvider, providerCases} from '../helpers/provider-identity-cases.js';

let simulator: RunningSimulator;
let target: InstanceTarget;
let integration: IntegrationTarget;
let instanceReport: InstanceReport;

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'healthy', latencyMs: 0});
	const running = simulator.instances[0]!;
	const client = running.spec.clients[0]!;
	const token = running.spec.tokens[0]!;
	expect(token.providerNo).toBe(actingProvider.providerNo);
	target = {name: running.name, baseUrl: running.baseUrl, caFile: simulator.caFile, dialect: running.spec.dialect};
	integration = {
		id: `${running.name}/booking`,
		instance: running.name,
		name: 'booking',
		consumerKey: client.key,
		consumerSecret: client.secret,
		accessToken: token.token,
		tokenSecret: token.secret,
	};
	instanceReport = await probeInstance(target, {timeoutMs: 5000});
});

afterAll(async () => {
	closeIdleConnections();
	await simulator?.close();
});

describe('check: expectedProvider through the oauth/info probe (simulator)', () => {
	it.each(providerCases)('$what ("$expected") -> matches: $matches', async ({expected, matches}) => {
		const report = await probeIntegration(instanceReport, target, {...integration, expectedProvider: expected}, {timeoutMs: 5000});
		expect(report.identity).toMatchObject({providerNo: actingProvider.providerNo, name: actingProvider.formattedName});
		expect(report.code).toBe(matches ? 'ok' : 'token-wrong-user');
		expect(report.token).toBe('ok');
		if (!matches) {
			expect(report.severity).toBe('critical');
			const evidence = report.probes.flatMap(probe => probe.evidence.map(item => item.value)).join('\n');
			expect(evidence).toContain(`providerNo ${actingProvider.providerNo}`);
			expect(evidence).toContain(expected);
		}
	});
});
