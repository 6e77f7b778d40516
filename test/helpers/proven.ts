/**
 * An earlier report whose proof covers this configuration, as the checks engine passes it to the
 * probes: tests of what happens once a configuration is proven start from it.
 */
import {configurationFingerprint} from '../../source/core/configuration-proof.js';
import type {IntegrationReport} from '../../source/core/report.js';

export interface ProvenInput {
	readonly baseUrl: string;
	readonly dialect?: 'classic' | 'carlos';
	readonly id?: string;
	readonly consumerKey: string;
	readonly consumerSecret: string;
}

export function provenReport(input: ProvenInput, checkedAt = Date.now() - 60_000): IntegrationReport {
	const configuration = configurationFingerprint(input);
	const id = input.id ?? 'clinic/booking';
	return {
		id,
		instance: id.split('/')[0]!,
		integration: id.split('/')[1]!,
		severity: 'ok',
		code: 'ok',
		summary: '',
		checkedAt,
		deep: false,
		restModule: 'on',
		credentials: 'ok',
		token: 'ok',
		probes: [],
		configuration,
		proof: {configuration, at: checkedAt, by: 'signed-request'},
	};
}
