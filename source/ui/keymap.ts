/**
 * The ONE keymap table. It drives input matching (the single dispatcher), the footer hints and the
 * `?` help overlay, and every command says why it does nothing right now (`disabledReason`), so a
 * key never fails silently.
 */
import type {ListItem} from '../core/rows.js';
import type {OnboardingStep} from '../core/diagnoses.js';
import type {AdminKeyState} from './admin/admin-state.js';

/**
 * Where a command works. 'confirm' and 'help' are the confirm dialog and the help overlay; 'admin'
 * the admin view (m) and 'login' its administrator login form.
 */
export type Scope = 'global' | 'list' | 'detail' | 'admin' | 'login' | 'form' | 'confirm' | 'help';

/** What takes the keys now: the list, the detail, a form, a dialog, the help, the wizard, the admin view or its login. */
export type InputMode = 'list' | 'detail' | 'form' | 'confirm' | 'help' | 'wizard' | 'admin' | 'login';

/** What `disabledReason` may look at: a read-only summary of the dashboard right now. */
export interface KeymapState {
	readonly view: 'list' | 'detail';
	readonly selected: ListItem | undefined;
	readonly cursorIndex: number;
	readonly itemCount: number;
	readonly markedCount: number;
	readonly instanceCount: number;
	readonly integrationCount: number;
	readonly running: boolean;
	readonly rangeAnchor: boolean;
	/** The onboarding step that repairs the selected row's diagnosis (null: none; undefined: no diagnosis). */
	readonly fixStep: OnboardingStep | null | undefined;
	readonly selectedHealthy: boolean;
	/** A `/` filter is applied. */
	readonly filterActive: boolean;
	/** The cursor is on a group (instance) line: whether it is collapsed; undefined on an integration. */
	readonly groupCollapsed: boolean | undefined;
	/** The open add/edit form has secret fields (ctrl+r reveals them). */
	readonly formSecrets?: boolean;
	/** The dashboard can log in to OSCAR as an administrator (the admin services are wired). */
	readonly adminAvailable?: boolean;
	/** The admin view, while it is open. */
	readonly admin?: AdminKeyState | null;
}

interface CommandSpec {
	readonly keys: readonly string[];
	readonly description: string;
	readonly scope: Scope;
	/** Other scopes where the same keys do the same thing (navigation also works in the detail view). */
	readonly alsoIn?: readonly Scope[];
	/** Footer hint priority (lower shows first); absent: only in the help overlay. */
	readonly footer?: number;
	/** Short label for the footer. */
	readonly hint?: string;
	readonly disabledReason?: (state: KeymapState) => string | null;
}

const noSelection = (state: KeymapState): string | null => {
	if (state.selected) return null;
	if (state.instanceCount === 0) return 'nothing to select yet: press i to add an instance';
	return state.filterActive ? 'no rows match the filter: Esc clears it' : 'nothing selected';
};

const selectedIds = (state: KeymapState): readonly string[] => {
	const {selected} = state;
	if (!selected) return [];
	return selected.kind === 'row'
		? [selected.row.id]
		: selected.instance.integrations.map(integration => `${selected.instance.name}/${integration.name}`);
};

const nothingToCheck = (state: KeymapState): string | null => {
	const reason = noSelection(state);
	if (reason) return reason;
	if (selectedIds(state).length === 0 && state.selected?.kind === 'instance') {
		return `${state.selected.instance.name} has no integrations to check: press n to add one`;
	}

	return null;
};

const needsIntegration =
	(what: string) =>
	(state: KeymapState): string | null => {
		const reason = noSelection(state);
		if (reason) return reason;
		return state.selected?.kind === 'row' ? null : `select an integration row to ${what} (the cursor is on an instance)`;
	};

/** Why an admin view key does nothing in the view's current phase (null: it works here). */
const adminReport = (state: KeymapState): string | null => {
	const phase = state.admin?.phase;
	if (phase === 'report') return state.admin!.findings === 0 ? 'the audit found nothing' : null;
	return phase === 'working' ? 'the audit is still running (Esc cancels it)' : 'no audit report on screen: r logs in and runs it';
};

const adminScroll = (state: KeymapState): string | null =>
	state.admin?.phase === 'working' ? 'the audit is still running (Esc cancels it)' : null;

export const keymap = {
	up: {
		keys: ['up', 'k'],
		description: 'move up',
		scope: 'list',
		alsoIn: ['detail'],
		footer: 1,
		hint: 'move',
		disabledReason: state => (state.itemCount === 0 ? 'the list is empty' : state.cursorIndex <= 0 ? 'already at the first row' : null),
	},
	down: {
		keys: ['down', 'j'],
		description: 'move down',
		scope: 'list',
		alsoIn: ['detail'],
		disabledReason: state =>
			state.itemCount === 0 ? 'the list is empty' : state.cursorIndex >= state.itemCount - 1 ? 'already at the last row' : null,
	},
	pageUp: {
		keys: ['pageup', 'ctrl+b'],
		description: 'page up',
		scope: 'list',
		disabledReason: state => (state.cursorIndex <= 0 ? 'already at the first row' : null),
	},
	pageDown: {
		keys: ['pagedown', 'ctrl+f'],
		description: 'page down',
		scope: 'list',
		disabledReason: state => (state.cursorIndex >= state.itemCount - 1 ? 'already at the last row' : null),
	},
	home: {
		keys: ['home', 'g'],
		description: 'first row',
		scope: 'list',
		disabledReason: state => (state.itemCount === 0 ? 'the list is empty' : null),
	},
	end: {
		keys: ['end', 'G'],
		description: 'last row',
		scope: 'list',
		disabledReason: state => (state.itemCount === 0 ? 'the list is empty' : null),
	},
	open: {
		keys: ['enter', 'tab'],
		description: 'open the detail view (Enter on a group: collapse or expand it)',
		scope: 'list',
		footer: 2,
		hint: 'detail',
		disabledReason: noSelection,
	},
	collapse: {
		keys: ['left', 'h'],
		description: 'collapse the group (instance) of the selected row',
		scope: 'list',
		disabledReason: state =>
			noSelection(state) ?? (state.groupCollapsed === true ? 'this group is already collapsed: → or l expands it' : null),
	},
	expand: {
		keys: ['right', 'l'],
		description: 'expand the selected group',
		scope: 'list',
		disabledReason: state =>
			noSelection(state) ??
			(state.groupCollapsed === undefined ? 'the cursor is on an integration: its group is open' : null) ??
			(state.groupCollapsed ? null : 'this group is already expanded'),
	},
	clearFilter: {
		keys: ['escape'],
		description: 'clear the applied filter',
		scope: 'list',
		disabledReason: state => (state.filterActive ? null : 'no filter is applied (/ sets one)'),
	},
	copy: {
		keys: ['y'],
		description: 'copy to the clipboard (OSC 52): the selected id or URL; in the detail, the fix command',
		scope: 'list',
		alsoIn: ['detail'],
		disabledReason: noSelection,
	},
	back: {keys: ['escape', 'enter', 'tab'], description: 'back to the list', scope: 'detail', footer: 2, hint: 'back'},
	filter: {keys: ['/'], description: 'filter: name, instance, status, code or tag:x', scope: 'list', footer: 3, hint: 'filter'},
	sort: {keys: ['s'], description: 'cycle sort: name, status, latency, last checked', scope: 'list', footer: 4, hint: 'sort'},
	mark: {
		keys: ['space'],
		description: 'mark or unmark the selected row (an instance: all its rows)',
		scope: 'list',
		footer: 5,
		hint: 'mark',
		disabledReason: noSelection,
	},
	markRange: {
		keys: ['V', 'shift+down', 'shift+up'],
		description: 'mark a range (V starts, V again marks through the cursor; shift+↑↓ extends)',
		scope: 'list',
		disabledReason: noSelection,
	},
	markAll: {
		keys: ['a'],
		description: 'mark all visible rows',
		scope: 'list',
		disabledReason: state => (state.itemCount === 0 ? 'nothing to mark: the list is empty' : null),
	},
	unmarkAll: {
		keys: ['A', 'u'],
		description: 'unmark all',
		scope: 'list',
		disabledReason: state => (state.markedCount === 0 ? 'no rows are marked' : null),
	},
	check: {
		keys: ['c'],
		description: 'check the selected row (an instance: all its rows)',
		scope: 'list',
		alsoIn: ['detail'],
		footer: 6,
		hint: 'check',
		disabledReason: nothingToCheck,
	},
	checkMarked: {
		keys: ['C'],
		description: 'check the marked rows',
		scope: 'list',
		disabledReason: state => (state.markedCount === 0 ? 'no rows marked: press Space to mark one, a to mark all' : null),
	},
	checkAll: {
		keys: ['R', 'ctrl+a'],
		description: 'check all integrations',
		scope: 'list',
		footer: 7,
		hint: 'check all',
		disabledReason: state => (state.integrationCount === 0 ? 'no integrations configured yet' : null),
	},
	deepCheck: {
		keys: ['d'],
		description: 'deep check the selected row (signed initiate, proxy URL)',
		scope: 'list',
		alsoIn: ['detail'],
		disabledReason: nothingToCheck,
	},
	cancel: {
		keys: ['x'],
		description: 'cancel running checks',
		scope: 'global',
		disabledReason: state => (state.running ? null : 'no checks are running'),
	},
	addInstance: {keys: ['i'], description: 'add an OSCAR instance', scope: 'list', footer: 8, hint: 'add instance'},
	addIntegration: {
		keys: ['n'],
		description: 'add an integration to the selected instance',
		scope: 'list',
		footer: 9,
		hint: 'add integration',
		disabledReason: state => (state.instanceCount === 0 ? 'add an instance first: press i' : noSelection(state)),
	},
	edit: {
		keys: ['e'],
		description: 'edit the selected instance or integration',
		scope: 'list',
		alsoIn: ['detail'],
		disabledReason: noSelection,
	},
	remove: {
		keys: ['D'],
		description: 'remove the selected instance or integration (asks first)',
		scope: 'list',
		alsoIn: ['detail'],
		disabledReason: noSelection,
	},
	onboard: {
		keys: ['o'],
		description: 'onboarding wizard for the selected integration',
		scope: 'list',
		alsoIn: ['detail'],
		disabledReason: needsIntegration('run its onboarding wizard'),
	},
	fix: {
		keys: ['f'],
		description: 'jump to the onboarding step that fixes the diagnosis',
		scope: 'list',
		alsoIn: ['detail'],
		footer: 10,
		hint: 'fix',
		disabledReason: state => {
			const reason = needsIntegration('see its fix')(state);
			if (reason) return reason;
			if (state.fixStep === undefined) return 'not checked yet: press c to check it';
			if (state.selectedHealthy) return 'nothing to fix: the last check passed';
			if (state.fixStep === null) return 'no onboarding step repairs this diagnosis: see the fix steps in the detail view';
			return null;
		},
	},
	// On an integration row: its instance. The login is asked each time (ui/admin/login-form.ts).
	admin: {
		keys: ['m'],
		description: "admin view: audit the instance's REST clients and tokens with an OSCAR admin login",
		scope: 'list',
		alsoIn: ['detail'],
		footer: 11,
		hint: 'admin audit',
		disabledReason: state =>
			noSelection(state) ?? (state.adminAvailable === true ? null : 'not available here: use oscar-rest admin audit'),
	},
	detailDown: {keys: ['pagedown', 'space'], description: 'scroll the detail down', scope: 'detail', footer: 4, hint: 'scroll'},
	detailUp: {keys: ['pageup'], description: 'scroll the detail up', scope: 'detail'},
	// Passing probes are folded so the failing evidence comes first; E unfolds them.
	evidence: {
		keys: ['E'],
		description: 'show or hide the evidence of the probes that passed',
		scope: 'detail',
		footer: 5,
		hint: 'passing evidence',
	},
	reveal: {
		keys: ['v'],
		description: 'reveal or hide secrets (explicit)',
		scope: 'detail',
		footer: 3,
		hint: 'reveal secrets',
		disabledReason: state => (state.selected?.kind === 'row' ? null : 'secrets belong to integrations: select one'),
	},
	autoRefresh: {keys: ['t'], description: 'toggle auto-refresh', scope: 'global'},
	// Clear the terminal and draw the whole frame again (after another program wrote over it).
	repaint: {keys: ['ctrl+l'], description: 'repaint the screen', scope: 'global'},
	help: {keys: ['?'], description: 'help: every key', scope: 'global', footer: 20, hint: 'help'},
	quit: {keys: ['q', 'ctrl+c'], description: 'quit', scope: 'global', footer: 21, hint: 'quit'},
	formNext: {keys: ['tab', 'down'], description: 'next field', scope: 'form', footer: 1, hint: 'next field'},
	formPrev: {keys: ['shift+tab', 'up'], description: 'previous field', scope: 'form'},
	formSubmit: {keys: ['enter'], description: 'save (filter: keep the filter)', scope: 'form', footer: 2, hint: 'save'},
	formCancel: {
		keys: ['escape'],
		description: 'cancel without saving, asks first if you typed (filter: clear it)',
		scope: 'form',
		footer: 3,
		hint: 'cancel',
	},
	formToggle: {keys: ['space'], description: 'switch a yes/no field (elsewhere Space types a space)', scope: 'form'},
	formReveal: {
		keys: ['ctrl+r'],
		description: 'reveal or hide the secret fields of the form (explicit: the access token, secrets typed)',
		scope: 'form',
		disabledReason: state => (state.formSecrets === true ? null : 'this form has no secret fields'),
	},
	formBackspace: {keys: ['backspace', 'delete'], description: 'delete the character before the cursor', scope: 'form'},
	formLeft: {keys: ['left'], description: 'move the cursor left in the field', scope: 'form'},
	formRight: {keys: ['right'], description: 'move the cursor right in the field', scope: 'form'},
	adminUp: {
		keys: ['up', 'k'],
		description: 'previous finding',
		scope: 'admin',
		footer: 1,
		hint: 'finding',
		disabledReason: state => adminReport(state) ?? (state.admin!.selected <= 0 ? 'already at the first finding' : null),
	},
	adminDown: {
		keys: ['down', 'j'],
		description: 'next finding',
		scope: 'admin',
		disabledReason: state =>
			adminReport(state) ?? (state.admin!.selected >= state.admin!.findings - 1 ? 'already at the last finding' : null),
	},
	adminPageDown: {
		keys: ['pagedown', 'space'],
		description: 'scroll the admin view down',
		scope: 'admin',
		footer: 2,
		hint: 'scroll',
		disabledReason: adminScroll,
	},
	adminPageUp: {keys: ['pageup'], description: 'scroll the admin view up', scope: 'admin', disabledReason: adminScroll},
	adminCopy: {
		keys: ['y'],
		description: "copy the selected finding's fix command (OSC 52; its fix steps when it has no command)",
		scope: 'admin',
		footer: 3,
		hint: 'copy fix',
		disabledReason: adminReport,
	},
	adminAgain: {
		keys: ['r'],
		description: 'log in again and run the audit again',
		scope: 'admin',
		footer: 4,
		hint: 'again',
		disabledReason: state => (state.admin?.phase === 'working' ? 'the audit is still running (Esc cancels it)' : null),
	},
	adminClose: {
		keys: ['escape'],
		description: 'close the admin view (a running audit is cancelled; the session is logged out)',
		scope: 'admin',
		footer: 5,
		hint: 'close',
	},
	loginNext: {keys: ['tab', 'down'], description: 'next field', scope: 'login', footer: 1, hint: 'next field'},
	loginPrev: {keys: ['shift+tab', 'up'], description: 'previous field', scope: 'login'},
	loginSubmit: {
		keys: ['enter'],
		description: 'log in and run the audit (in the wizard: the registration); the login is used for that one session, never stored',
		scope: 'login',
		footer: 2,
		hint: 'log in',
	},
	loginCancel: {keys: ['escape'], description: 'cancel: nothing is sent to OSCAR', scope: 'login', footer: 3, hint: 'cancel'},
	loginBackspace: {keys: ['backspace', 'delete'], description: 'delete the character before the cursor', scope: 'login'},
	loginLeft: {keys: ['left'], description: 'move the cursor left in the field', scope: 'login'},
	loginRight: {keys: ['right'], description: 'move the cursor right in the field', scope: 'login'},
	confirmYes: {keys: ['y'], description: 'yes, do it', scope: 'confirm', footer: 1, hint: 'yes'},
	confirmNo: {keys: ['n', 'escape'], description: 'no, keep it', scope: 'confirm', footer: 2, hint: 'no'},
	helpScrollDown: {keys: ['down', 'j', 'pagedown'], description: 'scroll help', scope: 'help', footer: 1, hint: 'scroll'},
	helpScrollUp: {keys: ['up', 'k', 'pageup'], description: 'scroll help back', scope: 'help'},
	helpClose: {keys: ['escape', '?', 'q'], description: 'close help', scope: 'help', footer: 2, hint: 'close'},
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof keymap;

export const commandIds = Object.keys(keymap) as CommandId[];

function spec(id: CommandId): CommandSpec {
	return keymap[id];
}

/** Scopes whose commands take keys now, in priority order (modals first). */
export function activeScopes(mode: InputMode): readonly Scope[] {
	switch (mode) {
		case 'form': {
			return ['form', 'global'];
		}

		case 'login': {
			return ['login', 'global'];
		}

		case 'confirm': {
			return ['confirm'];
		}

		case 'help': {
			return ['help'];
		}

		case 'wizard': {
			return ['global'];
		}

		default: {
			return [mode, 'global'];
		}
	}
}

function inScope(command: CommandSpec, scope: Scope): boolean {
	return command.scope === scope || (command.alsoIn?.includes(scope) ?? false);
}

/** Modes where printable keys type text (a form, the login, the wizard's fields). */
function isTyping(mode: InputMode): boolean {
	return mode === 'form' || mode === 'login' || mode === 'wizard';
}

/** True for keys that would type a character: these never reach global commands while typing. */
function isPrintable(key: string): boolean {
	return key === 'space' || [...key].length === 1;
}

type Match =
	| {readonly kind: 'run'; readonly id: CommandId}
	| {readonly kind: 'disabled'; readonly id: CommandId; readonly reason: string}
	| {readonly kind: 'elsewhere'; readonly id: CommandId; readonly reason: string}
	| {readonly kind: 'none'};

/**
 * Find what a key does in `mode`. While typing (form, wizard), global commands answer only to
 * non-printable keys (ctrl+c quits, "q" types a q). A key bound elsewhere says where it works.
 */
export function matchKey(key: string, mode: InputMode, state: KeymapState): Match {
	// Repainting works in every mode, modals included: a garbled screen must never be stuck.
	if ((keymap.repaint.keys as readonly string[]).includes(key)) return {kind: 'run', id: 'repaint'};
	const typing = isTyping(mode);
	for (const scope of activeScopes(mode)) {
		if (typing && scope === 'global' && isPrintable(key)) continue;
		if (mode === 'wizard' && key !== 'ctrl+c') continue;
		for (const id of commandIds) {
			const command = spec(id);
			if (!inScope(command, scope) || !command.keys.includes(key)) continue;
			const reason = command.disabledReason?.(state) ?? null;
			return reason === null ? {kind: 'run', id} : {kind: 'disabled', id, reason};
		}
	}

	if (typing || mode === 'confirm' || mode === 'help') return {kind: 'none'};
	for (const id of commandIds) {
		const command = spec(id);
		if (command.keys.includes(key) && (command.scope === 'list' || command.scope === 'detail')) {
			const where = command.scope === 'detail' ? 'the detail view (press Enter)' : 'the list (press Esc)';
			return {kind: 'elsewhere', id, reason: `${command.description} works in ${where}`};
		}
	}

	return {kind: 'none'};
}

export interface Hint {
	readonly keys: string;
	readonly label: string;
	readonly disabled: boolean;
	/** Always shown (help, quit), whatever the width. */
	readonly pinned: boolean;
}

/** Footer hints for `mode`, most important first; disabled commands are kept but marked. */
export function footerHints(mode: InputMode, state: KeymapState, displayKey: (key: string) => string): Hint[] {
	const hints: Array<Hint & {order: number}> = [];
	const typing = isTyping(mode);
	for (const scope of activeScopes(mode)) {
		for (const id of commandIds) {
			const command = spec(id);
			if (command.footer === undefined || !inScope(command, scope)) continue;
			if (hints.some(hint => hint.label === command.hint)) continue;
			// While typing, "q" types a q: show only the keys that still work (ctrl+c quits).
			const usable = command.keys.filter(key => !(typing && scope === 'global' && isPrintable(key)));
			const shown = usable.length > 1 && usable.includes('ctrl+c') ? usable.filter(key => key !== 'ctrl+c') : usable;
			if (shown.length === 0) continue;
			const keys = id === 'up' || id === 'adminUp' ? '↑↓' : displayKey(shown[0]!);
			hints.push({
				keys,
				label: command.hint ?? command.description,
				disabled: command.disabledReason?.(state) != null,
				pinned: scope === 'global' && command.footer >= 20,
				order: command.footer + (scope === 'global' ? 100 : 0),
			});
		}
	}

	return hints.sort((a, b) => a.order - b.order).map(({order: _order, ...hint}) => hint);
}

interface HelpEntry {
	readonly scope: Scope;
	readonly keys: readonly string[];
	readonly description: string;
	readonly disabledReason: string | null;
}

/** The command `key` runs in `scope` alone: for a pane with its own dispatcher (the wizard's admin login form). */
export function commandInScope(scope: Scope, key: string): CommandId | undefined {
	return commandIds.find(id => inScope(spec(id), scope) && spec(id).keys.includes(key));
}

/** The footer hints of `scope` alone ("Tab next field"), for a pane that draws its own hint line. */
export function scopeHints(scope: Scope, displayKey: (key: string) => string): string[] {
	return commandIds
		.filter(id => spec(id).footer !== undefined && inScope(spec(id), scope))
		.sort((a, b) => spec(a).footer! - spec(b).footer!)
		.map(id => `${displayKey(spec(id).keys[0]!)} ${spec(id).hint ?? spec(id).description}`);
}

/** Every command, grouped by scope in a fixed order, for the `?` overlay. */
export function helpEntries(state: KeymapState): HelpEntry[] {
	const order: readonly Scope[] = ['list', 'detail', 'admin', 'login', 'global', 'form', 'confirm', 'help'];
	return order.flatMap(scope =>
		commandIds
			.filter(id => spec(id).scope === scope)
			.map(id => ({
				scope,
				keys: spec(id).keys,
				description: spec(id).description,
				disabledReason: spec(id).disabledReason?.(state) ?? null,
			})),
	);
}
