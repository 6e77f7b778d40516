import {describe, expect, it} from 'vitest';
import {exitCodes} from '../../source/commands/context.js';
import {exitCodeForReports, exitCodeForSeverity} from '../../source/output/exit-codes.js';
import {formatNagios} from '../../source/output/nagios.js';
import {fleetReports, plantedSecrets, report} from './fixtures.js';

describe('nagios output', () => {
	it('prints the status line with counts and performance data, then one line per problem', () => {
		const {text, exitCode} = formatNagios(fleetReports(), {secrets: plantedSecrets});
		const lines = text.trimEnd().split('\n');
		expect(lines[0]).toBe('OSCAR-REST CRITICAL - 3 critical, 1 warning, 12 ok | ok=12;;; warning=1;;; critical=3;;; unknown=0;;; latency_max=0.43s;;;');
		expect(lines).toHaveLength(5);
		expect(lines.slice(1, 4).every(line => line.startsWith('CRIT south/'))).toBe(true);
		expect(lines[4]).toMatch(/^WARN north\/reminders token-expiring: /);
		expect(exitCode).toBe(2);
		for (const secret of plantedSecrets) expect(text).not.toContain(secret);
	});

	it('maps the worst status to the plugin exit codes 0/1/2/3', () => {
		expect(formatNagios([report('a', 'x', 'ok')]).exitCode).toBe(0);
		expect(formatNagios([report('a', 'x', 'ok'), report('a', 'y', 'warning')]).exitCode).toBe(1);
		expect(formatNagios([report('a', 'x', 'unknown'), report('a', 'y', 'warning')]).exitCode).toBe(3);
		expect(formatNagios([report('a', 'x', 'unknown'), report('a', 'y', 'critical')]).exitCode).toBe(2);
		const {text, exitCode} = formatNagios([report('a', 'x', 'ok')]);
		expect(text.split('\n')[0]).toMatch(/^OSCAR-REST OK - 1 ok \| /);
		expect(exitCode).toBe(0);
	});

	it('checking nothing is UNKNOWN, never OK', () => {
		const {text, exitCode} = formatNagios([]);
		expect(text).toBe('OSCAR-REST UNKNOWN - no integrations checked | ok=0;;; warning=0;;; critical=0;;; unknown=0;;;\n');
		expect(exitCode).toBe(3);
	});

	it('keeps "|" and line breaks of a summary out of the plugin grammar', () => {
		const {text} = formatNagios([report('a', 'x', 'critical', {summary: 'bad | worse\nthird line'})]);
		const lines = text.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toBe('CRIT a/x rest-module-off: bad / worse third line');
	});
});

describe('exit codes', () => {
	it('follow the shared contract', () => {
		expect(exitCodeForSeverity('ok')).toBe(exitCodes.ok);
		expect(exitCodeForSeverity('warning')).toBe(exitCodes.warning);
		expect(exitCodeForSeverity('critical')).toBe(exitCodes.critical);
		expect(exitCodeForSeverity('unknown')).toBe(exitCodes.unknown);
		expect(exitCodeForReports([])).toBe(0);
		expect(exitCodeForReports(fleetReports())).toBe(2);
		expect(exitCodeForReports([report('a', 'x', 'warning'), report('a', 'y', 'unknown')])).toBe(3);
	});
});
