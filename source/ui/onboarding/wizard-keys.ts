/**
 * The onboarding wizard's keys, in ONE table: the wizard dispatches through `matchWizardKey`,
 * and the dashboard's help overlay lists `onboardingKeys` (keys, description, when). A key that
 * does nothing right now says why instead of failing silently.
 */
import type {StepId} from '../../core/onboarding/steps.js';

type WizardCommand =
	| 'cancelAuthorization' | 'paste' | 'prev' | 'next' | 'toggleDone' | 'reprobe' | 'copyEmail'
	| 'pasteKey' | 'pasteSecret' | 'reveal' | 'authorize' | 'copy' | 'close';

/** What the key table looks at. */
interface WizardKeyContext {
	readonly step: StepId;
	/** Step 9's authorization is waiting for the browser. */
	readonly authorizing: boolean;
	/** Whether the dashboard wired the optional services. */
	readonly canProbe: boolean;
	readonly canAuthorize: boolean;
	/** Step 9 shows something to copy: the authorize URL, or the ssh -L line over SSH. */
	readonly canCopy?: boolean;
}

interface WizardKeySpec {
	readonly id: WizardCommand;
	/** Key names as source/ui/key-name.ts produces them ('up', 'enter', 'escape', 'space', 'n'). */
	readonly keys: readonly string[];
	readonly description: string;
	/** When the key applies, for people (help overlay). */
	readonly when: string;
	/** null when the command runs now, else why not. */
	readonly disabledReason: (context: WizardKeyContext) => string | null;
}

const onStep = (step: StepId, what: string) => (context: WizardKeyContext): string | null =>
	context.step === step ? null : `${what} works on step ${step} (move with n/p or ↑/↓)`;

const always = (): null => null;

/** Order matters: the first entry whose keys match and that applies wins (contextual before generic). */
export const onboardingKeys: readonly WizardKeySpec[] = [
	{id: 'cancelAuthorization', keys: ['escape'], description: 'cancel the running authorization', when: 'step 9, while waiting for the browser',
		disabledReason: context => (context.authorizing ? null : 'no authorization is running')},
	{id: 'paste', keys: ['p'], description: 'paste the redirected address (or the verifier) by hand', when: 'step 9, while waiting for the browser',
		disabledReason: context => (context.authorizing ? null : 'press a to start the authorization first')},
	{id: 'prev', keys: ['up', 'p'], description: 'previous step', when: 'always (p pastes while step 9 waits)', disabledReason: always},
	{id: 'next', keys: ['down', 'n'], description: 'next step', when: 'always', disabledReason: always},
	{id: 'toggleDone', keys: ['enter', 'space'], description: 'mark the step done / not done', when: 'always (a step the tool verified stays verified)', disabledReason: always},
	{id: 'reprobe', keys: ['r'], description: 'probe the REST module again', when: 'step 3',
		disabledReason: context => onStep(3, 'r (re-probe)')(context) ?? (context.canProbe ? null : 're-probing is not available here: run a check from the dashboard')},
	{id: 'copyEmail', keys: ['c'], description: 'copy the e-mail for the hosting provider (OSC 52) and save it to a file', when: 'step 3', disabledReason: onStep(3, 'c (copy e-mail)')},
	{id: 'pasteKey', keys: ['k'], description: 'paste the Client Key', when: 'step 8', disabledReason: onStep(8, 'k (paste key)')},
	{id: 'pasteSecret', keys: ['s'], description: 'paste the Client Secret (masked)', when: 'step 8', disabledReason: onStep(8, 's (paste secret)')},
	{id: 'reveal', keys: ['v'], description: 'reveal or hide the secret (explicit)', when: 'step 8', disabledReason: onStep(8, 'v (reveal secret)')},
	{id: 'authorize', keys: ['a'], description: 'start the authorization: callback, authorize URL, countdown', when: 'step 9',
		disabledReason: context => onStep(9, 'a (authorize)')(context)
			?? (context.authorizing ? 'the authorization is already running: Esc cancels it' : null)
			?? (context.canAuthorize ? null : 'authorization is not available here: use `oscar-rest connect`')},
	{id: 'copy', keys: ['y'], description: 'copy the authorize URL (while waiting) or the ssh -L line (OSC 52)', when: 'step 9',
		disabledReason: context => onStep(9, 'y (copy)')(context)
			?? (context.canCopy ? null : 'nothing to copy yet: a starts the authorization and shows its URL')},
	{id: 'close', keys: ['escape'], description: 'close the wizard (progress is kept)', when: 'always (while step 9 waits, Esc cancels first)', disabledReason: always},
];

type WizardKeyMatch =
	| {readonly kind: 'run'; readonly id: WizardCommand}
	| {readonly kind: 'disabled'; readonly id: WizardCommand; readonly reason: string}
	| {readonly kind: 'none'};

export function matchWizardKey(key: string, context: WizardKeyContext): WizardKeyMatch {
	let blocked: WizardKeyMatch = {kind: 'none'};
	for (const spec of onboardingKeys) {
		if (!spec.keys.includes(key)) continue;
		const reason = spec.disabledReason(context);
		if (reason === null) return {kind: 'run', id: spec.id};
		if (blocked.kind === 'none') blocked = {kind: 'disabled', id: spec.id, reason};
	}

	return blocked;
}
