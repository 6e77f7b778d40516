/**
 * The built-in OSCAR simulator (contract B): classic OSCAR (CXF 2.7) and the CARLOS fork, with
 * the field failures clinics really hit, on 127.0.0.1 only. Used by `npm run demo` and the tests.
 */
export type {
	Fleet,
	RunningInstance,
	RunningSimulator,
	ScenarioName,
	SimClient,
	SimDialect,
	SimInstanceSpec,
	SimToken,
	SimUser,
	SimulatorOptions,
} from './types.js';
export {SimulatorError, scenarioNames} from './types.js';
export {startSimulator} from './server.js';
export {dedicatedProviderNo} from './defaults.js';
export {demoConfigInventory, demoFleet, demoIntegrations, demoInventory} from './demo-fleet.js';
export {describeSimulator, formatCredentials, urlLine, type SimulatorDescription} from './credentials.js';
export {parseFleet} from './fleet-file.js';
