/**
 * The virtualized list: only the rows that fit the window are rendered, so 1,000 integrations scroll
 * as fast as ten. The window follows the cursor with the least movement.
 */
import React, {useRef} from 'react';
import {Box, Text} from 'ink';
import {fitCell, headerText, instanceSummary, type Column, type ListItem} from '../../core/rows.js';
import {useTheme} from '../theme.js';

export interface RowListProps {
	readonly items: readonly ListItem[];
	readonly columns: readonly Column[];
	readonly cursor: number;
	readonly marks: ReadonlySet<string>;
	readonly height: number;
	readonly width: number;
}

/** The first visible index: keeps `cursor` inside a window of `height` that moved as little as possible. */
export function windowStart(previous: number, cursor: number, height: number, count: number): number {
	let start = previous;
	if (cursor < start) start = cursor;
	if (cursor >= start + height) start = cursor - height + 1;
	return Math.max(0, Math.min(start, Math.max(0, count - height)));
}

export function RowList({items, columns, cursor, marks, height, width}: RowListProps) {
	const theme = useTheme();
	const startRef = useRef(0);
	const visibleHeight = Math.max(1, height);
	const start = windowStart(startRef.current, cursor, visibleHeight, items.length);
	startRef.current = start;
	const visible = items.slice(start, start + visibleHeight);
	const end = start + visible.length;
	const position = items.length > visibleHeight ? ` ${start + 1}-${end} of ${items.length}` : '';

	return (
		<Box flexDirection="column">
			<Text wrap="truncate" bold>{`    ${headerText(columns)}`.slice(0, Math.max(0, width - position.length)) + position}</Text>
			{items.length === 0 ? <Text dimColor>  Nothing to show. Press i to add an instance, / to change the filter.</Text> : null}
			{visible.map((item, offset) => {
				const index = start + offset;
				const selected = index === cursor;
				const pointer = selected ? '›' : ' ';
				if (item.kind === 'instance') {
					const allMarked = item.instance.integrations.length > 0 && item.instance.integrations.every(integration => marks.has(`${item.instance.name}/${integration.name}`));
					const line = `${pointer}${allMarked ? '*' : ' '}${item.instance.insecureTls ? '⚠' : ' '} ▾ ${item.instance.name} (${item.rowCount})  ${instanceSummary(item.instance, item.report)}`;
					return (
						<Text key={item.key} wrap="truncate" bold inverse={selected} color={item.instance.insecureTls ? theme.color('warning') : undefined}>
							{fitCell(line, width)}
						</Text>
					);
				}

				const {row} = item;
				const marked = marks.has(row.id);
				const prefix = `${pointer}${marked ? '*' : ' '}${row.insecureTls ? '⚠' : ' '} `;
				return (
					<Text key={item.key} wrap="truncate" inverse={selected}>
						<Text color={row.insecureTls ? theme.color('warning') : undefined}>{prefix}</Text>
						{columns.map((column, columnIndex) => {
							const text = fitCell(row.cells[column.id], column.width, column.align) + (columnIndex < columns.length - 1 ? ' ' : '');
							return column.id === 'status'
								? <Text key={column.id} color={theme.color(row.status.color)}>{text}</Text>
								: <Text key={column.id}>{text}</Text>;
						})}
					</Text>
				);
			})}
		</Box>
	);
}
