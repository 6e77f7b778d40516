/**
 * Import, planning stage: check EVERY row of the input (CSV or JSON) before anything changes, and
 * report all problems at once as {row, column, message}. Needs no inventory.
 */
import {redact} from '../core/redact.js';
import type {PlannedInstance} from './import-fields.js';
import {planCsv} from './import-csv.js';
import {planJson} from './import-json.js';
import {Collector, describeProblems, ImportError, scrub, type ImportProblem} from './import-problems.js';
import type {ImportFormat} from './inventory-file-format.js';

export interface ImportPlan {
	readonly instances: readonly PlannedInstance[];
	readonly warnings: readonly ImportProblem[];
	/** Inline secret values seen in the input, to scrub from any message. */
	readonly secrets: readonly string[];
}

/** Validate the whole input (no inventory needed). Throws ImportError listing every problem. */
export function planImport(input: string, format?: ImportFormat): ImportPlan {
	const chosen = format ?? (input.trimStart().startsWith('{') ? 'json' : 'csv');
	const collect = new Collector();
	const plan = chosen === 'json' ? planJson(collect, input) : planCsv(collect, input);
	if (collect.problems.length > 0) {
		const problems = scrub(collect.problems, collect.secrets);
		const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
		throw new ImportError(
			redact(describeProblems(`Nothing was imported: ${count} in the ${chosen.toUpperCase()} input.`, problems), collect.secrets),
			'invalid',
			problems,
		);
	}

	return {instances: [...plan.values()], warnings: scrub(collect.warnings, collect.secrets), secrets: collect.secrets};
}
