/**
 * Step 3's tools: copy the e-mail to the hosting provider (OSC 52, and a 0600 file it names) and
 * probe the REST module again, recording what the probe found as the step's status.
 */
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {useState} from 'react';
import type {Instance} from '../../core/model.js';
import {hostEmailText, type HostEmail} from '../../core/onboarding/host-email.js';
import {markFailed, markVerified, type OnboardingProgress} from '../../core/onboarding/progress.js';
import {osc52} from '../../core/onboarding/terminal-escapes.js';
import type {WizardServices} from './wizard-services.js';

export interface RestModuleToolsOptions {
	readonly instance: Instance;
	readonly email: HostEmail;
	readonly services: WizardServices;
	readonly env: NodeJS.ProcessEnv;
	/** Ink's stdout writer (the default terminal for OSC 52). */
	readonly write: (data: string) => void;
	readonly update: (transition: (current: OnboardingProgress) => OnboardingProgress) => void;
	readonly now: () => number;
	readonly ellipsis: string;
	/** Aborted when the wizard closes. */
	readonly signal: AbortSignal;
	/** Something new to show in the step's tools. */
	readonly onActivity: () => void;
}

function safeFileName(name: string): string {
	return name.replace(/[^\w.-]+/g, '_');
}

export function useRestModuleTools(options: RestModuleToolsOptions) {
	const [emailNote, setEmailNote] = useState<string | undefined>(undefined);
	const [probeNote, setProbeNote] = useState<string | undefined>(undefined);
	const [probing, setProbing] = useState(false);
	const {services, signal} = options;

	const copyEmail = (): void => {
		const text = hostEmailText(options.email);
		(services.writeToTerminal ?? options.write)(osc52(text, options.env));
		const file = path.join(services.emailDir ?? os.tmpdir(), `oscar-rest-enable-rest-${safeFileName(options.instance.name)}.txt`);
		try {
			writeFileSync(file, text, {mode: 0o600});
			setEmailNote(`Copied (OSC 52: the terminal must allow clipboard access) and saved to ${file}`);
		} catch (error) {
			setEmailNote(`Copied (OSC 52); saving to ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
		}

		options.onActivity();
	};

	const reprobe = (): void => {
		if (!services.probeRestModule) return;
		setProbeNote(`probing${options.ellipsis}`);
		setProbing(true);
		options.onActivity();
		services
			.probeRestModule(signal)
			.then(
				result => {
					setProbeNote(result.detail);
					if (result.status === 'on') options.update(current => markVerified(current, 3, options.now(), result.detail));
					if (result.status === 'off') options.update(current => markFailed(current, 3, options.now(), result.detail));
				},
				(error: unknown) => {
					if (!signal.aborted) setProbeNote(`probe failed: ${error instanceof Error ? error.message : String(error)}`);
				},
			)
			.finally(() => {
				if (!signal.aborted) setProbing(false);
			});
	};

	return {emailNote, probeNote, probing, copyEmail, reprobe};
}
