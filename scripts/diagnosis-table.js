// Prints the diagnosis catalogue as a Markdown table (code | severity | what it means | onboarding step).
// With --write, replaces the table between <!-- diagnoses --> and <!-- /diagnoses --> in README.md.
// Needs a build first (npm run build): it reads the compiled catalogue from dist/.
import {readFileSync, writeFileSync} from 'node:fs';
import process from 'node:process';
import {URL, fileURLToPath} from 'node:url';
import {diagnosisTable, replaceDiagnosesSection} from '../dist/core/diagnosis-table.js';

const table = diagnosisTable();

if (process.argv.includes('--write')) {
	const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
	const before = readFileSync(readmePath, 'utf8');
	const after = replaceDiagnosesSection(before, table);
	if (after === before) {
		process.stderr.write('README.md diagnosis table is up to date.\n');
	} else {
		writeFileSync(readmePath, after);
		process.stderr.write('README.md diagnosis table updated.\n');
	}
} else {
	process.stdout.write(`${table}\n`);
}
