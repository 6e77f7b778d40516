/** Contract C: what the probes take. Secrets arrive RESOLVED and live only in memory for one check. */
export type {InstanceTarget, IntegrationTarget, ProbeOptions} from '../../checks/probe-types.js';
