/**
 * The status line: what the last key did, or why it did nothing. Icons, not only colour. Messages
 * can quote server text (an error from a check, a save): it passes the one-line sanitiser.
 */
import React from 'react';
import {Text} from 'ink';
import {safeLine} from '../../core/untrusted-text.js';
import type {StatusLine} from '../state/dashboard-state.js';
import {useTheme} from '../theme.js';

export function StatusBar({status}: {readonly status: StatusLine | null}) {
	const theme = useTheme();
	if (!status) return <Text> </Text>;
	const icon = status.tone === 'error' ? '✖ ' : status.tone === 'success' ? '✔ ' : '› ';
	const color = status.tone === 'error' ? theme.color('error') : status.tone === 'success' ? theme.color('success') : undefined;
	return (
		<Text wrap="truncate" color={color}>
			{icon + safeLine(status.text)}
		</Text>
	);
}
