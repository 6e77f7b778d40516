/**
 * `oscar-rest export`: the inventory as CSV or JSON, for backups and moving machines. Inline
 * secrets and access tokens are left blank unless --include-secrets; a file written with them
 * is 0600 like the config itself.
 */
import path from 'node:path';
import {type CommandContext, UserError} from './context.js';
import {parseCommandArgs} from './args.js';
import {loadInventory, openStore} from './open-store.js';
import type {ImportFormat} from '../store/inventory-file-format.js';
import {exportInventory} from '../store/export-inventory.js';
import {writeFileAtomic} from '../store/atomic-file.js';
import type {ExitName} from '../core/exit-codes.js';
import {outputPath, writeOutput} from './output-file.js';

const help = `Usage: oscar-rest export [--format csv|json] [--include-secrets] [--output FILE]

Export the configured instances and integrations, in the format "oscar-rest import" reads.

Secrets: inline consumer secrets, token secrets and access tokens are written blank unless
--include-secrets is given. References (env:NAME, file:PATH) are exported as they are: they say
where a secret lives, not what it is. An export without secrets re-imports once the blanks are
filled in.

Options
  --format F          json (default) or csv (default csv when --output ends in .csv)
  --include-secrets   include secret values and access tokens (treat the result like a password)
  --output FILE       write to FILE, created with mode 0600, instead of stdout

Examples
  oscar-rest export --format csv --output clinics.csv
  oscar-rest export --include-secrets --output backup.json
`;

export default async function run(context: CommandContext): Promise<ExitName> {
	const {
		values,
		positionals,
		help: wantsHelp,
	} = parseCommandArgs('export', context.argv, {
		format: {type: 'string', short: 'f'},
		'include-secrets': {type: 'boolean'},
		output: {type: 'string', short: 'o'},
	});
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	if (positionals.length > 0)
		throw new UserError(`export takes no arguments (got "${positionals.join(' ')}"); write to a file with --output FILE.`);
	let format: ImportFormat;
	if (values.format !== undefined) {
		if (values.format !== 'csv' && values.format !== 'json')
			throw new UserError(`export: --format must be csv or json, got "${values.format}".`);
		format = values.format;
	} else {
		format = values.output !== undefined && path.extname(values.output).toLowerCase() === '.csv' ? 'csv' : 'json';
	}

	const file = values.output === undefined ? undefined : outputPath('export', values.output);

	const includeSecrets = values['include-secrets'] === true;
	const inventory = loadInventory(openStore(context.configPath, context.stderr));
	const text = exportInventory(inventory, format, {includeSecrets});
	const count = inventory.instances.reduce((sum, instance) => sum + instance.integrations.length, 0);
	if (file === undefined) {
		if (includeSecrets && context.stdout.isTTY)
			context.stderr.write('warning: secrets are printed to the terminal; prefer --output FILE.\n');
		context.stdout.write(text);
	} else {
		await writeOutput('export', file, () => {
			writeFileAtomic(file, text);
		});
		context.stderr.write(
			`Exported ${inventory.instances.length} instance(s), ${count} integration(s) to ${file} (${format}, mode 0600).\n`,
		);
	}

	if (!includeSecrets) context.stderr.write('Inline secrets and access tokens were left blank; add --include-secrets to include them.\n');
	return 'ok';
}
