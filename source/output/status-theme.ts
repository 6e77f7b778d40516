/**
 * Status styling for text outputs. The Severity -> word/icon/semantic colour table lives in
 * source/core/status-theme.ts (shared with the dashboard, free of Ink); this adds the ANSI
 * codes for plain-text outputs. Colour is always an addition to the icon and word, never a substitute.
 */
import type {Severity} from '../core/report.js';
import {statusTheme, type SemanticColor} from '../core/status-theme.js';

export {statusTheme} from '../core/status-theme.js';

/** SGR foreground codes per semantic colour (green, yellow, red, grey, cyan). */
const ansiColor: Readonly<Record<SemanticColor, number>> = {
	success: 32,
	warning: 33,
	error: 31,
	muted: 90,
	accent: 36,
};

/** Wrap `text` in the colour's escape codes when `enabled`; otherwise return it unchanged. */
export function paint(text: string, color: SemanticColor, enabled: boolean): string {
	return enabled ? `\u001B[${ansiColor[color]}m${text}\u001B[39m` : text;
}

/** "✖ CRIT": icon and word, the same in every output. */
export function statusLabel(severity: Severity): string {
	const style = statusTheme[severity];
	return `${style.icon} ${style.word}`;
}

/**
 * Whether a plain-text output should be coloured: only on a terminal, and never when NO_COLOR is
 * set to a non-empty value (https://no-color.org) or TERM is "dumb". FORCE_COLOR=0 also disables it.
 */
export function shouldColor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	if (env.FORCE_COLOR === '0') return false;
	if (env.TERM === 'dumb') return false;
	return stream.isTTY === true;
}
