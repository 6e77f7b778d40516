/** Counts by status, bulk progress, auto-refresh, filter, marks and untrusted-TLS warnings, wrapped, never cut (the sort is marked in the column header). */
import React from 'react';

import type {CheckProgress} from '../../checks/types.js';
import type {SeverityCounts} from '../../core/rows.js';
import type {statusTheme} from '../../core/status-theme.js';
import {useTheme, type Theme} from '../theme.js';
import {flow, wrapped, type Segment, type StyledLine} from '../layout/lines.js';
import {LineView} from '../layout/line-view.js';

export interface HeaderProps {
	readonly counts: SeverityCounts;
	readonly total: number;
	readonly shown: number;
	readonly progress: CheckProgress | null;
	readonly running: boolean;
	readonly autoRefresh: boolean;
	readonly refreshSeconds: number;
	readonly filter: string;
	readonly markedCount: number;
	readonly insecureInstances: readonly string[];
}

/** "10 critical, 4 warning" (and unknown when there are any): never one "failing" number that hides which. */
function failingText(progress: CheckProgress): string {
	const {critical, warning, unknown} = progress.failing;
	return `${critical} critical, ${warning} warning${unknown > 0 ? `, ${unknown} unknown` : ''}`;
}

/** "checking 312/1000: 10 critical, 4 warning" while a run is going, the last run's totals after. */
function progressText(progress: CheckProgress | null, running: boolean): string {
	if (!progress) return 'not checked yet';
	const kind = progress.deep ? 'deep ' : '';
	if (running && !progress.cancelled && progress.done < progress.total) {
		return `${kind}checking ${progress.done}/${progress.total}: ${failingText(progress)}`;
	}

	const how = progress.cancelled ? 'cancelled at' : 'checked';
	return `last ${kind}run: ${how} ${progress.done}/${progress.total}: ${failingText(progress)}`;
}

/**
 * The header as lines at `width`: the counts, then the run, auto-refresh, sort, filter and marks.
 * Items that do not fit continue on the next line (the active filter and sort are never cut), so
 * the dashboard sizes its main pane from the count of these lines.
 */
export function headerLines(props: HeaderProps, width: number, theme: Theme): StyledLine[] {
	const {counts} = props;
	const cell = (severity: keyof typeof statusTheme, count: number): Segment => {
		const style = theme.status(severity);
		return {text: `${style.icon} ${count} ${style.word}`, ...(count > 0 ? {color: style.color} : {})};
	};

	const unchecked = theme.status('unchecked');
	const lines = flow(
		[
			{text: 'oscar-rest', bold: true},
			{text: `${props.total} integrations`},
			cell('ok', counts.ok),
			cell('warning', counts.warning),
			cell('critical', counts.critical),
			cell('unknown', counts.unknown),
			{text: `${unchecked.icon} ${counts.unchecked} ${unchecked.word}`, dim: true},
		],
		width,
		{continuation: '  '},
	);
	lines.push(
		...flow(
			[
				{text: progressText(props.progress, props.running), ...(props.running ? {color: 'accent' as const} : {})},
				{text: `auto-refresh ${props.autoRefresh ? `every ${props.refreshSeconds} s` : 'off'}`},
				...(props.filter ? [{text: `filter "${props.filter}": ${props.shown} shown (Esc clears)`}] : []),
				...(props.markedCount > 0 ? [{text: `${props.markedCount} marked`}] : []),
			],
			width,
			{continuation: '  '},
		),
	);
	if (props.insecureInstances.length > 0) {
		lines.push(
			...wrapped(`TLS verification disabled (untrusted): ${props.insecureInstances.join(', ')}`, width, {
				indent: `${theme.glyphs.warning} `,
				style: {color: 'warning'},
			}),
		);
	}

	return lines;
}

export function Header(props: HeaderProps & {readonly width: number}) {
	const theme = useTheme();
	return <LineView lines={headerLines(props, props.width, theme)} />;
}
