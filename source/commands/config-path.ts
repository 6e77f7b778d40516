import os from 'node:os';
import path from 'node:path';

/** The XDG config file: $XDG_CONFIG_HOME/oscar-rest/config.json, else ~/.config/oscar-rest/config.json. */
function defaultConfigPath(env: NodeJS.ProcessEnv): string {
	const base = env['XDG_CONFIG_HOME'] && path.isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : path.join(os.homedir(), '.config');
	return path.join(base, 'oscar-rest', 'config.json');
}

/**
 * Pull the global `--config PATH` / `--config=PATH` flag out of the arguments (it may stand
 * anywhere); otherwise OSCAR_REST_CONFIG, otherwise the XDG default.
 */
export function resolveConfigPath(args: readonly string[], env: NodeJS.ProcessEnv): {configPath: string; rest: string[]} {
	const rest: string[] = [];
	let configPath: string | undefined;
	for (let index = 0; index < args.length; index++) {
		const arg = args[index]!;
		if (arg === '--config') {
			configPath = args[index + 1];
			index++;
		} else if (arg.startsWith('--config=')) {
			configPath = arg.slice('--config='.length);
		} else {
			rest.push(arg);
		}
	}

	const chosen = configPath ?? env['OSCAR_REST_CONFIG'] ?? defaultConfigPath(env);
	return {configPath: path.resolve(chosen), rest};
}
