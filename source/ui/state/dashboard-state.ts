/**
 * The dashboard's UI state in one reducer: cursor, marks, filter, sort, collapsed groups, view, the
 * overlay (one discriminated union) and the status line. Movement actions carry the current list,
 * and the reducer computes from its own latest state, so keys that arrive in one burst (held arrows,
 * tmux send-keys Down Enter) are never lost or applied to a stale cursor; a whole burst reaches
 * React as one 'batch' action (one render).
 */
import type {SortKey} from '../../core/rows.js';
import {instanceKey, nextSortKey} from '../../core/rows.js';
import type {OnboardingStep} from '../../core/diagnoses.js';
import {editField, moveFocus, stripControl, toggleRevealed, type FormState} from '../forms/form-model.js';
import {adminReducer, type AdminAction, type AdminOverlay} from '../admin/admin-state.js';
import type {KeyPress} from '../key-tokenizer.js';

/** One selectable line: its key and the integration ids it stands for (an instance: all of its). */
export interface ListEntry {
	readonly key: string;
	readonly ids: readonly string[];
}

type ConfirmAction =
	| {readonly type: 'remove-integration'; readonly id: string}
	| {readonly type: 'remove-instance'; readonly name: string}
	/** Esc on a form with typed changes: y discards them, n goes back to the form as it was. */
	| {readonly type: 'discard-form'; readonly form: FormState};

type Overlay =
	/** `back`: the admin view `?` was pressed in, shown again when the help closes. */
	| {readonly kind: 'help'; readonly offset: number; readonly back?: AdminOverlay}
	| {readonly kind: 'filter'; readonly previous: string}
	| {readonly kind: 'form'; readonly form: FormState}
	| {readonly kind: 'confirm'; readonly action: ConfirmAction; readonly message: string; readonly answers?: string}
	/**
	 * `pending`: keys of the read that opened the wizard, typed after `o` (or `f`) before its own
	 * listener was attached; the wizard takes them first when it mounts (then 'wizard-keys-taken').
	 */
	| {
			readonly kind: 'wizard';
			readonly instance: string;
			readonly integration: string;
			readonly step?: OnboardingStep;
			readonly pending?: readonly KeyPress[];
	  }
	| AdminOverlay
	| null;

export interface StatusLine {
	readonly text: string;
	readonly tone: 'info' | 'success' | 'error';
}

export interface DashboardState {
	readonly cursor: number;
	readonly cursorKey: string | null;
	readonly marks: ReadonlySet<string>;
	/** Where a `V` range started (a list key), or null. */
	readonly anchor: string | null;
	readonly filter: string;
	readonly sort: SortKey;
	/** Instance names whose integrations are hidden under their group line. */
	readonly collapsed: ReadonlySet<string>;
	readonly view: 'list' | 'detail';
	readonly overlay: Overlay;
	readonly status: StatusLine | null;
	readonly reveal: boolean;
	/** The detail view lists the passing probes too (E); folded by default. */
	readonly showPassing: boolean;
	readonly autoRefresh: boolean;
	/** First line shown in the detail view (it scrolls when taller than the terminal). */
	readonly detailOffset: number;
}

export type Action =
	| {readonly type: 'move'; readonly delta: number; readonly list: readonly ListEntry[]}
	| {readonly type: 'jump'; readonly to: 'start' | 'end'; readonly list: readonly ListEntry[]}
	| {readonly type: 'toggle-mark'; readonly list: readonly ListEntry[]}
	| {readonly type: 'extend-mark'; readonly delta: number; readonly list: readonly ListEntry[]}
	| {readonly type: 'range-mark'; readonly list: readonly ListEntry[]}
	| {readonly type: 'mark-all'; readonly list: readonly ListEntry[]}
	| {readonly type: 'unmark-all'}
	| {readonly type: 'set-filter'; readonly value: string}
	| {readonly type: 'open-filter'}
	| {readonly type: 'close-filter'; readonly keep: boolean}
	| {readonly type: 'cycle-sort'}
	| {readonly type: 'set-view'; readonly view: 'list' | 'detail'}
	| {readonly type: 'open'; readonly overlay: Exclude<Overlay, null>}
	| {readonly type: 'close'}
	/** `max`: the last offset the help can show (its last layout); the offset stays within 0..max. */
	| {readonly type: 'help-scroll'; readonly delta: number; readonly max?: number}
	/** Keys for the wizard that opened in the same read (its listener is not attached yet). */
	| {readonly type: 'wizard-keys'; readonly keys: readonly KeyPress[]}
	| {readonly type: 'wizard-keys-taken'}
	| {readonly type: 'form-edit'; readonly edit: Parameters<typeof editField>[1]}
	| {readonly type: 'form-focus'; readonly delta: number}
	| {readonly type: 'form-errors'; readonly errors: Readonly<Record<string, string>>; readonly formError?: string}
	| {readonly type: 'status'; readonly status: StatusLine | null}
	/** The status line's time is up: clears it unless another message replaced it meanwhile. */
	| {readonly type: 'status-expire'; readonly status: StatusLine}
	/** Collapse a group and put the cursor on its line (its rows are about to disappear). */
	| {readonly type: 'collapse'; readonly instance: string}
	| {readonly type: 'expand'; readonly instance: string}
	/** Every action of one input event, applied in order and rendered once. */
	| {readonly type: 'batch'; readonly actions: readonly Action[]}
	| {readonly type: 'toggle-reveal'}
	/** ctrl+r in an add/edit form: its secret fields in clear, or masked again. */
	| {readonly type: 'form-reveal'}
	| {readonly type: 'toggle-passing'}
	| {readonly type: 'detail-scroll'; readonly delta: number; readonly max?: number}
	| {readonly type: 'set-auto-refresh'; readonly on: boolean}
	| {readonly type: 'select'; readonly key: string; readonly list: readonly ListEntry[]}
	/** The admin view: a key (no run) or a result of run `run` (dropped when the view moved on). */
	| {readonly type: 'admin'; readonly update: AdminAction; readonly run?: number};

export function initialState(options: {autoRefresh?: boolean} = {}): DashboardState {
	return {
		cursor: 0,
		cursorKey: null,
		marks: new Set(),
		anchor: null,
		filter: '',
		sort: 'name',
		collapsed: new Set(),
		view: 'list',
		overlay: null,
		status: null,
		reveal: false,
		showPassing: false,
		autoRefresh: options.autoRefresh === true,
		detailOffset: 0,
	};
}

/** The cursor's index in `list`: follows its key when the list re-sorts, else keeps its position. */
export function cursorIndex(state: Pick<DashboardState, 'cursor' | 'cursorKey'>, list: readonly ListEntry[]): number {
	if (list.length === 0) return 0;
	if (state.cursorKey !== null) {
		const found = list.findIndex(entry => entry.key === state.cursorKey);
		if (found >= 0) return found;
	}

	return Math.min(Math.max(state.cursor, 0), list.length - 1);
}

function moveTo(state: DashboardState, list: readonly ListEntry[], index: number): DashboardState {
	if (list.length === 0) return {...state, cursor: 0, cursorKey: null};
	const clamped = Math.min(Math.max(index, 0), list.length - 1);
	return {...state, cursor: clamped, cursorKey: list[clamped]!.key, reveal: false, detailOffset: 0};
}

function withMarks(marks: ReadonlySet<string>, ids: readonly string[], on: boolean): ReadonlySet<string> {
	const next = new Set(marks);
	for (const id of ids) {
		if (on) next.add(id);
		else next.delete(id);
	}

	return next;
}

export function reducer(state: DashboardState, action: Action): DashboardState {
	switch (action.type) {
		case 'move': {
			return moveTo(state, action.list, cursorIndex(state, action.list) + action.delta);
		}

		case 'jump': {
			return moveTo(state, action.list, action.to === 'start' ? 0 : action.list.length - 1);
		}

		case 'select': {
			const index = action.list.findIndex(entry => entry.key === action.key);
			return index < 0 ? state : moveTo(state, action.list, index);
		}

		case 'toggle-mark': {
			const entry = action.list[cursorIndex(state, action.list)];
			if (!entry) return state;
			const allMarked = entry.ids.length > 0 && entry.ids.every(id => state.marks.has(id));
			return {...state, marks: withMarks(state.marks, entry.ids, !allMarked)};
		}

		case 'extend-mark': {
			const from = cursorIndex(state, action.list);
			const current = action.list[from];
			if (!current) return state;
			const moved = moveTo(state, action.list, from + action.delta);
			const target = action.list[moved.cursor];
			return {...moved, marks: withMarks(state.marks, [...current.ids, ...(target?.ids ?? [])], true)};
		}

		case 'range-mark': {
			const here = cursorIndex(state, action.list);
			const entry = action.list[here];
			if (!entry) return state;
			const start = state.anchor === null ? -1 : action.list.findIndex(candidate => candidate.key === state.anchor);
			if (start < 0) {
				return {
					...state,
					anchor: entry.key,
					marks: withMarks(state.marks, entry.ids, true),
					status: {text: 'Range started: move, then press V again to mark through the cursor', tone: 'info'},
				};
			}

			const [low, high] = start <= here ? [start, here] : [here, start];
			const ids = action.list.slice(low, high + 1).flatMap(candidate => candidate.ids);
			const marks = withMarks(state.marks, ids, true);
			return {...state, anchor: null, marks, status: {text: `Marked ${high - low + 1} rows (${marks.size} marked)`, tone: 'info'}};
		}

		case 'mark-all': {
			return {
				...state,
				marks: withMarks(
					state.marks,
					action.list.flatMap(entry => entry.ids),
					true,
				),
			};
		}

		case 'unmark-all': {
			return {...state, marks: new Set(), anchor: null};
		}

		case 'set-filter': {
			return {...state, filter: action.value};
		}

		case 'open-filter': {
			return {...state, overlay: {kind: 'filter', previous: state.filter}};
		}

		case 'close-filter': {
			return {...state, overlay: null, status: null, filter: action.keep ? state.filter : ''};
		}

		case 'cycle-sort': {
			const sort = nextSortKey(state.sort);
			return {...state, sort, status: {text: `Sorted by ${sortLabels[sort]}`, tone: 'info'}};
		}

		// A message belongs to the screen it was said on: changing screens clears it.
		case 'set-view': {
			return {...state, view: action.view, reveal: false, detailOffset: 0, status: action.view === state.view ? state.status : null};
		}

		case 'open': {
			return {...state, overlay: action.overlay, status: null};
		}

		case 'close': {
			// The help opened from the admin view goes back to it.
			return {...state, overlay: state.overlay?.kind === 'help' ? (state.overlay.back ?? null) : null, status: null};
		}

		case 'help-scroll': {
			if (state.overlay?.kind !== 'help') return state;
			return {...state, overlay: {...state.overlay, offset: clampOffset(state.overlay.offset + action.delta, action.max)}};
		}

		case 'wizard-keys': {
			if (state.overlay?.kind !== 'wizard') return state;
			return {...state, overlay: {...state.overlay, pending: [...(state.overlay.pending ?? []), ...action.keys]}};
		}

		case 'wizard-keys-taken': {
			if (state.overlay?.kind !== 'wizard' || state.overlay.pending === undefined) return state;
			const {pending: _taken, ...wizard} = state.overlay;
			return {...state, overlay: wizard};
		}

		case 'admin': {
			return withAdmin(state, overlay => adminReducer(overlay, action.update, action.run));
		}

		case 'form-edit': {
			if (state.overlay?.kind === 'filter') {
				const chars = [...state.filter];
				// The filter ignores control characters (a pasted line break, escape bytes) instead of refusing the text.
				if (action.edit.type === 'insert' || action.edit.type === 'paste')
					return {...state, filter: state.filter + stripControl(action.edit.text)};
				if (action.edit.type === 'backspace') return {...state, filter: chars.slice(0, -1).join('')};
				return state;
			}

			return withForm(state, form => editField(form, action.edit));
		}

		case 'form-focus': {
			return withForm(state, form => moveFocus(form, action.delta));
		}

		case 'form-errors': {
			return withForm(state, form => {
				const firstBad = form.fields.findIndex(field => field.name in action.errors);
				const moved = firstBad >= 0 ? moveFocus(form, firstBad - form.focus) : form;
				return {...moved, errors: action.errors, formError: action.formError};
			});
		}

		case 'status': {
			return {...state, status: action.status};
		}

		case 'status-expire': {
			return state.status === action.status ? {...state, status: null} : state;
		}

		case 'collapse': {
			const collapsed = new Set(state.collapsed).add(action.instance);
			return {...state, collapsed, cursorKey: instanceKey(action.instance)};
		}

		case 'expand': {
			const collapsed = new Set(state.collapsed);
			collapsed.delete(action.instance);
			return {...state, collapsed};
		}

		case 'batch': {
			return action.actions.reduce(reducer, state);
		}

		case 'detail-scroll': {
			return {...state, detailOffset: clampOffset(state.detailOffset + action.delta, action.max)};
		}

		case 'form-reveal': {
			// The add/edit form only: the admin login (its password and PIN) is never shown.
			if (state.overlay?.kind !== 'form') return state;
			return {...state, overlay: {kind: 'form', form: toggleRevealed(state.overlay.form)}};
		}

		case 'toggle-reveal': {
			return {...state, reveal: !state.reveal};
		}

		case 'toggle-passing': {
			return {...state, showPassing: !state.showPassing};
		}

		case 'set-auto-refresh': {
			return {...state, autoRefresh: action.on};
		}
	}
}

/** A scroll offset within 0..max (no upper bound while the pane's size is not known yet). */
function clampOffset(offset: number, max = Number.POSITIVE_INFINITY): number {
	return Math.max(0, Math.min(offset, Math.max(0, max)));
}

/** The open form (an add/edit form, or the admin view's login) changed by `change`. */
function withForm(state: DashboardState, change: (form: FormState) => FormState): DashboardState {
	const {overlay} = state;
	if (overlay?.kind === 'form') return {...state, overlay: {kind: 'form', form: change(overlay.form)}};
	if (overlay?.kind === 'admin' && overlay.view.phase === 'login')
		return {...state, overlay: {...overlay, view: {phase: 'login', form: change(overlay.view.form)}}};
	return state;
}

/** The admin view changed by `change`, also while the help opened from it is in front. */
function withAdmin(state: DashboardState, change: (overlay: AdminOverlay) => AdminOverlay): DashboardState {
	const {overlay} = state;
	if (overlay?.kind === 'admin') return {...state, overlay: change(overlay)};
	if (overlay?.kind === 'help' && overlay.back) return {...state, overlay: {...overlay, back: change(overlay.back)}};
	return state;
}

export const sortLabels: Readonly<Record<SortKey, string>> = {
	name: 'name',
	status: 'status (worst first)',
	latency: 'latency (slowest first)',
	checked: 'last checked (oldest first)',
};
