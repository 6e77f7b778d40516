import {type CommandContext, UserError} from './context.js';

export default async function run(_context: CommandContext): Promise<number> {
	throw new UserError('"list" is not built yet.');
}
