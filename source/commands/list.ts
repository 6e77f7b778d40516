/** `oscar-rest list [--json]`: the inventory, secrets never shown (only where they come from). */
import type {CommandContext} from './context.js';
import {parseCommandArgs} from './args.js';
import {loadInventory, openStore} from './open-store.js';
import {describeSecret} from '../core/secret-refs.js';
import type {Inventory} from '../core/model.js';
import type {ExitName} from '../core/exit-codes.js';
import {formatListJson} from '../output/list-json.js';
import {schemaVersions} from '../output/schema-versions.js';
import {safeLine} from '../core/untrusted-text.js';

const help = `Usage: oscar-rest list [--json]

List configured OSCAR instances and their integrations. Secrets are never printed:
only where each comes from (inline, env:NAME or file:PATH).

Options
  --json    one JSON document on stdout (schemaVersion ${schemaVersions.list}, schema in list-schema.json)

Examples
  oscar-rest list
  oscar-rest list --json | jq '.instances[].name'
`;

export default async function run(context: CommandContext): Promise<ExitName> {
	const {values, help: wantsHelp} = parseCommandArgs('list', context.argv, {json: {type: 'boolean'}});
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const inventory = loadInventory(openStore(context.configPath, context.stderr));
	context.stdout.write(values.json ? formatListJson(inventory) : listText(inventory));
	return 'ok';
}

/** Every value comes from the config file, which a person may have edited by hand: shown escaped. */
function listText(inventory: Inventory): string {
	if (inventory.instances.length === 0) {
		return 'No instances configured. Add one with: oscar-rest add instance NAME URL\n';
	}

	const lines: string[] = [];
	for (const instance of inventory.instances) {
		const flags = instance.insecureTls ? '  [WARNING: TLS verification disabled]' : '';
		lines.push(`${safeLine(instance.name)}  ${safeLine(instance.baseUrl)}${flags}`);
		if (instance.integrations.length === 0) lines.push('  (no integrations)');
		for (const integration of instance.integrations) {
			const token = integration.accessToken ? 'token set' : 'no token';
			const tags = integration.tags.length > 0 ? `  tags: ${integration.tags.join(',')}` : '';
			lines.push(
				safeLine(
					`  ${instance.name}/${integration.name}  key ${integration.consumerKey}  secret ${describeSecret(integration.consumerSecret)}  ${token}${tags}`,
				),
			);
		}
	}

	return `${lines.join('\n')}\n`;
}
