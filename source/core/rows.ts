/**
 * The dashboard's rows as pure data: inventory + check results -> cells, columns chosen by
 * terminal width, filtering and sorting. No Ink here, so all of it is unit-tested without a terminal.
 */
import {diagnosis} from './diagnoses.js';
import type {Instance, Inventory} from './model.js';
import {integrationId} from './model.js';
import type {InstanceReport, IntegrationReport, Severity} from './report.js';
import {checkingStyle, statusTheme, uncheckedStyle, type StatusStyle} from './status-theme.js';

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
	const left = expiresAt - (nowMs / 1000);
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
	ok: 'ok', 'bad-key': 'bad key', rejected: 'rejected', unchecked: '-',
};

function actingAs(report: IntegrationReport | undefined): string {
	const identity = report?.identity;
	if (!identity) return '-';
	return identity.name ? `${identity.providerNo} ${identity.name}` : identity.providerNo;
}

/** Build one row per configured integration, in inventory order. */
export function buildRows(input: RowsInput): Row[] {
	const rows: Row[] = [];
	for (const instance of input.inventory.instances) {
		for (const integration of instance.integrations) {
			const id = integrationId(instance.name, integration.name);
			const report = input.results.get(id);
			const checking = input.inFlight?.has(id) === true;
			const severity = report?.severity ?? null;
			const status = checking ? checkingStyle : severity === null ? uncheckedStyle : statusTheme[severity];
			const brokenSince = input.brokenSince?.(id);
			rows.push({
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
					token: report ? (report.token === 'unchecked' ? '-' : report.token) : (integration.accessToken ? '-' : 'missing'),
					actingAs: actingAs(report),
					expiry: report ? formatExpiry(report.expiresAt, input.now) : '-',
					latency: formatLatency(report?.latencyMs),
					checked: formatAgo(report?.checkedAt, input.now),
				},
			});
		}
	}

	return rows;
}

// Columns ---------------------------------------------------------------------------------------

/** Room taken before the first cell: cursor, mark and TLS-warning markers, then a space. */
export const rowPrefixWidth = 4;
const minNameWidth = 28;
const fixed: Readonly<Record<Exclude<ColumnId, 'name'>, Omit<Column, 'id'>>> = {
	status: {title: 'STATUS', width: 10, align: 'left'},
	problem: {title: 'PROBLEM', width: 25, align: 'left'},
	rest: {title: 'REST', width: 4, align: 'left'},
	credentials: {title: 'CREDS', width: 8, align: 'left'},
	skew: {title: 'SKEW', width: 8, align: 'right'},
	token: {title: 'TOKEN', width: 8, align: 'left'},
	actingAs: {title: 'ACTING AS', width: 16, align: 'left'},
	expiry: {title: 'EXPIRES', width: 9, align: 'left'},
	latency: {title: 'LATENCY', width: 8, align: 'right'},
	checked: {title: 'CHECKED', width: 10, align: 'right'},
};
const displayOrder: readonly ColumnId[] = ['name', 'status', 'problem', 'rest', 'credentials', 'skew', 'token', 'actingAs', 'expiry', 'latency', 'checked'];
// The diagnosis title beats raw cells at 80 columns: a support desk reads the problem first.
const required: readonly ColumnId[] = ['name', 'status', 'problem', 'checked'];
/** Added in this order while the name column keeps at least `minNameWidth`. */
const optional: ReadonlyArray<Exclude<ColumnId, 'name'>> = ['token', 'skew', 'latency', 'expiry', 'rest', 'credentials', 'actingAs'];

/**
 * The columns that fit `width` terminal columns: 80 gives name, status, problem and last checked;
 * wider terminals add token, skew, latency, expiry, REST module, credentials and acting-as.
 */
export function columnsForWidth(width: number): Column[] {
	const chosen = new Set<ColumnId>(required);
	const used = (ids: Iterable<ColumnId>): number => {
		let total = rowPrefixWidth;
		for (const id of ids) if (id !== 'name') total += fixed[id].width + 1;
		return total;
	};

	for (const id of optional) {
		if (width - used([...chosen, id]) < minNameWidth) break;
		chosen.add(id);
	}

	const nameWidth = Math.max(8, width - used(chosen));
	return displayOrder.filter(id => chosen.has(id)).map(id => id === 'name'
		? {id, title: 'INTEGRATION', width: nameWidth, align: 'left' as const}
		: {id, ...fixed[id]});
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

export function headerText(columns: readonly Column[]): string {
	return columns.map(column => fitCell(column.title, column.width, column.align)).join(' ');
}

// Filtering and sorting -------------------------------------------------------------------------

/**
 * The `/` filter: whitespace-separated terms, all must match (case-insensitive). `tag:x` matches a
 * tag exactly; any other term matches part of the name, instance, id, status word or diagnosis code.
 */
export function filterRows(rows: readonly Row[], query: string): Row[] {
	const terms = query.toLowerCase().split(/\s+/).filter(term => term.length > 0);
	if (terms.length === 0) return [...rows];
	return rows.filter(row => terms.every(term => rowMatches(row, term)));
}

function rowMatches(row: Row, term: string): boolean {
	if (term.startsWith('tag:')) {
		const tag = term.slice(4);
		return row.tags.some(value => value.toLowerCase() === tag);
	}

	return [row.integration, row.instance, row.id, row.status.word, row.code ?? '']
		.some(value => value.toLowerCase().includes(term));
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
		status: (a, b) => (rank(b) - rank(a)) || byName(a, b),
		latency: (a, b) => ((b.latencyMs ?? -1) - (a.latencyMs ?? -1)) || byName(a, b),
		checked: (a, b) => ((a.checkedAt ?? -1) - (b.checkedAt ?? -1)) || byName(a, b),
	};
	return copy.sort(compare[key]);
}

function rank(row: Row): number {
	return row.severity === null ? 0 : severityOrder[row.severity];
}

// Grouping --------------------------------------------------------------------------------------

interface InstanceItem {
	readonly kind: 'instance';
	readonly key: string;
	readonly instance: Instance;
	readonly report?: InstanceReport;
	readonly rowCount: number;
}

interface RowItem {
	readonly kind: 'row';
	readonly key: string;
	readonly row: Row;
}

/** A line of the list: an instance header or one of its integrations. */
export type ListItem = InstanceItem | RowItem;

function instanceKey(name: string): string {
	return `instance:${name}`;
}

/**
 * Group already filtered and sorted rows under their instance. Groups follow their first row (so a
 * status sort puts the instance with the worst row first); instances without matching rows are kept
 * only when the filter is empty (so a new, empty instance is still visible and selectable).
 */
export function groupRows(inventory: Inventory, rows: readonly Row[], options: {
	readonly filtered: boolean;
	readonly instanceReports?: ReadonlyMap<string, InstanceReport>;
}): ListItem[] {
	const byInstance = new Map<string, Row[]>();
	for (const row of rows) {
		const list = byInstance.get(row.instance);
		if (list) list.push(row);
		else byInstance.set(row.instance, [row]);
	}

	const order = [...byInstance.keys()];
	if (!options.filtered) {
		for (const instance of [...inventory.instances].sort((a, b) => a.name.localeCompare(b.name))) {
			if (!byInstance.has(instance.name)) order.push(instance.name);
		}
	}

	const items: ListItem[] = [];
	for (const name of order) {
		const instance = inventory.instances.find(candidate => candidate.name === name);
		if (!instance) continue;
		const members = byInstance.get(name) ?? [];
		items.push({kind: 'instance', key: instanceKey(name), instance, report: options.instanceReports?.get(name), rowCount: members.length});
		for (const row of members) items.push({kind: 'row', key: row.id, row});
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
