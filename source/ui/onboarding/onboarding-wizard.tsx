/**
 * The guided onboarding wizard: the nine steps and the selected step's pane, laid out within the
 * space the dashboard gives it (wizard-layout.ts: nothing wraps, overlaps or runs off the screen;
 * a tall pane scrolls with PgUp/PgDn). Mounted by the dashboard as an overlay; it owns no storage:
 * progress, credentials and the token leave through the callbacks, protocol work through the
 * injected services. Keys come from the one table in wizard-keys.ts, only while `isActive`.
 * Steps the last check proves show as verified; marking a failed step done asks first; a token
 * that acts as the wrong user is saved only when the user says so (flagged), or discarded.
 */
import React, {useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {useStdout} from 'ink';
import type {Instance, Integration} from '../../core/model.js';
import {hostEmail} from '../../core/onboarding/host-email.js';
import {
	completedCount,
	markDone,
	markFailed,
	markVerified,
	nextStep,
	statusOf,
	toggleDone,
	type OnboardingProgress,
} from '../../core/onboarding/progress.js';
import {withProvenSteps} from '../../core/onboarding/proven-steps.js';
import type {IntegrationReport} from '../../core/report.js';
import {safeLine} from '../../core/untrusted-text.js';
import {callbackSatisfiesUri, restClientFields} from '../../core/onboarding/rest-client-fields.js';
import {isRemoteSession} from '../../core/onboarding/remote-session.js';
import {sshForwardLineHere} from '../../onboarding/this-machine.js';
import {stepIds, stepInfo, type StepId} from '../../core/onboarding/steps.js';
import {osc52} from '../../core/onboarding/terminal-escapes.js';
import type {AuthorizationResult} from '../../onboarding/authorize-flow.js';
import {displayKey} from '../key-name.js';
import {scopeHints} from '../keymap.js';
import {useTheme} from '../theme.js';
import {paneLines, type PaneProps} from './step-panes.js';
import {closedField, editField, fieldEditFor, openField, type FieldEdit, type FieldState} from './field-model.js';
import {useAuthorization} from './use-authorization.js';
import {toWizardKey, useWizardInput, type WizardKey} from './use-wizard-input.js';
import type {KeyPress} from '../key-tokenizer.js';
import {matchWizardKey, wizardHints, type WizardKeyContext, type WizardPrompt} from './wizard-keys.js';
import {layoutWizard, type WizardLayout} from './wizard-layout.js';
import {useLiveState} from './use-live-state.js';
import {useRestModuleTools} from './use-rest-module-tools.js';
import {useCredentialTools, type CredentialsPatch} from './use-credential-tools.js';
import {useAdminRegister} from './use-admin-register.js';
import type {AdminClient, RegisterPlan} from '../../core/admin/index.js';

export type {CredentialsPatch} from './use-credential-tools.js';
import {wizardBottomLines, wizardTitleLines} from './wizard-chrome.js';
import {LineView} from '../layout/line-view.js';
import type {SavedToken, WizardServices} from './wizard-services.js';

interface OnboardingWizardProps {
	readonly instance: Instance;
	readonly integration: Integration;
	readonly progress: OnboardingProgress;
	readonly onProgress: (progress: OnboardingProgress) => void;
	/** Step 8: only the fields the user pasted. */
	readonly onSaveCredentials: (patch: CredentialsPatch) => void | Promise<void>;
	/** Step 9: the new access token (tokenSecret is a secret: store it, never print it). */
	readonly onSaveToken: (token: SavedToken) => void | Promise<void>;
	/** Steps 4-8 with an admin login (`m`): store the registered client's key and secret; returns the key's warnings, throws when it cannot. */
	readonly onRegister?: (plan: RegisterPlan, client: AdminClient) => readonly string[] | Promise<readonly string[]>;
	readonly onClose: () => void;
	/** Keys typed right after the key that opened the wizard, before its listener was attached: taken first, in order. */
	readonly pendingKeys?: readonly KeyPress[];
	/** The pending keys were taken (the dashboard drops them). */
	readonly onPendingKeysTaken?: () => void;
	readonly isActive: boolean;
	readonly services?: WizardServices;
	/** Start on this step (e.g. the dashboard's `f` jumps to the step that fixes a diagnosis). */
	readonly initialStep?: StepId;
	/** The integration's last check: steps it proves show as verified. */
	readonly report?: IntegrationReport;
	/** Cells per line (default: the terminal's width less one). */
	readonly width?: number;
	/** Lines the wizard may use (default: the terminal's height less one). */
	readonly height?: number;
}

/** A question the wizard waits for an answer to, with what it needs to act on the answer. */
type Prompt =
	| {readonly kind: 'confirm-done'; readonly step: StepId; readonly note: string | undefined}
	| {readonly kind: 'wrong-user'; readonly result: AuthorizationResult};

/** What became of step 9's token (see PaneProps.tokenState). */
type TokenState = NonNullable<PaneProps['tokenState']>;

export function OnboardingWizard(props: OnboardingWizardProps) {
	const {instance, integration, progress, isActive, report} = props;
	const services = useMemo(() => props.services ?? {}, [props.services]);
	const env = services.env ?? process.env;
	const now = services.now ?? Date.now;
	const port = services.port ?? 8765;
	const theme = useTheme();
	const {write, stdout} = useStdout();
	const width = props.width ?? Math.max(20, (stdout.columns || 100) - 1);
	const height = props.height ?? Math.max(10, (stdout.rows || 61) - 1);
	// What the screen shows: the recorded progress, plus the steps the last check proves.
	const shown = useMemo(() => withProvenSteps(progress, integration, report), [progress, integration, report]);

	// Step, scroll, open field and question live in refs too, advanced by every key of a burst:
	// "nnn" moves three steps; "k", the pasted text and Enter act on the field "k" opened.
	const [step, stepRef, setStepState] = useLiveState<StepId>(props.initialStep ?? nextStep(shown) ?? 1);
	// The pane's scroll: a line, or 'tools' to show the step's tools (after they changed).
	const [scroll, , setScroll] = useLiveState<number | 'tools'>(0);
	const setStep = useCallback(
		(next: StepId) => {
			setStepState(next);
			setScroll(0);
		},
		[setStepState, setScroll],
	);
	const [field, fieldRef, setField] = useLiveState<FieldState>(closedField);
	const [prompt, promptRef, setPrompt] = useLiveState<Prompt | null>(null);
	const {mode} = field;
	const [notice, setNotice] = useState<string | undefined>(undefined);
	const [tokenState, setTokenState] = useState<TokenState>('saved');

	// Async results land after re-renders: transitions start from the latest progress, not a stale prop.
	const latest = useRef(progress);
	useEffect(() => {
		latest.current = progress;
	}, [progress]);
	const update = useCallback(
		(transition: (current: OnboardingProgress) => OnboardingProgress) => {
			const next = transition(latest.current);
			if (next === latest.current) return;
			latest.current = next;
			props.onProgress(next);
		},
		[props],
	);

	const abort = useRef(new AbortController());
	useEffect(() => () => abort.current.abort(), []);

	const email = useMemo(() => hostEmail({instanceName: instance.name, baseUrl: instance.baseUrl}), [instance]);
	const fields = useMemo(() => restClientFields({baseUrl: instance.baseUrl, name: integration.name, port}), [instance, integration, port]);
	const uriCheck = integration.uri === undefined ? undefined : callbackSatisfiesUri(fields.callback, integration.uri);
	// This machine's user and host name, as `connect` prints it (SSH_CONNECTION's address may be a NAT's inside).
	const sshHint = useMemo(() => (isRemoteSession(env) ? sshForwardLineHere(port, env) : undefined), [env, port]);

	/** Save the token and record what it proved (or, flagged, what it did not). */
	const saveToken = useCallback(
		(result: AuthorizationResult, flagged: boolean) => {
			void Promise.resolve(
				props.onSaveToken({
					accessToken: result.accessToken,
					tokenSecret: result.tokenSecret,
					issuedAt: result.issuedAt,
					...(result.identity ? {identity: result.identity} : {}),
				}),
			);
			const at = now();
			const wrong = result.findings.find(finding => finding.code === 'token-wrong-user');
			update(current => {
				let next =
					result.findings.length === 0
						? markVerified(current, 9, at, result.identity ? `acts as provider ${result.identity.providerNo}` : 'token saved')
						: markFailed(current, 9, at, `${flagged ? 'saved flagged: ' : ''}${result.findings.map(finding => finding.code).join(', ')}`);
				if (result.identityMatches === true) next = markVerified(next, 1, at, 'the token acts as the dedicated user');
				if (wrong) next = markFailed(next, 1, at, 'token-wrong-user');
				return next;
			});
			setTokenState(flagged ? 'flagged' : 'saved');
		},
		[props, now, update],
	);

	const onResult = useCallback(
		(result: AuthorizationResult) => {
			// A token acting as someone else (a browser already logged in as a doctor) is never saved
			// silently: it would let the integration act as that person. Ask first.
			if (result.findings.some(finding => finding.code === 'token-wrong-user')) {
				setTokenState('pending');
				setPrompt({kind: 'wrong-user', result});
				setScroll('tools');
				return;
			}

			saveToken(result, false);
			setScroll('tools');
		},
		[saveToken, setPrompt, setScroll],
	);
	const onFailure = useCallback(
		(code: string) => {
			setScroll('tools');
			if (code === 'cancelled') return;
			update(current => markFailed(current, 9, now(), code));
		},
		[now, update, setScroll],
	);
	const authorization = useAuthorization(services, onResult, onFailure);
	const authorizing = authorization.view.phase === 'starting' || authorization.view.phase === 'waiting';
	// What `y` copies on step 9: the authorize URL while it waits, else the ssh -L line over SSH.
	const authorizeUrl = authorization.view.phase === 'waiting' ? authorization.view.url : undefined;
	const copyTarget = authorizeUrl
		? {text: authorizeUrl, label: 'the authorize URL'}
		: sshHint
			? {text: sshHint, label: 'the ssh -L line'}
			: undefined;

	// The countdown moves once a second while the browser is awaited.
	const deadline = authorization.view.phase === 'waiting' ? authorization.view.deadline : undefined;
	const [, tick] = useState(0);
	useEffect(() => {
		if (deadline === undefined) return undefined;
		const timer = setInterval(() => tick(count => count + 1), 1000);
		return () => clearInterval(timer);
	}, [deadline]);
	// New tool output (a URL, a result) scrolls the pane to the tools, where it shows.
	const phase = authorization.view.phase;
	useEffect(() => {
		if (phase !== 'idle') setScroll('tools');
	}, [phase, setScroll]);

	const showTools = useCallback(() => setScroll('tools'), [setScroll]);
	const restTools = useRestModuleTools({
		instance,
		email,
		services,
		env,
		write,
		update,
		now,
		ellipsis: theme.glyphs.ellipsis,
		signal: abort.current.signal,
		onActivity: showTools,
	});
	const credentials = useCredentialTools({
		integration,
		services,
		onSave: props.onSaveCredentials,
		update,
		now,
		ellipsis: theme.glyphs.ellipsis,
		signal: abort.current.signal,
		onActivity: showTools,
	});
	const register = useAdminRegister({
		instance,
		integration,
		fields,
		services,
		onRegister: props.onRegister,
		update,
		setStep,
		now,
		signal: abort.current.signal,
		onActivity: showTools,
	});
	const canRegister = services.admin !== undefined && props.onRegister !== undefined;

	/** Enter in the open field: the pasted address goes to the authorization, a key or secret is checked and saved. */
	const submitDraft = () => {
		const {mode: fieldMode, value} = fieldRef.current;
		if (fieldMode === 'paste') {
			authorization.paste(value);
			setField(closedField);
		} else if (fieldMode !== 'nav' && credentials.submit(fieldMode, value)) {
			setField(closedField);
		}
	};

	const move = (delta: 1 | -1) => {
		const from = stepRef.current;
		const target = stepIds[Math.min(stepIds.length - 1, Math.max(0, stepIds.indexOf(from) + delta))]!;
		setStep(target);
		setNotice(target === from ? (delta > 0 ? 'already at the last step' : 'already at the first step') : undefined);
	};

	/** Enter on a step: a failed one asks first; a verified one (checked, or proven) stays verified. */
	const markStep = () => {
		const at = stepRef.current;
		const status = statusOf(shownRef.current, at);
		if (status === 'verified') {
			setNotice(`step ${at} is verified (${shownRef.current[at]?.note ?? 'checked by oscar-rest'}): nothing to mark`);
			return;
		}

		if (status === 'failed') {
			setPrompt({kind: 'confirm-done', step: at, note: shownRef.current[at]?.note});
			return;
		}

		update(current => toggleDone(current, at, now()));
	};

	// The layout of the last render: whether PgUp/PgDn scroll, and by how much.
	const layoutRef = useRef<WizardLayout | undefined>(undefined);
	const shownRef = useRef(shown);
	shownRef.current = shown;
	const context = (): WizardKeyContext => ({
		step: stepRef.current,
		authorizing,
		canProbe: services.probeRestModule !== undefined,
		canAuthorize: services.authorize !== undefined,
		prompt: (promptRef.current?.kind ?? (register.phase() === 'name-in-use' ? 'adopt' : null)) as WizardPrompt | null,
		scrollable: layoutRef.current?.scrollable === true,
		canCopy: copyTarget !== undefined,
		canRegister,
		registering: register.phase() === 'working',
	});

	const scrollBy = (pages: 1 | -1) => {
		const layout = layoutRef.current;
		if (!layout) return;
		setScroll(Math.max(0, layout.start + pages * layout.page));
	};

	// Every key, in nav mode and in the paste fields, goes through this one handler; the open field
	// lives in a ref advanced synchronously, so a burst never meets a stale closure.
	const handleKey = ({name, input, ctrl, meta}: WizardKey) => {
		// The dashboard's keys in every mode (source/ui/keymap.ts): quit and repaint are not the wizard's.
		if (name === 'ctrl+c' || name === 'ctrl+l') return;
		// The admin login form of `m` takes every key while it is open.
		if (register.phase() === 'login') {
			register.key({name, input, ctrl, meta});
			return;
		}

		if (fieldRef.current.mode !== 'nav') {
			if (name === 'escape') {
				setField(closedField);
				return;
			}

			if (name === 'enter') {
				submitDraft();
				return;
			}

			const edit: FieldEdit | undefined = fieldEditFor(name, input, {ctrl, meta});
			if (edit) setField(editField(fieldRef.current, edit));
			return;
		}

		const keyContext = context();
		const match = matchWizardKey(name, keyContext);
		if (match.kind === 'none') {
			if (keyContext.prompt) setNotice('answer the question first');
			return;
		}

		if (match.kind === 'disabled') {
			setNotice(match.reason);
			return;
		}

		setNotice(undefined);
		const open = promptRef.current;
		switch (match.id) {
			case 'confirmYes': {
				if (open?.kind === 'confirm-done') update(current => markDone(current, open.step, now(), 'marked done although its check failed'));
				setPrompt(null);
				break;
			}

			case 'confirmNo': {
				setPrompt(null);
				break;
			}

			case 'saveFlagged': {
				if (open?.kind === 'wrong-user') saveToken(open.result, true);
				setPrompt(null);
				break;
			}

			case 'discardToken': {
				if (open?.kind === 'wrong-user') {
					setTokenState('discarded');
					update(current => markFailed(markFailed(current, 9, now(), 'token-wrong-user: token discarded'), 1, now(), 'token-wrong-user'));
				}

				setPrompt(null);
				break;
			}

			case 'prev': {
				move(-1);
				break;
			}

			case 'next': {
				move(1);
				break;
			}

			case 'toggleDone': {
				markStep();
				break;
			}

			case 'scrollDown': {
				scrollBy(1);
				break;
			}

			case 'scrollUp': {
				scrollBy(-1);
				break;
			}

			case 'reprobe': {
				restTools.reprobe();
				break;
			}

			case 'copyEmail': {
				restTools.copyEmail();
				break;
			}

			case 'pasteKey': {
				setField(openField('key'));
				break;
			}

			case 'pasteSecret': {
				setField(openField('secret'));
				break;
			}

			case 'reveal': {
				credentials.toggleReveal();
				break;
			}

			case 'authorize': {
				setTokenState('saved');
				authorization.start();
				break;
			}

			case 'paste': {
				setField(openField('paste'));
				break;
			}

			case 'cancelAuthorization': {
				authorization.cancel();
				break;
			}

			case 'copy': {
				if (!copyTarget) break;
				(services.writeToTerminal ?? write)(osc52(copyTarget.text, env));
				setNotice(`Copied ${copyTarget.label} (OSC 52: the terminal must allow clipboard writes)`);
				break;
			}

			case 'register': {
				register.open();
				break;
			}

			case 'cancelRegistration': {
				register.cancel();
				break;
			}

			case 'adoptClient': {
				register.adopt();
				break;
			}

			case 'keepClient': {
				register.leave();
				setNotice('Left the existing REST client as it is: nothing was changed on OSCAR');
				break;
			}

			case 'close': {
				props.onClose();
				break;
			}
		}
	};

	// Attached in the commit that draws the wizard; every input chunk arrives split into keys
	// (use-wizard-input.ts), so a burst of text and Enter submits the field instead of being typed into it.
	useWizardInput(handleKey, isActive);
	// Keys of the read that opened the wizard come first, in the commit that draws it (before any later key).
	const {pendingKeys, onPendingKeysTaken} = props;
	useLayoutEffect(() => {
		if (!isActive || pendingKeys === undefined || pendingKeys.length === 0) return;
		for (const key of pendingKeys) handleKey(toWizardKey(key));
		onPendingKeysTaken?.();
		// handleKey reads the live refs; only new pending keys matter here.
	}, [pendingKeys, isActive]);

	const registerView = register.view;
	const busy =
		step >= 4 && step <= 8 && registerView.phase === 'working'
			? `steps 4-8 with an admin login: ${registerView.activity}`
			: step === 3 && restTools.probing
				? 'probing the REST module'
				: step === 8 && credentials.proving
					? 'proving the key and secret with a signed request-token call'
					: step === 9 && authorization.view.phase === 'starting'
						? 'starting the callback, asking OSCAR for a request token'
						: step === 9 && authorization.view.phase === 'exchanging'
							? 'exchanging the verifier for the access token'
							: undefined;
	const paneProps: PaneProps = {
		step,
		status: shown[step],
		...(busy ? {busy} : {}),
		email,
		emailNote: restTools.emailNote,
		probeNote: restTools.probeNote,
		canProbe: services.probeRestModule !== undefined,
		fields,
		uriCheck,
		registeredUri: integration.uri,
		credentials: credentials.view,
		field,
		authorization: authorization.view,
		sshHint,
		tokenState,
		...(deadline === undefined ? {} : {secondsLeft: Math.ceil((deadline - now()) / 1000)}),
		register: registerView,
		canRegister,
	};
	const question =
		registerView.phase === 'name-in-use'
			? `${registerView.message} a: adopt it (log in again; its key and secret are then stored and proved), n or Esc: leave it`
			: questionText(prompt, integration);
	const next = nextStep(shown);
	const title = wizardTitleLines(
		`Onboarding ${instance.name} / ${integration.name}`,
		`${completedCount(shown)}/9 done${next === undefined ? ', all steps complete' : `, next: step ${next}`}`,
		width,
	);
	// The hints say PgUp/PgDn only when the pane scrolls, which depends on the hints' own height:
	// lay out without them first, and again with them when the pane turns out taller than its space.
	const layoutWith = (scrollable: boolean): WizardLayout => {
		const hintContext: WizardKeyContext = {
			step,
			authorizing,
			canProbe: services.probeRestModule !== undefined,
			canAuthorize: services.authorize !== undefined,
			prompt: (prompt?.kind ?? (registerView.phase === 'name-in-use' ? 'adopt' : null)) as WizardPrompt | null,
			scrollable,
			canCopy: copyTarget !== undefined,
			canRegister,
			registering: registerView.phase === 'working',
		};
		const login = registerView.phase === 'login' ? registerView.form : undefined;
		const hints = login
			? scopeHints('login', displayKey)
			: mode === 'nav'
				? wizardHints(hintContext, displayKey)
				: ['Enter accept', 'Esc leave the field'];
		const bottom = wizardBottomLines({
			field,
			focus: isActive,
			revealed: credentials.revealed,
			question,
			notice,
			width,
			theme,
			hints,
			...(login ? {login} : {}),
		});
		return layoutWizard({
			width,
			height,
			title,
			bottom,
			progress: shown,
			step,
			theme,
			offset: scroll,
			pane: paneWidth => paneLines(paneProps, paneWidth, theme),
		});
	};

	const first = layoutWith(false);
	const layout = first.scrollable ? layoutWith(true) : first;
	layoutRef.current = layout;
	return <LineView lines={layout.lines} />;
}

/** The open question in words, with its answers. */
function questionText(prompt: Prompt | null, integration: Integration): string | undefined {
	if (!prompt) return undefined;
	if (prompt.kind === 'confirm-done') {
		const info = stepInfo(prompt.step);
		return `Step ${prompt.step} (${info.title}) failed its check${prompt.note ? ` (${safeLine(prompt.note)})` : ''}. Mark it done anyway? y: yes, n or Esc: no`;
	}

	const who = prompt.result.identity
		? `${safeLine(prompt.result.identity.name ?? '?')} (provider ${safeLine(prompt.result.identity.providerNo)})`
		: 'another provider';
	return `The new token acts as ${who}, not as the dedicated user${integration.expectedProvider ? ` ${integration.expectedProvider}` : ''}: with it the integration would act as that person. s: save it flagged (token-wrong-user), d or Esc: discard it`;
}
