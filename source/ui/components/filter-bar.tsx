/** The `/` filter being typed: live, Enter keeps it, Esc clears it. */
import React from 'react';
import {Text} from 'ink';
import {FieldText} from './form-view.js';

export function FilterBar({value}: {readonly value: string}) {
	return (
		<Text wrap="truncate">
			<Text bold>/ </Text>
			<FieldText value={value} caret={[...value].length} focused placeholder="name, instance, status, code or tag:x" />
			<Text dimColor> Enter keeps, Esc clears</Text>
		</Text>
	);
}
