/**
 * The one theme table: semantic colours, status icons, the cursor, bullets and box borders, in a
 * Unicode and an ASCII set. Ink's chalk does not read NO_COLOR (it only looks at TTY and
 * FORCE_COLOR), so the theme does: with NO_COLOR set, no colour is emitted at all, and every status
 * still carries its word and icon. Without a UTF-8 locale (or with --ascii) every glyph is ASCII.
 */
import React, {createContext, useContext} from 'react';
import type {Severity} from '../core/report.js';
import {checkingStyle, statusTheme, uncheckedStyle, type SemanticColor, type StatusStyle} from '../core/status-theme.js';
import {prefersAscii} from '../core/terminal-charset.js';

/** Box characters, in the shape Ink's `borderStyle` accepts (cli-boxes' BoxStyle). */
export interface BorderGlyphs {
	readonly topLeft: string;
	readonly top: string;
	readonly topRight: string;
	readonly right: string;
	readonly bottomRight: string;
	readonly bottom: string;
	readonly bottomLeft: string;
	readonly left: string;
}

/** Every character the dashboard draws for structure (not text): one cell each. */
export interface Glyphs {
	/** Marks the selected row or field. */
	readonly cursor: string;
	readonly bullet: string;
	/** Between short items on one line ("a · b"). */
	readonly separator: string;
	readonly ellipsis: string;
	readonly up: string;
	readonly down: string;
	/** Before a fix or a next action ("→ run this"). */
	readonly arrow: string;
	readonly warning: string;
	/** An expanded group. */
	readonly expanded: string;
	/** Shown in place of a masked secret character. */
	readonly mask: string;
	readonly border: BorderGlyphs;
}

/** The kinds of status the dashboard shows: a check's severity, never checked, or being checked. */
export type StatusKind = Severity | 'unchecked' | 'checking';

export interface Theme {
	readonly noColor: boolean;
	/** ASCII only (no UTF-8 locale, or --ascii). */
	readonly ascii: boolean;
	readonly glyphs: Glyphs;
	/** The terminal colour for a semantic name, or undefined when colour is off. */
	color(name: SemanticColor): string | undefined;
	/** Word, icon and colour of a status, with this theme's icon. */
	status(kind: StatusKind): StatusStyle;
}

const palette: Readonly<Record<SemanticColor, string>> = {
	success: 'green',
	warning: 'yellow',
	error: 'red',
	muted: 'gray',
	accent: 'cyan',
};

const unicodeGlyphs: Glyphs = {
	cursor: '›',
	bullet: '•',
	separator: '·',
	ellipsis: '…',
	up: '↑',
	down: '↓',
	arrow: '→',
	warning: '⚠',
	expanded: '▾',
	mask: '•',
	border: {topLeft: '╭', top: '─', topRight: '╮', right: '│', bottomRight: '╯', bottom: '─', bottomLeft: '╰', left: '│'},
};

const asciiGlyphs: Glyphs = {
	cursor: '>',
	bullet: '*',
	separator: '-',
	ellipsis: '.',
	up: '^',
	down: 'v',
	arrow: '>',
	warning: '!',
	expanded: 'v',
	mask: '*',
	border: {topLeft: '+', top: '-', topRight: '+', right: '|', bottomRight: '+', bottom: '-', bottomLeft: '+', left: '|'},
};

const unicodeStatus: Readonly<Record<StatusKind, StatusStyle>> = {...statusTheme, unchecked: uncheckedStyle, checking: checkingStyle};

/** Status words with `+ ! x ?` (and `.` for never checked, `*` while checking). */
const asciiIcons: Readonly<Record<StatusKind, string>> = {
	ok: '+',
	warning: '!',
	critical: 'x',
	unknown: '?',
	unchecked: '.',
	checking: '*',
};

export interface ThemeOptions {
	/** `--ascii`: ASCII even in a UTF-8 locale. */
	readonly ascii?: boolean;
}

/** NO_COLOR (any non-empty value, https://no-color.org) turns colour off; the locale or --ascii picks the glyphs. */
export function themeFor(env: NodeJS.ProcessEnv, options: ThemeOptions = {}): Theme {
	const noColor = (env.NO_COLOR ?? '') !== '';
	const ascii = prefersAscii(env, options.ascii);
	return {
		noColor,
		ascii,
		glyphs: ascii ? asciiGlyphs : unicodeGlyphs,
		color: name => (noColor ? undefined : palette[name]),
		status: kind => (ascii ? {...unicodeStatus[kind], icon: asciiIcons[kind]} : unicodeStatus[kind]),
	};
}

const ThemeContext = createContext<Theme>(themeFor(process.env));

export function ThemeProvider({theme, children}: {readonly theme: Theme; readonly children: React.ReactNode}) {
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
