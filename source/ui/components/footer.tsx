/** Key hints from the keymap, as many as fit the width; disabled ones are dimmed. */
import React from 'react';
import {Text} from 'ink';
import type {Hint} from '../keymap.js';

const sizeOf = (hint: Hint): number => hint.keys.length + hint.label.length + 3;

/** The hints that fit `width`, in order; pinned ones (help, quit) always, at the end. */
function fitHints(hints: readonly Hint[], width: number): Hint[] {
	const pinned = hints.filter(hint => hint.pinned);
	let used = pinned.reduce((total, hint) => total + sizeOf(hint), 0);
	const fitted: Hint[] = [];
	for (const hint of hints) {
		if (hint.pinned) continue;
		if (used + sizeOf(hint) > width) break;
		fitted.push(hint);
		used += sizeOf(hint);
	}

	return [...fitted, ...pinned];
}

export function Footer({hints, width}: {readonly hints: readonly Hint[]; readonly width: number}) {
	return (
		<Text wrap="truncate">
			{fitHints(hints, width).map(hint => (
				<Text key={hint.label} dimColor={hint.disabled}>
					<Text bold={!hint.disabled}>{hint.keys}</Text>
					{` ${hint.label}  `}
				</Text>
			))}
		</Text>
	);
}
