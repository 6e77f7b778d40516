/** `oscar-rest remove INSTANCE[/NAME] [--yes]`: asks first, because nothing brings a removed token back. */
import readline from 'node:readline/promises';
import {type CommandContext, UserError} from './context.js';
import {parseCommandArgs} from './args.js';
import {loadInventory, openStore, updateInventory} from './open-store.js';
import {removeInstance, removeIntegration} from '../core/inventory-ops.js';
import {splitId} from './ids.js';
import type {ExitName} from '../core/exit-codes.js';

const help = `Usage: oscar-rest remove INSTANCE[/INTEGRATION] [--yes]

Remove an instance (with all its integrations) or one integration from the configuration.
It asks for confirmation unless --yes is given; without a terminal, --yes is required.
The access token stays valid in OSCAR: revoke it there (Administration > Integrations > REST Clients).

Examples
  oscar-rest remove maple/booking
  oscar-rest remove old-clinic --yes
`;

export default async function run(context: CommandContext): Promise<ExitName> {
	const {values, positionals, help: wantsHelp} = parseCommandArgs('remove', context.argv, {yes: {type: 'boolean', short: 'y'}});
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const [target] = positionals;
	if (target === undefined || positionals.length > 1) throw new UserError('remove needs one INSTANCE or INSTANCE/INTEGRATION.');
	const store = openStore(context.configPath, context.stderr);
	const isIntegration = target.includes('/');
	if (isIntegration) splitId(target);
	const inventory = loadInventory(store);
	const instance = inventory.instances.find(each => each.name === (isIntegration ? target.split('/')[0] : target));
	const what = isIntegration
		? `integration ${target}`
		: `instance ${target}${instance ? ` and its ${instance.integrations.length} integration(s)` : ''}`;

	if (!values.yes) {
		if (!context.stdin.isTTY) throw new UserError(`refusing to remove ${what} without confirmation: add --yes.`);
		const rl = readline.createInterface({input: context.stdin, output: context.stderr});
		const answer = await rl.question(`Remove ${what}? [y/N] `);
		rl.close();
		if (!/^y(es)?$/i.test(answer.trim())) {
			context.stderr.write('Nothing removed.\n');
			return 'failed';
		}
	}

	updateInventory(store, current => (isIntegration ? removeIntegration(current, target) : removeInstance(current, target)));
	context.stderr.write(`Removed ${what}.\n`);
	return 'ok';
}
