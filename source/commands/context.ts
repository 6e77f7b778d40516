/**
 * What every command gets: its streams, environment and clock, so tests can run commands
 * in-process with temp dirs, and the built CLI wires them to the real process.
 */
export interface CommandContext {
	readonly argv: readonly string[]; // arguments after the command name
	readonly stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	readonly stderr: NodeJS.WritableStream;
	readonly stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	readonly env: NodeJS.ProcessEnv;
	/** Path of the config file (from --config, OSCAR_REST_CONFIG or the XDG default). */
	readonly configPath: string;
}

/** A command returns its exit code; it never calls process.exit itself. */
export type Command = (context: CommandContext) => Promise<number>;

/** Exit codes shared by all commands (check uses the nagios 0-3 scale). */
export const exitCodes = {
	ok: 0,
	warning: 1,
	critical: 2,
	unknown: 3,
	usage: 64, // bad arguments (EX_USAGE) for commands other than check
	software: 70, // internal failure (EX_SOFTWARE)
	config: 78, // unreadable or invalid configuration (EX_CONFIG)
	interrupted: 130, // the dashboard quit with Ctrl+C (128 + SIGINT, as a shell reports it)
} as const;

/** An error whose message is meant for the user: printed as-is, without a stack. */
export class UserError extends Error {
	constructor(message: string, readonly exitCode: number = exitCodes.usage) {
		super(message);
		this.name = 'UserError';
	}
}
