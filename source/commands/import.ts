/**
 * `oscar-rest import FILE`: add many instances and integrations from CSV or JSON. Every row is
 * checked first; one bad row imports nothing, names its row and column, and leaves the config
 * file byte-identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import {type CommandContext, UserError} from './context.js';
import {parseCommandArgs} from './args.js';
import {openStore, toUserError} from './open-store.js';
import {type ExistingPolicy, importInventory} from '../store/import-apply.js';
import type {ImportFormat} from '../store/inventory-file-format.js';
import {ImportError, type ImportProblem} from '../store/import-problems.js';
import type {ExitName} from '../core/exit-codes.js';
import {safeText} from '../core/untrusted-text.js';

const help = `Usage: oscar-rest import FILE [--format csv|json] [--existing error|skip|replace]

Import instances and integrations from a CSV or JSON file ("-" reads stdin). Every row is
validated first, with the same rules as "oscar-rest add"; if any row has a problem, nothing is
imported and each problem is listed by row and column.

CSV columns (header row required, any order):
  instance,baseUrl,caFile,integration,consumerKey,consumerSecret,uri,callback,accessToken,
  tokenSecret,expectedProvider,lifetime,issuedAt,tags      (tags separated by ";")
  optional: dialect, insecureTls, signatureMethod, transport
Secrets may be given inline or as references: env:NAME, file:PATH.
JSON: the shape "oscar-rest export --format json" writes.

Options
  --format F       csv or json (default: from the file extension, else from the content)
  --existing P     an integration that already exists: error (default: import nothing),
                   skip (keep the existing one) or replace (overwrite it with the row)

Examples
  oscar-rest import clinics.csv
  oscar-rest export --format json --include-secrets | oscar-rest --config other.json import - --existing skip
`;

const policies: readonly ExistingPolicy[] = ['error', 'skip', 'replace'];

function formatFor(file: string, flag: string | undefined): ImportFormat | undefined {
	if (flag !== undefined) {
		if (flag !== 'csv' && flag !== 'json') throw new UserError(`import: --format must be csv or json, got "${flag}".`);
		return flag;
	}

	const extension = path.extname(file).toLowerCase();
	if (extension === '.csv') return 'csv';
	if (extension === '.json') return 'json';
	return undefined;
}

async function readInput(context: CommandContext, file: string): Promise<string> {
	if (file === '-') {
		let text = '';
		for await (const chunk of context.stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
		return text;
	}

	try {
		return fs.readFileSync(path.resolve(file), 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new UserError(`import: no such file ${path.resolve(file)}.`);
		if (code === 'EISDIR') throw new UserError(`import: ${path.resolve(file)} is a directory.`);
		throw new UserError(`import: cannot read ${path.resolve(file)} (${code ?? 'error'}).`);
	}
}

function problemLine(problem: ImportProblem): string {
	return `  ${problem.row === 0 ? '' : `row ${problem.row}, `}${problem.column}: ${problem.message}`;
}

export default async function run(context: CommandContext): Promise<ExitName> {
	const {
		values,
		positionals,
		help: wantsHelp,
	} = parseCommandArgs('import', context.argv, {
		format: {type: 'string', short: 'f'},
		existing: {type: 'string'},
	});
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const [file] = positionals;
	if (file === undefined || positionals.length > 1)
		throw new UserError('import needs one FILE (CSV or JSON; "-" for stdin), e.g. oscar-rest import clinics.csv');
	const existing = (values.existing ?? 'error') as ExistingPolicy;
	if (!policies.includes(existing))
		throw new UserError(`import: --existing must be one of ${policies.join(', ')}, got "${values.existing}".`);
	const format = formatFor(file, values.format);
	const input = await readInput(context, file);

	let result;
	try {
		result = importInventory(openStore(context.configPath, context.stderr), input, {...(format ? {format} : {}), existing});
	} catch (error) {
		if (error instanceof ImportError) {
			// The message lists every problem by row and column (never a secret value); it may quote the
			// file's text, so it is shown escaped.
			context.stderr.write(`oscar-rest: import: ${safeText(error.message)}\n`);
			if (error.code === 'conflict' && existing === 'error')
				context.stderr.write('The configuration was not changed. Use --existing skip or --existing replace to import anyway.\n');
			else context.stderr.write('The configuration was not changed.\n');
			return 'usage';
		}

		throw toUserError(error);
	}

	for (const warning of result.warnings) context.stderr.write(`warning:${safeText(problemLine(warning).slice(1))}\n`);
	const parts = [
		`${result.instancesAdded.length} instance(s) added`,
		`${result.integrationsAdded.length} integration(s) added`,
		...(result.integrationsReplaced.length > 0 ? [`${result.integrationsReplaced.length} replaced`] : []),
		...(result.integrationsSkipped.length > 0 ? [`${result.integrationsSkipped.length} skipped (already there)`] : []),
	];
	context.stderr.write(`Imported: ${parts.join(', ')}.\n`);
	if (result.integrationsAdded.length + result.integrationsReplaced.length > 0) context.stderr.write('Check them with: oscar-rest check\n');
	return 'ok';
}
