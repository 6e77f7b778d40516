import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {allDiagnoses, diagnosis, isKnownDiagnosis} from '../../source/core/diagnoses.js';
import {diagnosesSection, diagnosisTable} from '../../source/core/diagnosis-table.js';
import {readReadmeSection} from '../../source/core/readme-section.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Contract A of the cross-area contracts, by severity. */
const contractOk = ['ok', 'rest-module-on', 'clock-ok', 'credentials-ok', 'token-ok', 'fingerprint-ok', 'proxy-url-ok'];
const contractWarning = ['clock-skew-near', 'slow-response', 'token-missing', 'token-expiring', 'tls-insecure-accepted'];
const contractUnknown = ['clock-unmeasured', 'token-skipped-skew', 'unexpected-response'];
const contractCritical = [
	'dns-not-found',
	'connection-refused',
	'timeout-lookup',
	'timeout-connect',
	'timeout-tls',
	'timeout-response',
	'tls-self-signed',
	'tls-unknown-ca',
	'tls-expired',
	'tls-wrong-host',
	'network-error',
	'waf-blocked',
	'wrong-context-path',
	'redirect-to-login',
	'body-too-large',
	'server-error',
	'rest-module-off',
	'oauth-beans-missing',
	'json-provider-missing',
	'clock-skew',
	'consumer-key-unknown',
	'request-rejected',
	'callback-rejected',
	'proxy-url-mismatch',
	'token-expired',
	'token-revoked',
	'token-wrong-user',
	'token-no-provider',
	'nonce-replayed',
	'insufficient-scope',
	'oauth-processing-error',
];
/** Codes the tool itself produces beyond contract A. */
const extraUnknown = ['secret-unavailable', 'cancelled', 'check-error', 'not-checked', 'token-skipped-unproven'];
const extraCritical = ['ca-file-unreadable', 'consumer-secret-wrong', 'authorization-header-dropped'];
/** The admin audit's findings (oscar-rest admin audit). */
const adminCritical = [
	'rest-client-lifetime-zero',
	'rest-client-uri-blank',
	'rest-client-missing',
	'rest-client-secret-mismatch',
	'server-token-wrong-user',
	'server-token-no-provider',
	'server-token-missing',
];
const adminWarning = [
	'rest-client-lifetime-short',
	'rest-client-uri-insecure',
	'rest-client-name-duplicate',
	'rest-client-unused',
	'rest-client-many-tokens',
	'server-token-expired',
	'server-token-orphan',
	'admin-api-open',
];

const expectedSeverity = new Map<string, string>([
	...contractOk.map(code => [code, 'ok'] as const),
	...[...contractWarning, ...adminWarning].map(code => [code, 'warning'] as const),
	...[...contractUnknown, ...extraUnknown].map(code => [code, 'unknown'] as const),
	...[...contractCritical, ...extraCritical, ...adminCritical].map(code => [code, 'critical'] as const),
]);

const codes = allDiagnoses.map(entry => entry.code);

describe('the diagnosis catalogue', () => {
	it('has every contract code and every extra code exactly once, and nothing else', () => {
		for (const code of expectedSeverity.keys()) {
			expect(
				codes.filter(candidate => candidate === code),
				code,
			).toHaveLength(1);
		}

		expect([...codes].sort()).toEqual([...expectedSeverity.keys()].sort());
	});

	it('uses unique kebab-case codes', () => {
		expect(new Set(codes).size).toBe(codes.length);
		for (const code of codes) expect(code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
	});

	it('gives each code the severity the contract names', () => {
		for (const entry of allDiagnoses) {
			expect(['ok', 'warning', 'critical', 'unknown']).toContain(entry.severity);
			expect(entry.severity, entry.code).toBe(expectedSeverity.get(entry.code));
		}
	});

	it('explains every problem with causes and fix steps, a short title and a one-line summary', () => {
		for (const entry of allDiagnoses) {
			expect(entry.title.length, entry.code).toBeGreaterThan(0);
			expect(entry.title.length, `${entry.code}: "${entry.title}"`).toBeLessThanOrEqual(28);
			expect(entry.summary.length, entry.code).toBeGreaterThan(10);
			expect(entry.summary, entry.code).not.toContain('\n');
			if (entry.severity === 'ok') continue;
			expect(entry.causes.length, entry.code).toBeGreaterThanOrEqual(1);
			expect(entry.causes.length, entry.code).toBeLessThanOrEqual(4);
			expect(entry.fix.length, entry.code).toBeGreaterThanOrEqual(1);
			for (const line of [...entry.causes, ...entry.fix]) expect(line.trim().length, entry.code).toBeGreaterThan(5);
		}
	});

	it('points at an onboarding step 1-9 or at none', () => {
		for (const entry of allDiagnoses) {
			if (entry.step !== null) {
				expect(Number.isInteger(entry.step), entry.code).toBe(true);
				expect(entry.step, entry.code).toBeGreaterThanOrEqual(1);
				expect(entry.step, entry.code).toBeLessThanOrEqual(9);
			}
		}
	});

	it('sends each repairable problem to the onboarding step that repairs it', () => {
		const steps: Record<string, number> = {
			'rest-module-off': 3,
			'oauth-beans-missing': 3,
			'consumer-key-unknown': 8,
			'request-rejected': 8,
			'consumer-secret-wrong': 8,
			'callback-rejected': 6,
			'token-missing': 9,
			'token-revoked': 9,
			'token-expired': 9,
			'token-wrong-user': 9,
			'token-no-provider': 9,
			'insufficient-scope': 9,
			'rest-client-lifetime-zero': 6,
			'rest-client-lifetime-short': 6,
			'rest-client-uri-blank': 6,
			'rest-client-uri-insecure': 6,
			'rest-client-missing': 8,
			'rest-client-secret-mismatch': 8,
			'server-token-wrong-user': 9,
			'server-token-no-provider': 9,
			'server-token-missing': 9,
		};
		for (const [code, step] of Object.entries(steps)) expect(diagnosis(code).step, code).toBe(step);
		for (const code of contractOk) expect(diagnosis(code).step, code).toBeNull();
	});

	it('gives the exact fixes a clinic sysadmin needs', () => {
		const fix = (code: string) => diagnosis(code).fix.join('\n');
		expect(fix('rest-module-off')).toMatch(/ModuleNames=\S*,REST/);
		expect(fix('rest-module-off')).toContain('no space after the comma');
		expect(fix('rest-module-off')).toMatch(/restart Tomcat/i);
		// The connector attributes are filled from what the proxy probe found (test/core/fix-steps.test.ts).
		for (const attribute of [
			'scheme="{scheme}"',
			'secure="{secure}"',
			'proxyName="{proxyName}"',
			'proxyPort="{proxyPort}"',
			'port="{connectorPort}"',
		]) {
			expect(fix('proxy-url-mismatch')).toContain(attribute);
		}

		expect(diagnosis('proxy-url-mismatch').causes.join('\n')).toContain('http://host:8080');
		expect(fix('clock-skew')).toContain('timedatectl set-ntp true');
		expect(fix('clock-skew')).toContain('whichever side is wrong');
		expect(fix('token-wrong-user')).toMatch(/revoke/i);
		expect(fix('token-wrong-user')).toMatch(/private\/incognito/);
		expect(fix('token-wrong-user')).toContain('step 1');
		expect(fix('token-expired')).toContain('-1');
		expect(fix('token-expired')).toContain('step 6');
		for (const code of ['rest-client-lifetime-zero', 'rest-client-lifetime-short'])
			expect(fix(code), code).toContain('UPDATE ServiceClient SET lifetime = -1 WHERE id = {rowId};');
		for (const code of ['rest-client-missing', 'rest-client-lifetime-zero'])
			expect(fix(code), code).toContain('oscar-rest admin register {id}');
		expect(fix('rest-client-secret-mismatch')).toContain('--adopt');
		for (const code of ['server-token-wrong-user', 'server-token-no-provider'])
			expect(fix(code), code).toContain('DELETE FROM ServiceAccessToken WHERE id = {rowId};');
		expect(fix('server-token-wrong-user')).toMatch(/private\/incognito/);
		expect(fix('admin-api-open')).toContain('objectName="_admin"');
		expect(fix('admin-api-open')).toMatch(/reverse proxy/);
		for (const code of ['tls-self-signed', 'tls-unknown-ca', 'tls-insecure-accepted']) expect(fix(code), code).toContain('--ca FILE');
		for (const code of ['tls-self-signed', 'tls-unknown-ca', 'tls-expired', 'tls-wrong-host'])
			expect(fix(code), code).toMatch(/never disable verification silently/i);
		const revoked = [...diagnosis('token-revoked').causes, ...diagnosis('token-revoked').fix].join('\n');
		expect(revoked).toContain('DELETES');
		for (const reason of ['clock', 'token secret', 'nonce']) expect(revoked).toContain(reason);
		expect(revoked).toMatch(/authorize again/i);
		expect(diagnosis('secret-unavailable').summary).toMatch(/env:NAME.*file:PATH/);
	});

	it('is frozen data', () => {
		expect(Object.isFrozen(allDiagnoses)).toBe(true);
		expect(Object.isFrozen(diagnosis('clock-skew'))).toBe(true);
		expect(Object.isFrozen(diagnosis('clock-skew').fix)).toBe(true);
	});
});

describe('diagnosis()', () => {
	it('returns the catalogue entry for a known code', () => {
		const entry = diagnosis('rest-module-off');
		expect(entry.code).toBe('rest-module-off');
		expect(entry.title).toBe('REST module off');
		expect(isKnownDiagnosis('rest-module-off')).toBe(true);
	});

	it('returns a generic unknown entry naming a code it does not know', () => {
		const entry = diagnosis('quantum-flux');
		expect(entry.code).toBe('quantum-flux');
		expect(entry.severity).toBe('unknown');
		expect(entry.summary).toContain('quantum-flux');
		expect(entry.step).toBeNull();
		expect(entry.fix.length).toBeGreaterThan(0);
		expect(isKnownDiagnosis('quantum-flux')).toBe(false);
	});
});

/**
 * Quoted kebab-case codes where a diagnosis code is expected: `code: '...'`, `NetworkFailure('...'`, and the
 * second argument of `result('probe', ...)`, including both branches of a ternary there.
 */
const kebab = /'([a-z0-9]+(?:-[a-z0-9]+)*)'/g;
const codePatterns = [/\bcode:\s*('[a-z0-9-]+')/g, /\bNetworkFailure\(\s*('[a-z0-9-]+')/g, /\bresult\(\s*'[a-z-]+'\s*,\s*([^,()]+),/g];

function codesIn(text: string): string[] {
	return codePatterns.flatMap(pattern =>
		[...text.matchAll(pattern)].flatMap(match => [...match[1]!.matchAll(kebab)].map(code => code[1]!)),
	);
}

function typeScriptFiles(directory: string): string[] {
	let names: string[];
	try {
		names = readdirSync(directory);
	} catch {
		return [];
	}

	return names.flatMap(name => {
		const full = path.join(directory, name);
		if (statSync(full).isDirectory()) return typeScriptFiles(full);
		return /\.tsx?$/.test(name) ? [full] : [];
	});
}

describe('codes used by the probes, the checks engine and onboarding', () => {
	it('finds codes in the patterns the code uses (and would catch a typo)', () => {
		const sample = [
			"return result('clock-skew', 'clock-skwe', 'critical', []);",
			"return {probe: result('fingerprint', ok ? 'fingerprint-ok' : 'unexpected-respnose', severity, evidence)};",
			"throw new NetworkFailure('dns-not-found', 'x', []);",
			"const own = {probe: 'token', code: 'secret-unavailable'};",
		].join('\n');
		expect(codesIn(sample)).toEqual(['secret-unavailable', 'dns-not-found', 'clock-skwe', 'fingerprint-ok', 'unexpected-respnose']);
		expect(codesIn(sample).filter(code => !isKnownDiagnosis(code))).toEqual(['clock-skwe', 'unexpected-respnose']);
	});

	it('are all in the catalogue', () => {
		const files = ['source/oscar', 'source/checks', 'source/core/onboarding', 'source/onboarding', 'source/core/admin'].flatMap(directory =>
			typeScriptFiles(path.join(root, directory)),
		);
		const used = new Map<string, string>();
		for (const file of files) {
			for (const code of codesIn(readFileSync(file, 'utf8'))) used.set(code, path.relative(root, file));
		}

		expect(used.size).toBeGreaterThan(5);
		const unknown = [...used].filter(([code]) => !isKnownDiagnosis(code)).map(([code, file]) => `${code} (${file})`);
		expect(unknown).toEqual([]);
	});
});

describe('the README diagnosis table', () => {
	it('has one row per diagnosis with code, severity, meaning and step', () => {
		const lines = diagnosisTable().split('\n');
		expect(lines[0]).toBe('| code | severity | what it means | onboarding step |');
		expect(lines).toHaveLength(allDiagnoses.length + 2);
		expect(lines).toContain(`| \`rest-module-off\` | critical | ${diagnosis('rest-module-off').summary} | 3 |`);
		expect(lines).toContain(`| \`clock-skew\` | critical | ${diagnosis('clock-skew').summary} | - |`);
	});

	it('escapes pipes so a summary cannot break the table', () => {
		const table = diagnosisTable([{code: 'a-b', severity: 'warning', title: 'T', summary: 'x | y', causes: [], fix: [], step: 2}]);
		expect(table.split('\n')[2]).toBe('| `a-b` | warning | x \\| y | 2 |');
	});

	it('matches the table generated from the catalogue (run `npm run build && node scripts/readme-tables.js --write`)', () => {
		const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
		expect(readReadmeSection(readme, diagnosesSection)).toBe(diagnosisTable());
	});
});
