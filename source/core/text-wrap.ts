/**
 * Text measured and wrapped in terminal cells, so nothing a user must act on is cut with "…" and no
 * line is ever wider than the screen (a wider line wraps in the terminal itself and pushes the frame
 * down, which is how lines of an old screen stay behind). Prose breaks at spaces; URLs, commands and
 * words longer than a line break at any character. Continuation lines carry an indent so a wrapped
 * item still reads as one. Widths are terminal cells: East Asian wide characters and emoji count 2,
 * combining marks 0 (string-width, the same measure Ink lays text out with). Pure: no terminal here.
 */
import stringWidth from 'string-width';
import {eastAsianWidth} from 'get-east-asian-width';

// Speed: string-width segments every non-ASCII string into graphemes and matches it against emoji
// expressions; its first such call compiles them (some 30-60 ms of the dashboard's first frame, for
// a header of ASCII and one-character icons). Characters of these ranges cannot join into wider
// clusters, and a single one's width is its East Asian Width (the soft hyphen excepted), which is
// what string-width answers for it too. The same rule as the Ink patch's fastStringWidth
// (patches/ink+6.8.0.patch), so the layout and Ink measure alike.
const simpleRanges: ReadonlyArray<readonly [number, number]> = [
	[0xa0, 0x2ff],
	[0x2010, 0x2027],
	[0x2030, 0x205f],
	[0x2070, 0x20cf],
	[0x2100, 0x2bff],
];
const isSimple = (code: number): boolean => simpleRanges.some(([from, to]) => code >= from && code <= to);

/** The cells `text` occupies on a terminal. */
export function cellWidth(text: string): number {
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code <= 0x7e) width++;
		else if (isSimple(code)) width += code === 0xad ? 0 : eastAsianWidth(code);
		else return stringWidth(text);
	}

	return width;
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** What a terminal draws as one character (a base letter with its accents, an emoji sequence). */
export function graphemes(text: string): string[] {
	return Array.from(segmenter.segment(text), part => part.segment);
}

/** The longest start of `text` that fits `width` cells (a wide character that would straddle the edge is left out). */
export function sliceCells(text: string, width: number): string {
	let used = 0;
	let out = '';
	for (const character of graphemes(text)) {
		const size = cellWidth(character);
		if (used + size > width) break;
		out += character;
		used += size;
	}

	return out;
}

/** `text` padded with spaces to exactly `width` cells (cut first when wider). */
export function padCells(text: string, width: number): string {
	const fitted = cellWidth(text) > width ? sliceCells(text, width) : text;
	return fitted + ' '.repeat(Math.max(0, width - cellWidth(fitted)));
}

/**
 * One line for a place where cutting is allowed (a label, a name in a fixed column): `text` when it
 * fits, else its start and `ellipsis`. Never use it for text a user must act on: wrap that instead.
 */
export function truncateCells(text: string, width: number, ellipsis = '…'): string {
	if (cellWidth(text) <= width) return text;
	const room = width - cellWidth(ellipsis);
	return room <= 0 ? sliceCells(text, width) : sliceCells(text, room) + ellipsis;
}

export interface WrapOptions {
	/** Printed before the first line (a bullet, "1. ", a label). */
	readonly indent?: string;
	/** Printed before every following line. Default: spaces as wide as `indent`. */
	readonly continuation?: string;
	/**
	 * 'words' (default): prose, broken at spaces; a word longer than a line is broken anywhere.
	 * 'anywhere': a URL, a command or a key, broken at any character so the lines stay full.
	 */
	readonly breakAt?: 'words' | 'anywhere';
}

/**
 * An indent may take at most half the line (and leaves at least 2 cells, a wide character): the
 * text after it always keeps room to be read. Below 2 cells a wide character cannot fit at all.
 */
function fitIndent(indent: string, width: number): string {
	const limit = Math.max(0, Math.min(Math.floor(width / 2), width - 2));
	return cellWidth(indent) <= limit ? indent : sliceCells(indent, limit);
}

/** Break one word into pieces of at most `first` cells, then at most `rest` cells. */
function breakWord(word: string, first: number, rest: number): string[] {
	const pieces: string[] = [];
	let current = '';
	let used = 0;
	let room = Math.max(1, first);
	for (const character of graphemes(word)) {
		const size = cellWidth(character);
		if (used + size > room && current !== '') {
			pieces.push(current);
			current = '';
			used = 0;
			room = Math.max(1, rest);
		}

		current += character;
		used += size;
	}

	if (current !== '' || pieces.length === 0) pieces.push(current);
	return pieces;
}

/** Prose: greedy fill at spaces; runs of spaces inside a line are kept, spaces at a break are dropped. */
function wrapWords(text: string, firstRoom: number, restRoom: number): string[] {
	const lines: string[] = [];
	let line = '';
	let used = 0;
	const room = (): number => (lines.length === 0 ? firstRoom : restRoom);
	const flush = (): void => {
		lines.push(line.trimEnd());
		line = '';
		used = 0;
	};

	// Tokens alternate: spaces, word, spaces, word...
	for (const token of text.split(/( +)/)) {
		if (token === '') continue;
		const size = cellWidth(token);
		if (token.startsWith(' ')) {
			if (used > 0 && used + size < room()) {
				line += token;
				used += size;
			} else if (used > 0) {
				flush();
			}

			continue;
		}

		if (used + size <= room()) {
			line += token;
			used += size;
			continue;
		}

		if (used > 0) flush();
		if (size <= room()) {
			line = token;
			used = size;
			continue;
		}

		// Longer than a whole line (a URL, a path, a key): break it at characters.
		const pieces = breakWord(token, room(), restRoom);
		for (const piece of pieces.slice(0, -1)) {
			line = piece;
			flush();
		}

		line = pieces.at(-1)!;
		used = cellWidth(line);
	}

	if (line !== '' || lines.length === 0) flush();
	return lines;
}

/** One wrapped line: its indent (or continuation) and its text, for callers that style them apart. */
export interface WrappedPart {
	readonly prefix: string;
	readonly body: string;
}

/** Like `wrapText`, keeping each line's prefix apart from its text. */
export function wrapParts(text: string, width: number, options: WrapOptions = {}): WrappedPart[] {
	const total = Math.max(1, Math.floor(width));
	const wanted = options.indent ?? '';
	const continuation = fitIndent(options.continuation ?? ' '.repeat(cellWidth(wanted)), total);
	if (fitIndent(wanted, total) !== wanted) {
		// An indent too wide to leave the text room (a long label) gets lines of its own: never cut.
		const label = wrapWords(wanted.trimEnd(), total, total).map(body => ({prefix: body, body: ''}));
		return [...label, ...wrapParts(text, total, {...options, indent: continuation, continuation})];
	}

	const indent = wanted;
	const firstRoom = total - cellWidth(indent);
	const restRoom = total - cellWidth(continuation);
	const bodies: string[] = [];
	for (const paragraph of text.split(/\r\n|\r|\n/)) {
		const room = bodies.length === 0 ? firstRoom : restRoom;
		bodies.push(...(options.breakAt === 'anywhere' ? breakWord(paragraph, room, restRoom) : wrapWords(paragraph, room, restRoom)));
	}

	return bodies.map((body, index) => ({prefix: index === 0 ? indent : continuation, body: body.trimEnd()}));
}

/**
 * `text` as lines of at most `width` cells, each starting with the indent (first line) or the
 * continuation (the others). Newlines in `text` start new lines. Trailing spaces are dropped.
 */
export function wrapText(text: string, width: number, options: WrapOptions = {}): string[] {
	return wrapParts(text, width, options).map(part => `${part.prefix}${part.body}`.trimEnd());
}
