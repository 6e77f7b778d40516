/**
 * Mounts the onboarding wizard (source/ui/onboarding) for one integration, at a given step, and
 * saves what it produces (pasted credentials, the new token) as a patch of that integration.
 */
import React, {useMemo} from 'react';
import {Text} from 'ink';
import type {OnboardingStep} from '../../core/diagnoses.js';
import type {Instance, Integration, Inventory} from '../../core/model.js';
import type {IntegrationReport} from '../../core/report.js';
import {emptyProgress, type OnboardingProgress} from '../../core/onboarding/progress.js';
import {OnboardingWizard, type WizardServices} from '../onboarding/index.js';
import type {AdminClient, RegisterPlan} from '../../core/admin/index.js';
import type {KeyPress} from '../key-tokenizer.js';

interface WizardHostProps {
	readonly inventory: Inventory;
	readonly instance: string;
	readonly integration: string;
	readonly step?: OnboardingStep;
	readonly progress: OnboardingProgress | undefined;
	readonly onProgress: (progress: OnboardingProgress) => void;
	/** Save a change to this integration (credentials from step 8, the token from step 9). */
	readonly onSave: (patch: Partial<Integration>) => void;
	readonly onClose: () => void;
	/** Keys typed in the read that opened the wizard, before its listener was attached: it takes them first. */
	readonly pendingKeys?: readonly KeyPress[];
	readonly onPendingKeysTaken?: () => void;
	/** Steps 4-8 with an admin login: store the registered client for this integration; returns the key's warnings. */
	readonly onRegister?: (plan: RegisterPlan, client: AdminClient) => readonly string[];
	readonly services?: (instance: Instance, integration: Integration) => WizardServices;
	/** The integration's last check (steps it proves show as verified). */
	readonly report?: IntegrationReport;
	/** The space the wizard may use. */
	readonly width: number;
	readonly height: number;
	/** False while the terminal is too small to show it: keys do not reach it meanwhile. */
	readonly isActive?: boolean;
}

export function WizardHost(props: WizardHostProps) {
	const {inventory, services: makeServices} = props;
	const instance = inventory.instances.find(candidate => candidate.name === props.instance);
	const integration = instance?.integrations.find(candidate => candidate.name === props.integration);
	// Stable per integration, so the wizard's effects do not restart on every dashboard render.
	const services = useMemo(
		() => (instance && integration ? makeServices?.(instance, integration) : undefined),
		[makeServices, instance, integration],
	);
	if (!instance || !integration) return <Text wrap="wrap">{`${props.instance}/${props.integration} is no longer configured.`}</Text>;
	return (
		<OnboardingWizard
			instance={instance}
			integration={integration}
			progress={props.progress ?? emptyProgress}
			onProgress={props.onProgress}
			onSaveCredentials={patch => props.onSave(patch)}
			onSaveToken={token => props.onSave({accessToken: token.accessToken, tokenSecret: token.tokenSecret, issuedAt: token.issuedAt})}
			onClose={props.onClose}
			pendingKeys={props.pendingKeys}
			onPendingKeysTaken={props.onPendingKeysTaken}
			onRegister={props.onRegister}
			isActive={props.isActive ?? true}
			services={services}
			initialStep={props.step}
			report={props.report}
			width={props.width}
			height={props.height}
		/>
	);
}
