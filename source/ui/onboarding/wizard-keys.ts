/**
 * The onboarding wizard's keys, in ONE table: the wizard dispatches through `matchWizardKey`, the
 * hint line and the dashboard's help overlay list `onboardingKeys` (keys, description, when). A key
 * that does nothing right now says why instead of failing silently. Each key means one thing on a
 * screen: `p` is "previous step" on steps 1-8 and "paste the address" on step 9, never both.
 * While the wizard asks a question (mark a failed step done? save a wrong-user token?), only that
 * question's answers apply.
 */
import type {StepId} from '../../core/onboarding/steps.js';

type WizardCommand =
	| 'confirmYes'
	| 'confirmNo'
	| 'saveFlagged'
	| 'discardToken'
	| 'cancelAuthorization'
	| 'paste'
	| 'prev'
	| 'next'
	| 'toggleDone'
	| 'scrollDown'
	| 'scrollUp'
	| 'reprobe'
	| 'copyEmail'
	| 'pasteKey'
	| 'pasteSecret'
	| 'reveal'
	| 'authorize'
	| 'copy'
	| 'close'
	| 'register'
	| 'cancelRegistration'
	| 'adoptClient'
	| 'keepClient';

/** A question the wizard is waiting for an answer to. */
export type WizardPrompt = 'confirm-done' | 'wrong-user' | 'adopt';

/** What the key table looks at. */
export interface WizardKeyContext {
	readonly step: StepId;
	/** Step 9's authorization is waiting for the browser. */
	readonly authorizing: boolean;
	/** Whether the dashboard wired the optional services. */
	readonly canProbe: boolean;
	readonly canAuthorize: boolean;
	/** The open question, if any: only its answers apply. */
	readonly prompt?: WizardPrompt | null;
	/** The step's pane is taller than its space (PgUp/PgDn scroll it). */
	readonly scrollable?: boolean;
	/** Step 9 shows something to copy: the authorize URL, or the ssh -L line over SSH. */
	readonly canCopy?: boolean;
	/** Steps 4-8 can be done with an admin login (the dashboard wired the admin services). */
	readonly canRegister?: boolean;
	/** Steps 4-8 are being done with an admin login right now. */
	readonly registering?: boolean;
}

interface WizardKeySpec {
	readonly id: WizardCommand;
	/** Key names as source/ui/key-name.ts produces them ('up', 'enter', 'escape', 'space', 'n'). */
	readonly keys: readonly string[];
	readonly description: string;
	/** Short label for the hint line ("next"). */
	readonly hint: string;
	/** When the key applies, for people (help overlay). */
	readonly when: string;
	/** The question this key answers; keys without one work only while no question is open. */
	readonly prompt?: WizardPrompt;
	/**
	 * On the screens where this holds, the keys mean this command even when it cannot run yet (the
	 * wizard says why) and never fall through to a later entry: one meaning per screen.
	 */
	readonly owns?: (context: WizardKeyContext) => boolean;
	/** null when the command runs now, else why not. */
	readonly disabledReason: (context: WizardKeyContext) => string | null;
}

const onStep =
	(step: StepId, what: string) =>
	(context: WizardKeyContext): string | null =>
		context.step === step ? null : `${what} works on step ${step} (move with n or ↑/↓)`;

const always = (): null => null;

/** Order matters: the first entry whose keys match and that applies wins (contextual before generic). */
export const onboardingKeys: readonly WizardKeySpec[] = [
	{
		id: 'confirmYes',
		keys: ['y'],
		description: 'yes: mark the failed step done anyway',
		hint: 'yes',
		when: 'when asked about a step whose check failed',
		prompt: 'confirm-done',
		disabledReason: always,
	},
	{
		id: 'confirmNo',
		keys: ['n', 'escape'],
		description: 'no: leave the step as it is',
		hint: 'no',
		when: 'when asked about a step whose check failed',
		prompt: 'confirm-done',
		disabledReason: always,
	},
	{
		id: 'saveFlagged',
		keys: ['s'],
		description: 'save the token that acts as the wrong user, flagged token-wrong-user',
		hint: 'save it flagged',
		when: 'when step 9 found the wrong user',
		prompt: 'wrong-user',
		disabledReason: always,
	},
	{
		id: 'discardToken',
		keys: ['d', 'escape'],
		description: 'discard the token that acts as the wrong user',
		hint: 'discard it',
		when: 'when step 9 found the wrong user',
		prompt: 'wrong-user',
		disabledReason: always,
	},
	{
		id: 'adoptClient',
		keys: ['a'],
		description: 'adopt the REST client of that name: log in again, then its key and secret are stored and proved',
		hint: 'adopt it',
		when: 'when OSCAR already has a client of that name',
		prompt: 'adopt',
		disabledReason: always,
	},
	{
		id: 'keepClient',
		keys: ['n', 'escape'],
		description: 'leave the existing REST client as it is',
		hint: 'leave it',
		when: 'when OSCAR already has a client of that name',
		prompt: 'adopt',
		disabledReason: always,
	},
	{
		id: 'cancelRegistration',
		keys: ['escape'],
		description: 'cancel steps 4-8 with an admin login (the session is logged out)',
		hint: 'cancel',
		when: 'while steps 4-8 are being done with an admin login',
		disabledReason: context => (context.registering === true ? null : 'no registration is running'),
	},
	{
		id: 'cancelAuthorization',
		keys: ['escape'],
		description: 'cancel the running authorization',
		hint: 'cancel',
		when: 'step 9, while waiting for the browser',
		disabledReason: context => (context.authorizing ? null : 'no authorization is running'),
	},
	{
		id: 'paste',
		keys: ['p'],
		description: 'paste the redirected address (or the verifier) by hand',
		hint: 'paste the address',
		when: 'step 9, while waiting for the browser',
		owns: context => context.step === 9,
		disabledReason: context =>
			onStep(9, 'p (paste the address)')(context) ??
			(context.authorizing ? null : 'press a to start the authorization first (↑ goes to the previous step)'),
	},
	{
		id: 'prev',
		keys: ['up', 'p'],
		description: 'previous step',
		hint: 'previous',
		when: 'always (on step 9, p pastes instead)',
		disabledReason: always,
	},
	{id: 'next', keys: ['down', 'n'], description: 'next step', hint: 'next', when: 'always', disabledReason: always},
	{
		id: 'toggleDone',
		keys: ['enter', 'space'],
		description: 'mark the step done / not done (asks first when its check failed)',
		hint: 'done',
		when: 'always (a step the tool verified stays verified)',
		disabledReason: always,
	},
	{
		id: 'scrollDown',
		keys: ['pagedown'],
		description: 'scroll the step down',
		hint: 'scroll',
		when: 'when the step is taller than the screen',
		disabledReason: context => (context.scrollable === true ? null : 'the whole step fits the screen'),
	},
	{
		id: 'scrollUp',
		keys: ['pageup'],
		description: 'scroll the step up',
		hint: 'scroll',
		when: 'when the step is taller than the screen',
		disabledReason: context => (context.scrollable === true ? null : 'the whole step fits the screen'),
	},
	{
		id: 'reprobe',
		keys: ['r'],
		description: 'probe the REST module again',
		hint: 'probe',
		when: 'step 3',
		disabledReason: context =>
			onStep(3, 'r (re-probe)')(context) ?? (context.canProbe ? null : 're-probing is not available here: run a check from the dashboard'),
	},
	{
		id: 'copyEmail',
		keys: ['c'],
		description: 'copy the e-mail for the hosting provider (OSC 52) and save it to a file',
		hint: 'copy e-mail',
		when: 'step 3',
		disabledReason: onStep(3, 'c (copy e-mail)'),
	},
	{
		id: 'register',
		keys: ['m'],
		description:
			"do steps 4-8 for me with an admin login: register the REST client with step 6's values, store and prove its key and secret",
		hint: 'do 4-8 for me',
		when: 'steps 4-8',
		disabledReason: context =>
			(context.step >= 4 && context.step <= 8 ? null : 'm (steps 4-8 with an admin login) works on steps 4 to 8 (move with n or ↑/↓)') ??
			(context.registering === true ? 'steps 4-8 are being done: Esc cancels' : null) ??
			(context.canRegister === true ? null : 'not available here: run oscar-rest admin register INSTANCE/NAME'),
	},
	{
		id: 'pasteKey',
		keys: ['k'],
		description: 'paste the Client Key',
		hint: 'paste key',
		when: 'step 8',
		disabledReason: onStep(8, 'k (paste key)'),
	},
	{
		id: 'pasteSecret',
		keys: ['s'],
		description: 'paste the Client Secret (masked)',
		hint: 'paste secret',
		when: 'step 8',
		disabledReason: onStep(8, 's (paste secret)'),
	},
	{
		id: 'reveal',
		keys: ['v'],
		description: 'reveal or hide the secret (explicit)',
		hint: 'reveal',
		when: 'step 8',
		disabledReason: onStep(8, 'v (reveal secret)'),
	},
	{
		id: 'authorize',
		keys: ['a'],
		description: 'start the authorization: callback, authorize URL, countdown',
		hint: 'authorize',
		when: 'step 9',
		disabledReason: context =>
			onStep(9, 'a (authorize)')(context) ??
			(context.authorizing ? 'the authorization is already running: Esc cancels it' : null) ??
			(context.canAuthorize ? null : 'authorization is not available here: use `oscar-rest connect`'),
	},
	{
		id: 'copy',
		keys: ['y'],
		description: 'copy the authorize URL (while waiting) or the ssh -L line (OSC 52)',
		hint: 'copy',
		when: 'step 9',
		disabledReason: context =>
			onStep(9, 'y (copy)')(context) ??
			(context.canCopy === true ? null : 'nothing to copy yet: a starts the authorization and shows its URL'),
	},
	{
		id: 'close',
		keys: ['escape'],
		description: 'close the wizard (progress is kept)',
		hint: 'close',
		when: 'always (while step 9 waits, Esc cancels first)',
		disabledReason: always,
	},
];

type WizardKeyMatch =
	| {readonly kind: 'run'; readonly id: WizardCommand}
	| {readonly kind: 'disabled'; readonly id: WizardCommand; readonly reason: string}
	| {readonly kind: 'none'};

/** The keys that apply in `context`: a question's answers while it is open, the others otherwise. */
function applies(spec: WizardKeySpec, context: WizardKeyContext): boolean {
	return (spec.prompt ?? null) === (context.prompt ?? null);
}

export function matchWizardKey(key: string, context: WizardKeyContext): WizardKeyMatch {
	let blocked: WizardKeyMatch = {kind: 'none'};
	for (const spec of onboardingKeys) {
		if (!spec.keys.includes(key) || !applies(spec, context)) continue;
		const reason = spec.disabledReason(context);
		if (reason === null) return {kind: 'run', id: spec.id};
		if (spec.owns?.(context) === true) return {kind: 'disabled', id: spec.id, reason};
		if (blocked.kind === 'none') blocked = {kind: 'disabled', id: spec.id, reason};
	}

	return blocked;
}

/**
 * The hint line: each key that runs now, once ("↓/n next · Enter done · Esc close"), in table order.
 * `display` turns key names into what people see (↓, Enter, PgDn).
 */
export function wizardHints(context: WizardKeyContext, display: (key: string) => string): string[] {
	const hints: Array<{keys: string[]; hint: string}> = [];
	const seen = new Set<string>();
	for (const spec of onboardingKeys) {
		if (!applies(spec, context) || spec.disabledReason(context) !== null) continue;
		// A key shown once, by the command it runs now (on step 9 p pastes: "↑ previous").
		const keys = spec.keys.filter(key => {
			const match = matchWizardKey(key, context);
			return !seen.has(key) && match.kind === 'run' && match.id === spec.id;
		});
		if (keys.length === 0) continue;
		for (const key of keys) seen.add(key);
		// Commands with the same label share one hint ("PgDn/PgUp scroll").
		const same = hints.find(hint => hint.hint === spec.hint);
		if (same) same.keys.push(...keys);
		else hints.push({keys: [...keys], hint: spec.hint});
	}

	return hints.map(hint => `${hint.keys.map(display).join('/')} ${hint.hint}`);
}
