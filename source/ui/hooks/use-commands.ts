/**
 * The single input dispatcher: every key goes through the keymap table once. A command runs, or the
 * status line says why it did nothing (disabled now, works elsewhere, or no such key).
 *
 * Keys come from the one listener (use-keypress.ts), already split: a held `j` is twenty keys, a
 * bracketed paste one 'paste' key. The keys of one read are applied in order to the latest state
 * (a ref advanced synchronously by every action, and a list re-derived when the burst changed the
 * filter, sort or groups), then reach React as ONE batch action, so a burst renders once and no key
 * acts on a stale cursor or mode.
 */
import {useEffect, useRef} from 'react';
import {useApp, useStdout} from 'ink';
import type {Inventory} from '../../core/model.js';
import {integrationId} from '../../core/model.js';
import {InventoryError, removeInstance, removeIntegration} from '../../core/inventory-ops.js';
import {fixCommands} from '../../core/fix-commands.js';
import {fixContextFor, fixSteps} from '../../core/fix-steps.js';
import {thisMachine} from '../../onboarding/this-machine.js';
import {osc52} from '../../core/onboarding/terminal-escapes.js';
import {displayKey} from '../key-name.js';
import {escapeKey, type KeyPress} from '../key-tokenizer.js';
import {keymap, matchKey, type CommandId, type InputMode} from '../keymap.js';
import {reducer, type Action, type DashboardState, type StatusLine} from '../state/dashboard-state.js';
import {formIsDirty, instanceForm, integrationForm, submitForm} from '../forms/form-model.js';
import {listView, modelFor, viewIsCurrent, type DashboardModel, type ListView} from './use-dashboard-model.js';
import {useKeypress} from './use-keypress.js';
import type {ChecksEngine} from '../../checks/types.js';
import type {InventoryStore} from '../deps.js';
import {lookupDiagnosis} from '../diagnosis-lookup.js';
import {auditFixCommand} from '../../core/admin/index.js';
import {openAdmin, type AdminOverlay} from '../admin/admin-state.js';
import type {AdminAuditControl} from '../admin/use-admin-audit.js';
import type {AdminLayout} from '../admin/admin-view.js';
import {loginCredentials} from '../admin/login-form.js';
import type {HelpLayout} from '../components/help-overlay.js';
import type {DetailLayout} from '../components/detail-pane.js';

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

		case 'admin': {
			return state.overlay.view.phase === 'login' ? 'login' : 'admin';
		}

		default: {
			return state.view;
		}
	}
}

/** How long a status-line message stays (an error a little longer), unless the screen changes first. */
const statusLifetimeMs = {info: 5000, success: 5000, error: 10_000} as const;

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
	/** Ctrl+L: clear the terminal and draw the frame again. */
	readonly repaint?: () => void;
	/** Status-line lifetime override in ms (tests shorten it). */
	readonly statusMs?: number;
	/** Environment for OSC 52 (inside tmux the sequence is wrapped). */
	readonly env: NodeJS.ProcessEnv;
	/** Runs the admin view's audit (m). */
	readonly admin?: AdminAuditControl;
	/** The admin view's last layout (where its findings start, how far it scrolls). */
	readonly adminLayout?: {readonly current: AdminLayout | undefined};
	/** The help's last layout (how far it scrolls). */
	readonly helpLayout?: {readonly current: HelpLayout | undefined};
	/** The detail's last layout (how far it scrolls). */
	readonly detailLayout?: {readonly current: DetailLayout | undefined};
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What `y` copies for the selection: the fix command in the detail view, else the id or the URL. */
function copyTarget(
	model: DashboardModel,
	view: DashboardState['view'],
	env: NodeJS.ProcessEnv,
): {text: string; label: string} | undefined {
	const item = model.selected;
	if (!item) return undefined;
	const instance = model.base.inventory.instances.find(
		candidate => candidate.name === (item.kind === 'row' ? item.row.instance : item.instance.name),
	);
	if (item.kind === 'instance' || !instance)
		return {text: instance?.baseUrl ?? '', label: `the URL of ${item.kind === 'instance' ? item.instance.name : item.row.instance}`};
	const diagnosis = lookupDiagnosis(item.row.code);
	if (view === 'detail' && diagnosis && diagnosis.fix.length > 0) {
		// The steps the detail view shows, with this integration's values (core/fix-steps.ts).
		const integration = instance.integrations.find(candidate => candidate.name === item.row.integration);
		const fix = integration
			? fixSteps(
					diagnosis.code,
					fixContextFor({id: item.row.id, instance, integration, probes: item.row.report?.probes, machine: thisMachine(env)}),
				)
			: [...diagnosis.fix];
		const command = fixCommands(fix, instance)[0];
		if (command) return {text: command, label: `the fix command "${command}"`};
		const steps = fix.map((step, index) => `${index + 1}. ${step}`).join('\n');
		return {text: `${item.row.id}: ${diagnosis.summary}\n${steps}`, label: `the fix steps for ${item.row.id}`};
	}

	return {text: item.row.id, label: item.row.id};
}

/** What `y` copies in the admin view: the selected finding's fix command (ID filled in), else its steps. */
function adminCopyTarget(overlay: AdminOverlay): {text: string; label: string} | undefined {
	const {view} = overlay;
	if (view.phase !== 'report') return undefined;
	const finding = view.report.findings[view.selected];
	if (!finding) return undefined;
	const command = auditFixCommand(finding, {baseUrl: view.report.baseUrl});
	if (command) return {text: command, label: `the fix command "${command}"`};
	const steps = finding.fix.map((step, index) => `${index + 1}. ${step}`).join('\n');
	return {text: `${overlay.instance}: ${finding.code}: ${finding.summary}\n${steps}`, label: `the fix steps of ${finding.code}`};
}

export function useCommands(deps: CommandDeps): void {
	const {exit} = useApp();
	const {write} = useStdout();
	// The latest state, advanced synchronously by every action. While a read's keys are applied,
	// `batch` collects their actions; React gets them as one action at the end (one render).
	const live = useRef(deps.state);
	const batch = useRef<Action[] | undefined>(undefined);
	if (batch.current === undefined) live.current = deps.state;
	const dispatchNow = (action: Action): void => {
		live.current = reducer(live.current, action);
		if (batch.current) batch.current.push(action);
		else deps.dispatch(action);
	};

	const ref = useRef(deps);
	ref.current = deps;

	// The list a burst derived for itself, kept until the next render (a burst of 20 keys derives it once).
	const derived = useRef<ListView | undefined>(undefined);
	derived.current = undefined;

	/** The model for the state the burst has reached (the rendered one when nothing changed the list). */
	const current = (): DashboardModel => {
		const {model} = ref.current;
		let view: ListView = model;
		if (!viewIsCurrent(model, live.current)) {
			if (!derived.current || !viewIsCurrent(derived.current, live.current)) derived.current = listView(model.base, live.current);
			view = derived.current;
		}

		return {...modelFor(model.base, view, live.current), allIds: model.allIds};
	};

	// A message lives a few seconds; a newer message, or another screen, replaces it sooner.
	const {status} = deps.state;
	useEffect(() => {
		if (!status) return undefined;
		const timer = setTimeout(() => {
			deps.dispatch({type: 'status-expire', status});
		}, ref.current.statusMs ?? statusLifetimeMs[status.tone]);
		return () => {
			clearTimeout(timer);
		};
	}, [status, deps.dispatch]);

	const say = (text: string, tone: StatusLine['tone'] = 'info'): void => {
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
		say(text);
		ref.current.engine.check({ids, deep}).then(
			() => {
				// The header now says how the run ended: drop the "Checking ..." line unless something replaced it.
				if (live.current.status?.text === text) dispatchNow({type: 'status', status: null});
			},
			(error: unknown) => {
				say(`Check failed: ${messageOf(error)}`, 'error');
			},
		);
	};

	/** After an edit the affected rows are checked again, quietly: their status shows CHECKING, then the result. */
	const recheck = (inventory: Inventory, target: {readonly instance: string; readonly integration?: string}): void => {
		const instance = inventory.instances.find(candidate => candidate.name === target.instance);
		const ids = (instance?.integrations ?? [])
			.filter(integration => target.integration === undefined || integration.name === target.integration)
			.map(integration => integrationId(target.instance, integration.name));
		if (ids.length > 0) ref.current.engine.check({ids}).catch(() => undefined);
	};

	const selectedIds = (): readonly string[] => {
		const model = current();
		return model.list[model.cursor]?.ids ?? [];
	};

	const selectedLabel = (): string => {
		const item = current().selected;
		if (!item) return '';
		return item.kind === 'row' ? item.row.id : `${item.instance.name} (${selectedIds().length} integrations)`;
	};

	const groupOfSelection = (): string | undefined => {
		const item = current().selected;
		return item?.kind === 'row' ? item.row.instance : item?.instance.name;
	};

	const adminOverlay = (): AdminOverlay | undefined => (live.current.overlay?.kind === 'admin' ? live.current.overlay : undefined);

	/** Scroll the admin view to `offset` (clamped to what its last layout can show); the finding at the top gets selected. */
	const adminScrollTo = (offset: number, selected?: number): void => {
		const layout = ref.current.adminLayout?.current;
		const clamped = Math.min(Math.max(0, offset), layout?.maxOffset ?? offset);
		const starts = layout?.starts ?? [];
		const top = starts.reduce((found, start, index) => (start <= clamped ? index : found), 0);
		dispatchNow({type: 'admin', update: {type: 'scroll', offset: clamped, selected: selected ?? (starts.length > 0 ? top : undefined)}});
	};

	const adminSelect = (delta: number): void => {
		const view = adminOverlay()?.view;
		if (view?.phase !== 'report') return;
		const selected = Math.min(Math.max(0, view.selected + delta), view.report.findings.length - 1);
		adminScrollTo(ref.current.adminLayout?.current?.starts[selected] ?? 0, selected);
	};

	const adminPage = (pages: number): void => {
		const view = adminOverlay()?.view;
		if (view?.phase !== 'report' && view?.phase !== 'failed') return;
		adminScrollTo(view.offset + pages * (ref.current.adminLayout?.current?.page ?? ref.current.pageSize));
	};

	const helpPage = (): number => ref.current.helpLayout?.current?.page ?? ref.current.pageSize;

	/**
	 * Keys of the read that opened the wizard, after the `o` (or `f`): its own listener attaches
	 * with its first frame, so they wait in the overlay and the wizard takes them first.
	 */
	const forWizard = (key: KeyPress, mode: InputMode): boolean => {
		if (mode !== 'wizard' || ref.current.state.overlay?.kind === 'wizard') return false;
		dispatchNow({type: 'wizard-keys', keys: [key]});
		return true;
	};

	const handlers: Record<CommandId, (key: string) => void> = {
		up: () => dispatchNow({type: 'move', delta: -1, list: current().list}),
		down: () => dispatchNow({type: 'move', delta: 1, list: current().list}),
		pageUp: () => dispatchNow({type: 'move', delta: -ref.current.pageSize, list: current().list}),
		pageDown: () => dispatchNow({type: 'move', delta: ref.current.pageSize, list: current().list}),
		home: () => dispatchNow({type: 'jump', to: 'start', list: current().list}),
		end: () => dispatchNow({type: 'jump', to: 'end', list: current().list}),
		open(key) {
			const item = current().selected;
			if (key === 'enter' && item?.kind === 'instance') {
				dispatchNow(item.collapsed ? {type: 'expand', instance: item.instance.name} : {type: 'collapse', instance: item.instance.name});
				return;
			}

			dispatchNow({type: 'set-view', view: 'detail'});
		},
		collapse() {
			const name = groupOfSelection();
			if (name !== undefined) dispatchNow({type: 'collapse', instance: name});
		},
		expand() {
			const name = groupOfSelection();
			if (name !== undefined) dispatchNow({type: 'expand', instance: name});
		},
		clearFilter() {
			dispatchNow({type: 'set-filter', value: ''});
			say('Filter cleared: every row is shown');
		},
		copy() {
			const target = copyTarget(current(), live.current.view, deps.env);
			if (!target) return;
			write(osc52(target.text, ref.current.env));
			say(`Copied ${target.label} (OSC 52: the terminal must allow clipboard writes)`, 'success');
		},
		back: () => dispatchNow({type: 'set-view', view: 'list'}),
		filter: () => dispatchNow({type: 'open-filter'}),
		sort: () => dispatchNow({type: 'cycle-sort'}),
		mark: () => dispatchNow({type: 'toggle-mark', list: current().list}),
		markRange(key) {
			const {list} = current();
			if (key === 'shift+down') dispatchNow({type: 'extend-mark', delta: 1, list});
			else if (key === 'shift+up') dispatchNow({type: 'extend-mark', delta: -1, list});
			else dispatchNow({type: 'range-mark', list});
		},
		markAll() {
			dispatchNow({type: 'mark-all', list: current().list});
			say('Marked every visible row: C checks them');
		},
		unmarkAll() {
			dispatchNow({type: 'unmark-all'});
			say('Unmarked all');
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
			say('Cancelled the running checks');
		},
		addInstance: () => dispatchNow({type: 'open', overlay: {kind: 'form', form: instanceForm()}}),
		addIntegration() {
			const name = groupOfSelection();
			if (name !== undefined) dispatchNow({type: 'open', overlay: {kind: 'form', form: integrationForm(name)}});
		},
		edit() {
			const item = current().selected;
			const {inventory} = ref.current;
			if (item?.kind === 'instance') {
				const instance = inventory.instances.find(candidate => candidate.name === item.instance.name);
				if (instance) dispatchNow({type: 'open', overlay: {kind: 'form', form: instanceForm(instance)}});
			} else if (item?.kind === 'row') {
				const integration = inventory.instances
					.find(candidate => candidate.name === item.row.instance)
					?.integrations.find(candidate => candidate.name === item.row.integration);
				if (integration) dispatchNow({type: 'open', overlay: {kind: 'form', form: integrationForm(item.row.instance, integration)}});
			}
		},
		remove() {
			const item = current().selected;
			if (item?.kind === 'row') {
				dispatchNow({
					type: 'open',
					overlay: {
						kind: 'confirm',
						action: {type: 'remove-integration', id: item.row.id},
						message: `Remove integration ${item.row.id} from the config?`,
					},
				});
			} else if (item?.kind === 'instance') {
				const count = item.instance.integrations.length;
				dispatchNow({
					type: 'open',
					overlay: {
						kind: 'confirm',
						action: {type: 'remove-instance', name: item.instance.name},
						message: `Remove instance ${item.instance.name} and its ${count} integration${count === 1 ? '' : 's'} from the config?`,
					},
				});
			}
		},
		onboard() {
			const item = current().selected;
			if (item?.kind === 'row')
				dispatchNow({type: 'open', overlay: {kind: 'wizard', instance: item.row.instance, integration: item.row.integration}});
		},
		fix() {
			const item = current().selected;
			const step = item?.kind === 'row' ? lookupDiagnosis(item.row.code)?.step : undefined;
			if (item?.kind === 'row' && step) {
				dispatchNow({type: 'open', overlay: {kind: 'wizard', instance: item.row.instance, integration: item.row.integration, step}});
			}
		},
		admin() {
			const name = groupOfSelection();
			if (name !== undefined) dispatchNow({type: 'open', overlay: openAdmin(name)});
		},
		adminUp: () => adminSelect(-1),
		adminDown: () => adminSelect(1),
		adminPageDown: () => adminPage(1),
		adminPageUp: () => adminPage(-1),
		adminCopy() {
			const overlay = adminOverlay();
			const target = overlay ? adminCopyTarget(overlay) : undefined;
			if (!target) return;
			write(osc52(target.text, ref.current.env));
			say(`Copied ${target.label} (OSC 52: the terminal must allow clipboard writes)`, 'success');
		},
		adminAgain: () => dispatchNow({type: 'admin', update: {type: 'login-again'}}),
		adminClose() {
			if (adminOverlay()?.view.phase === 'working') ref.current.admin?.cancel();
			dispatchNow({type: 'close'});
		},
		loginNext: () => dispatchNow({type: 'form-focus', delta: 1}),
		loginPrev: () => dispatchNow({type: 'form-focus', delta: -1}),
		loginSubmit() {
			const overlay = adminOverlay();
			if (overlay?.view.phase !== 'login') return;
			const result = loginCredentials(overlay.view.form);
			if (!result.ok) {
				dispatchNow({type: 'form-errors', errors: result.errors});
				return;
			}

			// The form (and the password in it) is dropped here; the credentials go to the one login request.
			const run = overlay.run + 1;
			dispatchNow({type: 'admin', run, update: {type: 'start', user: result.credentials.username}});
			ref.current.admin?.start(run, overlay.instance, result.credentials);
		},
		loginCancel() {
			dispatchNow({type: 'close'});
			say('Cancelled: nothing was sent to OSCAR');
		},
		loginBackspace: () => dispatchNow({type: 'form-edit', edit: {type: 'backspace'}}),
		loginLeft: () => dispatchNow({type: 'form-edit', edit: {type: 'left'}}),
		loginRight: () => dispatchNow({type: 'form-edit', edit: {type: 'right'}}),
		detailDown: () =>
			dispatchNow({type: 'detail-scroll', delta: Math.max(1, ref.current.pageSize - 2), max: ref.current.detailLayout?.current?.maxOffset}),
		detailUp: () =>
			dispatchNow({
				type: 'detail-scroll',
				delta: -Math.max(1, ref.current.pageSize - 2),
				max: ref.current.detailLayout?.current?.maxOffset,
			}),
		reveal() {
			dispatchNow({type: 'toggle-reveal'});
			say(live.current.reveal ? 'Secrets revealed on screen: press v to hide them' : 'Secrets hidden');
		},
		evidence() {
			dispatchNow({type: 'toggle-passing'});
		},
		repaint: () => ref.current.repaint?.(),
		autoRefresh() {
			const on = !live.current.autoRefresh;
			dispatchNow({type: 'set-auto-refresh', on});
			say(on ? `Auto-refresh on: every ${ref.current.refreshSeconds} s` : 'Auto-refresh off');
		},
		help() {
			// From the admin view the help goes back to it (its audit keeps running meanwhile).
			const back = adminOverlay();
			dispatchNow({type: 'open', overlay: {kind: 'help', offset: 0, ...(back ? {back} : {})}});
		},
		quit: key => exit(key === 'ctrl+c' ? 'interrupted' : 'quit'),
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

			let saved: Inventory;
			try {
				saved = save(result.apply);
			} catch (error) {
				// A name already taken is the name field's problem: the cursor goes there.
				if (error instanceof InventoryError && error.code === 'duplicate')
					dispatchNow({type: 'form-errors', errors: {name: error.message}});
				else dispatchNow({type: 'form-errors', errors: {}, formError: messageOf(error)});
				return;
			}

			dispatchNow({type: 'close'});
			say([result.message, ...result.warnings].join('; '), result.warnings.length > 0 ? 'info' : 'success');
			recheck(saved, result.recheck);
		},
		formCancel() {
			const {overlay} = live.current;
			if (overlay?.kind === 'filter') {
				dispatchNow({type: 'close-filter', keep: false});
				return;
			}

			if (overlay?.kind === 'form' && formIsDirty(overlay.form)) {
				dispatchNow({
					type: 'open',
					overlay: {
						kind: 'confirm',
						action: {type: 'discard-form', form: overlay.form},
						message: 'Discard what you typed in this form?',
						answers: 'y: yes, discard it   n or Esc: no, keep editing',
					},
				});
				return;
			}

			dispatchNow({type: 'close'});
			say('Cancelled: nothing was saved');
		},
		formToggle: () => dispatchNow({type: 'form-edit', edit: {type: 'insert', text: ' '}}),
		formReveal: () => dispatchNow({type: 'form-reveal'}),
		formBackspace: () => dispatchNow({type: 'form-edit', edit: {type: 'backspace'}}),
		formLeft: () => dispatchNow({type: 'form-edit', edit: {type: 'left'}}),
		formRight: () => dispatchNow({type: 'form-edit', edit: {type: 'right'}}),
		confirmYes() {
			const {overlay} = live.current;
			if (overlay?.kind !== 'confirm') return;
			const {action} = overlay;
			if (action.type === 'discard-form') {
				dispatchNow({type: 'close'});
				say('Cancelled: nothing was saved');
				return;
			}

			try {
				if (action.type === 'remove-integration') save(inventory => removeIntegration(inventory, action.id));
				else save(inventory => removeInstance(inventory, action.name));
			} catch (error) {
				dispatchNow({type: 'close'});
				say(`Not removed: ${messageOf(error)}`, 'error');
				return;
			}

			dispatchNow({type: 'close'});
			dispatchNow({type: 'set-view', view: 'list'});
			say(`Removed ${action.type === 'remove-integration' ? action.id : action.name}`, 'success');
		},
		confirmNo() {
			const {overlay} = live.current;
			if (overlay?.kind === 'confirm' && overlay.action.type === 'discard-form') {
				dispatchNow({type: 'open', overlay: {kind: 'form', form: overlay.action.form}});
				return;
			}

			dispatchNow({type: 'close'});
			say('Kept: nothing was removed');
		},
		helpScrollDown: key =>
			dispatchNow({type: 'help-scroll', delta: key === 'pagedown' ? helpPage() : 1, max: ref.current.helpLayout?.current?.maxOffset}),
		helpScrollUp: key =>
			dispatchNow({type: 'help-scroll', delta: key === 'pageup' ? -helpPage() : -1, max: ref.current.helpLayout?.current?.maxOffset}),
		helpClose: () => dispatchNow({type: 'close'}),
	};

	/** A bracketed paste is text for a field, never a string of commands. */
	const paste = (text: string, mode: ReturnType<typeof inputMode>): void => {
		if (mode === 'form' || mode === 'login') dispatchNow({type: 'form-edit', edit: {type: 'paste', text}});
		else if (mode === 'list' || mode === 'detail') say('Pasted text is not a command: press / first to filter by it');
	};

	const handle = (key: KeyPress): void => {
		const mode = inputMode(live.current);
		if (key.paste && forWizard(key, mode)) return;
		if (key.paste) {
			paste(key.text, mode);
			return;
		}

		// A sequence no key sends (a function key, a mouse report): nothing to do or to say.
		if (key.name === '') return;
		const match = matchKey(key.name, mode, current().keymapState);
		// Esc and the next key in one read (typed fast, or one SSH packet) look like Alt+key. Nothing
		// is bound to Alt, so outside a text field they are the two keys they were typed as.
		if (match.kind === 'none' && key.afterEscape && mode !== 'form' && mode !== 'login') {
			handle(escapeKey);
			handle(key.afterEscape);
			return;
		}

		switch (match.kind) {
			case 'run': {
				handlers[match.id](key.name);
				break;
			}

			case 'disabled': {
				say(`${displayKey(key.name)} (${keymap[match.id].description}) does nothing now: ${match.reason}`);
				break;
			}

			case 'elsewhere': {
				say(`${displayKey(key.name)}: ${match.reason}`);
				break;
			}

			case 'none': {
				// Typing goes through this one dispatcher too (a reducer action), so text typed right
				// after a form opens is never lost to a listener that is not attached yet.
				if (forWizard(key, mode)) break;
				if ((mode === 'form' || mode === 'login') && key.text !== '' && !key.ctrl && !key.meta) {
					dispatchNow({type: 'form-edit', edit: {type: 'insert', text: key.text}});
				} else if (mode === 'list' || mode === 'detail') {
					say(`${displayKey(key.name)} is not a key here: press ? for the keys`);
				}

				break;
			}
		}
	};

	useKeypress(keys => {
		batch.current = [];
		try {
			for (const key of keys) handle(key);
		} finally {
			const actions = batch.current;
			batch.current = undefined;
			if (actions.length === 1) deps.dispatch(actions[0]!);
			else if (actions.length > 1) deps.dispatch({type: 'batch', actions});
		}
	}, deps.isActive);
}
