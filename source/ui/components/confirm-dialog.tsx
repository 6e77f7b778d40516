/**
 * A yes/no question before anything is removed or discarded; the default is no. The question wraps
 * inside the box (names can be long), so the box is always as tall as its text and its border stays whole.
 */
import React from 'react';
import {useTheme} from '../theme.js';
import {boxed, wrapped, type StyledLine} from '../layout/lines.js';
import {LineView} from '../layout/line-view.js';

/** The dialog's lines, `width` cells wide at most (the box takes the width it needs, up to 72). */
function confirmLines(message: string, answers: string, width: number, border: Parameters<typeof boxed>[2]): StyledLine[] {
	const boxWidth = Math.min(width, 72);
	const inner = boxWidth - 4;
	return boxed([...wrapped(message, inner, {style: {bold: true}}), ...wrapped(answers, inner)], boxWidth, border, {color: 'warning'});
}

export function ConfirmDialog({
	message,
	width,
	answers = 'y: yes, remove it   n or Esc: no, keep it',
}: {
	readonly message: string;
	readonly width: number;
	readonly answers?: string;
}) {
	const theme = useTheme();
	return <LineView lines={confirmLines(message, answers, width, theme.glyphs.border)} />;
}
