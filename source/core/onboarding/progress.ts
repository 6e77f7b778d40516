/**
 * Onboarding progress of one integration: per step, whether the user said it is done, the tool
 * verified it, or a check failed. Pure transitions returning new objects, so the UI reducer and
 * whatever persists the progress share one set of rules.
 */
import {stepIds, type StepId} from './steps.js';

export type StepStatus = 'pending' | 'done' | 'verified' | 'failed';

export interface StepProgress {
	readonly status: StepStatus;
	/** Epoch ms of the last change. */
	readonly at?: number;
	/** Short reason, e.g. the diagnosis that failed or what was verified. Never a secret. */
	readonly note?: string;
}

/** Absent steps are pending. */
export type OnboardingProgress = Readonly<Partial<Record<StepId, StepProgress>>>;

export const emptyProgress: OnboardingProgress = {};

export function statusOf(progress: OnboardingProgress, step: StepId): StepStatus {
	return progress[step]?.status ?? 'pending';
}

function withStep(progress: OnboardingProgress, step: StepId, value: StepProgress): OnboardingProgress {
	return {...progress, [step]: value};
}

/** The user says the step is done. A verified step stays verified (the check outranks the claim). */
export function markDone(progress: OnboardingProgress, step: StepId, at: number, note?: string): OnboardingProgress {
	if (statusOf(progress, step) === 'verified') return progress;
	return withStep(progress, step, {status: 'done', at, ...(note === undefined ? {} : {note})});
}

/** Enter/space in the wizard: pending or failed -> done, done -> pending; verified is left alone. */
export function toggleDone(progress: OnboardingProgress, step: StepId, at: number): OnboardingProgress {
	const status = statusOf(progress, step);
	if (status === 'verified') return progress;
	if (status === 'done') return withStep(progress, step, {status: 'pending', at});
	return withStep(progress, step, {status: 'done', at});
}

/** The tool checked the step and it holds. */
export function markVerified(progress: OnboardingProgress, step: StepId, at: number, note?: string): OnboardingProgress {
	return withStep(progress, step, {status: 'verified', at, ...(note === undefined ? {} : {note})});
}

/** The tool checked the step and it does not hold (e.g. REST module still off). */
export function markFailed(progress: OnboardingProgress, step: StepId, at: number, note: string): OnboardingProgress {
	return withStep(progress, step, {status: 'failed', at, note});
}

/** The first step that is neither done nor verified; undefined when all nine are. */
export function nextStep(progress: OnboardingProgress): StepId | undefined {
	return stepIds.find(step => {
		const status = statusOf(progress, step);
		return status !== 'done' && status !== 'verified';
	});
}

/** How many of the nine steps are done or verified, for a "6/9" badge. */
export function completedCount(progress: OnboardingProgress): number {
	return stepIds.filter(step => ['done', 'verified'].includes(statusOf(progress, step))).length;
}
