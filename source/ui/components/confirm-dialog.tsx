/** A yes/no question before anything is removed; the default is no. */
import React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../theme.js';

export function ConfirmDialog({message}: {readonly message: string}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.color('warning')} paddingX={1}>
			<Text bold>{message}</Text>
			<Text>y: yes, remove it   n or Esc: no, keep it</Text>
		</Box>
	);
}
