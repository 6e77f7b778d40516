/** `?`: every command of the keymap with its keys, grouped by where it works, and why it is off now. */
import React from 'react';
import {Box, Text} from 'ink';
import {helpEntries, type KeymapState, type Scope} from '../keymap.js';
import {displayKey} from '../key-name.js';
import {fitCell} from '../../core/rows.js';
import {onboardingKeys} from '../onboarding/index.js';

const scopeTitles: Readonly<Record<Scope, string>> = {
	list: 'List', detail: 'Detail view', global: 'Everywhere', form: 'Forms and filter', confirm: 'Confirm dialog', help: 'This help',
};

function helpLines(state: KeymapState): Array<{text: string; heading: boolean; disabled: boolean}> {
	const lines: Array<{text: string; heading: boolean; disabled: boolean}> = [];
	let scope: Scope | null = null;
	for (const entry of helpEntries(state)) {
		if (entry.scope !== scope) {
			scope = entry.scope;
			lines.push({text: scopeTitles[scope], heading: true, disabled: false});
		}

		const keys = fitCell(entry.keys.map(key => displayKey(key)).join(' '), 22);
		const why = entry.disabledReason ? `  (now: ${entry.disabledReason})` : '';
		lines.push({text: `  ${keys} ${entry.description}${why}`, heading: false, disabled: entry.disabledReason !== null});
	}

	lines.push({text: 'Onboarding wizard (o, f)', heading: true, disabled: false});
	for (const entry of onboardingKeys) {
		lines.push({text: `  ${fitCell(entry.keys.map(key => displayKey(key)).join(' '), 22)} ${entry.description} (${entry.when})`, heading: false, disabled: false});
	}

	return lines;
}

export function HelpOverlay({state, offset, height}: {readonly state: KeymapState; readonly offset: number; readonly height: number}) {
	const lines = helpLines(state);
	const room = Math.max(1, height - 1);
	const start = Math.min(offset, Math.max(0, lines.length - room));
	const shown = lines.slice(start, start + room);
	return (
		<Box flexDirection="column">
			<Text bold>{`Keys (${start + 1}-${start + shown.length} of ${lines.length}; ↑↓ scroll, Esc closes)`}</Text>
			{shown.map(line => (
				<Text key={line.text} wrap="truncate" bold={line.heading} dimColor={line.disabled}>{line.text}</Text>
			))}
		</Box>
	);
}
