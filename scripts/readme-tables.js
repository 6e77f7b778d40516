// Prints the README's generated tables (the diagnosis catalogue, the exit codes) as Markdown.
// With --write, replaces each table between its markers in README.md (<!-- diagnoses -->,
// <!-- exit-codes -->). Needs a build first (npm run build): it reads the compiled tables from dist/.
import {readFileSync, writeFileSync} from 'node:fs';
import process from 'node:process';
import {URL, fileURLToPath} from 'node:url';
import {diagnosesSection, diagnosisTable} from '../dist/core/diagnosis-table.js';
import {exitCodeMarkdown, exitCodesSection} from '../dist/core/exit-codes.js';
import {replaceReadmeSection} from '../dist/core/readme-section.js';

const tables = [
	[diagnosesSection, diagnosisTable()],
	[exitCodesSection, exitCodeMarkdown()],
];

if (process.argv.includes('--write')) {
	const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
	const before = readFileSync(readmePath, 'utf8');
	const after = tables.reduce((readme, [section, table]) => replaceReadmeSection(readme, section, table), before);
	if (after === before) {
		process.stderr.write('README.md tables are up to date.\n');
	} else {
		writeFileSync(readmePath, after);
		process.stderr.write('README.md tables updated.\n');
	}
} else {
	for (const [section, table] of tables) process.stdout.write(`<!-- ${section} -->\n${table}\n\n`);
}
