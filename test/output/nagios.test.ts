import {describe, expect, it} from 'vitest';
import {exitCode} from '../../source/core/exit-codes.js';
import {formatNagios} from '../../source/output/nagios.js';
import {fleetReports, plantedSecrets, report} from './fixtures.js';

describe('nagios output', () => {
	it('prints the status line with counts and performance data, then one line per problem', () => {
		const {text, exit} = formatNagios(fleetReports(), {secrets: plantedSecrets});
		const lines = text.trimEnd().split('\n');
		expect(lines[0]).toBe(
			'OSCAR-REST CRITICAL - 3 critical, 1 warning, 12 ok | ok=12;;; warning=1;;; critical=3;;; unknown=0;;; latency_max=0.43s;;;',
		);
		expect(lines).toHaveLength(5);
		expect(lines.slice(1, 4).every(line => line.startsWith('CRIT south/'))).toBe(true);
		expect(lines[4]).toMatch(/^WARN north\/reminders token-expiring: /);
		expect(exitCode(exit)).toBe(2);
		for (const secret of plantedSecrets) expect(text).not.toContain(secret);
	});

	it('maps the worst status to the plugin exit codes 0/1/2/3', () => {
		expect(exitCode(formatNagios([report('a', 'x', 'ok')]).exit)).toBe(0);
		expect(exitCode(formatNagios([report('a', 'x', 'ok'), report('a', 'y', 'warning')]).exit)).toBe(1);
		expect(exitCode(formatNagios([report('a', 'x', 'unknown'), report('a', 'y', 'warning')]).exit)).toBe(3);
		expect(exitCode(formatNagios([report('a', 'x', 'unknown'), report('a', 'y', 'critical')]).exit)).toBe(2);
		const {text, exit} = formatNagios([report('a', 'x', 'ok')]);
		expect(text.split('\n')[0]).toMatch(/^OSCAR-REST OK - 1 ok \| /);
		expect(exitCode(exit)).toBe(0);
	});

	it('checking nothing is UNKNOWN, never OK', () => {
		const {text, exit} = formatNagios([]);
		expect(text).toBe('OSCAR-REST UNKNOWN - no integrations checked | ok=0;;; warning=0;;; critical=0;;; unknown=0;;;\n');
		expect(exitCode(exit)).toBe(3);
	});

	it('keeps "|" and line breaks of a summary out of the plugin grammar', () => {
		const {text} = formatNagios([report('a', 'x', 'critical', {summary: 'bad | worse\nthird line'})]);
		const lines = text.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toBe('CRIT a/x rest-module-off: bad / worse third line');
	});
});
