/** Named key presses (the bytes a terminal sends), so tests read `press(keys.down)`. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	shiftUp: '\u001B[1;2A',
	shiftDown: '\u001B[1;2B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	space: ' ',
	backspace: '\u007F',
	ctrlA: '\u0001',
	ctrlC: '\u0003',
	ctrlR: '\u0012',
} as const;

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007/g;

/** Frame text without escape codes (NO_COLOR is set for vitest, but never trust a frame). */
export function stripAnsi(text: string): string {
	return text.replace(ansi, '');
}
