/**
 * The report of an integration whose check was interrupted (Ctrl+C, SIGTERM) before it finished.
 * An interrupted run must not pass for a good one: every integration it did not finish is listed
 * as `cancelled` (UNKNOWN), never left out (which made "41 of 42 cancelled" print "1 integration: 1 ok").
 */
import {diagnosis} from './diagnoses.js';
import {integrationId} from './model.js';
import type {InstanceReport, IntegrationReport, ProbeResult} from './report.js';

interface CancelledInput {
	readonly instance: string;
	readonly integration: string;
	readonly deep: boolean;
	/** Epoch ms the run was interrupted. */
	readonly at: number;
	/** The instance's findings when its probe finished before the interruption. */
	readonly instanceReport?: InstanceReport;
}

/** A `cancelled` report (severity unknown) that keeps the instance's findings, if any. */
export function cancelledReport(input: CancelledInput): IntegrationReport {
	const own: ProbeResult = {
		probe: 'token',
		code: 'cancelled',
		severity: 'unknown',
		evidence: [{label: 'Finding', value: "The run was interrupted before this integration's check finished."}],
		skipped: true,
	};
	const instance = input.instanceReport;
	return {
		id: integrationId(input.instance, input.integration),
		instance: input.instance,
		integration: input.integration,
		severity: 'unknown',
		code: 'cancelled',
		summary: diagnosis('cancelled').summary,
		checkedAt: input.at,
		deep: input.deep,
		restModule: instance?.restModule ?? 'unknown',
		...(instance?.skewSeconds === undefined ? {} : {skewSeconds: instance.skewSeconds}),
		credentials: 'unchecked',
		token: 'unchecked',
		probes: [...(instance?.probes ?? []), own],
	};
}
