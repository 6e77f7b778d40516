/**
 * Reading a fleet file (JSON) for `oscar-rest simulator --fleet FILE`, with errors that say what
 * is wrong and where. A blank client lifetime is stored as 0, as OSCAR's admin form does.
 */
import {type Fleet, type SimInstanceSpec, SimulatorError, scenarioNames} from './types.js';

function fail(message: string): never {
	throw new SimulatorError('fleet', message);
}

/** Parse and check the shape of a fleet; deeper checks happen in startSimulator. */
export function parseFleet(text: string, source = 'fleet file'): Fleet {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		fail(`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
	}

	const instances: unknown = Array.isArray(value) ? value : (value as {instances?: unknown} | null)?.instances;
	if (!Array.isArray(instances) || instances.length === 0)
		fail(`${source} must be {"instances": [{"name": "oscar", ...}, ...]} with at least one instance.`);
	return {
		instances: instances.map((raw: unknown, index): SimInstanceSpec => {
			if (typeof raw !== 'object' || raw === null) fail(`${source}: instances[${index}] must be an object.`);
			const spec = raw as SimInstanceSpec;
			if (typeof spec.name !== 'string' || spec.name === '') fail(`${source}: instances[${index}] needs a "name".`);
			if (spec.scenario !== undefined && !scenarioNames.includes(spec.scenario)) {
				throw new SimulatorError(
					'scenario',
					`${source}: instance "${spec.name}" has unknown scenario "${String(spec.scenario)}". Known: ${scenarioNames.join(', ')}.`,
				);
			}

			for (const key of ['users', 'clients', 'tokens'] as const) {
				if (spec[key] !== undefined && !Array.isArray(spec[key])) fail(`${source}: "${key}" of instance "${spec.name}" must be a list.`);
			}

			const clients = spec.clients?.map((client, clientIndex) => {
				if (typeof client?.key !== 'string' || typeof client.secret !== 'string') {
					fail(`${source}: clients[${clientIndex}] of instance "${spec.name}" needs "key" and "secret".`);
				}

				const lifetime = (client.lifetime as unknown) === '' || client.lifetime === undefined ? 0 : Number(client.lifetime);
				if (!Number.isInteger(lifetime) || lifetime < -1)
					fail(`${source}: client "${client.key}" lifetime must be -1, 0 or a whole number of seconds.`);
				return {...client, name: client.name ?? client.key, uri: client.uri ?? '', lifetime};
			});
			return clients === undefined ? spec : {...spec, clients};
		}),
	};
}
