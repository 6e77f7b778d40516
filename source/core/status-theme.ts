/**
 * Severity -> word, icon and semantic colour name, in one table so the dashboard never relies on
 * colour alone (NO_COLOR users and screen readers still get the word and the icon).
 */
import type {Severity} from './report.js';

/** Semantic colour names; the UI theme maps them to terminal colours. */
export type SemanticColor = 'success' | 'warning' | 'error' | 'muted' | 'accent';

export interface StatusStyle {
	readonly word: string;
	readonly icon: string;
	readonly color: SemanticColor;
}

export const statusTheme: Readonly<Record<Severity, StatusStyle>> = {
	ok: {word: 'OK', icon: '✔', color: 'success'},
	warning: {word: 'WARN', icon: '▲', color: 'warning'},
	critical: {word: 'CRIT', icon: '✖', color: 'error'},
	unknown: {word: 'UNKNOWN', icon: '?', color: 'muted'},
};

/** Shown for an integration that has never been checked (no severity yet). */
export const uncheckedStyle: StatusStyle = {word: 'NEW', icon: '·', color: 'muted'};

/** Shown while a check of the row is in flight. */
export const checkingStyle: StatusStyle = {word: 'CHECKING', icon: '…', color: 'accent'};
