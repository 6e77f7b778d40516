/**
 * `?`: every command of the keymap with its keys, grouped by where it works, and why it is off now.
 * Descriptions and reasons wrap under their own column (never cut), the keys keep a column of
 * their own, and the list scrolls within the space it has.
 */
import React from 'react';
import {helpEntries, type KeymapState, type Scope} from '../keymap.js';
import {displayKey} from '../key-name.js';
import {cellWidth, padCells} from '../../core/text-wrap.js';
import {onboardingKeys} from '../onboarding/index.js';
import {useTheme} from '../theme.js';
import {plain, scrollWindow, wrapped, type StyledLine} from '../layout/lines.js';
import {LineView} from '../layout/line-view.js';

const scopeTitles: Readonly<Record<Scope, string>> = {
	list: 'List',
	detail: 'Detail view',
	admin: 'Admin view (m)',
	login: 'Admin login (m, and m in the wizard)',
	global: 'Everywhere',
	form: 'Forms and filter',
	confirm: 'Confirm dialog',
	help: 'This help',
};

/** One entry: its keys in a column, the text wrapped beside them (keys too wide get a line of their own). */
function entryLines(keys: string, text: string, width: number, disabled: boolean): StyledLine[] {
	const column = Math.min(24, Math.max(10, Math.floor(width / 3)));
	const style = disabled ? {dim: true} : {};
	const indent = ' '.repeat(column);
	if (cellWidth(keys) + 3 > column) {
		return [...wrapped(keys, width, {indent: '  ', style: {...style, bold: !disabled}}), ...wrapped(text, width, {indent, style})];
	}

	return wrapped(text, width, {
		indent: padCells(`  ${keys}`, column),
		continuation: indent,
		style,
		indentStyle: {...style, bold: !disabled},
	});
}

/** Every help line at `width`, wrapped. */
function helpLines(state: KeymapState, width: number): StyledLine[] {
	const lines: StyledLine[] = [];
	let scope: Scope | null = null;
	for (const entry of helpEntries(state)) {
		if (entry.scope !== scope) {
			scope = entry.scope;
			lines.push(plain(scopeTitles[scope], {bold: true}));
		}

		const why = entry.disabledReason ? `  (now: ${entry.disabledReason})` : '';
		lines.push(
			...entryLines(entry.keys.map(key => displayKey(key)).join(' '), `${entry.description}${why}`, width, entry.disabledReason !== null),
		);
	}

	lines.push(plain('Onboarding wizard (o, f)', {bold: true}));
	for (const entry of onboardingKeys) {
		lines.push(...entryLines(entry.keys.map(key => displayKey(key)).join(' '), `${entry.description} (${entry.when})`, width, false));
	}

	return lines;
}

/** The help's last layout, for the keys that scroll it (the reducer keeps the offset within maxOffset). */
export interface HelpLayout {
	readonly maxOffset: number;
	/** Lines per page (PgUp/PgDn). */
	readonly page: number;
}

export function HelpOverlay({
	state,
	offset,
	height,
	width,
	layout,
}: {
	readonly state: KeymapState;
	readonly offset: number;
	readonly height: number;
	readonly width: number;
	readonly layout?: {current: HelpLayout | undefined};
}) {
	const theme = useTheme();
	const lines = helpLines(state, width);
	const rows = Math.max(1, height - 1);
	const view = scrollWindow(lines, rows, offset, theme.glyphs);
	if (layout) layout.current = {maxOffset: view.maxOffset, page: Math.max(1, rows - 2)};
	const shown = view.lines.length - (lines.length > view.lines.length ? 1 : 0);
	const title = `Keys (${view.start + 1}-${view.start + shown} of ${lines.length}; ${theme.glyphs.up}${theme.glyphs.down} PgUp PgDn scroll, Esc closes)`;
	return <LineView lines={[wrapped(title, width, {style: {bold: true}})[0]!, ...view.lines]} />;
}
