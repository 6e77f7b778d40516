import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {
	exitCode,
	exitCodeMarkdown,
	exitCodesSection,
	exitCodeTable,
	exitNameForReports,
	exitNameForSeverity,
} from '../../source/core/exit-codes.js';
import {readReadmeSection} from '../../source/core/readme-section.js';
import {fleetReports, report} from '../output/fixtures.js';

describe('the exit-code table', () => {
	it('maps every name to one code, the monitoring scale 0-3 to its severities', () => {
		expect(new Set(exitCodeTable.map(entry => entry.name)).size).toBe(exitCodeTable.length);
		expect(Object.fromEntries(exitCodeTable.map(entry => [entry.name, entry.code]))).toEqual({
			ok: 0,
			warning: 1,
			failed: 1,
			critical: 2,
			'wrong-user': 2,
			unknown: 3,
			usage: 64,
			unavailable: 69,
			software: 70,
			'cant-create': 73,
			'io-error': 74,
			'temp-fail': 75,
			protocol: 76,
			'no-permission': 77,
			config: 78,
			interrupted: 130,
		});
		expect(['ok', 'warning', 'critical', 'unknown'].map(severity => exitCode(exitNameForSeverity(severity as 'ok')))).toEqual([0, 1, 2, 3]);
	});

	it('follows the worst report, unknown above warning and below critical', () => {
		expect(exitCode(exitNameForReports([]))).toBe(0);
		expect(exitCode(exitNameForReports(fleetReports()))).toBe(2);
		expect(exitCode(exitNameForReports([report('a', 'x', 'warning'), report('a', 'y', 'unknown')]))).toBe(3);
	});

	it('is the README table (run `npm run build && node scripts/readme-tables.js --write`)', () => {
		const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
		expect(readReadmeSection(readme, exitCodesSection)).toBe(exitCodeMarkdown());
	});

	it('renders one row per name, ordered by code', () => {
		const lines = exitCodeMarkdown().split('\n');
		expect(lines[0]).toBe('| code | name | meaning | commands |');
		expect(lines).toHaveLength(exitCodeTable.length + 2);
		const codes = lines.slice(2).map(line => Number(line.split('|')[1]));
		expect(codes).toEqual([...codes].sort((a, b) => a - b));
	});
});
