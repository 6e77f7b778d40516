// The benchmark's simulator, in its own process so it does not share the measured event loop.
// Usage: node simulator.js INSTANCES PER_INSTANCE LATENCY_MS. Prints one JSON line
// {"baseUrls": {name: url}} once listening; closes when stdin ends.
import process from 'node:process';
import {startSimulator} from '../../dist/simulator/index.js';
import {benchFleet, benchPlan} from './fleet.js';

const [instances, perInstance, latencyMs] = process.argv.slice(2).map(Number);
const simulator = await startSimulator({fleet: benchFleet(benchPlan(instances, perInstance)), latencyMs, portPerInstance: true});
process.stdout.write(
	`${JSON.stringify({baseUrls: Object.fromEntries(simulator.instances.map(instance => [instance.name, instance.baseUrl]))})}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
	void simulator.close().then(() => process.exit(0));
});
