/**
 * The single input dispatcher: every key goes through the keymap table once. A command runs, or the
 * status line says why it did nothing (disabled now, works elsewhere, or no such key). Handlers read
 * the latest model through a ref, so keys arriving in one burst act on the current list.
 */
import {useCallback, useRef} from 'react';
import {useApp, type Key, useInput} from 'ink';
import type {Inventory} from '../../core/model.js';
import {removeInstance, removeIntegration} from '../../core/inventory-ops.js';
import {keyName, displayKey} from '../key-name.js';
import {keymap, matchKey, type CommandId} from '../keymap.js';
import {reducer, type Action, type DashboardState} from '../state/dashboard-state.js';
import {instanceForm, integrationForm, submitForm} from '../forms/form-model.js';
import type {DashboardModel} from './use-dashboard-model.js';
import type {ChecksEngine} from '../../checks/types.js';
import type {InventoryStore} from '../deps.js';
import {lookupDiagnosis} from '../diagnosis-lookup.js';

type InputMode = 'list' | 'detail' | 'form' | 'confirm' | 'help' | 'wizard';

export function inputMode(state: DashboardState): InputMode {
	switch (state.overlay?.kind) {
		case 'help': {
			return 'help';
		}

		case 'form':
		case 'filter': {
			return 'form';
		}

		case 'confirm': {
			return 'confirm';
		}

		case 'wizard': {
			return 'wizard';
		}

		default: {
			return state.view;
		}
	}
}

interface CommandDeps {
	readonly state: DashboardState;
	readonly dispatch: (action: Action) => void;
	readonly model: DashboardModel;
	readonly inventory: Inventory;
	readonly setInventory: (inventory: Inventory) => void;
	readonly store: InventoryStore;
	readonly engine: ChecksEngine;
	readonly pageSize: number;
	readonly refreshSeconds: number;
	readonly isActive: boolean;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function useCommands(deps: CommandDeps): void {
	const {exit} = useApp();
	// The latest state, advanced synchronously by every dispatch: a burst like "/abc" or "i" + text
	// in one write must see the mode its first key switched to, before React re-renders.
	const live = useRef(deps.state);
	live.current = deps.state;
	const dispatchNow = (action: Action): void => {
		live.current = reducer(live.current, action);
		deps.dispatch(action);
	};

	const ref = useRef(deps);
	ref.current = deps;

	const status = (text: string, tone: 'info' | 'success' | 'error' = 'info'): void => {
		dispatchNow({type: 'status', status: {text, tone}});
	};

	const save = (mutate: (inventory: Inventory) => Inventory): Inventory => {
		const next = ref.current.store.update(mutate);
		ref.current.setInventory(next);
		return next;
	};

	const runCheck = (ids: readonly string[], deep: boolean, what: string): void => {
		if (ids.length === 0) return;
		const text = `${deep ? 'Deep checking' : 'Checking'} ${what}`;
		status(text);
		ref.current.engine.check({ids, deep}).then(() => {
			// The header now says how the run ended: drop the "Checking ..." line unless something replaced it.
			if (live.current.status?.text === text) dispatchNow({type: 'status', status: null});
		}, (error: unknown) => {
			status(`Check failed: ${messageOf(error)}`, 'error');
		});
	};

	const selectedIds = (): readonly string[] => ref.current.model.list[ref.current.model.cursor]?.ids ?? [];
	const selectedLabel = (): string => {
		const item = ref.current.model.selected;
		if (!item) return '';
		return item.kind === 'row' ? item.row.id : `${item.instance.name} (${selectedIds().length} integrations)`;
	};

	const handlers: Record<CommandId, (key: string) => void> = {
		up: () => dispatchNow({type: 'move', delta: -1, list: ref.current.model.list}),
		down: () => dispatchNow({type: 'move', delta: 1, list: ref.current.model.list}),
		pageUp: () => dispatchNow({type: 'move', delta: -ref.current.pageSize, list: ref.current.model.list}),
		pageDown: () => dispatchNow({type: 'move', delta: ref.current.pageSize, list: ref.current.model.list}),
		home: () => dispatchNow({type: 'jump', to: 'start', list: ref.current.model.list}),
		end: () => dispatchNow({type: 'jump', to: 'end', list: ref.current.model.list}),
		open: () => dispatchNow({type: 'set-view', view: 'detail'}),
		back: () => dispatchNow({type: 'set-view', view: 'list'}),
		filter: () => dispatchNow({type: 'open-filter'}),
		sort: () => dispatchNow({type: 'cycle-sort'}),
		mark: () => dispatchNow({type: 'toggle-mark', list: ref.current.model.list}),
		markRange(key) {
			const {list} = ref.current.model;
			if (key === 'shift+down') dispatchNow({type: 'extend-mark', delta: 1, list});
			else if (key === 'shift+up') dispatchNow({type: 'extend-mark', delta: -1, list});
			else dispatchNow({type: 'range-mark', list});
		},
		markAll() {
			dispatchNow({type: 'mark-all', list: ref.current.model.list});
			status('Marked every visible row: C checks them');
		},
		unmarkAll() {
			dispatchNow({type: 'unmark-all'});
			status('Unmarked all');
		},
		check: () => runCheck(selectedIds(), false, selectedLabel()),
		deepCheck: () => runCheck(selectedIds(), true, selectedLabel()),
		checkMarked() {
			const known = new Set(ref.current.model.allIds);
			const ids = [...live.current.marks].filter(id => known.has(id));
			runCheck(ids, false, `${ids.length} marked integrations`);
		},
		checkAll: () => runCheck(ref.current.model.allIds, false, `all ${ref.current.model.allIds.length} integrations`),
		cancel() {
			ref.current.engine.cancel();
			status('Cancelled the running checks');
		},
		addInstance: () => dispatchNow({type: 'open', overlay: {kind: 'form', form: instanceForm()}}),
		addIntegration() {
			const item = ref.current.model.selected;
			const name = item?.kind === 'row' ? item.row.instance : item?.instance.name;
			if (name !== undefined) dispatchNow({type: 'open', overlay: {kind: 'form', form: integrationForm(name)}});
		},
		edit() {
			const item = ref.current.model.selected;
			const {inventory} = ref.current;
			if (item?.kind === 'instance') {
				const instance = inventory.instances.find(candidate => candidate.name === item.instance.name);
				if (instance) dispatchNow({type: 'open', overlay: {kind: 'form', form: instanceForm(instance)}});
			} else if (item?.kind === 'row') {
				const integration = inventory.instances.find(candidate => candidate.name === item.row.instance)
					?.integrations.find(candidate => candidate.name === item.row.integration);
				if (integration) dispatchNow({type: 'open', overlay: {kind: 'form', form: integrationForm(item.row.instance, integration)}});
			}
		},
		remove() {
			const item = ref.current.model.selected;
			if (item?.kind === 'row') {
				dispatchNow({type: 'open', overlay: {kind: 'confirm', action: {type: 'remove-integration', id: item.row.id},
					message: `Remove integration ${item.row.id} from the config?`}});
			} else if (item?.kind === 'instance') {
				const count = item.instance.integrations.length;
				dispatchNow({type: 'open', overlay: {kind: 'confirm', action: {type: 'remove-instance', name: item.instance.name},
					message: `Remove instance ${item.instance.name} and its ${count} integration${count === 1 ? '' : 's'} from the config?`}});
			}
		},
		onboard() {
			const item = ref.current.model.selected;
			if (item?.kind === 'row') dispatchNow({type: 'open', overlay: {kind: 'wizard', instance: item.row.instance, integration: item.row.integration}});
		},
		fix() {
			const item = ref.current.model.selected;
			const step = item?.kind === 'row' ? lookupDiagnosis(item.row.code)?.step : undefined;
			if (item?.kind === 'row' && step) {
				dispatchNow({type: 'open', overlay: {kind: 'wizard', instance: item.row.instance, integration: item.row.integration, step}});
			}
		},
		detailDown: () => dispatchNow({type: 'detail-scroll', delta: Math.max(1, ref.current.pageSize - 2)}),
		detailUp: () => dispatchNow({type: 'detail-scroll', delta: -Math.max(1, ref.current.pageSize - 2)}),
		reveal() {
			dispatchNow({type: 'toggle-reveal'});
			status(live.current.reveal ? 'Secrets revealed on screen: press v to hide them' : 'Secrets hidden');
		},
		autoRefresh() {
			const on = !live.current.autoRefresh;
			dispatchNow({type: 'set-auto-refresh', on});
			status(on ? `Auto-refresh on: every ${ref.current.refreshSeconds} s` : 'Auto-refresh off');
		},
		help: () => dispatchNow({type: 'open', overlay: {kind: 'help', offset: 0}}),
		quit: () => exit(),
		formNext() {
			if (live.current.overlay?.kind === 'form') dispatchNow({type: 'form-focus', delta: 1});
		},
		formPrev() {
			if (live.current.overlay?.kind === 'form') dispatchNow({type: 'form-focus', delta: -1});
		},
		formSubmit() {
			const {overlay} = live.current;
			if (overlay?.kind === 'filter') {
				dispatchNow({type: 'close-filter', keep: true});
				return;
			}

			if (overlay?.kind !== 'form') return;
			const result = submitForm(overlay.form);
			if (!result.ok) {
				dispatchNow({type: 'form-errors', errors: result.errors});
				return;
			}

			try {
				save(result.apply);
			} catch (error) {
				dispatchNow({type: 'form-errors', errors: {}, formError: messageOf(error)});
				return;
			}

			dispatchNow({type: 'close'});
			status([result.message, ...result.warnings].join('; '), result.warnings.length > 0 ? 'info' : 'success');
		},
		formCancel() {
			const {overlay} = live.current;
			if (overlay?.kind === 'filter') {
				dispatchNow({type: 'close-filter', keep: false});
				return;
			}

			dispatchNow({type: 'close'});
			status('Cancelled: nothing was saved');
		},
		formBackspace: () => dispatchNow({type: 'form-edit', edit: {type: 'backspace'}}),
		formLeft: () => dispatchNow({type: 'form-edit', edit: {type: 'left'}}),
		formRight: () => dispatchNow({type: 'form-edit', edit: {type: 'right'}}),
		confirmYes() {
			const {overlay} = live.current;
			if (overlay?.kind !== 'confirm') return;
			const {action} = overlay;
			try {
				if (action.type === 'remove-integration') save(inventory => removeIntegration(inventory, action.id));
				else save(inventory => removeInstance(inventory, action.name));
			} catch (error) {
				dispatchNow({type: 'close'});
				status(`Not removed: ${messageOf(error)}`, 'error');
				return;
			}

			dispatchNow({type: 'close'});
			dispatchNow({type: 'set-view', view: 'list'});
			status(`Removed ${action.type === 'remove-integration' ? action.id : action.name}`, 'success');
		},
		confirmNo() {
			dispatchNow({type: 'close'});
			status('Kept: nothing was removed');
		},
		helpScrollDown: key => dispatchNow({type: 'help-scroll', delta: key === 'pagedown' ? ref.current.pageSize : 1}),
		helpScrollUp: key => dispatchNow({type: 'help-scroll', delta: key === 'pageup' ? -ref.current.pageSize : -1}),
		helpClose: () => dispatchNow({type: 'close'}),
	};

	const handle = (input: string, key: Key) => {
		const name = keyName(input, key);
		const mode = inputMode(live.current);
		const match = matchKey(name, mode, {...ref.current.model.keymapState, view: live.current.view, markedCount: live.current.marks.size});
		switch (match.kind) {
			case 'run': {
				handlers[match.id](name);
				break;
			}

			case 'disabled': {
				status(`${displayKey(name)} (${keymap[match.id].description}) does nothing now: ${match.reason}`);
				break;
			}

			case 'elsewhere': {
				status(`${displayKey(name)}: ${match.reason}`);
				break;
			}

			case 'none': {
				// Typing goes through this one dispatcher too (a reducer action), so text typed or pasted
				// right after a form opens is never lost to a listener that is not attached yet.
				if (mode === 'form' && input.length > 0 && !key.ctrl && !key.meta) {
					dispatchNow({type: 'form-edit', edit: {type: 'insert', text: input}});
				} else if (mode === 'list' || mode === 'detail') {
					status(`${displayKey(name)} is not a key here: press ? for the keys`);
				}

				break;
			}
		}
	};

	const onInput = (input: string, key: Key) => {
		// A paste or a fast burst can bring text and Enter in one chunk ("northside\r"): replay it
		// key by key, so the Enter is not typed into the field as text and lost.
		if (input.length > 1 && /[\r\n]/.test(input) && !key.ctrl && !key.meta) {
			const parts = input.split(/\r\n|\r|\n/);
			for (const [index, part] of parts.entries()) {
				if (part !== '') handle(part, {...key, return: false});
				if (index < parts.length - 1) handle('\r', {...key, return: true});
			}

			return;
		}

		handle(input, key);
	};

	// One listener for the life of the dashboard: a handler whose identity changed every render made
	// Ink detach and re-attach it on every progress tick.
	const latest = useRef(onInput);
	latest.current = onInput;
	const stable = useCallback((input: string, key: Key) => {
		latest.current(input, key);
	}, []);
	useInput(stable, {isActive: deps.isActive});
}
