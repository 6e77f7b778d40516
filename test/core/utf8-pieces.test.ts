/**
 * The pieces the state and output files are written in: every byte in order, no piece over its
 * size (at the boundary, one byte either side), multi-byte characters never split, a text longer
 * than a piece alone, and each piece a view of one reused buffer (so it is copied here before the next).
 */
import {describe, expect, it} from 'vitest';
import {utf8Pieces} from '../../source/core/utf8-pieces.js';

function collect(texts: readonly string[], options: {after?: string; pieceBytes?: number}): Buffer[] {
	const pieces: Buffer[] = [];
	// Copied as they come: the next piece overwrites the buffer.
	for (const piece of utf8Pieces(texts, options)) pieces.push(Buffer.from(piece));
	return pieces;
}

describe('utf8Pieces', () => {
	it.each([
		{
			what: 'two fit exactly (9 bytes written, then 8 ASCII + newline counted at 3 bytes per unit: 36)',
			texts: ['abcdefgh', 'ijklmnop'],
			pieceBytes: 54,
			sizes: [18],
		},
		{what: 'one byte short of fitting two', texts: ['abcdefgh', 'ijklmnop'], pieceBytes: 35, sizes: [9, 9]},
		{what: 'two fit, with room to spare', texts: ['ab', 'cd'], pieceBytes: 18, sizes: [6]},
		{
			what: 'multi-byte characters counted at their worst (é 2 bytes, 🩺 4), never split',
			texts: ['é', '🩺', 'x'],
			pieceBytes: 12,
			sizes: [8, 2],
		},
		{what: 'a text longer than a piece goes alone', texts: ['a', 'x'.repeat(40), 'b'], pieceBytes: 12, sizes: [2, 41, 2]},
	])('$what', ({texts, pieceBytes, sizes}) => {
		const pieces = collect(texts, {after: '\n', pieceBytes});
		expect(pieces.map(piece => piece.length)).toEqual(sizes);
		expect(Buffer.concat(pieces).toString('utf8')).toBe(texts.map(text => `${text}\n`).join(''));
		for (const piece of pieces.slice(0, -1))
			expect(piece.length).toBeLessThanOrEqual(Math.max(pieceBytes, ...texts.map(text => Buffer.byteLength(text) + 1)));
	});

	it('without a terminator, joins the texts as they are; nothing for no texts', () => {
		expect(Buffer.concat(collect(['{"a":', '1}'], {})).toString('utf8')).toBe('{"a":1}');
		expect(collect([], {})).toEqual([]);
	});
});
