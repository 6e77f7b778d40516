/**
 * The status line: what the last key did, or why it did nothing. Icons, not only colour. Messages
 * can quote server text (an error from a check, a save): it passes the one-line sanitiser. A message
 * wider than the terminal wraps (up to three rows) rather than losing its end at 60 columns.
 */
import React from 'react';
import {safeLine} from '../../core/untrusted-text.js';
import type {StatusLine} from '../state/dashboard-state.js';
import {LineView} from '../layout/line-view.js';
import {cutLine, plain, wrapped, type StyledLine} from '../layout/lines.js';

/** A longer message (a server's error) is cut here, so it never pushes the list off the screen. */
export const maxStatusRows = 3;

/** The status as the rows it takes at `width`: one blank row when there is none. */
export function statusLines(status: StatusLine | null, width: number): StyledLine[] {
	if (!status) return [plain(' ')];
	const icon = status.tone === 'error' ? '✖ ' : status.tone === 'success' ? '✔ ' : '› ';
	const color = status.tone === 'error' ? 'error' : status.tone === 'success' ? 'success' : undefined;
	const lines = wrapped(safeLine(status.text), width, {indent: icon, style: color ? {color} : {}});
	if (lines.length <= maxStatusRows) return lines;
	const kept = lines.slice(0, maxStatusRows);
	kept[maxStatusRows - 1] = [...cutLine(kept[maxStatusRows - 1]!, width - 1), {text: '…', ...(color ? {color} : {})}];
	return kept;
}

export function StatusBar({lines}: {readonly lines: readonly StyledLine[]}) {
	return <LineView lines={lines} />;
}
