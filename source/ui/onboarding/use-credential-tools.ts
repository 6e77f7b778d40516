/**
 * Step 8's tools: the pasted Client Key and Client Secret, checked as they are pasted, saved, then
 * proved with a signed request-token call. The secret is held for the masked field and saving; it
 * shows only when revealed.
 */
import {useEffect, useRef, useState} from 'react';
import type {Integration} from '../../core/model.js';
import {checkPastedKey, checkPastedSecret, ValidationError} from '../../core/onboarding/paste-checks.js';
import {markDone, markFailed, markVerified, type OnboardingProgress} from '../../core/onboarding/progress.js';
import type {CredentialsView} from './step-panes.js';
import type {WizardServices} from './wizard-services.js';

type Tone = CredentialsView['messages'][number]['tone'];

export interface CredentialsPatch {
	readonly consumerKey?: string;
	/** The pasted secret (inline); the store decides how to keep it. */
	readonly consumerSecret?: string;
}

export interface CredentialToolsOptions {
	readonly integration: Integration;
	readonly services: WizardServices;
	readonly onSave: (patch: CredentialsPatch) => void | Promise<void>;
	readonly update: (transition: (current: OnboardingProgress) => OnboardingProgress) => void;
	readonly now: () => number;
	readonly ellipsis: string;
	/** Aborted when the wizard closes. */
	readonly signal: AbortSignal;
	/** Something new to show in the step's tools. */
	readonly onActivity: () => void;
}

export function useCredentialTools(options: CredentialToolsOptions) {
	const {integration, services, update, now, signal} = options;
	const [key, setKey] = useState(integration.consumerKey);
	const [secret, setSecret] = useState('');
	const [revealed, setRevealed] = useState(false);
	const [messages, setMessages] = useState<CredentialsView['messages']>([]);
	const [proving, setProving] = useState(false);
	// A key stored another way (steps 4-8 done with an admin login) shows here too.
	useEffect(() => {
		setKey(integration.consumerKey);
	}, [integration.consumerKey]);
	// Values pasted earlier in the same burst, before React re-rendered with them.
	const keyRef = useRef(key);
	keyRef.current = key;
	const secretRef = useRef(secret);
	secretRef.current = secret;

	const say = (tone: Tone, text: string): void => {
		setMessages(current => [...current, {tone, text}]);
		options.onActivity();
	};

	// Pasting the key, then the secret, starts two proofs: only the latest one decides.
	const proofs = useRef(0);
	const prove = async (haveKey: string, haveSecret: string): Promise<void> => {
		if (!services.proveCredentials) return;
		say('muted', `Proving the pair with a signed request-token call${options.ellipsis}`);
		const attempt = ++proofs.current;
		setProving(true);
		try {
			const proof = await services.proveCredentials(
				{consumerKey: haveKey, ...(haveSecret === '' ? {} : {consumerSecret: haveSecret})},
				signal,
			);
			if (attempt !== proofs.current) return;
			if (proof.ok) {
				say('success', 'OSCAR accepted the key and secret (request token issued).');
				update(current => markVerified(current, 8, now(), 'request token issued'));
			} else {
				say('error', `${proof.code}: ${proof.message}`);
				update(current => markFailed(current, 8, now(), proof.code));
			}
		} catch (error) {
			if (!signal.aborted && attempt === proofs.current)
				say('error', `The check failed: ${error instanceof Error ? error.message : String(error)}`);
		} finally {
			if (attempt === proofs.current && !signal.aborted) setProving(false);
		}
	};

	const save = async (patch: CredentialsPatch, haveKey: string, haveSecret: string): Promise<void> => {
		try {
			await options.onSave(patch);
		} catch (error) {
			say('error', `Saving failed: ${error instanceof Error ? error.message : String(error)}`);
			return;
		}

		say('success', patch.consumerSecret === undefined ? 'Key saved.' : 'Saved (the secret is stored, not shown).');
		const canProve = haveKey !== '' && (haveSecret !== '' || integration.consumerSecret !== '');
		if (!canProve) return;
		update(current => markDone(current, 8, now()));
		await prove(haveKey, haveSecret);
	};

	/** A pasted value: checked (false and a message when refused), then saved and proved. */
	const submit = (which: 'key' | 'secret', value: string): boolean => {
		try {
			const checked = which === 'key' ? checkPastedKey(value) : checkPastedSecret(value, keyRef.current);
			setMessages(checked.warnings.map(text => ({tone: 'warning' as const, text})));
			if (which === 'key') {
				keyRef.current = checked.value;
				setKey(checked.value);
				void save({consumerKey: checked.value}, checked.value, secretRef.current);
			} else {
				secretRef.current = checked.value;
				setSecret(checked.value);
				void save({consumerSecret: checked.value}, keyRef.current, checked.value);
			}

			return true;
		} catch (error) {
			if (!(error instanceof ValidationError)) throw error;
			setMessages([{tone: 'error', text: error.message}]);
			return false;
		}
	};

	const view: CredentialsView = {key, secret, secretSaved: integration.consumerSecret !== '', revealed, messages};
	return {view, proving, revealed, toggleReveal: () => setRevealed(current => !current), submit};
}
