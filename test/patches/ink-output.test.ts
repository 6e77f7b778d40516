/**
 * The patch to Ink's output (patches/ink+6.8.0.patch, see the README): caches kept across frames,
 * bounded, and row strings reused when a row is made of a line already seen. Without the patch every
 * frame re-measured and re-tokenized every line (a key press cost 35-64 ms on 1,000 rows).
 */
import {describe, expect, it} from 'vitest';
import {charactersDiffering, widthCasesDiffering} from '../helpers/width-cases.js';
import Output, {fastStringWidth, sharedCaches} from '../../node_modules/ink/build/output.js';
import {hasAnsiControlCharacters} from '../../node_modules/ink/build/ansi-tokenizer.js';

const red = (text: string) => `\u001B[31m${text}\u001B[39m`;

function frame(
	width: number,
	height: number,
	lines: ReadonlyArray<readonly [number, number, string]>,
	clip?: {x1: number; x2: number; y1: number; y2: number},
): string {
	const output = new Output({width, height});
	if (clip) output.clip(clip);
	for (const [x, y, text] of lines) output.write(x, y, text, {transformers: []});
	if (clip) output.unclip();
	return output.get().output;
}

describe('Ink output caches (patch-package)', () => {
	it('keeps its caches across frames: every Output shares one set', () => {
		const first = new Output({width: 10, height: 2}) as unknown as {caches: unknown};
		const second = new Output({width: 10, height: 2}) as unknown as {caches: unknown};
		expect(first.caches).toBe(second.caches);
		expect(first.caches).toBe(sharedCaches);
		sharedCaches.styledChars.clear();
		// Styled: a plain line is drawn as itself, without the caches (see the plain-row case below).
		frame(20, 1, [[0, 0, red('kept across frames')]]);
		expect(sharedCaches.styledChars.has(red('kept across frames'))).toBe(true);
	});

	it('bounds every cache, so a long session does not grow', () => {
		for (const cache of [sharedCaches.widths, sharedCaches.blockWidths, sharedCaches.styledChars, sharedCaches.slices] as Array<
			Map<string, unknown> & {limit: number}
		>) {
			for (let index = 0; index < cache.limit + 500; index++) cache.set(`distinct text ${index}`, []);
			expect(cache.size).toBe(cache.limit);
			expect(cache.has(`distinct text ${cache.limit + 499}`)).toBe(true);
			expect(cache.has('distinct text 0')).toBe(false); // the oldest went first
		}

		expect(sharedCaches.styledChars.limit).toBeLessThanOrEqual(5000);
	});

	it('draws the same frames as before: styles, positions, clipping, a list scrolled by one row', () => {
		const rows = ['› row one', `  row ${red('two')}`, '  row three', '  row four'];
		const expected = (from: number) =>
			rows
				.slice(from, from + 3)
				.map(row => `  ${row}`)
				.join('\n');
		expect(
			frame(
				30,
				3,
				rows.slice(0, 3).map((row, y) => [2, y, row]),
			),
		).toBe(expected(0));
		// Scrolled: each line now on another row; then back again.
		expect(
			frame(
				30,
				3,
				rows.slice(1, 4).map((row, y) => [2, y, row]),
			),
		).toBe(expected(1));
		expect(
			frame(
				30,
				3,
				rows.slice(0, 3).map((row, y) => [2, y, row]),
			),
		).toBe(expected(0));
		// Two writes on one row, and a clipped line.
		expect(
			frame(30, 1, [
				[0, 0, 'ab'],
				[5, 0, red('cd')],
			]),
		).toBe(`ab   ${red('cd')}`);
		expect(
			frame(
				30,
				2,
				[
					[0, 0, 'abcdefgh'],
					[0, 1, 'ijklmnop'],
				],
				{x1: 0, x2: 4, y1: 0, y2: 1},
			),
		).toBe('abcd\n');
		expect(frame(30, 1, [[3, 0, 'wide 中文 ok']])).toBe('   wide 中文 ok');
		expect(
			frame(30, 2, [
				[0, 0, 'a\nb'],
				[1, 1, 'c'],
			]),
		).toBe('a\nbc');
	});

	it('draws a row of plain text as the text itself, without tokenizing it (a first frame has nothing cached)', () => {
		sharedCaches.styledChars.clear();
		expect(
			frame(30, 3, [
				[2, 0, '› plain row ✔ OK'],
				[0, 1, red('styled')],
				[1, 2, 'wide 中文'],
			]),
		).toBe(`  › plain row ✔ OK\n${red('styled')}\n wide 中文`);
		expect(sharedCaches.styledChars.has('› plain row ✔ OK')).toBe(false);
		expect(sharedCaches.styledChars.has(red('styled'))).toBe(true);
		expect(sharedCaches.styledChars.has('wide 中文')).toBe(true);
		// A second write on a plain row: both are drawn as cells, the later one over the earlier.
		expect(
			frame(30, 1, [
				[0, 0, 'abcdef'],
				[2, 0, red('X')],
			]),
		).toBe(`ab${red('X')}def`);
		expect(
			frame(30, 1, [
				[0, 0, 'abc'],
				[5, 0, 'def  '],
			]),
		).toBe('abc  def');
	});

	it('finds escape and C1 control characters as before, with one expression instead of a loop per character', () => {
		// Ink's own definition: ESC anywhere, or any code point U+0080-U+009F.
		const before = (text: string) =>
			text.includes('\u001B') || [...text].some(character => character.codePointAt(0)! >= 0x80 && character.codePointAt(0)! <= 0x9f);
		const texts = ['', 'plain', '› ✔ OK', '\u001B[31mred\u001B[39m', 'x\u009B2J', '👍 emoji', '中文'];
		for (let code = 0; code <= 0x2ff; code++) texts.push(`a${String.fromCodePoint(code)}b`);
		for (const text of texts) expect(hasAnsiControlCharacters(text), JSON.stringify(text)).toBe(before(text));
		expect(hasAnsiControlCharacters.toString()).not.toContain('for (');
	});

	it('measures text as string-width does, quickly for ASCII and one-character symbols', () => {
		expect(widthCasesDiffering(fastStringWidth)).toEqual([]);
		expect(charactersDiffering(fastStringWidth)).toEqual([]);
	});
});
