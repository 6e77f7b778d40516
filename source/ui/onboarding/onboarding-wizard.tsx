/**
 * The guided onboarding wizard: the nine steps on the left, the selected step on the right.
 * Mounted by the dashboard as an overlay; it owns no storage: progress, credentials and the token
 * leave through the callbacks, protocol work through the injected services. Keys come from the
 * one table in wizard-keys.ts, only while `isActive`.
 */
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text, useStdout} from 'ink';
import type {Instance, Integration} from '../../core/model.js';
import {hostEmail, hostEmailText} from '../../core/onboarding/host-email.js';
import {checkPastedKey, checkPastedSecret, ValidationError} from '../../core/onboarding/paste-checks.js';
import {completedCount, markDone, markFailed, markVerified, nextStep, toggleDone, type OnboardingProgress} from '../../core/onboarding/progress.js';
import {callbackSatisfiesUri, restClientFields} from '../../core/onboarding/rest-client-fields.js';
import {isRemoteSession, sshForwardLine} from '../../core/onboarding/remote-session.js';
import {stepIds, type StepId} from '../../core/onboarding/steps.js';
import {osc52} from '../../core/onboarding/terminal-escapes.js';
import type {AuthorizationResult} from '../../onboarding/authorize-flow.js';
import {displayKey} from '../key-name.js';
import {useTheme} from '../theme.js';
import {StepList} from './step-list.js';
import {StepPane, StepSection, type CredentialsView} from './step-panes.js';
import {closedField, editField, fieldEditFor, openField, type FieldEdit, type FieldState} from './field-model.js';
import {useAuthorization} from './use-authorization.js';
import {useWizardInput, type WizardKey} from './use-wizard-input.js';
import {matchWizardKey, onboardingKeys} from './wizard-keys.js';
import type {SavedToken, WizardServices} from './wizard-services.js';

export interface CredentialsPatch {
	readonly consumerKey?: string;
	/** The pasted secret (inline); the store decides how to keep it. */
	readonly consumerSecret?: string;
}

interface OnboardingWizardProps {
	readonly instance: Instance;
	readonly integration: Integration;
	readonly progress: OnboardingProgress;
	readonly onProgress: (progress: OnboardingProgress) => void;
	/** Step 8: only the fields the user pasted. */
	readonly onSaveCredentials: (patch: CredentialsPatch) => void | Promise<void>;
	/** Step 9: the new access token (tokenSecret is a secret: store it, never print it). */
	readonly onSaveToken: (token: SavedToken) => void | Promise<void>;
	readonly onClose: () => void;
	readonly isActive: boolean;
	readonly services?: WizardServices;
	/** Start on this step (e.g. the dashboard's `f` jumps to the step that fixes a diagnosis). */
	readonly initialStep?: StepId;
}

type Tone = CredentialsView['messages'][number]['tone'];

function safeFileName(name: string): string {
	return name.replace(/[^\w.-]+/g, '_');
}

export function OnboardingWizard(props: OnboardingWizardProps) {
	const {instance, integration, progress, isActive} = props;
	const services = useMemo(() => props.services ?? {}, [props.services]);
	const env = services.env ?? process.env;
	const now = services.now ?? Date.now;
	const port = services.port ?? 8765;
	const theme = useTheme();
	const {write} = useStdout();

	// The selected step, also in a ref advanced synchronously: "nnn" in one burst moves three steps.
	const [step, setStepState] = useState<StepId>(props.initialStep ?? nextStep(progress) ?? 1);
	const stepRef = useRef(step);
	const setStep = useCallback((next: StepId) => {
		stepRef.current = next;
		setStepState(next);
	}, []);
	// The open paste field, advanced synchronously by every key: a burst (a key that opens the field,
	// the pasted text, Enter) acts on the field its first key opened, before React re-renders.
	const [field, setFieldState] = useState<FieldState>(closedField);
	const fieldRef = useRef<FieldState>(closedField);
	const setField = useCallback((next: FieldState) => {
		fieldRef.current = next;
		setFieldState(next);
	}, []);
	const {mode} = field;
	const [notice, setNotice] = useState<string | undefined>(undefined);
	const [emailNote, setEmailNote] = useState<string | undefined>(undefined);
	const [probeNote, setProbeNote] = useState<string | undefined>(undefined);
	const [key, setKey] = useState(integration.consumerKey);
	const [secret, setSecret] = useState('');
	const [revealed, setRevealed] = useState(false);
	const [messages, setMessages] = useState<CredentialsView['messages']>([]);

	// Async results land after re-renders: transitions start from the latest progress, not a stale prop.
	const latest = useRef(progress);
	useEffect(() => {
		latest.current = progress;
	}, [progress]);
	const update = useCallback((transition: (current: OnboardingProgress) => OnboardingProgress) => {
		const next = transition(latest.current);
		if (next === latest.current) return;
		latest.current = next;
		props.onProgress(next);
	}, [props]);

	const abort = useRef(new AbortController());
	useEffect(() => () => abort.current.abort(), []);

	const email = useMemo(() => hostEmail({instanceName: instance.name, baseUrl: instance.baseUrl}), [instance]);
	const fields = useMemo(() => restClientFields({baseUrl: instance.baseUrl, name: integration.name, port}), [instance, integration, port]);
	const uriCheck = integration.uri === undefined ? undefined : callbackSatisfiesUri(fields.callback, integration.uri);
	const sshHint = isRemoteSession(env) ? sshForwardLine(port, undefined, env) : undefined;

	const onResult = useCallback((result: AuthorizationResult) => {
		void Promise.resolve(props.onSaveToken({
			accessToken: result.accessToken, tokenSecret: result.tokenSecret, issuedAt: result.issuedAt,
			...(result.identity ? {identity: result.identity} : {}),
		}));
		const at = now();
		const wrong = result.findings.find(finding => finding.code === 'token-wrong-user');
		update(current => {
			let next = result.findings.length === 0
				? markVerified(current, 9, at, result.identity ? `acts as provider ${result.identity.providerNo}` : 'token saved')
				: markFailed(current, 9, at, result.findings.map(finding => finding.code).join(', '));
			if (result.identityMatches === true) next = markVerified(next, 1, at, 'the token acts as the dedicated user');
			if (wrong) next = markFailed(next, 1, at, 'token-wrong-user');
			return next;
		});
	}, [props, now, update]);
	const onFailure = useCallback((code: string) => {
		if (code === 'cancelled') return;
		update(current => markFailed(current, 9, now(), code));
	}, [now, update]);
	const authorization = useAuthorization(services, onResult, onFailure);
	const authorizing = authorization.view.phase === 'starting' || authorization.view.phase === 'waiting';
	// What `y` copies on step 9: the authorize URL while it waits, else the ssh -L line over SSH.
	const authorizeUrl = authorization.view.phase === 'waiting' ? authorization.view.url : undefined;
	const copyTarget = authorizeUrl ? {text: authorizeUrl, label: 'the authorize URL'} : (sshHint ? {text: sshHint, label: 'the ssh -L line'} : undefined);

	const say = (tone: Tone, text: string) => setMessages(current => [...current, {tone, text}]);

	const proofs = useRef(0);
	const saveCredentials = async (patch: CredentialsPatch, haveKey: string, haveSecret: string) => {
		try {
			await props.onSaveCredentials(patch);
		} catch (error) {
			say('error', `Saving failed: ${error instanceof Error ? error.message : String(error)}`);
			return;
		}

		say('success', patch.consumerSecret === undefined ? 'Key saved.' : 'Saved (the secret is stored, not shown).');
		const canProve = haveKey !== '' && (haveSecret !== '' || integration.consumerSecret !== '');
		if (!canProve) return;
		update(current => markDone(current, 8, now()));
		if (!services.proveCredentials) return;
		say('muted', 'Proving the pair with a signed request-token call…');
		// Pasting the key, then the secret, starts two proofs: only the latest one decides.
		const attempt = ++proofs.current;
		try {
			const proof = await services.proveCredentials({consumerKey: haveKey, ...(haveSecret === '' ? {} : {consumerSecret: haveSecret})}, abort.current.signal);
			if (attempt !== proofs.current) return;
			if (proof.ok) {
				say('success', 'OSCAR accepted the key and secret (request token issued).');
				update(current => markVerified(current, 8, now(), 'request token issued'));
			} else {
				say('error', `${proof.code}: ${proof.message}`);
				update(current => markFailed(current, 8, now(), proof.code));
			}
		} catch (error) {
			if (!abort.current.signal.aborted && attempt === proofs.current) say('error', `The check failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	};

	// Values pasted earlier in the same burst, before React re-rendered with them.
	const keyRef = useRef(key);
	keyRef.current = key;
	const secretRef = useRef(secret);
	secretRef.current = secret;

	const submitDraft = () => {
		const {mode: fieldMode, value} = fieldRef.current;
		if (fieldMode === 'paste') {
			authorization.paste(value);
			setField(closedField);
			return;
		}

		try {
			if (fieldMode === 'key') {
				const checked = checkPastedKey(value);
				setMessages(checked.warnings.map(text => ({tone: 'warning' as const, text})));
				keyRef.current = checked.value;
				setKey(checked.value);
				setField(closedField);
				void saveCredentials({consumerKey: checked.value}, checked.value, secretRef.current);
			} else if (fieldMode === 'secret') {
				const checked = checkPastedSecret(value, keyRef.current);
				setMessages(checked.warnings.map(text => ({tone: 'warning' as const, text})));
				secretRef.current = checked.value;
				setSecret(checked.value);
				setField(closedField);
				void saveCredentials({consumerSecret: checked.value}, keyRef.current, checked.value);
			}
		} catch (error) {
			if (!(error instanceof ValidationError)) throw error;
			setMessages([{tone: 'error', text: error.message}]);
		}
	};

	const copyEmail = () => {
		const text = hostEmailText(email);
		(services.writeToTerminal ?? write)(osc52(text, env));
		const file = path.join(services.emailDir ?? os.tmpdir(), `oscar-rest-enable-rest-${safeFileName(instance.name)}.txt`);
		try {
			writeFileSync(file, text, {mode: 0o600});
			setEmailNote(`Copied (OSC 52: the terminal must allow clipboard access) and saved to ${file}`);
		} catch (error) {
			setEmailNote(`Copied (OSC 52); saving to ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	};

	const reprobe = () => {
		if (!services.probeRestModule) return;
		setProbeNote('probing…');
		services.probeRestModule(abort.current.signal).then(result => {
			setProbeNote(result.detail);
			if (result.status === 'on') update(current => markVerified(current, 3, now(), result.detail));
			if (result.status === 'off') update(current => markFailed(current, 3, now(), result.detail));
		}, (error: unknown) => {
			if (!abort.current.signal.aborted) setProbeNote(`probe failed: ${error instanceof Error ? error.message : String(error)}`);
		});
	};

	const move = (delta: 1 | -1) => {
		const from = stepRef.current;
		const target = stepIds[Math.min(stepIds.length - 1, Math.max(0, stepIds.indexOf(from) + delta))]!;
		setStep(target);
		setNotice(target === from ? (delta > 0 ? 'already at the last step' : 'already at the first step') : undefined);
	};

	// Every key, in nav mode and in the paste fields, goes through this one handler; the open field
	// lives in a ref advanced synchronously, so a burst never meets a stale closure.
	const handleKey = ({name, input, ctrl, meta}: WizardKey) => {
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

		const match = matchWizardKey(name, {step: stepRef.current, authorizing, canProbe: services.probeRestModule !== undefined, canAuthorize: services.authorize !== undefined, canCopy: copyTarget !== undefined});
		if (match.kind === 'none') return;
		if (match.kind === 'disabled') {
			setNotice(match.reason);
			return;
		}

		setNotice(undefined);
		switch (match.id) {
			case 'prev': {
				move(-1);
				break;
			}

			case 'next': {
				move(1);
				break;
			}

			case 'toggleDone': {
				const at = stepRef.current;
				update(current => toggleDone(current, at, now()));
				break;
			}

			case 'reprobe': {
				reprobe();
				break;
			}

			case 'copyEmail': {
				copyEmail();
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
				setRevealed(current => !current);
				break;
			}

			case 'authorize': {
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

			case 'close': {
				props.onClose();
				break;
			}
		}
	};

	// Attached in the commit that draws the wizard; every input chunk arrives split into keys
	// (use-wizard-input.ts), so a burst of text and Enter submits the field instead of being typed into it.
	useWizardInput(handleKey, isActive);

	const hints = onboardingKeys
		.filter(spec => spec.disabledReason({step, authorizing, canProbe: services.probeRestModule !== undefined, canAuthorize: services.authorize !== undefined, canCopy: copyTarget !== undefined}) === null)
		.filter((spec, index, all) => all.findIndex(other => other.keys[0] === spec.keys[0]) === index)
		.map(spec => `${spec.keys.map(displayKey).join('/')} ${spec.description.split(/[:(]/)[0]!.trim()}`);
	const credentials: CredentialsView = {key, secret, secretSaved: integration.consumerSecret !== '', revealed, messages};
	const next = nextStep(progress);

	return (
		<Box flexDirection="column">
			<Text bold>
				Onboarding {instance.name} / {integration.name}
				<Text dimColor>{`  ${completedCount(progress)}/9 done${next === undefined ? ', all steps complete' : `, next: step ${next}`}`}</Text>
			</Text>
			<Box flexDirection="row">
				<StepList progress={progress} selected={step}/>
				<StepPane step={step} status={progress[step]}/>
			</Box>
			<StepSection
				step={step} status={progress[step]} email={email} emailNote={emailNote} probeNote={probeNote} canProbe={services.probeRestModule !== undefined}
				fields={fields} uriCheck={uriCheck} registeredUri={integration.uri} credentials={credentials}
				field={field} focus={isActive}
				authorization={authorization.view} sshHint={sshHint} now={now}
			/>
			{notice ? <Text color={theme.color('warning')}>▲ {notice}</Text> : null}
			<Text dimColor wrap="wrap">{mode === 'nav' ? hints.join(' · ') : 'Enter accept · Esc leave the field'}</Text>
		</Box>
	);
}
