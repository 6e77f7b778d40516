/**
 * What every command gets: its streams, environment and clock, so tests can run commands
 * in-process with temp dirs, and the built CLI wires them to the real process.
 */
import type {ExitName} from '../core/exit-codes.js';

export interface CommandContext {
	readonly argv: readonly string[]; // arguments after the command name
	readonly stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	readonly stderr: NodeJS.WritableStream;
	readonly stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	readonly env: NodeJS.ProcessEnv;
	/** Path of the config file (from --config, OSCAR_REST_CONFIG or the XDG default). */
	readonly configPath: string;
	/** The clock (epoch ms); default Date.now. Tests pin it to measure clock skew exactly. */
	readonly now?: () => number;
}

/**
 * A command returns the name of its outcome (source/core/exit-codes.ts); cli.ts turns it into the
 * process exit code. A command never calls process.exit itself.
 */
export type Command = (context: CommandContext) => Promise<ExitName>;

/** An error whose message is meant for the user: printed as-is, without a stack; `exit` names the exit code. */
export class UserError extends Error {
	constructor(
		message: string,
		readonly exit: ExitName = 'usage',
	) {
		super(message);
		this.name = 'UserError';
	}
}
