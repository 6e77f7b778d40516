/**
 * `oscar-rest admin audit|register`: what needs an OSCAR administrator's login (the REST Clients
 * admin API). Dispatch only; each subcommand lives in its own file.
 */
import type {ExitName} from '../core/exit-codes.js';
import {type Command, type CommandContext, UserError} from './context.js';

const help = `Usage
  oscar-rest admin audit INSTANCE [--json]            find what is wrong with OSCAR's REST clients and tokens
  oscar-rest admin register INSTANCE/NAME [--adopt]   create the REST client and store its key and secret (steps 4-8)

Both ask for an OSCAR administrator's login each time (username, password, PIN), keep the session in
memory only and log out at the end; nothing of the login is stored. In scripts:
--user NAME --password-stdin (the password, then the PIN, one per line on stdin).

Run "oscar-rest admin audit --help" or "oscar-rest admin register --help" for the options.
`;

const subcommands: Record<string, () => Promise<{default: Command}>> = {
	audit: async () => import('./admin-audit.js'),
	register: async () => import('./admin-register.js'),
};

export default async function admin(context: CommandContext): Promise<ExitName> {
	const [name, ...rest] = context.argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		context.stdout.write(help);
		return name === undefined ? 'usage' : 'ok';
	}

	const load = subcommands[name];
	if (!load) throw new UserError(`admin: unknown subcommand "${name}": use "audit" or "register". Run "oscar-rest admin --help".`);
	const module = await load();
	return module.default({...context, argv: rest});
}
