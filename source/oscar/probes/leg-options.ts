/** The leg options a probe passes on: the integration's signing choices and the check's limits. */
import type {IntegrationTarget, ProbeOptions} from './types.js';

export function legOptions(integration: IntegrationTarget, options: ProbeOptions) {
	return {
		...(integration.signatureMethod ? {signatureMethod: integration.signatureMethod} : {}),
		...(integration.transport ? {transport: integration.transport} : {}),
		...(options.signal ? {signal: options.signal} : {}),
		...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
		...(options.maxBodyBytes === undefined ? {} : {maxBodyBytes: options.maxBodyBytes}),
	};
}
