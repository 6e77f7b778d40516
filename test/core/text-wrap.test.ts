import {describe, expect, it} from 'vitest';
import {charactersDiffering, widthCasesDiffering} from '../helpers/width-cases.js';
import {cellWidth, padCells, sliceCells, truncateCells, wrapText} from '../../source/core/text-wrap.js';

const widest = (lines: readonly string[]): number => Math.max(...lines.map(line => cellWidth(line)));

describe('cellWidth', () => {
	it.each([
		['abc', 3],
		['', 0],
		['✔ OK', 4],
		['漢字', 4],
		['e\u0301', 1],
		['👍', 2],
		['ＡＢ', 4],
	])('%j is %i cells', (text, width) => {
		expect(cellWidth(text)).toBe(width);
	});

	it('answers what string-width answers, also where it measures ASCII and one-character symbols itself', () => {
		expect(widthCasesDiffering(cellWidth)).toEqual([]);
		expect(charactersDiffering(cellWidth)).toEqual([]);
	});
});

describe('sliceCells, padCells, truncateCells', () => {
	it('never splits a wide character across the edge', () => {
		expect(sliceCells('a漢字', 2)).toBe('a');
		expect(sliceCells('a漢字', 3)).toBe('a漢');
		expect(padCells('a漢', 5)).toBe('a漢  ');
		expect(cellWidth(padCells('漢字漢', 5))).toBe(5);
	});

	it('cuts with an ellipsis only past the width (boundaries 9, 10, 11)', () => {
		expect(truncateCells('abcdefghi', 10)).toBe('abcdefghi');
		expect(truncateCells('abcdefghij', 10)).toBe('abcdefghij');
		expect(truncateCells('abcdefghijk', 10)).toBe('abcdefghi…');
		expect(truncateCells('abcdefghijk', 10, '...')).toBe('abcdefg...');
	});
});

describe('wrapText', () => {
	it('wraps prose at word boundaries, never wider than the width', () => {
		const text = "Ask the hosting provider to edit Tomcat's conf/server.xml, on the Connector that receives the proxied traffic.";
		const lines = wrapText(text, 30);
		expect(widest(lines)).toBeLessThanOrEqual(30);
		expect(lines.join(' ')).toBe(text);
		for (const line of lines) expect(line).not.toMatch(/^ | $/);
	});

	it('keeps a line of exactly the width whole, and breaks one cell more (boundaries 29, 30, 31)', () => {
		const word = (cells: number) => 'x'.repeat(cells);
		expect(wrapText(`${word(24)} ${word(4)}`, 30)).toEqual([`${word(24)} ${word(4)}`]);
		expect(wrapText(`${word(24)} ${word(5)}`, 30)).toEqual([`${word(24)} ${word(5)}`]);
		expect(wrapText(`${word(24)} ${word(6)}`, 30)).toEqual([word(24), word(6)]);
	});

	it('breaks a URL longer than the line at any character, with the continuation indent', () => {
		const url = 'https://oscar.example.org/oscar/ws/oauth/authorize?oauth_token=0123456789abcdef0123456789abcdef';
		const lines = wrapText(`Open ${url} now`, 40, {indent: '  1. '});
		expect(widest(lines)).toBeLessThanOrEqual(40);
		expect(lines[0]).toBe('  1. Open');
		for (const line of lines.slice(1)) expect(line.startsWith('     ')).toBe(true);
		expect(
			lines
				.map(line => line.trim().replace(/^1\. /, ''))
				.join('')
				.replaceAll(' ', ''),
		).toBe(`Open${url}now`);
		expect(lines.some(line => line.trim() === url.slice(0, 35))).toBe(true);
	});

	it('breaks commands anywhere when asked, keeping every character', () => {
		const command = 'ssh -L 8765:127.0.0.1:8765 admin@clinic-server.example.org';
		const lines = wrapText(command, 20, {breakAt: 'anywhere', continuation: '  '});
		expect(widest(lines)).toBeLessThanOrEqual(20);
		expect(lines[0]).toBe(command.slice(0, 20).trimEnd());
		expect(lines.slice(1).every(line => line.startsWith('  '))).toBe(true);
		const rejoined = [lines[0]!.padEnd(20), ...lines.slice(1).map(line => line.slice(2).padEnd(18))].join('');
		expect(rejoined.trimEnd()).toBe(command);
	});

	it('counts wide characters as two cells and never splits them', () => {
		const lines = wrapText('漢字漢字漢字漢字漢字', 7);
		expect(lines).toEqual(['漢字漢', '字漢字', '漢字漢', '字']);
		expect(widest(wrapText('名前 ＡＢＣＤ 予約アプリ 連携', 8))).toBeLessThanOrEqual(8);
	});

	it('starts a new line for each newline in the text, and keeps an empty text as one line', () => {
		expect(wrapText('one\ntwo', 20, {indent: '• '})).toEqual(['• one', '  two']);
		expect(wrapText('', 20, {indent: '• '})).toEqual(['•']);
	});

	it('puts an indent wider than half the line on lines of its own, cutting none of it', () => {
		const lines = wrapText('ssh -L 8765:127.0.0.1:8765 admin@host', 30, {
			indent: 'Browser on another machine? On it run: ',
			continuation: '  ',
			breakAt: 'anywhere',
		});
		expect(widest(lines)).toBeLessThanOrEqual(30);
		expect(lines.slice(0, 2)).toEqual(['Browser on another machine? On', 'it run:']);
		expect(
			lines
				.slice(2)
				.map(line => line.slice(2))
				.join(''),
		).toBe('ssh -L 8765:127.0.0.1:8765 admin@host');
		// Half the line is the limit: 15 cells of indent at 30 stay on the text's line (14, 15, 16).
		expect(wrapText('v', 30, {indent: 'x'.repeat(14)})).toEqual([`${'x'.repeat(14)}v`]);
		expect(wrapText('v', 30, {indent: 'x'.repeat(15)})).toEqual([`${'x'.repeat(15)}v`]);
		expect(wrapText('v', 30, {indent: 'x'.repeat(16)})).toEqual(['x'.repeat(16), `${' '.repeat(15)}v`]);
	});

	it.each([60, 59, 40, 20, 10, 2])('fits every line into %i cells for a long mixed text', width => {
		const text =
			'REST module off: OSCAR\'s REST module is not enabled: /ws/oauth answers 404 "No service was found." See http://127.0.0.1:38909/northside/admin/api/clients.jsp 漢字 👍 done.';
		expect(widest(wrapText(text, width, {indent: '  ✖ ', continuation: '    '}))).toBeLessThanOrEqual(width);
	});
});
