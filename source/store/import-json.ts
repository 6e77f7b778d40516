/**
 * Import, JSON stage: the inventory shape `{"instances": [...]}` into a plan. For JSON problems
 * `row` is the instance's position (1-based) and `column` the field path inside it.
 */
import {describeJsonSyntax} from '../core/json-position.js';
import {validateName} from '../core/validate.js';
import {addPlannedIntegration, buildIntegration, checkString, planInstance, type PlannedInstance} from './import-fields.js';
import type {Collector} from './import-problems.js';
import {integrationColumns} from './inventory-file-format.js';

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const jsonInstanceKeys = ['name', 'baseUrl', 'caFile', 'insecureTls', 'dialect', 'notes', 'integrations'];
const jsonIntegrationKeys = ['name', ...integrationColumns, 'notes'];

/** Read JSON text into planned instances; problems go to `collect`. */
export function planJson(collect: Collector, input: string): Map<string, PlannedInstance> {
	const plan = new Map<string, PlannedInstance>();
	let data: unknown;
	try {
		data = JSON.parse(input);
	} catch {
		// Located by line and column; JSON.parse's own message would quote the file (and its secrets).
		collect.problem(0, '*', `not valid JSON: ${describeJsonSyntax(input)}`);
		return plan;
	}

	if (!isObject(data) || !Array.isArray(data.instances)) {
		collect.problem(0, 'instances', 'the JSON must be an object like {"instances": [...]}');
		return plan;
	}

	data.instances.forEach((item: unknown, index: number) => {
		const row = index + 1;
		if (!isObject(item)) {
			collect.problem(row, '*', 'each instance must be an object');
			return;
		}

		for (const key of Object.keys(item)) if (!jsonInstanceKeys.includes(key)) collect.problem(row, key, `unknown field "${key}"`);
		const before = plan.size;
		const planned = planInstance(collect, plan, row, item, 'name');
		if (planned && plan.size === before)
			collect.problem(row, 'name', `instance "${planned.instance.name}" appears twice (also row ${planned.row})`);
		const integrations = item.integrations ?? [];
		if (!Array.isArray(integrations)) {
			collect.problem(row, 'integrations', 'must be a list');
			return;
		}

		integrations.forEach((entry: unknown, position: number) => {
			const prefix = `integrations[${position}].`;
			if (!isObject(entry)) {
				collect.problem(row, `integrations[${position}]`, 'must be an object');
				return;
			}

			for (const key of Object.keys(entry))
				if (!jsonIntegrationKeys.includes(key)) collect.problem(row, `${prefix}${key}`, `unknown field "${key}"`);
			const nameRaw = checkString(collect, row, `${prefix}name`, entry.name) ?? '';
			const name = collect.attempt(row, `${prefix}name`, () => validateName(nameRaw, 'integration'));
			const integration = buildIntegration(collect, row, prefix, name ?? '', entry);
			if (planned && name !== undefined && integration) addPlannedIntegration(collect, planned, row, prefix, integration);
		});
	});
	return plan;
}
