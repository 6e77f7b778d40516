/**
 * Derives what the dashboard shows from the inventory, the engine snapshot and the UI state:
 * rows, the grouped list, the selection and the summary the keymap's disabledReason looks at.
 * Memoized per input, so a progress tick does not rebuild 1,000 rows twice.
 */
import {useMemo, useRef} from 'react';
import type {Inventory} from '../../core/model.js';
import type {IntegrationReport} from '../../core/report.js';
import type {EngineSnapshot} from '../../checks/types.js';
import {filterRows, groupRows, sortRows, type ListItem, type Row} from '../../core/rows.js';
import {RowCache} from '../../core/row-cache.js';
import type {KeymapState} from '../keymap.js';
import type {DashboardState, ListEntry} from '../state/dashboard-state.js';
import {cursorIndex} from '../state/dashboard-state.js';
import type {HistoryStore} from '../deps.js';
import {lookupDiagnosis} from '../diagnosis-lookup.js';

export interface DashboardModel {
	readonly rows: readonly Row[];
	readonly items: readonly ListItem[];
	readonly list: readonly ListEntry[];
	readonly cursor: number;
	readonly selected: ListItem | undefined;
	readonly allIds: readonly string[];
	readonly keymapState: KeymapState;
	readonly running: boolean;
}

export function useDashboardModel(options: {
	readonly inventory: Inventory;
	readonly snapshot: EngineSnapshot;
	readonly saved: ReadonlyMap<string, IntegrationReport>;
	readonly history?: HistoryStore;
	readonly state: DashboardState;
	readonly now: number;
}): DashboardModel {
	const {inventory, snapshot, saved, history, state, now} = options;
	// Scale (see source/core/row-cache.ts): rows are kept between renders and only the ids the engine
	// says changed are formatted again, so a progress batch costs what it finished, not N rows.
	const cache = useRef<{rows: RowCache; snapshot?: EngineSnapshot; saved?: unknown; history?: unknown}>({rows: new RowCache()});
	const rows = useMemo(() => {
		const seen = cache.current;
		const complete = seen.snapshot !== undefined && seen.saved === saved && seen.history === history
			&& snapshot.changed !== undefined && snapshot.sequence !== undefined && snapshot.sequence === (seen.snapshot.sequence ?? Number.NaN) + 1;
		const changed = seen.snapshot === snapshot && seen.saved === saved && seen.history === history ? new Set<string>() : complete ? snapshot.changed : undefined;
		Object.assign(seen, {snapshot, saved, history});
		// Only failing rows ask the history when they broke.
		const brokenSince = (id: string, report: IntegrationReport | undefined): number | undefined =>
			report && report.severity !== 'ok' ? history?.brokenSince(id) : undefined;
		return seen.rows.update({
			inventory, report: id => snapshot.results.get(id) ?? saved.get(id), inFlight: snapshot.inFlight, brokenSince, now, changed,
		}) as Row[];
	}, [inventory, snapshot, saved, history, now]);

	const items = useMemo(() => {
		// By name (the default) the order follows the inventory alone: kept, not sorted per batch.
		const order = cache.current.rows.nameOrder();
		const sorted = state.sort === 'name' && order.length === rows.length ? order.map(index => rows[index]!) : sortRows(rows, state.sort);
		const shown = filterRows(sorted, state.filter);
		return groupRows(inventory, shown, {filtered: state.filter.trim().length > 0, instanceReports: snapshot.instances});
	}, [rows, state.filter, state.sort, inventory, snapshot.instances]);

	const list = useMemo<ListEntry[]>(() => {
		// An instance line stands for the visible rows under it (linear: rows follow their header).
		const entries: Array<{key: string; ids: string[]}> = [];
		let header: {key: string; ids: string[]} | undefined;
		for (const item of items) {
			if (item.kind === 'instance') {
				header = {key: item.key, ids: []};
				entries.push(header);
			} else {
				header?.ids.push(item.row.id);
				entries.push({key: item.key, ids: [item.row.id]});
			}
		}

		return entries;
	}, [items]);

	const cursor = cursorIndex(state, list);
	const selected = items[cursor];
	const running = snapshot.inFlight.size > 0;
	const allIds = useMemo(() => rows.map(row => row.id), [rows]);
	const selectedRow = selected?.kind === 'row' ? selected.row : undefined;
	const diagnosis = selectedRow?.report ? lookupDiagnosis(selectedRow.code) : undefined;
	const keymapState: KeymapState = {
		view: state.view,
		selected,
		cursorIndex: cursor,
		itemCount: items.length,
		markedCount: state.marks.size,
		instanceCount: inventory.instances.length,
		integrationCount: rows.length,
		running,
		rangeAnchor: state.anchor !== null,
		fixStep: selectedRow?.report ? (diagnosis?.step ?? null) : undefined,
		selectedHealthy: selectedRow?.severity === 'ok',
	};
	return {rows, items, list, cursor, selected, allIds, keymapState, running};
}
