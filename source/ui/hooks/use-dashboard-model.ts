/**
 * Derives what the dashboard shows from the inventory, the engine snapshot and the UI state:
 * rows, the grouped list, the selection and the summary the keymap's disabledReason looks at.
 * Memoized per input, so a progress tick does not rebuild 1,000 rows twice. The derivations are
 * pure functions, so the dispatcher can re-derive the list mid-burst ("/abc" Enter "j" in one
 * read) from the state the burst has reached, before React re-renders.
 */
import {useMemo, useRef} from 'react';
import type {Inventory} from '../../core/model.js';
import type {InstanceReport, IntegrationReport} from '../../core/report.js';
import type {EngineSnapshot} from '../../checks/types.js';
import {filterRows, groupRows, sortRows, type ListItem, type Row} from '../../core/rows.js';
import {RowCache} from '../../core/row-cache.js';
import type {KeymapState} from '../keymap.js';
import type {DashboardState, ListEntry} from '../state/dashboard-state.js';
import {cursorIndex} from '../state/dashboard-state.js';
import type {HistoryStore} from '../deps.js';
import {lookupDiagnosis} from '../diagnosis-lookup.js';
import {adminKeyState} from '../admin/admin-state.js';

/** What the list depends on besides the UI state. */
export interface ModelBase {
	readonly rows: readonly Row[];
	readonly inventory: Inventory;
	readonly instanceReports: ReadonlyMap<string, InstanceReport>;
	readonly running: boolean;
	/** Indexes of `rows` sorted by name (kept per inventory: the default sort never re-sorts per batch). */
	readonly nameOrder?: readonly number[];
	/** The admin services are wired (the `m` key can log in). */
	readonly adminAvailable?: boolean;
}

/** The UI state the list is derived from. */
export type ListState = Pick<DashboardState, 'filter' | 'sort' | 'collapsed'>;

export interface ListView {
	readonly items: readonly ListItem[];
	readonly list: readonly ListEntry[];
	/** The state this view was derived from (the dispatcher compares it with the live state). */
	readonly from: ListState;
}

export interface DashboardModel extends ListView {
	readonly base: ModelBase;
	readonly rows: readonly Row[];
	readonly cursor: number;
	readonly selected: ListItem | undefined;
	readonly allIds: readonly string[];
	readonly keymapState: KeymapState;
	readonly running: boolean;
}

/** Filter, sort and group the rows; one entry per line, an instance line standing for its rows. */
export function listView(base: ModelBase, state: ListState): ListView {
	const byName =
		state.sort === 'name' && base.nameOrder?.length === base.rows.length ? base.nameOrder.map(index => base.rows[index]!) : undefined;
	const shown = byName ? filterRows(byName, state.filter) : sortRows(filterRows(base.rows, state.filter), state.sort);
	const items = groupRows(base.inventory, shown, {
		filtered: state.filter.trim().length > 0,
		instanceReports: base.instanceReports,
		collapsed: state.collapsed,
	});
	const list = items.map(item => (item.kind === 'instance' ? {key: item.key, ids: item.rowIds} : {key: item.key, ids: [item.row.id]}));
	return {items, list, from: {filter: state.filter, sort: state.sort, collapsed: state.collapsed}};
}

/** True when `view` was derived from the same filter, sort and collapsed groups as `state`. */
export function viewIsCurrent(view: ListView, state: ListState): boolean {
	return view.from.filter === state.filter && view.from.sort === state.sort && view.from.collapsed === state.collapsed;
}

/** The cursor, the selected line and the keymap's view of both, for `state`. */
export function modelFor(base: ModelBase, view: ListView, state: DashboardState): DashboardModel {
	const {items, list} = view;
	const cursor = cursorIndex(state, list);
	const selected = items[cursor];
	const selectedRow = selected?.kind === 'row' ? selected.row : undefined;
	const diagnosis = selectedRow?.report ? lookupDiagnosis(selectedRow.code) : undefined;
	const keymapState: KeymapState = {
		view: state.view,
		selected,
		cursorIndex: cursor,
		itemCount: items.length,
		markedCount: state.marks.size,
		instanceCount: base.inventory.instances.length,
		integrationCount: base.rows.length,
		running: base.running,
		rangeAnchor: state.anchor !== null,
		fixStep: selectedRow?.report ? (diagnosis?.step ?? null) : undefined,
		selectedHealthy: selectedRow?.severity === 'ok',
		filterActive: state.filter.trim().length > 0,
		groupCollapsed: selected?.kind === 'instance' ? selected.collapsed : undefined,
		adminAvailable: base.adminAvailable === true,
		admin: state.overlay?.kind === 'admin' ? adminKeyState(state.overlay) : null,
		formSecrets: state.overlay?.kind === 'form' && state.overlay.form.fields.some(field => field.secret === true),
	};
	return {...view, base, rows: base.rows, cursor, selected, allIds: base.rows.map(row => row.id), keymapState, running: base.running};
}

export function useDashboardModel(options: {
	readonly inventory: Inventory;
	readonly snapshot: EngineSnapshot;
	readonly saved: ReadonlyMap<string, IntegrationReport>;
	readonly history?: HistoryStore;
	readonly state: DashboardState;
	readonly now: number;
	readonly adminAvailable?: boolean;
}): DashboardModel {
	const {inventory, snapshot, saved, history, state, now, adminAvailable} = options;
	// Scale (see source/core/row-cache.ts): rows are kept between renders and only the ids the engine
	// says changed are formatted again, so a progress batch costs what it finished, not N rows.
	const cache = useRef<{rows: RowCache; snapshot?: EngineSnapshot; saved?: unknown; history?: unknown}>({rows: new RowCache()});
	const rows = useMemo(() => {
		const seen = cache.current;
		const same = seen.saved === saved && seen.history === history;
		const complete =
			same &&
			seen.snapshot !== undefined &&
			snapshot.changed !== undefined &&
			snapshot.sequence !== undefined &&
			snapshot.sequence === (seen.snapshot.sequence ?? Number.NaN) + 1;
		const changed = same && seen.snapshot === snapshot ? new Set<string>() : complete ? snapshot.changed : undefined;
		Object.assign(seen, {snapshot, saved, history});
		// Only failing rows ask the history when they broke.
		const brokenSince = (id: string, report: IntegrationReport | undefined): number | undefined =>
			report && report.severity !== 'ok' ? history?.brokenSince(id) : undefined;
		return seen.rows.update({
			inventory,
			report: id => snapshot.results.get(id) ?? saved.get(id),
			inFlight: snapshot.inFlight,
			brokenSince,
			now,
			changed,
		}) as Row[];
	}, [inventory, snapshot, saved, history, now]);

	const running = snapshot.inFlight.size > 0;
	const base = useMemo<ModelBase>(
		() => ({
			rows,
			inventory,
			instanceReports: snapshot.instances,
			running,
			nameOrder: cache.current.rows.nameOrder(),
			adminAvailable,
		}),
		[rows, inventory, snapshot.instances, running, adminAvailable],
	);
	const {filter, sort, collapsed} = state;
	const view = useMemo(() => listView(base, {filter, sort, collapsed}), [base, filter, sort, collapsed]);
	const allIds = useMemo(() => rows.map(row => row.id), [rows]);
	return {...modelFor(base, view, state), allIds};
}
