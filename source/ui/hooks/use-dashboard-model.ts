/**
 * Derives what the dashboard shows from the inventory, the engine snapshot and the UI state:
 * rows, the grouped list, the selection and the summary the keymap's disabledReason looks at.
 * Memoized per input, so a progress tick does not rebuild 1,000 rows twice. The derivations are
 * pure functions, so the dispatcher can re-derive the list mid-burst ("/abc" Enter "j" in one
 * read) from the state the burst has reached, before React re-renders.
 */
import {useMemo} from 'react';
import type {Inventory} from '../../core/model.js';
import type {InstanceReport, IntegrationReport} from '../../core/report.js';
import type {EngineSnapshot} from '../../checks/types.js';
import {buildRows, filterRows, groupRows, sortRows, type ListItem, type Row} from '../../core/rows.js';
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
	const shown = sortRows(filterRows(base.rows, state.filter), state.sort);
	const items = groupRows(base.inventory, shown, {filtered: state.filter.trim().length > 0, instanceReports: base.instanceReports, collapsed: state.collapsed});
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
	const results = useMemo(() => {
		if (saved.size === 0) return snapshot.results;
		const merged = new Map(saved);
		for (const [id, report] of snapshot.results) merged.set(id, report);
		return merged;
	}, [saved, snapshot.results]);

	const rows = useMemo(() => {
		const cache = new Map<string, number | undefined>();
		const brokenSince = history
			? (id: string): number | undefined => {
				if (!cache.has(id)) cache.set(id, history.brokenSince(id));
				return cache.get(id);
			}
			: undefined;
		// Only failing rows ask the history when they broke (one file read per failing id, cached).
		const failing = (id: string): number | undefined => {
			const severity = results.get(id)?.severity;
			return severity && severity !== 'ok' ? brokenSince?.(id) : undefined;
		};

		return buildRows({inventory, results, inFlight: snapshot.inFlight, brokenSince: failing, now});
	}, [inventory, results, snapshot.inFlight, history, now]);

	const running = snapshot.inFlight.size > 0;
	const base = useMemo<ModelBase>(() => ({rows, inventory, instanceReports: snapshot.instances, running, adminAvailable}), [rows, inventory, snapshot.instances, running, adminAvailable]);
	const {filter, sort, collapsed} = state;
	const view = useMemo(() => listView(base, {filter, sort, collapsed}), [base, filter, sort, collapsed]);
	const allIds = useMemo(() => rows.map(row => row.id), [rows]);
	return {...modelFor(base, view, state), allIds};
}
