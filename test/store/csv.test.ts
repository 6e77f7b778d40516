import {describe, expect, it} from 'vitest';
import {CsvSyntaxError, formatCsv, neutralizeCell, parseCsv, restoreCell} from '../../source/store/csv.js';

const fields = (text: string) => parseCsv(text).map(record => record.fields);

describe('parseCsv', () => {
	it('handles quotes, doubled quotes, commas and line breaks inside quotes', () => {
		expect(fields('a,"b,c","say ""hi""","two\nlines"\r\nx,,"",z\n')).toEqual([
			['a', 'b,c', 'say "hi"', 'two\nlines'],
			['x', '', '', 'z'],
		]);
	});

	it('counts rows as records, skips blank lines, strips a BOM and keeps a trailing empty field', () => {
		const records = parseCsv('\uFEFFh1,h2\n\n"multi\nline",2\nlast,\n');
		expect(records).toEqual([
			{row: 1, fields: ['h1', 'h2']},
			{row: 3, fields: ['multi\nline', '2']},
			{row: 4, fields: ['last', '']},
		]);
	});

	it('accepts a last line without a line break and lone CR line ends', () => {
		expect(fields('a,b\rc,d')).toEqual([
			['a', 'b'],
			['c', 'd'],
		]);
		expect(fields('')).toEqual([]);
	});

	it('names the row and field of syntax errors', () => {
		expect(() => parseCsv('a,b\nc,"open')).toThrow(new CsvSyntaxError('a quoted field is not closed (missing ")', 2, 2));
		expect(() => parseCsv('a,b\nc,d\ne,f"g')).toThrow(/row 3, field 2: a quote inside an unquoted field/);
		expect(() => parseCsv('"a"b,c')).toThrow(/row 1, field 1: text after the closing quote/);
	});
});

describe('formatCsv', () => {
	it('quotes only where needed and round-trips through parseCsv', () => {
		const rows = [['plain', 'with,comma', 'with "quote"', 'line\nbreak', ' padded ', '', '-1']];
		const text = formatCsv(rows);
		expect(text).toBe('plain,"with,comma","with ""quote""","line\nbreak"," padded ",,-1\r\n');
		expect(fields(text)).toEqual(rows);
	});
});

describe('CSV injection (OWASP): neutralizeCell and restoreCell', () => {
	it.each([
		['=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'],
		['+SUM(A1)', "'+SUM(A1)"],
		["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
		['@SUM(1)', "'@SUM(1)"],
		['\tleading tab', "'\tleading tab"],
		['\rleading CR', "'\rleading CR"],
		["'=already quoted", "''=already quoted"],
		['plain', 'plain'],
		["'just a quote", "'just a quote"],
		['a=b', 'a=b'],
		['', ''],
	])('%j is written as %j and read back exactly', (value, written) => {
		expect(neutralizeCell(value)).toBe(written);
		expect(restoreCell(neutralizeCell(value))).toBe(value);
	});
});
