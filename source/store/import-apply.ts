/**
 * Import, applying stage: a validated plan onto the inventory, all of it in one locked
 * ConfigStore.update, or nothing at all (conflicts with what exists are collected, then thrown).
 */
import type {Inventory} from '../core/model.js';
import {integrationId} from '../core/model.js';
import {addInstance, addIntegration, findIntegration, updateIntegration} from '../core/inventory-ops.js';
import type {ConfigStore} from './config-store.js';
import {describeProblems, ImportError, scrub, type ImportProblem} from './import-problems.js';
import {planImport, type ImportPlan} from './import-plan.js';
import type {ImportFormat} from './inventory-file-format.js';

/** What to do with an integration that already exists: stop (default), keep the existing one, or replace it. */
export type ExistingPolicy = 'error' | 'skip' | 'replace';

interface ImportOptions {
	readonly format?: ImportFormat; // default: JSON when the text starts with '{', else CSV
	readonly existing?: ExistingPolicy;
}

interface ImportResult {
	readonly instancesAdded: readonly string[];
	readonly integrationsAdded: readonly string[];
	readonly integrationsReplaced: readonly string[];
	readonly integrationsSkipped: readonly string[];
	readonly warnings: readonly ImportProblem[];
}

/** Apply a validated plan to an inventory (pure). Conflicts with what exists are collected, then thrown together. */
function applyImport(
	inventory: Inventory,
	plan: ImportPlan,
	existing: ExistingPolicy = 'error',
): {inventory: Inventory; result: ImportResult} {
	const problems: ImportProblem[] = [];
	const result = {
		instancesAdded: [] as string[],
		integrationsAdded: [] as string[],
		integrationsReplaced: [] as string[],
		integrationsSkipped: [] as string[],
		warnings: plan.warnings,
	};
	let next = inventory;
	for (const planned of plan.instances) {
		const current = next.instances.find(instance => instance.name === planned.instance.name);
		if (current) {
			if (current.baseUrl !== planned.instance.baseUrl) {
				problems.push({
					row: planned.row,
					column: 'baseUrl',
					message: `instance "${current.name}" already exists with base URL ${current.baseUrl}`,
				});
				continue;
			}

			if (planned.instance.caFile !== undefined && planned.instance.caFile !== current.caFile) {
				problems.push({
					row: planned.row,
					column: 'caFile',
					message: `instance "${current.name}" already exists with ${current.caFile ? `caFile ${current.caFile}` : 'no caFile'}`,
				});
				continue;
			}
		} else {
			next = addInstance(next, {...planned.instance, integrations: []});
			result.instancesAdded.push(planned.instance.name);
		}

		for (const {row, column, integration} of planned.integrations) {
			const id = integrationId(planned.instance.name, integration.name);
			if (!findIntegration(next, id)) {
				next = addIntegration(next, planned.instance.name, integration);
				result.integrationsAdded.push(id);
			} else if (existing === 'skip') {
				result.integrationsSkipped.push(id);
			} else if (existing === 'replace') {
				const {instance: _instance, integration: old} = findIntegration(next, id)!;
				const cleared = Object.fromEntries(Object.keys(old).map(key => [key, undefined]));
				next = updateIntegration(next, id, {...cleared, ...integration});
				result.integrationsReplaced.push(id);
			} else {
				problems.push({
					row,
					column: `${column}integration`,
					message: `integration "${id}" already exists (import with existing=skip or existing=replace to change that)`,
				});
			}
		}
	}

	if (problems.length > 0) {
		const scrubbed = scrub(problems, plan.secrets);
		throw new ImportError(
			describeProblems(
				`Nothing was imported: ${scrubbed.length === 1 ? '1 conflict' : `${scrubbed.length} conflicts`} with the current configuration.`,
				scrubbed,
			),
			'conflict',
			scrubbed,
		);
	}

	return {inventory: next, result};
}

/** Validate everything, then apply all of it in one locked update, or nothing. */
export function importInventory(store: ConfigStore, input: string, options: ImportOptions = {}): ImportResult {
	const plan = planImport(input, options.format);
	let result: ImportResult | undefined;
	store.update(inventory => {
		const applied = applyImport(inventory, plan, options.existing);
		result = applied.result;
		return applied.inventory;
	});
	return result!;
}
