/**
 * Ctrl+L and resizes: clear the terminal and draw the whole frame again.
 *
 * Ink redraws by erasing as many rows as its last frame had, counted from the cursor. Anything that
 * moved the cursor or the rows behind its back leaves lines of an old frame on screen: another
 * program writing to the terminal, or a resize after which the terminal re-flowed or cut the old
 * frame. Writing through Ink's `write` makes Ink erase its frame, print the clear, and print the
 * last frame again from the top-left corner, so its idea of the screen matches the screen again.
 */
import {useCallback, useEffect, useRef} from 'react';
import {useStdout} from 'ink';
import type {TerminalSize} from '../hooks/use-terminal-size.js';

/** Erase the whole screen (not the scrollback) and move the cursor home. */
export const clearScreen = '\u001B[2J\u001B[H';

export function useRepaint(size: TerminalSize): () => void {
	const {write} = useStdout();
	const repaint = useCallback(() => {
		write(clearScreen);
	}, [write]);
	const first = useRef(true);
	useEffect(() => {
		// The first frame is drawn on a screen Ink already owns; every later size gets a clean screen.
		if (first.current) {
			first.current = false;
			return;
		}

		repaint();
	}, [size.columns, size.rows, repaint]);
	return repaint;
}
