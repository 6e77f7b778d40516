/**
 * The virtualized list: only the rows that fit the window are rendered, so 1,000 integrations scroll
 * as fast as ten. The window follows the cursor with the least movement.
 */
import React, {memo, useRef} from 'react';
import {Box, Text} from 'ink';
import {fitCell, headerText, instanceSummary, type Column, type ListItem, type Row} from '../../core/rows.js';
import {useTheme} from '../theme.js';

interface RowListProps {
	readonly items: readonly ListItem[];
	readonly columns: readonly Column[];
	readonly cursor: number;
	readonly marks: ReadonlySet<string>;
	readonly height: number;
	readonly width: number;
}

/** The first visible index: keeps `cursor` inside a window of `height` that moved as little as possible. */
function windowStart(previous: number, cursor: number, height: number, count: number): number {
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

				return <RowLine key={item.key} row={item.row} columns={columns} selected={selected} marked={marks.has(item.row.id)} />;
			})}
		</Box>
	);
}

interface RowLineProps {
	readonly row: Row;
	readonly columns: readonly Column[];
	readonly selected: boolean;
	readonly marked: boolean;
}

/**
 * One integration line as three strings (before the status, the coloured status, after it), and
 * memoized: moving the cursor re-renders the two lines whose selection changed, not the window.
 */
const RowLine = memo(function RowLine({row, columns, selected, marked}: RowLineProps) {
	const theme = useTheme();
	const prefix = `${selected ? '›' : ' '}${marked ? '*' : ' '}${row.insecureTls ? '⚠' : ' '} `;
	const cells = columns.map((column, index) => fitCell(row.cells[column.id], column.width, column.align) + (index < columns.length - 1 ? ' ' : ''));
	const statusAt = columns.findIndex(column => column.id === 'status');
	const before = statusAt === -1 ? cells.join('') : cells.slice(0, statusAt).join('');
	const status = statusAt === -1 ? '' : cells[statusAt]!;
	const after = statusAt === -1 ? '' : cells.slice(statusAt + 1).join('');
	return (
		<Text wrap="truncate" inverse={selected}>
			<Text color={row.insecureTls ? theme.color('warning') : undefined}>{prefix}</Text>
			{before}
			{status ? <Text color={theme.color(row.status.color)}>{status}</Text> : null}
			{after}
		</Text>
	);
});
