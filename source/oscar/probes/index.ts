/** Contract C: the probes the checks engine runs. */
export {probeInstance, skewRefuseSeconds, skewWarnSeconds, skewWindowSeconds} from './instance.js';
export {alternateBaseUrls, parseIdentity, probeIntegration} from './integration.js';
export {releaseIdleConnections} from '../http.js';
export type {InstanceTarget, IntegrationTarget, ProbeOptions} from './types.js';
