/**
 * Semantic colours for the dashboard. Ink's chalk does not read NO_COLOR (it only looks at TTY and
 * FORCE_COLOR), so the theme does: with NO_COLOR set, no colour is emitted at all, and every status
 * still carries its word and icon.
 */
import React, {createContext, useContext} from 'react';
import type {SemanticColor} from '../core/status-theme.js';

interface Theme {
	readonly noColor: boolean;
	/** The terminal colour for a semantic name, or undefined when colour is off. */
	color(name: SemanticColor): string | undefined;
}

const palette: Readonly<Record<SemanticColor, string>> = {
	success: 'green', warning: 'yellow', error: 'red', muted: 'gray', accent: 'cyan',
};

/** NO_COLOR (any non-empty value, https://no-color.org) turns colour off. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
	const noColor = (env.NO_COLOR ?? '') !== '';
	return {noColor, color: name => (noColor ? undefined : palette[name])};
}

const ThemeContext = createContext<Theme>(themeFor(process.env));

export function ThemeProvider({theme, children}: {readonly theme: Theme; readonly children: React.ReactNode}) {
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
