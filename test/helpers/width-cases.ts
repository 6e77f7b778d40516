/**
 * One table for every fast text-width measure against string-width (the measure Ink lays out with):
 * the core's cellWidth and the Ink patch's fastStringWidth each take a shortcut for ASCII and
 * one-character symbols, and both must answer exactly what string-width answers.
 */
import stringWidth from 'string-width';

const red = (text: string) => `\u001B[31m${text}\u001B[39m`;

export const widthCases: readonly string[] = [
	'',
	'plain ascii 123',
	'› row one  ✔ OK   ▲ WARN  ✖ CRIT  ? UNKNOWN  · NEW  … CHECKING',
	'⚠ TLS verification OFF',
	'café naïve ß µ ×',
	red('✔ OK'),
	`\u001B[1m\u001B[7mbold inverse\u001B[27m\u001B[22m ›`,
	'中文 wide',
	'日本語のテキスト',
	'e\u0301 combining',
	'flag 🇨🇦',
	'family 👨‍👩‍👧',
	'keycap 1️⃣',
	'heart ❤️ vs ❤',
	'soft\u00ADhyphen',
	'zero\u200Bwidth',
	'⚡ high voltage',
	'arrows ↑↓ ←→',
	'box ─│┌┐',
	'tab\there',
	'bell\u0007',
	'del\u007F',
	'\u001B]8;;https://x\u0007link\u001B]8;;\u0007',
];

/** The ranges the shortcuts cover, each character measured between neighbours. */
const ranges = [
	[0xa0, 0x2ff],
	[0x2010, 0x2027],
	[0x2030, 0x205f],
	[0x2070, 0x20cf],
	[0x2100, 0x2bff],
] as const;

/** Cases of the table `measure` answers differently from string-width, as [text, measured, expected]. */
export function widthCasesDiffering(measure: (text: string) => number): Array<[string, number, number]> {
	return widthCases.filter(text => measure(text) !== stringWidth(text)).map(text => [text, measure(text), stringWidth(text)]);
}

/** Code points (hex) of the covered ranges that `measure` answers differently from string-width. */
export function charactersDiffering(measure: (text: string) => number): string[] {
	const differing: string[] = [];
	for (const [from, to] of ranges) {
		for (let code = from; code <= to; code++) {
			const text = `a${String.fromCodePoint(code)}b`;
			if (measure(text) !== stringWidth(text)) differing.push(code.toString(16));
		}
	}

	return differing;
}
