/** A yes/no question before anything is removed or discarded; the default is no. */
import React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../theme.js';

export function ConfirmDialog({message, answers = 'y: yes, remove it   n or Esc: no, keep it'}: {readonly message: string; readonly answers?: string}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.color('warning')} paddingX={1}>
			<Text bold>{message}</Text>
			<Text>{answers}</Text>
		</Box>
	);
}
