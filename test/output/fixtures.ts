/**
 * Fabricated reports for the formatter tests. Distinctive secrets are planted in places a report
 * should never carry them (evidence, summary), so tests can prove the outputs don't leak them.
 */
import type {InstanceReport, IntegrationReport, Severity} from '../../source/core/report.js';

const plantedConsumerSecret = 'PLANTED-CONSUMER-SECRET-7hq2';
const plantedTokenSecret = 'PLANTED-TOKEN-SECRET-k39z';
export const plantedSecrets = [plantedConsumerSecret, plantedTokenSecret] as const;

export const now = Date.UTC(2025, 0, 15, 12, 0, 0);

export function instanceReport(name: string, patch: Partial<InstanceReport> = {}): InstanceReport {
	return {
		instance: name,
		baseUrl: `https://${name}.clinic.example:8443/oscar`,
		checkedAt: now - 5000,
		fingerprint: {title: 'OSCAR McMaster', buildTag: 'oscar15-build-4411', buildDate: '2024-11-02'},
		restModule: 'on',
		skewSeconds: 3,
		latencyMs: 120,
		probes: [
			{
				probe: 'rest-module',
				code: 'rest-module-on',
				severity: 'ok',
				evidence: [{label: 'HTTP status', value: '400'}],
				timings: {dns: 1, tcp: 2, tls: 10, firstByte: 40, total: 55},
			},
			{probe: 'clock-skew', code: 'clock-ok', severity: 'ok', evidence: [{label: 'Date skew', value: '+3 s'}]},
		],
		...patch,
	};
}

const codes: Record<Severity, string> = {ok: 'ok', warning: 'token-expiring', critical: 'rest-module-off', unknown: 'token-skipped-skew'};

export function report(
	instance: string,
	integration: string,
	severity: Severity,
	patch: Partial<IntegrationReport> = {},
): IntegrationReport {
	const code = codes[severity];
	return {
		id: `${instance}/${integration}`,
		instance,
		integration,
		severity,
		code,
		summary: severity === 'ok' ? 'Healthy.' : `Problem ${code} (debug: signed with ${plantedConsumerSecret})`,
		checkedAt: now - 1000,
		deep: false,
		restModule: severity === 'critical' ? 'off' : 'on',
		skewSeconds: 3,
		credentials: 'ok',
		token: severity === 'ok' ? 'ok' : 'invalid',
		identity: {providerNo: '999998', name: 'Booking App', roles: ['doctor', 'admin']},
		expiresAt: null,
		latencyMs: 250,
		probes: [
			{
				probe: 'rest-module',
				code: severity === 'critical' ? 'rest-module-off' : 'rest-module-on',
				severity: severity === 'critical' ? 'critical' : 'ok',
				evidence: [{label: 'HTTP status', value: severity === 'critical' ? '404' : '400'}],
			},
			{
				probe: 'token',
				code: severity === 'critical' ? 'token-ok' : code,
				severity: severity === 'critical' ? 'ok' : severity,
				evidence: [
					{label: 'Authorization', value: `OAuth oauth_token="tok", secret=${plantedTokenSecret}`},
					{label: 'Provider', value: '999998'},
				],
				timings: {total: 250},
			},
		],
		...patch,
	};
}

/** 12 ok, 1 warning, 3 critical over two instances; the slowest takes 430 ms. */
export function fleetReports(): IntegrationReport[] {
	const reports: IntegrationReport[] = [];
	for (let index = 0; index < 12; index++) reports.push(report(index < 6 ? 'north' : 'south', `app${index}`, 'ok'));
	reports.push(report('north', 'reminders', 'warning', {expiresAt: Math.floor(now / 1000) + 3 * 86_400}));
	reports.push(
		report('south', 'kiosk', 'critical', {latencyMs: 430}),
		report('south', 'booking', 'critical'),
		report('south', 'intake', 'critical'),
	);
	return reports;
}
