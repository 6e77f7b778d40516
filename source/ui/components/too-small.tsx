/**
 * Below 60x20 the dashboard cannot lay its screens out without cutting what people must read, so
 * it says so on one clear screen instead of drawing a broken one; it comes back on a resize.
 */
import React from 'react';
import {wrapText} from '../../core/text-wrap.js';
import type {TerminalSize} from '../hooks/use-terminal-size.js';
import {plain} from '../layout/lines.js';
import {LineView} from '../layout/line-view.js';

/** The smallest terminal every screen is laid out for (documented in the README). */
export const minimumSize: TerminalSize = {columns: 60, rows: 20};

export function fitsMinimum(size: TerminalSize): boolean {
	return size.columns >= minimumSize.columns && size.rows >= minimumSize.rows;
}

/** The message, wrapped to the terminal (however narrow) and never taller than it. */
export function tooSmallText(size: TerminalSize): string[] {
	const width = Math.max(1, size.columns - 1);
	const lines = wrapText(
		`terminal too small: need ${minimumSize.columns}x${minimumSize.rows}, have ${size.columns}x${size.rows}. Make the window larger (q quits).`,
		width,
	);
	return lines.slice(0, Math.max(1, size.rows - 1));
}

export function TooSmall({size}: {readonly size: TerminalSize}) {
	return <LineView lines={tooSmallText(size).map((line, index) => plain(line, {bold: index === 0}))} />;
}
