/**
 * Steps the configuration already proves. An integration whose key and secret are saved and made
 * OSCAR issue a request token (or whose token works) cannot be missing its REST module, its REST
 * client or its key: showing those steps as "to do" would send an admin to redo finished work.
 * The proof comes from the last check; progress recorded after that check wins (a key pasted and
 * refused a minute ago is not "proven" by yesterday's check). Pure.
 */
import type {Integration} from '../model.js';
import type {IntegrationReport} from '../report.js';
import {statusOf, type OnboardingProgress} from './progress.js';
import type {StepId} from './steps.js';

/** The steps the last check proves, each with what proves it. */
export function provenSteps(integration: Integration, report: IntegrationReport | undefined): ReadonlyMap<StepId, string> {
	const proven = new Map<StepId, string>();
	if (!report) return proven;
	if (report.restModule === 'on') proven.set(3, 'the last check found the REST module on');
	const hasPair = integration.consumerKey !== '' && integration.consumerSecret !== '';
	if (hasPair && report.credentials === 'ok') {
		for (const step of [3, 4, 5, 6, 7, 8] as const) proven.set(step, 'the saved key and secret work (last check)');
	}

	const token = report.probes.find(probe => probe.probe === 'token');
	if (hasPair && integration.accessToken && token?.code === 'token-ok') {
		proven.set(9, 'the saved token works (last check)');
		proven.set(1, 'the token acts as the dedicated user (last check)');
	}

	return proven;
}

/**
 * `progress` as shown: proven steps are verified, unless the progress of that step was recorded
 * after the check (then it is newer news) or already says verified.
 */
export function withProvenSteps(
	progress: OnboardingProgress,
	integration: Integration,
	report: IntegrationReport | undefined,
): OnboardingProgress {
	let shown = progress;
	for (const [step, note] of provenSteps(integration, report)) {
		const recorded = progress[step];
		if (statusOf(progress, step) === 'verified') continue;
		if (recorded?.at !== undefined && report !== undefined && recorded.at > report.checkedAt) continue;
		shown = {...shown, [step]: {status: 'verified', at: report!.checkedAt, note}};
	}

	return shown;
}
