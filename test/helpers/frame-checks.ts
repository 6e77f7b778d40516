/**
 * Checks on a captured terminal frame (what capture-pane prints): every line fits the width, and
 * every box is whole (corners where they belong, nothing but edge characters on its edges). They
 * return the problems they found, so a failing test names the line and the column.
 */
import stringWidth from 'string-width';

/** Lines wider than `columns` cells (capture with tmux's -J, so a line the terminal wrapped is one line). */
export function overlongLines(joined: string, columns: number): string[] {
	return joined
		.split('\n')
		.map(line => line.trimEnd())
		.filter(line => stringWidth(line) > columns)
		.map(line => `${stringWidth(line)} cells: ${line}`);
}

export interface BoxGlyphs {
	readonly topLeft: string;
	readonly topRight: string;
	readonly bottomLeft: string;
	readonly bottomRight: string;
	readonly horizontal: string;
	readonly vertical: string;
}

export const roundBox: BoxGlyphs = {topLeft: '╭', topRight: '╮', bottomLeft: '╰', bottomRight: '╯', horizontal: '─', vertical: '│'};
export const asciiBox: BoxGlyphs = {topLeft: '+', topRight: '+', bottomLeft: '+', bottomRight: '+', horizontal: '-', vertical: '|'};

/** The frame as a grid of cells (one character per cell; every character the dashboard draws is one cell wide). */
function grid(frame: string): string[][] {
	return frame.split('\n').map(line => [...line]);
}

/**
 * Every box in `frame` drawn with `glyphs`: a top edge `╭─...─╮` (a title may sit in it after the
 * first `─`), sides `│` straight down both columns, a bottom edge `╰───╯` of edge characters only.
 * Also flags box characters that belong to no whole box (a border overwritten by text leaves those).
 */
export function brokenBoxes(frame: string, glyphs: BoxGlyphs = roundBox): string[] {
	const cells = grid(frame);
	const at = (row: number, column: number): string => cells[row]?.[column] ?? '';
	const problems: string[] = [];
	const claimed = new Set<string>();
	const claim = (row: number, column: number): void => {
		claimed.add(`${row}:${column}`);
	};

	for (const [row, line] of cells.entries()) {
		for (const [column, character] of line.entries()) {
			// ASCII corners are "+": a box starts at "+-" with a "|" under the "+".
			if (character !== glyphs.topLeft || at(row, column + 1) !== glyphs.horizontal || at(row + 1, column) !== glyphs.vertical) continue;
			let right = column + 1;
			while (right < line.length && line[right] !== glyphs.topRight) right++;
			if (right >= line.length) {
				problems.push(`row ${row + 1}: a box opens at column ${column + 1} but its top edge has no ${glyphs.topRight}`);
				continue;
			}

			let bottom = row + 1;
			while (bottom < cells.length && at(bottom, column) === glyphs.vertical) bottom++;
			if (at(bottom, column) !== glyphs.bottomLeft) {
				problems.push(
					`rows ${row + 1}-${bottom + 1}: the left edge at column ${column + 1} ends in "${at(bottom, column)}", not ${glyphs.bottomLeft}`,
				);
				continue;
			}

			for (let inner = row + 1; inner < bottom; inner++) {
				if (at(inner, right) !== glyphs.vertical)
					problems.push(`row ${inner + 1}: the right edge at column ${right + 1} is "${at(inner, right)}"`);
				claim(inner, column);
				claim(inner, right);
			}

			if (at(bottom, right) !== glyphs.bottomRight)
				problems.push(`row ${bottom + 1}: the bottom right corner at column ${right + 1} is "${at(bottom, right)}"`);
			for (let edge = column + 1; edge < right; edge++) {
				if (at(bottom, edge) !== glyphs.horizontal)
					problems.push(`row ${bottom + 1}: the bottom edge at column ${edge + 1} is "${at(bottom, edge)}"`);
				claim(bottom, edge);
				claim(row, edge);
			}

			for (const [r, c] of [
				[row, column],
				[row, right],
				[bottom, column],
				[bottom, right],
			] as const)
				claim(r, c);
		}
	}

	// Round-box characters are never text here: any left over belongs to a broken box.
	if (glyphs === roundBox) {
		for (const [row, line] of cells.entries()) {
			for (const [column, character] of line.entries()) {
				if ('╭╮╰╯│'.includes(character) && !claimed.has(`${row}:${column}`))
					problems.push(`row ${row + 1}, column ${column + 1}: a stray "${character}" outside any whole box`);
			}
		}
	}

	return problems;
}
