/**
 * The README's diagnosis table, generated from the catalogue so the documentation cannot drift
 * from the code: scripts/diagnosis-table.js writes it, a test compares it with the README.
 */
import {allDiagnoses, type Diagnosis} from './diagnoses.js';

export const diagnosesStartMarker = '<!-- diagnoses -->';
export const diagnosesEndMarker = '<!-- /diagnoses -->';

/** Markdown-safe table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
	return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll(/\s*\n\s*/g, ' ');
}

/** A Markdown table: code | severity | what it means | onboarding step (no trailing newline). */
export function diagnosisTable(entries: readonly Diagnosis[] = allDiagnoses): string {
	const lines = [
		'| code | severity | what it means | onboarding step |',
		'|---|---|---|---|',
		...entries.map(entry => `| \`${entry.code}\` | ${entry.severity} | ${cell(entry.summary)} | ${entry.step === null ? '-' : String(entry.step)} |`),
	];
	return lines.join('\n');
}

export class DiagnosesSectionError extends Error {
	readonly code = 'marker-missing';
	constructor(message: string) {
		super(message);
		this.name = 'DiagnosesSectionError';
	}
}

/**
 * The README with the table placed between the markers (replacing what was there). A missing
 * end marker is added right after the start marker; a missing start marker is an error, because
 * guessing where the table goes would put it in the wrong section.
 */
export function replaceDiagnosesSection(readme: string, table: string = diagnosisTable()): string {
	const start = readme.indexOf(diagnosesStartMarker);
	if (start === -1) throw new DiagnosesSectionError(`The README has no ${diagnosesStartMarker} marker to put the table after.`);
	const afterStart = start + diagnosesStartMarker.length;
	const end = readme.indexOf(diagnosesEndMarker, afterStart);
	const tail = end === -1 ? readme.slice(afterStart) : readme.slice(end + diagnosesEndMarker.length);
	return `${readme.slice(0, afterStart)}\n\n${table}\n\n${diagnosesEndMarker}${tail}`;
}

/** The table currently between the markers, or undefined when either marker is missing. */
export function readDiagnosesSection(readme: string): string | undefined {
	const start = readme.indexOf(diagnosesStartMarker);
	if (start === -1) return undefined;
	const end = readme.indexOf(diagnosesEndMarker, start + diagnosesStartMarker.length);
	if (end === -1) return undefined;
	return readme.slice(start + diagnosesStartMarker.length, end).trim();
}
