/**
 * Draws pre-wrapped styled lines (layout/lines.ts), one Ink Text per line. The lines already fit:
 * `truncate-end` is only a guard so Ink never wraps one into two rows, and every line takes exactly
 * one row, so the pane is exactly as tall as its line count.
 */
import React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../theme.js';
import type {StyledLine} from './lines.js';

export function LineView({lines}: {readonly lines: readonly StyledLine[]}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" flexShrink={0}>
			{lines.map((line, index) => (
				// Lines have no identity beyond their position in this render.
				<Text key={index} wrap="truncate-end">
					{line.length === 0
						? ' '
						: line.map((segment, at) => (
								<Text
									key={at}
									color={segment.color === undefined ? undefined : theme.color(segment.color)}
									bold={segment.bold}
									dimColor={segment.dim}
									inverse={segment.inverse}
								>
									{segment.text}
								</Text>
							))}
				</Text>
			))}
		</Box>
	);
}
