/**
 * The dashboard's rows as pure data: inventory + check results -> cells, columns chosen by
 * terminal width, filtering and sorting. No Ink here, so all of it is unit-tested without a terminal.
 */
import {diagnosis} from './diagnoses.js';
import type {Instance, Integration, Inventory} from './model.js';
import {integrationId} from './model.js';
import type {InstanceReport, IntegrationReport, Severity} from './report.js';
import {checkingStyle, statusTheme, uncheckedStyle, type StatusStyle} from './status-theme.js';
import {safeLine} from './untrusted-text.js';

type ColumnId = 'name' | 'status' | 'problem' | 'rest' | 'credentials' | 'skew' | 'token' | 'actingAs' | 'expiry' | 'latency' | 'checked';
export type SortKey = 'name' | 'status' | 'latency' | 'checked';
type Align = 'left' | 'right';

export interface Column {
	readonly id: ColumnId;
	readonly title: string;
	readonly width: number;
	readonly align: Align;
}

type RowCells = Readonly<Record<ColumnId, string>>;

/** One integration, formatted. `severity` null means never checked. */
export interface Row {
	readonly id: string;
	readonly instance: string;
	readonly integration: string;
	readonly tags: readonly string[];
	readonly insecureTls: boolean;
	readonly severity: Severity | null;
	readonly checking: boolean;
	readonly code: string | null;
	readonly status: StatusStyle;
	readonly latencyMs?: number;
	readonly checkedAt?: number;
	/** Epoch ms of the first failing check in the current failing streak, when known. */
	readonly brokenSince?: number;
	readonly report?: IntegrationReport;
	readonly cells: RowCells;
}

interface RowsInput {
	readonly inventory: Inventory;
	readonly results: ReadonlyMap<string, IntegrationReport>;
	readonly inFlight?: ReadonlySet<string>;
	readonly brokenSince?: (id: string) => number | undefined;
	/** Epoch ms. */
	readonly now: number;
}

const sortKeys: readonly SortKey[] = ['name', 'status', 'latency', 'checked'];

/** Sort order of the `s` key: name, status severity, latency, last checked, then name again. */
export function nextSortKey(key: SortKey): SortKey {
	return sortKeys[(sortKeys.indexOf(key) + 1) % sortKeys.length]!;
}

export function formatSkew(seconds: number | undefined): string {
	if (seconds === undefined || !Number.isFinite(seconds)) return '?';
	const rounded = Math.round(seconds);
	if (rounded > 0) return `+${rounded} s`;
	if (rounded < 0) return `-${Math.abs(rounded)} s`;
	return '0 s';
}

/** expiresAt in epoch SECONDS (null: never expires; undefined: lifetime unknown). */
export function formatExpiry(expiresAt: number | null | undefined, nowMs: number): string {
	if (expiresAt === null) return 'never';
	if (expiresAt === undefined) return '?';
	const left = expiresAt - nowMs / 1000;
	if (left <= 0) return 'expired';
	if (left < 3600) return `in ${Math.max(1, Math.ceil(left / 60))} min`;
	if (left < 86_400) return `in ${Math.floor(left / 3600)} h`;
	return `in ${Math.floor(left / 86_400)} d`;
}

/** "12 s ago", "3 min ago", "2 h ago", "4 d ago"; "never" when not checked. */
export function formatAgo(epochMs: number | undefined, nowMs: number): string {
	if (epochMs === undefined) return 'never';
	return `${formatSpan(nowMs - epochMs)} ago`;
}

/** A duration in the largest whole unit: "12 s", "3 min", "2 h", "4 d". */
export function formatSpan(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds} s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
	return `${Math.floor(seconds / 86_400)} d`;
}

export function formatLatency(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms)) return '-';
	if (ms < 1000) return `${Math.round(ms)} ms`;
	return `${(ms / 1000).toFixed(1)} s`;
}

const credentialsWords: Record<IntegrationReport['credentials'], string> = {
	ok: 'ok',
	'bad-key': 'bad key',
	rejected: 'rejected',
	unchecked: '-',
};

/** Who the token acts as, as OSCAR named it: server text, so control characters are shown escaped. */
function actingAs(report: IntegrationReport | undefined): string {
	const identity = report?.identity;
	if (!identity) return '-';
	return safeLine(identity.name ? `${identity.providerNo} ${identity.name}` : identity.providerNo);
}

/** One integration's row: the unit buildRows (and the incremental RowCache) are made of. */
export function buildRow(
	instance: Instance,
	integration: Integration,
	report: IntegrationReport | undefined,
	checking: boolean,
	brokenSince: number | undefined,
	now: number,
): Row {
	const id = integrationId(instance.name, integration.name);
	const severity = report?.severity ?? null;
	const status = checking ? checkingStyle : severity === null ? uncheckedStyle : statusTheme[severity];
	return {
		id,
		instance: instance.name,
		integration: integration.name,
		tags: integration.tags,
		insecureTls: instance.insecureTls === true,
		severity,
		checking,
		code: report?.code ?? null,
		status,
		latencyMs: report?.latencyMs,
		checkedAt: report?.checkedAt,
		brokenSince,
		report,
		cells: {
			name: integration.name,
			status: `${status.icon} ${status.word}`,
			problem: report ? (report.severity === 'ok' ? '-' : diagnosis(report.code).title) : 'not checked',
			rest: report ? (report.restModule === 'unknown' ? '?' : report.restModule) : '-',
			credentials: report ? credentialsWords[report.credentials] : '-',
			skew: report ? formatSkew(report.skewSeconds) : '-',
			token: report ? (report.token === 'unchecked' ? '-' : report.token) : integration.accessToken ? '-' : 'missing',
			actingAs: actingAs(report),
			expiry: report ? formatExpiry(report.expiresAt, now) : '-',
			latency: formatLatency(report?.latencyMs),
			checked: formatAgo(report?.checkedAt, now),
		},
	};
}

/** Build one row per configured integration, in inventory order. */
export function buildRows(input: RowsInput): Row[] {
	const rows: Row[] = [];
	for (const instance of input.inventory.instances) {
		for (const integration of instance.integrations) {
			const id = integrationId(instance.name, integration.name);
			rows.push(
				buildRow(instance, integration, input.results.get(id), input.inFlight?.has(id) === true, input.brokenSince?.(id), input.now),
			);
		}
	}

	return rows;
}

// Columns ---------------------------------------------------------------------------------------

/** The column each sort orders by, and which way (what the header marks). */
export const sortColumns: Readonly<
	Record<SortKey, {readonly column: ColumnId; readonly direction: 'ascending' | 'descending'; readonly words: string}>
> = {
	name: {column: 'name', direction: 'ascending', words: 'name'},
	status: {column: 'status', direction: 'descending', words: 'status, worst first'},
	latency: {column: 'latency', direction: 'descending', words: 'latency, slowest first'},
	checked: {column: 'checked', direction: 'ascending', words: 'last checked, oldest first'},
};

/** Room taken before the first cell: cursor, mark and TLS-warning markers, then a space. */
export const rowPrefixWidth = 4;

/** How wide the content of the content-sized columns is (the longest cell), so widths follow the fleet. */
export interface ContentWidths {
	readonly name?: number;
	readonly problem?: number;
	readonly actingAs?: number;
}

interface ColumnSpec {
	readonly title: string;
	/** Width when its content is not measured, and the least it gets when measured. */
	readonly width: number;
	readonly align: Align;
	/** Content-sized columns grow to their longest cell, up to this. */
	readonly max?: number;
	/** A column that may shrink to this when the next-priority width does not fit (PROBLEM). */
	readonly min?: number;
}

const specs: Readonly<Record<ColumnId, ColumnSpec>> = {
	name: {title: 'INTEGRATION', width: 28, align: 'left', max: 40, min: 8},
	status: {title: 'STATUS', width: 10, align: 'left'},
	problem: {title: 'PROBLEM', width: 25, align: 'left', max: 40, min: 8},
	rest: {title: 'REST', width: 4, align: 'left'},
	credentials: {title: 'CREDS', width: 8, align: 'left'},
	skew: {title: 'SKEW', width: 8, align: 'right'},
	token: {title: 'TOKEN', width: 8, align: 'left'},
	actingAs: {title: 'ACTING AS', width: 16, align: 'left', max: 32},
	expiry: {title: 'EXPIRES', width: 9, align: 'left'},
	latency: {title: 'LATENCY', width: 9, align: 'right'},
	checked: {title: 'CHECKED', width: 10, align: 'right'},
};
const displayOrder: readonly ColumnId[] = [
	'name',
	'status',
	'problem',
	'rest',
	'credentials',
	'skew',
	'token',
	'actingAs',
	'expiry',
	'latency',
	'checked',
];
/**
 * Who gets room first. The integration name keeps its width before PROBLEM gets any (a row nobody
 * can identify helps no one); the diagnosis title beats the raw cells; who the token acts as comes
 * before the finer measurements.
 */
const priority: readonly ColumnId[] = [
	'name',
	'status',
	'problem',
	'checked',
	'token',
	'actingAs',
	'expiry',
	'skew',
	'latency',
	'rest',
	'credentials',
];

/** The longest name, diagnosis title and acting-as of `rows` (for `columnsForWidth`). */
export function contentWidths(rows: readonly Row[]): ContentWidths {
	let name = 0;
	let problem = 0;
	let actingAs = 0;
	for (const row of rows) {
		name = Math.max(name, [...row.cells.name].length);
		problem = Math.max(problem, [...row.cells.problem].length);
		actingAs = Math.max(actingAs, [...row.cells.actingAs].length);
	}

	return {name, problem, actingAs};
}

/** The width a column wants: its measured content (at least its title and a sort mark), up to its cap; else its default. */
function wanted(id: ColumnId, content: ContentWidths): number {
	const spec = specs[id];
	// PROBLEM starts at its default whatever the titles are (it grows with room left over), so the
	// columns shown do not change when the first results arrive.
	const measured = id === 'name' ? content.name : id === 'actingAs' ? content.actingAs : undefined;
	if (measured === undefined || spec.max === undefined) return spec.width;
	return Math.min(spec.max, Math.max(measured, spec.title.length + 2));
}

/**
 * The columns that fit `width` terminal columns, by priority: the name at its content's width (up
 * to 40) and the status always, then PROBLEM (shrinking to what is left, or dropped), last checked,
 * token, acting-as (at its content's width, up to 32), expiry, skew, latency, REST module and
 * credentials while each fits whole; the column of the sort in use comes right after the status.
 * Room left over widens PROBLEM to its longest title, then the name to its longest value. Without
 * measured content the name takes what is left (as wide as the line).
 */
export function columnsForWidth(width: number, content: ContentWidths = {}, sort?: SortKey): Column[] {
	const widths = new Map<ColumnId, number>();
	let left = width - rowPrefixWidth;
	const take = (id: ColumnId, cells: number): void => {
		widths.set(id, cells);
		left -= cells + (widths.size > 1 ? 1 : 0);
	};

	const statusWidth = specs.status.width;
	take('name', Math.max(specs.name.min!, Math.min(wanted('name', content), left - statusWidth - 1)));
	take('status', statusWidth);
	// The column the rows are sorted by comes right after the status, so the sort is always visible.
	const sorted = sort === undefined ? undefined : sortColumns[sort].column;
	const order =
		sorted === undefined || sorted === 'name' || sorted === 'status'
			? priority.slice(2)
			: [sorted, ...priority.slice(2).filter(id => id !== sorted)];
	for (const id of order) {
		const want = wanted(id, content);
		if (want + 1 <= left) {
			take(id, want);
			continue;
		}

		const min = specs[id].min;
		if (min !== undefined && min + 1 <= left) take(id, left - 1);
		break;
	}

	// Left-over room: PROBLEM up to its longest title (it is what people read first).
	if (left > 0 && widths.has('problem')) {
		const grow = Math.min(left, Math.max(0, Math.min(specs.problem.max!, content.problem ?? 0) - widths.get('problem')!));
		widths.set('problem', widths.get('problem')! + grow);
		left -= grow;
	}

	// Then the name up to its longest value (past the 40 it started with); the rest stays blank at the
	// end of the line rather than opening a gap between the name and its status.
	if (left > 0 && content.name !== undefined) {
		const grow = Math.min(left, Math.max(0, content.name - widths.get('name')!));
		widths.set('name', widths.get('name')! + grow);
		left -= grow;
	}

	if (left > 0 && content.name === undefined) widths.set('name', widths.get('name')! + left);
	return displayOrder
		.filter(id => widths.has(id))
		.map(id => ({id, title: specs[id].title, width: widths.get(id)!, align: specs[id].align}));
}

/** Pad or cut `text` to exactly `width` characters (cut text ends with an ellipsis). */
export function fitCell(text: string, width: number, align: Align = 'left'): string {
	const chars = [...text];
	if (chars.length > width) return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`;
	const pad = ' '.repeat(width - chars.length);
	return align === 'right' ? pad + text : text + pad;
}

/** The row as one line of text (no prefix), cells separated by one space. */
export function rowText(row: Row, columns: readonly Column[]): string {
	return columns.map(column => fitCell(row.cells[column.id], column.width, column.align)).join(' ');
}

/**
 * The column titles, the sorted one marked with its direction (`STATUS ↓`); when the sorted column
 * is not shown at this width, the header says what the rows are sorted by at its end.
 */
export function headerText(
	columns: readonly Column[],
	sort?: SortKey,
	marks: {readonly ascending: string; readonly descending: string} = {ascending: '↑', descending: '↓'},
): string {
	const by = sort === undefined ? undefined : sortColumns[sort];
	const text = columns
		.map(column => {
			const title = by?.column === column.id ? `${column.title} ${marks[by.direction]}` : column.title;
			return fitCell(title, column.width, column.align);
		})
		.join(' ');
	if (!by || columns.some(column => column.id === by.column)) return text;
	return `${text.trimEnd()}  (sorted by ${by.words})`;
}

// Filtering and sorting -------------------------------------------------------------------------

/**
 * The `/` filter: whitespace-separated terms, all must match (case-insensitive). `tag:x` matches a
 * tag exactly; any other term matches part of the name, instance, id, status word or diagnosis code.
 */
export function filterRows(rows: readonly Row[], query: string): Row[] {
	const terms = query
		.toLowerCase()
		.split(/\s+/)
		.filter(term => term.length > 0);
	if (terms.length === 0) return [...rows];
	return rows.filter(row => terms.every(term => rowMatches(row, term)));
}

function rowMatches(row: Row, term: string): boolean {
	if (term.startsWith('tag:')) {
		const tag = term.slice(4);
		return row.tags.some(value => value.toLowerCase() === tag);
	}

	return [row.integration, row.instance, row.id, row.status.word, row.code ?? ''].some(value => value.toLowerCase().includes(term));
}

const severityOrder: Readonly<Record<Severity, number>> = {critical: 4, unknown: 3, warning: 2, ok: 1};

function byName(a: Row, b: Row): number {
	return a.instance.localeCompare(b.instance) || a.integration.localeCompare(b.integration);
}

/**
 * name: instance then integration; status: worst first (critical, unknown, warning, ok, unchecked);
 * latency: slowest first (unmeasured last); checked: least recently checked first (never first).
 * Ties fall back to name, so the order is stable.
 */
export function sortRows(rows: readonly Row[], key: SortKey): Row[] {
	const copy = [...rows];
	const compare: Record<SortKey, (a: Row, b: Row) => number> = {
		name: byName,
		status: (a, b) => rank(b) - rank(a) || byName(a, b),
		latency: (a, b) => (b.latencyMs ?? -1) - (a.latencyMs ?? -1) || byName(a, b),
		checked: (a, b) => (a.checkedAt ?? -1) - (b.checkedAt ?? -1) || byName(a, b),
	};
	return copy.sort(compare[key]);
}

function rank(row: Row): number {
	return row.severity === null ? 0 : severityOrder[row.severity];
}

// Grouping --------------------------------------------------------------------------------------

export interface InstanceItem {
	readonly kind: 'instance';
	readonly key: string;
	readonly instance: Instance;
	readonly report?: InstanceReport;
	readonly rowCount: number;
	/** The ids of its rows that the filter lets through, shown or collapsed. */
	readonly rowIds: readonly string[];
	/** Its rows are hidden under this line. */
	readonly collapsed: boolean;
}

interface RowItem {
	readonly kind: 'row';
	readonly key: string;
	readonly row: Row;
}

/** A line of the list: an instance header or one of its integrations. */
export type ListItem = InstanceItem | RowItem;

export function instanceKey(name: string): string {
	return `instance:${name}`;
}

/**
 * Group already filtered and sorted rows under their instance. Groups follow their first row (so a
 * status sort puts the instance with the worst row first); instances without matching rows are kept
 * only when the filter is empty (so a new, empty instance is still visible and selectable). A
 * collapsed instance keeps its line (with its row count) and hides its rows.
 */
export function groupRows(
	inventory: Inventory,
	rows: readonly Row[],
	options: {
		readonly filtered: boolean;
		readonly instanceReports?: ReadonlyMap<string, InstanceReport>;
		readonly collapsed?: ReadonlySet<string>;
	},
): ListItem[] {
	const byInstance = new Map<string, Row[]>();
	for (const row of rows) {
		const list = byInstance.get(row.instance);
		if (list) list.push(row);
		else byInstance.set(row.instance, [row]);
	}

	const order = [...byInstance.keys()];
	// Only instances without rows need the sorted list (a new, empty instance).
	if (!options.filtered && byInstance.size < inventory.instances.length) {
		for (const instance of [...inventory.instances].sort((a, b) => a.name.localeCompare(b.name))) {
			if (!byInstance.has(instance.name)) order.push(instance.name);
		}
	}

	// By name once, not a search of every instance per group (2,000 instances redraw 10 times a second).
	const instances = new Map(inventory.instances.map(instance => [instance.name, instance]));
	const items: ListItem[] = [];
	for (const name of order) {
		const instance = instances.get(name);
		if (!instance) continue;
		const members = byInstance.get(name) ?? [];
		const collapsed = options.collapsed?.has(name) === true;
		items.push({
			kind: 'instance',
			key: instanceKey(name),
			instance,
			report: options.instanceReports?.get(name),
			rowCount: members.length,
			rowIds: members.map(row => row.id),
			collapsed,
		});
		if (!collapsed) for (const row of members) items.push({kind: 'row', key: row.id, row});
	}

	return items;
}

export interface SeverityCounts {
	readonly ok: number;
	readonly warning: number;
	readonly critical: number;
	readonly unknown: number;
	readonly unchecked: number;
}

export function countSeverities(rows: readonly Row[]): SeverityCounts {
	const counts = {ok: 0, warning: 0, critical: 0, unknown: 0, unchecked: 0};
	for (const row of rows) {
		if (row.severity === null) counts.unchecked++;
		else counts[row.severity]++;
	}

	return counts;
}

/** One line about an instance for its group header: URL, TLS warning, REST module, skew. */
export function instanceSummary(instance: Instance, report: InstanceReport | undefined): string {
	const parts = [instance.baseUrl];
	if (instance.insecureTls) parts.push('⚠ TLS verification OFF');
	if (report) {
		parts.push(`REST ${report.restModule === 'unknown' ? '?' : report.restModule}`);
		parts.push(`skew ${formatSkew(report.skewSeconds)}`);
	}

	return parts.join('  ');
}
