/**
 * `check` without a format flag: aligned plain-text columns, one line per integration and a
 * summary line. Colour only when the caller says so (a TTY without NO_COLOR); the icon and the
 * word are always there, so colour is never the only signal.
 */
import type {IntegrationReport} from '../core/report.js';
import {formatExpiry, formatLatency, formatSkew} from '../core/rows.js';
import {safeLine} from '../core/untrusted-text.js';
import {redactText} from './redact-values.js';
import {paint, statusLabel, statusTheme} from './status-theme.js';

interface TableOptions {
	readonly color?: boolean;
	/** Epoch ms, for "expires in ..." (default Date.now()). */
	readonly now?: number;
	readonly secrets?: readonly string[];
}

interface TableColumn {
	readonly title: string;
	readonly align: 'left' | 'right';
	readonly cell: (report: IntegrationReport, now: number) => string;
}

const tokenWords: Record<IntegrationReport['token'], string> = {
	ok: 'ok',
	missing: 'missing',
	expired: 'expired',
	invalid: 'invalid',
	unchecked: '-',
	skipped: 'skipped',
};

function tokenCell(report: IntegrationReport, now: number): string {
	const word = tokenWords[report.token];
	if (report.token !== 'ok') return word;
	const expiry = formatExpiry(report.expiresAt, now);
	return expiry === '?' ? word : `${word} (${expiry === 'never' ? 'no expiry' : expiry})`;
}

const columns: readonly TableColumn[] = [
	{title: 'INTEGRATION', align: 'left', cell: report => report.id},
	{title: 'STATUS', align: 'left', cell: report => statusLabel(report.severity)},
	{title: 'CODE', align: 'left', cell: report => report.code},
	{title: 'SKEW', align: 'right', cell: report => formatSkew(report.skewSeconds)},
	{title: 'TOKEN', align: 'left', cell: tokenCell},
	{title: 'LATENCY', align: 'right', cell: report => formatLatency(report.latencyMs)},
];

/** Character width as terminals count it for our content (no wide CJK expected in ids). */
function width(text: string): number {
	return [...text].length;
}

function pad(text: string, size: number, align: 'left' | 'right'): string {
	const fill = ' '.repeat(Math.max(0, size - width(text)));
	return align === 'right' ? fill + text : text + fill;
}

/** "16 integrations: 3 critical, 1 warning, 12 ok" (zero counts left out). */
function countsLine(reports: readonly IntegrationReport[]): string {
	const counts = {critical: 0, unknown: 0, warning: 0, ok: 0};
	for (const report of reports) counts[report.severity]++;
	const parts = (['critical', 'unknown', 'warning', 'ok'] as const)
		.filter(severity => counts[severity] > 0)
		.map(severity => `${counts[severity]} ${severity}`);
	const noun = reports.length === 1 ? 'integration' : 'integrations';
	return parts.length === 0 ? `0 ${noun} checked` : `${reports.length} ${noun}: ${parts.join(', ')}`;
}

export function formatTable(reports: readonly IntegrationReport[], options: TableOptions = {}): string {
	const now = options.now ?? Date.now();
	const color = options.color === true;
	// Cells are sanitized: a newline or tab from a remote string must not break the columns, and no
	// other control character reaches the terminal (safeLine shows it escaped).
	const rows = reports.map(report =>
		columns.map(column => safeLine(redactText(column.cell(report, now), options.secrets).replaceAll(/[\r\n\t]+/g, ' '))),
	);
	const widths = columns.map((column, index) => Math.max(width(column.title), ...rows.map(row => width(row[index]!))));
	const line = (cells: readonly string[], decorate?: (index: number, padded: string) => string): string =>
		cells
			.map((cell, index) => {
				const column = columns[index]!;
				const padded = index === cells.length - 1 && column.align === 'left' ? cell : pad(cell, widths[index]!, column.align);
				return decorate ? decorate(index, padded) : padded;
			})
			.join('  ')
			.trimEnd();

	const lines = [line(columns.map(column => column.title))];
	reports.forEach((report, rowIndex) => {
		const theme = statusTheme[report.severity];
		// Padding happens before colouring so escape codes never disturb the alignment.
		lines.push(line(rows[rowIndex]!, (index, padded) => (index === 1 ? paint(padded, theme.color, color) : padded)));
	});
	lines.push('', countsLine(reports));
	return `${lines.join('\n')}\n`;
}
