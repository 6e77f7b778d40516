import {type CommandContext, UserError} from './context.js';

export default async function run(_context: CommandContext): Promise<number> {
	throw new UserError('"export" is not built yet.');
}
