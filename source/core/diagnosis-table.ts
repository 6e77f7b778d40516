/**
 * The README's diagnosis table, generated from the catalogue so the documentation cannot drift
 * from the code: scripts/readme-tables.js writes it, a test compares it with the README.
 */
import {allDiagnoses, type Diagnosis} from './diagnoses.js';
import {markdownCell} from './readme-section.js';

/** The README section that holds the table (see readme-section.ts). */
export const diagnosesSection = 'diagnoses';

/** A Markdown table: code | severity | what it means | onboarding step (no trailing newline). */
export function diagnosisTable(entries: readonly Diagnosis[] = allDiagnoses): string {
	const lines = [
		'| code | severity | what it means | onboarding step |',
		'|---|---|---|---|',
		...entries.map(
			entry =>
				`| \`${entry.code}\` | ${entry.severity} | ${markdownCell(entry.summary)} | ${entry.step === null ? '-' : String(entry.step)} |`,
		),
	];
	return lines.join('\n');
}
