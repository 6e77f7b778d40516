/**
 * Issue point 6: fix steps name the real values. The fix text of EVERY diagnosis, rendered for a
 * concrete report in both dialects, has no unfilled placeholder and no generic I/NAME, HOST or
 * PORT; the proxy fix comes from what the probe found; CARLOS gets its own token advice.
 */
import {describe, expect, it} from 'vitest';
import {allDiagnoses, diagnosis} from '../../source/core/diagnoses.js';
import {type FixContext, fixPlaceholders, fixSteps} from '../../source/core/fix-steps.js';
import type {ProbeResult} from '../../source/core/report.js';

const proxyProbe: ProbeResult = {
	probe: 'proxy-url',
	code: 'proxy-url-mismatch',
	severity: 'critical',
	evidence: [
		{label: 'Public URL', value: 'https://emr.maple.example/oscar'},
		{label: 'URL Tomcat sees', value: 'http://emr.maple.example:8080/oscar'},
	],
};

const context: FixContext = {
	id: 'maple-family/kiosk',
	baseUrl: 'https://emr.maple.example/oscar',
	callbackPort: 8765,
	machine: {user: 'alice', host: 'ops-box'},
	probes: [proxyProbe],
	rowId: 42,
};

/** Generic stand-ins a concrete fix must never show. */
const generic = [
	/\{\w+\}/,
	/\bI\/NAME\b/,
	/\bHOST\b/,
	/\bPORT\b/,
	...Object.values(fixPlaceholders)
		.filter(value => /[A-Z]/.test(value))
		.map(value => new RegExp(`\\b${value.replace('/', '\\/')}\\b`)),
];

describe('fix steps for a concrete report', () => {
	it.each(['classic', 'carlos'] as const)('every diagnosis (%s): no placeholder or generic value is left', dialect => {
		for (const entry of allDiagnoses) {
			for (const step of fixSteps(entry.code, {...context, dialect})) {
				for (const pattern of generic) expect(step, `${entry.code}: ${step}`).not.toMatch(pattern);
			}
		}
	});

	it('names the integration, the host and port, and this machine', () => {
		const all = (code: string) => fixSteps(code, context).join('\n');
		expect(all('token-missing')).toContain('oscar-rest connect maple-family/kiosk');
		expect(all('token-missing')).toContain('ssh -L 8765:127.0.0.1:8765 alice@ops-box');
		expect(all('tls-self-signed')).toContain('openssl s_client -connect emr.maple.example:443');
		expect(all('timeout-connect')).toContain('nc -vz emr.maple.example 443');
		expect(all('unexpected-response')).toContain('oscar-rest report maple-family/kiosk');
		expect(all('redirect-to-login')).toContain('https://emr.maple.example/oscar/ws/oauth/*');
	});

	it('derives the proxy fix from the evidence (scheme, ports, proxyName), not a generic connector', () => {
		const steps = fixSteps('proxy-url-mismatch', context).join('\n');
		expect(steps).toContain('<Connector port="8080" ... scheme="https" secure="true" proxyName="emr.maple.example" proxyPort="443"/>');
		const plainHttp = fixSteps('proxy-url-mismatch', {
			...context,
			probes: [
				{
					...proxyProbe,
					evidence: [
						{label: 'Public URL', value: 'http://clinic.example:8081/oscar'},
						{label: 'URL Tomcat sees', value: 'https://clinic.example:8443/oscar'},
					],
				},
			],
		}).join('\n');
		expect(plainHttp).toContain('<Connector port="8443" ... scheme="http" secure="false" proxyName="clinic.example" proxyPort="8081"/>');
	});

	it('gives CARLOS its own advice where it differs: tokens live an hour, lifetime -1 does not apply', () => {
		const carlos = fixSteps('token-expired', {...context, dialect: 'carlos'}).join('\n');
		expect(carlos).toMatch(/3600 seconds whatever the REST client's lifetime/);
		expect(carlos).not.toMatch(/set the REST client's lifetime to -1/);
		expect(fixSteps('token-expired', {...context, dialect: 'classic'}).join('\n')).toMatch(/lifetime to -1/);
		expect(fixSteps('token-revoked', {...context, dialect: 'carlos'}).join('\n')).toMatch(/CARLOS does not delete a token/);
	});

	it('without values (no report), the stand-ins say what to type', () => {
		expect(fixSteps('token-missing', {}).join('\n')).toContain('oscar-rest connect INSTANCE/NAME');
		expect(diagnosis('token-missing').fix.join('\n')).toContain('{id}');
	});
});
