/**
 * The ANSI -> SVG converter behind `npm run media`: the SGR colour forms tmux's capture-pane
 * prints (16 basic, bright, 256-colour, truecolor, colon form), bold/inverse/dim, resets,
 * XML escaping, and cell-grid placement (wide characters take two cells).
 */
import {describe, expect, it} from 'vitest';
import {ansiToSvg, color256, escapeXml, parseAnsi, theme} from '../../scripts/media/ansi-to-svg.js';

const esc = '\u001B[';

/** The <text> elements of an SVG as {attributes, content}. */
function texts(svg: string): Array<{attributes: string; content: string}> {
	return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map(match => ({attributes: match[1]!, content: match[2]!}));
}

describe('parseAnsi', () => {
	it('reads basic, bright, 256-colour and truecolor foreground and background', () => {
		const [cells] = parseAnsi(
			`${esc}31mA${esc}92mB${esc}38;5;208mC${esc}38;2;1;2;3mD${esc}44mE${esc}48;5;21mF${esc}48;2;255;0;128mG${esc}39;49mH`,
		);
		const styles = cells!.map(cell => [cell.char, cell.style.fg, cell.style.bg]);
		expect(styles).toEqual([
			['A', theme.basic[1], undefined],
			['B', theme.basic[10], undefined],
			['C', '#ff8700', undefined],
			['D', '#010203', undefined],
			['E', '#010203', theme.basic[4]],
			['F', '#010203', '#0000ff'],
			['G', '#010203', '#ff0080'],
			['H', undefined, undefined],
		]);
	});

	it('understands the colon form, bold/dim resets and carries style across lines', () => {
		const rows = parseAnsi(`${esc}1;38:2::10:20:30mX\n${esc}22mY${esc}0mZ`);
		expect(rows[0]![0]!.style).toMatchObject({fg: '#0a141e', bold: true});
		expect(rows[1]![0]!.style).toMatchObject({fg: '#0a141e', bold: false});
		expect(rows[1]![1]!.style).toMatchObject({fg: undefined, bold: false});
	});

	it('gives wide characters two cells and drops non-SGR escapes', () => {
		const [cells] = parseAnsi(`\u001B]0;title\u0007${esc}2J漢a`);
		expect(cells!.map(cell => cell.char)).toEqual(['漢', '', 'a']);
	});
});

describe('color256', () => {
	it('maps the cube and the grey ramp like xterm', () => {
		expect(color256(16)).toBe('#000000');
		expect(color256(231)).toBe('#ffffff');
		expect(color256(196)).toBe('#ff0000');
		expect(color256(232)).toBe('#080808');
		expect(color256(255)).toBe('#eeeeee');
	});
});

describe('ansiToSvg', () => {
	it('colours and emboldens runs, escapes XML and places runs on the cell grid', () => {
		const svg = ansiToSvg(`${esc}1;31m<CRIT>${esc}0m a&b "q"  ${esc}48;5;22m ok ${esc}m`, {columns: 30, rows: 2, title: 'x < y'});
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg).toContain('<title>x &lt; y</title>');
		expect(svg).not.toMatch(/<[A-Z]|&(?!amp;|lt;|gt;|quot;|apos;)/);
		const runs = texts(svg).filter(run => !run.attributes.includes('font-size="12"'));
		expect(runs.map(run => run.content)).toEqual(['&lt;CRIT&gt;', 'a&amp;b &quot;q&quot;', 'ok']);
		expect(runs[0]!.attributes).toContain(`fill="${theme.basic[1]}"`);
		expect(runs[0]!.attributes).toContain('font-weight="bold"');
		expect(runs[1]!.attributes).toContain(`fill="${theme.foreground}"`);
		expect(runs[1]!.attributes).not.toContain('font-weight');
		// Columns 7 and 17 at 14px: 0.6em cells after 14px padding.
		expect(runs[1]!.attributes).toMatch(/^x="72.8" /);
		expect(runs[2]!.attributes).toMatch(/^x="156.8" /);
		// The background run covers the four cells " ok " in colour 22.
		expect(svg).toMatch(/<rect x="148.4" y="[\d.]+" width="33.6" height="[\d.]+" fill="#005f00"\/>/);
		expect(svg).toContain('font-family="ui-monospace');
	});

	it('draws inverse as swapped colours and dim as translucent', () => {
		const svg = ansiToSvg(`${esc}7mSEL${esc}27m ${esc}2mfaint`, {columns: 10, rows: 1});
		expect(svg).toMatch(new RegExp(`<rect x="14" y="[\\d.]+" width="25.2" height="[\\d.]+" fill="${theme.foreground}"/>`));
		const [selected, faint] = texts(svg);
		expect(selected!.attributes).toContain(`fill="${theme.background}"`);
		expect(faint!.attributes).toContain('fill-opacity="0.6"');
	});

	it('escapes every XML special character', () => {
		expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
	});
});
