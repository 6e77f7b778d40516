import {describe, expect, it} from 'vitest';
import {formatTable} from '../../source/output/table.js';
import {shouldColor} from '../../source/output/status-theme.js';
import {fleetReports, now, plantedSecrets, report} from './fixtures.js';

// eslint-disable-next-line no-control-regex -- matching ANSI escape codes is the point
const ansi = /\u001B\[[0-9;]*m/g;

describe('table output', () => {
	it('aligns columns and always shows icon and word, without colour by default', () => {
		const text = formatTable(fleetReports(), {now});
		expect(text).not.toMatch(ansi);
		const lines = text.split('\n');
		const header = lines[0]!;
		expect(header).toMatch(/^INTEGRATION\s+STATUS\s+CODE\s+SKEW\s+TOKEN\s+LATENCY$/);
		const statusColumn = header.indexOf('STATUS');
		const codeColumn = header.indexOf('CODE');
		const rows = lines.slice(1, 17);
		for (const row of rows) {
			expect(row.slice(statusColumn, codeColumn).trim()).toMatch(/^(✔ OK|▲ WARN|✖ CRIT|\? UNKNOWN)$/);
		}

		expect(rows.find(row => row.startsWith('south/kiosk'))).toMatch(/✖ CRIT\s+rest-module-off\s+\+3 s\s+invalid\s+430 ms$/);
		expect(rows.find(row => row.startsWith('north/app0'))).toMatch(/✔ OK\s+ok\s+\+3 s\s+ok \(no expiry\)\s+250 ms$/);
		expect(text.trimEnd().split('\n').at(-1)).toBe('16 integrations: 3 critical, 1 warning, 12 ok');
	});

	it('colours the status cell only when asked, keeping the alignment', () => {
		const plain = formatTable(fleetReports(), {now});
		const coloured = formatTable(fleetReports(), {now, color: true});
		expect(coloured).toContain('\u001B[31m✖ CRIT');
		expect(coloured).toContain('\u001B[32m✔ OK');
		expect(coloured.replaceAll(ansi, '')).toBe(plain);
	});

	it('never prints evidence or secrets', () => {
		const text = formatTable(fleetReports(), {now, color: true});
		for (const secret of plantedSecrets) expect(text).not.toContain(secret);
		expect(formatTable([report('a', 'b', 'critical', {code: `leak-${plantedSecrets[0]}`})], {now, secrets: plantedSecrets})).not.toContain(
			plantedSecrets[0],
		);
	});

	it('decides colour from TTY, NO_COLOR, FORCE_COLOR=0 and TERM=dumb', () => {
		expect(shouldColor({isTTY: true}, {})).toBe(true);
		expect(shouldColor({isTTY: false}, {})).toBe(false);
		expect(shouldColor({}, {})).toBe(false);
		expect(shouldColor({isTTY: true}, {NO_COLOR: '1'})).toBe(false);
		expect(shouldColor({isTTY: true}, {NO_COLOR: ''})).toBe(true);
		expect(shouldColor({isTTY: true}, {FORCE_COLOR: '0'})).toBe(false);
		expect(shouldColor({isTTY: true}, {TERM: 'dumb'})).toBe(false);
	});
});
