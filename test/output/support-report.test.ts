import {describe, expect, it} from 'vitest';
import {diagnosis} from '../../source/core/diagnoses.js';
import {formatSupportReport} from '../../source/output/support-report.js';
import {instanceReport, now, plantedSecrets, report} from './fixtures.js';

const tool = {name: 'oscar-rest', version: '9.8.7'};

describe('support report', () => {
	const instance = instanceReport('south');
	const broken = report('south', 'kiosk', 'critical', {probes: [...instance.probes, ...report('south', 'kiosk', 'critical').probes]});

	it('has versions, the fingerprint, every probe with timing and evidence, and numbered fix steps', () => {
		const text = formatSupportReport(broken, {
			instance,
			tool,
			nodeVersion: 'v20.20.0',
			now,
			secrets: plantedSecrets,
			brokenSince: now - 3_600_000,
		});
		expect(text).toMatch(/^# Support report: south\/kiosk$/m);
		expect(text).toContain('- oscar-rest: 9.8.7');
		expect(text).toContain('- Node.js: v20.20.0');
		expect(text).toContain('oscar15-build-4411');
		expect(text).toContain('https://south.clinic.example:8443/oscar');
		expect(text).toContain(`- Failing since: ${new Date(now - 3_600_000).toISOString()}`);
		expect(text).toMatch(/\| rest-module \| ✔ OK \| rest-module-on \| 55 ms \(dns 1 ms, tcp 2 ms, tls 10 ms, firstByte 40 ms\) \|/);
		expect(text).toMatch(/\| rest-module \| ✖ CRIT \| rest-module-off \|/);
		expect(text).toContain('- HTTP status: `404`');
		// Probes shared with the instance are shown once, under the instance.
		expect(text.match(/\| clock-skew \|/g)).toHaveLength(1);
		const entry = diagnosis('rest-module-off');
		expect(text).toContain(entry.title);
		entry.fix.forEach((step, index) => {
			expect(text).toContain(`${index + 1}. ${step}`);
		});
	});

	it('passes the whole text through redact with the resolved secrets', () => {
		const text = formatSupportReport(broken, {instance, tool, now, secrets: plantedSecrets});
		for (const secret of plantedSecrets) expect(text).not.toContain(secret);
		expect(text).toContain('Authorization');
	});

	it('says exactly what the check created on the server', () => {
		const quiet = formatSupportReport(report('south', 'kiosk', 'ok'), {tool, now, secrets: []});
		expect(quiet).toContain('- Server state: none created (no signed request-token call succeeded in this check)');
		const proving = formatSupportReport(report('south', 'kiosk', 'ok', {requestTokensCreated: 1}), {tool, now, secrets: []});
		expect(proving).toContain(
			'- Server state: 1 request token created by a signed request-token call that proved this configuration before the token was sent',
		);
		expect(proving).toContain('OSCAR deletes it unused within an hour');
		const deep = formatSupportReport(report('south', 'kiosk', 'ok', {deep: true, requestTokensCreated: 2}), {tool, now, secrets: []});
		expect(deep).toContain("- Server state: 2 request tokens created by the deep check's signed request-token calls");
		expect(quiet).not.toMatch(/never creates|creates no state/);
	});

	it("fills the fix steps with the integration's values and redacts oauth secrets from any evidence", () => {
		const missing = report('south', 'kiosk', 'warning', {
			code: 'token-missing',
			probes: [
				{
					probe: 'credentials',
					code: 'credentials-ok',
					severity: 'ok',
					evidence: [{label: 'Body', value: 'oauth_token=rt1&oauth_token_secret=OLD-STATE-SECRET-1'}],
				},
				{probe: 'token', code: 'token-missing', severity: 'warning', evidence: []},
			],
		});
		const text = formatSupportReport(missing, {
			instance,
			tool,
			now,
			secrets: [],
			fix: {machine: {user: 'alice', host: 'ops-box'}, callbackPort: 8765},
		});
		expect(text).toContain('oscar-rest connect south/kiosk');
		expect(text).toContain('ssh -L 8765:127.0.0.1:8765 alice@ops-box');
		expect(text).not.toContain('{id}');
		expect(text).not.toContain('OLD-STATE-SECRET-1');
		expect(text).toContain('oauth_token_secret=[redacted]');
	});

	it('works without an instance report and lists other problems found', () => {
		const warning = report('north', 'reminders', 'warning', {
			probes: [
				{probe: 'clock-skew', code: 'clock-skew-near', severity: 'warning', evidence: [{label: 'Date skew', value: '+150 s'}]},
				{
					probe: 'token',
					code: 'token-expiring',
					severity: 'warning',
					evidence: [{label: 'Value with `backticks` | pipe', value: 'a `b` | c'}],
				},
			],
		});
		const text = formatSupportReport(warning, {tool, now, secrets: []});
		expect(text).toContain('## Probes');
		expect(text).toContain(diagnosis('clock-skew-near').title);
		expect(text).toContain('- Value with `backticks` \\| pipe: `` a `b` \\| c ``');
	});
});
