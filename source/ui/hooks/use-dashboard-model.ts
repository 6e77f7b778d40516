/**
 * Derives what the dashboard shows from the inventory, the engine snapshot and the UI state:
 * rows, the grouped list, the selection and the summary the keymap's disabledReason looks at.
 * Memoized per input, so a progress tick does not rebuild 1,000 rows twice.
 */
import {useMemo} from 'react';
import type {Inventory} from '../../core/model.js';
import type {IntegrationReport} from '../../core/report.js';
import type {EngineSnapshot} from '../../checks/types.js';
import {buildRows, filterRows, groupRows, sortRows, type ListItem, type Row} from '../../core/rows.js';
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

	const items = useMemo(() => {
		const shown = sortRows(filterRows(rows, state.filter), state.sort);
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
