/**
 * Screens as lists of styled lines that are already wrapped to the width they get. Ink never wraps
 * or shrinks them, so a pane is exactly as tall as its line count: no box shrinks below its text
 * (text drawn over a border or a sibling), no line is wider than the terminal (the terminal would
 * wrap it and push the frame), and a pane taller than its space scrolls instead of overflowing.
 * Pure data and functions; `line-view.tsx` draws them.
 */
import {cellWidth, sliceCells, wrapParts, type WrapOptions} from '../../core/text-wrap.js';
import type {SemanticColor} from '../../core/status-theme.js';
import type {BorderGlyphs, Glyphs} from '../theme.js';

export interface Style {
	readonly color?: SemanticColor;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly inverse?: boolean;
}

export interface Segment extends Style {
	readonly text: string;
}

/** One terminal line: styled runs of text, never wider than the width it was made for. */
export type StyledLine = readonly Segment[];

export function plain(text: string, style: Style = {}): StyledLine {
	return [{text, ...style}];
}

export function lineWidth(line: StyledLine): number {
	return line.reduce((total, segment) => total + cellWidth(segment.text), 0);
}

export function lineText(line: StyledLine): string {
	return line.map(segment => segment.text).join('');
}

/** `line` cut to `width` cells (for decoration and names only: text people act on is wrapped). */
export function cutLine(line: StyledLine, width: number): StyledLine {
	const out: Segment[] = [];
	let room = width;
	for (const segment of line) {
		if (room <= 0) break;
		const text = sliceCells(segment.text, room);
		out.push({...segment, text});
		room -= cellWidth(text);
	}

	return out;
}

/** `line` padded with spaces (in `style`) to exactly `width` cells, cut first if wider. */
export function padLine(line: StyledLine, width: number, style: Style = {}): StyledLine {
	const fitted = lineWidth(line) > width ? cutLine(line, width) : line;
	const gap = width - lineWidth(fitted);
	return gap > 0 ? [...fitted, {text: ' '.repeat(gap), ...style}] : fitted;
}

export interface WrappedOptions extends WrapOptions {
	readonly style?: Style;
	/** Style of the indent (a dim label, a coloured icon); default: the text's style. */
	readonly indentStyle?: Style;
}

/** `text` wrapped to `width` (prose at spaces, URLs and commands anywhere), as styled lines. */
export function wrapped(text: string, width: number, options: WrappedOptions = {}): StyledLine[] {
	const style = options.style ?? {};
	const indentStyle = options.indentStyle ?? style;
	return wrapParts(text, width, options).map((part, index) => {
		const segments: Segment[] = [];
		// The indent (a label, an icon) is styled; continuation lines start with plain spaces.
		if (part.prefix !== '') segments.push({text: part.prefix, ...(index === 0 || part.prefix.trim() !== '' ? indentStyle : {})});
		if (part.body !== '') segments.push({text: part.body, ...style});
		return segments;
	});
}

export interface BoxOptions {
	/** Shown in the top border: ╭─ Steps ───╮. */
	readonly title?: string;
	readonly color?: SemanticColor;
}

/**
 * `content` inside a border, `width` cells wide in all: each content line must fit `width - 4`
 * (border and one space each side) and is padded to it, so the right edge is straight.
 */
export function boxed(content: readonly StyledLine[], width: number, border: BorderGlyphs, options: BoxOptions = {}): StyledLine[] {
	const inner = Math.max(0, width - 4);
	const edge: Style = options.color === undefined ? {} : {color: options.color};
	const title = options.title === undefined ? '' : sliceCells(` ${options.title} `, Math.max(0, width - 4));
	const top = `${border.topLeft}${border.top}${title}${border.top.repeat(Math.max(0, width - 3 - cellWidth(title)))}${border.topRight}`;
	const bottom = `${border.bottomLeft}${border.bottom.repeat(Math.max(0, width - 2))}${border.bottomRight}`;
	return [
		[{text: top, ...edge}],
		...content.map(line => [{text: `${border.left} `, ...edge}, ...padLine(line, inner), {text: ` ${border.right}`, ...edge}]),
		[{text: bottom, ...edge}],
	];
}

/** Two columns side by side: `left` padded to `leftWidth`, then `gap` spaces, then `right`. */
export function besides(left: readonly StyledLine[], leftWidth: number, right: readonly StyledLine[], gap = 1): StyledLine[] {
	const rows = Math.max(left.length, right.length);
	const out: StyledLine[] = [];
	for (let index = 0; index < rows; index++) {
		const rightLine = right[index] ?? [];
		out.push(
			rightLine.length === 0 ? (left[index] ?? []) : [...padLine(left[index] ?? [], leftWidth), {text: ' '.repeat(gap)}, ...rightLine],
		);
	}

	return out;
}

export interface ScrollWindow {
	/** At most `height` lines: the visible part, and a last line saying what is above and below. */
	readonly lines: StyledLine[];
	/** The first line shown, after clamping (so the last page is always full). */
	readonly start: number;
	/** The largest useful offset, for callers that keep their own. */
	readonly maxOffset: number;
}

/**
 * The part of `lines` that fits `height`, starting at `offset`; when not everything fits, the last
 * row says how many lines are above and below ("↓ 12 more lines (PgDn)"), as in the detail view.
 */
export function scrollWindow(
	lines: readonly StyledLine[],
	height: number,
	offset: number,
	glyphs: Pick<Glyphs, 'up' | 'down'>,
): ScrollWindow {
	const rows = Math.max(1, height);
	if (lines.length <= rows) return {lines: [...lines], start: 0, maxOffset: 0};
	const room = Math.max(1, rows - 1);
	const maxOffset = Math.max(0, lines.length - room);
	const start = Math.min(Math.max(0, offset), maxOffset);
	const end = start + room;
	const above = start > 0 ? `${glyphs.up} ${start} lines above (PgUp)` : '';
	const below = end < lines.length ? `${glyphs.down} ${lines.length - end} more lines (PgDn)` : '';
	const hint = [above, below].filter(Boolean).join('  ');
	return {lines: [...lines.slice(start, end), plain(hint, {dim: true})], start, maxOffset};
}

/**
 * Short items ("✔ 3 OK", "sort: name", a filter) laid out left to right with `gap` between them,
 * continuing on the next line (indented by `continuation`) instead of being cut at the edge; an
 * item wider than a whole line is wrapped itself.
 */
export function flow(items: readonly Segment[], width: number, options: {gap?: string; continuation?: string} = {}): StyledLine[] {
	const gap = options.gap ?? '  ';
	const continuation = options.continuation ?? '';
	const lines: Segment[][] = [[]];
	let used = 0;
	for (const item of items) {
		const size = cellWidth(item.text);
		const current = lines.at(-1)!;
		const separator = current.length === 0 ? '' : gap;
		if (used + cellWidth(separator) + size <= width) {
			if (separator !== '') current.push({text: separator});
			current.push(item);
			used += cellWidth(separator) + size;
			continue;
		}

		const room = width - cellWidth(continuation);
		const pieces = size <= room ? [item.text] : wrapParts(item.text, room).map(part => part.body);
		for (const piece of pieces) {
			// The first line takes the piece as it is; later lines start with the continuation.
			const indent = lines.length === 1 && lines[0]!.length === 0 ? '' : continuation;
			if (indent === '') lines[0]!.push({...item, text: piece});
			else lines.push([{text: indent}, {...item, text: piece}]);
			used = cellWidth(indent) + cellWidth(piece);
		}
	}

	return lines;
}
