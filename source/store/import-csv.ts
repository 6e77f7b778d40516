/** Import, CSV stage: the header and each row of a CSV file into a plan (see inventory-file-format.ts). */
import {CsvSyntaxError, parseCsv, restoreCell} from './csv.js';
import {validateName} from '../core/validate.js';
import {addPlannedIntegration, buildIntegration, planInstance, text, type PlannedInstance} from './import-fields.js';
import type {Collector} from './import-problems.js';
import {allColumns, baseColumns, integrationColumns, type Column} from './inventory-file-format.js';

/** Read CSV text into planned instances; problems go to `collect`. */
export function planCsv(collect: Collector, input: string): Map<string, PlannedInstance> {
	const plan = new Map<string, PlannedInstance>();
	let records;
	try {
		records = parseCsv(input);
	} catch (error) {
		if (error instanceof CsvSyntaxError) {
			collect.problem(error.row, `field ${error.column}`, error.message.replace(/^row \d+, field \d+: /, ''));
			return plan;
		}

		throw error;
	}

	const [header, ...rows] = records;
	if (!header) {
		collect.problem(1, '*', `the file is empty: the first row must be the header ${baseColumns.join(',')}`);
		return plan;
	}

	if (header.fields.length === 1 && (header.fields[0] ?? '').includes(';')) {
		collect.problem(header.row, '*', "the header is separated by ';': save the file as comma-separated CSV");
		return plan;
	}

	const columns: (Column | undefined)[] = header.fields.map(field =>
		allColumns.find(column => column.toLowerCase() === field.trim().toLowerCase()),
	);
	header.fields.forEach((field, index) => {
		if (columns[index] === undefined)
			collect.problem(header.row, field, `unknown column "${field}"; the columns are ${allColumns.join(', ')}`);
		else if (columns.indexOf(columns[index]) !== index) collect.problem(header.row, field, `column "${field}" appears twice`);
	});
	for (const required of ['instance', 'baseUrl'] as const) {
		if (!columns.includes(required)) collect.problem(header.row, required, `the header has no "${required}" column`);
	}

	if (collect.problems.length > 0) return plan;
	for (const record of rows) {
		if (record.fields.length !== columns.length) {
			collect.problem(
				record.row,
				'*',
				`has ${record.fields.length} fields but the header has ${columns.length} (a comma inside a value needs quotes)`,
			);
			continue;
		}

		const fields: Record<string, string> = {};
		columns.forEach((column, index) => {
			// Export neutralises formula-like cells with a leading quote (csv.ts); the value comes back as it was.
			fields[column!] = restoreCell(record.fields[index] ?? '');
		});
		const planned = planInstance(collect, plan, record.row, fields, 'instance');
		const integrationName = text(fields.integration);
		if (integrationName === undefined) {
			const stray = integrationColumns.filter(column => text(fields[column]) !== undefined);
			if (stray.length > 0)
				collect.problem(
					record.row,
					'integration',
					`is empty but ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} filled in: name the integration`,
				);
			continue;
		}

		const name = collect.attempt(record.row, 'integration', () => validateName(integrationName, 'integration'));
		const integration = buildIntegration(collect, record.row, '', name ?? '', fields);
		if (planned && name !== undefined && integration) addPlannedIntegration(collect, planned, record.row, '', integration);
	}

	return plan;
}
