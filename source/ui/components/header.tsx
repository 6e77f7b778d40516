/** Counts by status, bulk progress, auto-refresh, filter, marks, and untrusted-TLS warnings (the sort is marked in the column header). */
import React from 'react';
import {Box, Text} from 'ink';
import type {CheckProgress} from '../../checks/types.js';
import type {SeverityCounts} from '../../core/rows.js';
import {statusTheme, uncheckedStyle} from '../../core/status-theme.js';
import {useTheme} from '../theme.js';

interface HeaderProps {
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

export function Header(props: HeaderProps) {
	const theme = useTheme();
	const {counts} = props;
	const cell = (severity: keyof typeof statusTheme, count: number) => {
		const style = statusTheme[severity];
		return <Text color={count > 0 ? theme.color(style.color) : undefined}>{`${style.icon} ${count} ${style.word}  `}</Text>;
	};

	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>oscar-rest </Text>
				<Text>{`${props.total} integrations  `}</Text>
				{cell('ok', counts.ok)}
				{cell('warning', counts.warning)}
				{cell('critical', counts.critical)}
				{cell('unknown', counts.unknown)}
				<Text dimColor>{`${uncheckedStyle.icon} ${counts.unchecked} ${uncheckedStyle.word}`}</Text>
			</Text>
			<Text wrap="truncate">
				<Text color={props.running ? theme.color('accent') : undefined}>{progressText(props.progress, props.running)}</Text>
				<Text>{`  auto-refresh ${props.autoRefresh ? `every ${props.refreshSeconds} s` : 'off'}`}</Text>
				{props.filter ? <Text>{`  filter "${props.filter}": ${props.shown} shown (Esc clears)`}</Text> : null}
				{props.markedCount > 0 ? <Text>{`  ${props.markedCount} marked`}</Text> : null}
			</Text>
			{props.insecureInstances.length > 0 ? (
				<Text wrap="truncate" color={theme.color('warning')}>
					{`⚠ TLS verification disabled (untrusted): ${props.insecureInstances.join(', ')}`}
				</Text>
			) : null}
		</Box>
	);
}
