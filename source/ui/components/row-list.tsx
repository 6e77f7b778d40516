/**
 * The virtualized list: only the rows that fit the window are rendered, so 1,000 integrations scroll
 * as fast as ten. The window follows the cursor with the least movement, and when it starts inside
 * a group, that group's line stays on top (sticky), so the rows shown always say their instance.
 */
import React, {memo, useRef} from 'react';
import {Box, Text} from 'ink';
import {
	fitCell,
	headerText,
	instanceSummary,
	type Column,
	type InstanceItem,
	type ListItem,
	type Row,
	type SortKey,
} from '../../core/rows.js';
import {useTheme} from '../theme.js';

interface RowListProps {
	readonly items: readonly ListItem[];
	readonly columns: readonly Column[];
	readonly cursor: number;
	readonly marks: ReadonlySet<string>;
	readonly height: number;
	readonly width: number;
	readonly sort?: SortKey;
	/** The applied `/` filter (an empty list then says that nothing matches it). */
	readonly filter?: string;
}

/** The first visible index: keeps `cursor` inside a window of `height` that moved as little as possible. */
function windowStart(previous: number, cursor: number, height: number, count: number): number {
	let start = previous;
	if (cursor < start) start = cursor;
	if (cursor >= start + height) start = cursor - height + 1;
	return Math.max(0, Math.min(start, Math.max(0, count - height)));
}

export interface ListWindow {
	/** First item shown below the sticky line (or at the top). */
	readonly start: number;
	/** One past the last item shown. */
	readonly end: number;
	/** The group line pinned on top because the window starts inside its group. */
	readonly sticky?: number;
}

/**
 * Which items fit `height` lines around the cursor. When the first line would be a row, its group's
 * line takes the top and the rows get one line less (the cursor always stays inside).
 */
export function listWindow(previous: number, cursor: number, height: number, items: readonly ListItem[]): ListWindow {
	const full = windowStart(previous, cursor, height, items.length);
	if (items[full]?.kind !== 'row' || height < 2) return {start: full, end: Math.min(items.length, full + height)};
	const start = windowStart(previous, cursor, height - 1, items.length);
	if (items[start]?.kind !== 'row') return {start, end: Math.min(items.length, start + height)};
	let sticky = start - 1;
	while (sticky >= 0 && items[sticky]!.kind !== 'instance') sticky--;
	if (sticky < 0) return {start: full, end: Math.min(items.length, full + height)};
	return {start, end: Math.min(items.length, start + height - 1), sticky};
}

function emptyText(filter: string | undefined): string {
	if (filter && filter.trim() !== '') return `  No rows match the filter "${filter}": Esc clears it, / changes it.`;
	return '  Nothing to show yet. Press i to add an OSCAR instance.';
}

/** The last line of a list taller than its pane: where the window is, and how much is above and below. */
export function positionText(first: number, end: number, count: number): string {
	const parts = [`  ${first + 1}-${end} of ${count}`];
	if (end < count) parts.push(`↓ ${count - end} more`);
	if (first > 0) parts.push(`↑ ${first} above`);
	return parts.join('  ');
}

export function RowList({items, columns, cursor, marks, height, width, sort, filter}: RowListProps) {
	const startRef = useRef(0);
	// A list taller than its pane gives its last line to the position (the column header keeps every title).
	const scrolls = items.length > Math.max(1, height);
	const visibleHeight = Math.max(1, scrolls ? height - 1 : height);
	const window = listWindow(startRef.current, cursor, visibleHeight, items);
	startRef.current = window.start;
	const visible = items.slice(window.start, window.end);
	const sticky = window.sticky === undefined ? undefined : (items[window.sticky] as InstanceItem);

	return (
		<Box flexDirection="column">
			<Text wrap="truncate" bold>{`    ${headerText(columns, sort)}`}</Text>
			{items.length === 0 ? <Text dimColor>{emptyText(filter)}</Text> : null}
			{sticky ? <GroupLine item={sticky} selected={false} marks={marks} width={width} /> : null}
			{visible.map((item, offset) => {
				const index = window.start + offset;
				const selected = index === cursor;
				if (item.kind === 'instance') return <GroupLine key={item.key} item={item} selected={selected} marks={marks} width={width} />;
				return <RowLine key={item.key} row={item.row} columns={columns} selected={selected} marked={marks.has(item.row.id)} />;
			})}
			{scrolls ? (
				<Text wrap="truncate" dimColor>
					{positionText(window.start, window.end, items.length)}
				</Text>
			) : null}
		</Box>
	);
}

/** A group (instance) line: ▾ open or ▸ collapsed, its row count, URL and what the instance probes saw. */
function GroupLine({
	item,
	selected,
	marks,
	width,
}: {
	readonly item: InstanceItem;
	readonly selected: boolean;
	readonly marks: ReadonlySet<string>;
	readonly width: number;
}) {
	const theme = useTheme();
	const allMarked = item.rowIds.length > 0 && item.rowIds.every(id => marks.has(id));
	const fold = item.collapsed ? '▸' : '▾';
	const count = item.collapsed ? `${item.rowCount} hidden` : String(item.rowCount);
	const line = `${selected ? '›' : ' '}${allMarked ? '*' : ' '}${item.instance.insecureTls ? '⚠' : ' '} ${fold} ${item.instance.name} (${count})  ${instanceSummary(item.instance, item.report)}`;
	return (
		<Text wrap="truncate" bold inverse={selected} color={item.instance.insecureTls ? theme.color('warning') : undefined}>
			{fitCell(line, width)}
		</Text>
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
	const cells = columns.map(
		(column, index) => fitCell(row.cells[column.id], column.width, column.align) + (index < columns.length - 1 ? ' ' : ''),
	);
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
