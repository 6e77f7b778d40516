import os from 'node:os';
import path from 'node:path';
import {UserError} from './context.js';

/** The XDG config file: $XDG_CONFIG_HOME/oscar-rest/config.json, else ~/.config/oscar-rest/config.json. */
function defaultConfigPath(env: NodeJS.ProcessEnv): string {
	const base =
		env['XDG_CONFIG_HOME'] && path.isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : path.join(os.homedir(), '.config');
	return path.join(base, 'oscar-rest', 'config.json');
}

/**
 * Pull the global `--config PATH` / `--config=PATH` flag out of the arguments (it may stand
 * anywhere); otherwise OSCAR_REST_CONFIG, otherwise the XDG default. A `--config` without a
 * value (last argument, followed by another option, or `--config=`) is a usage error: quietly
 * falling back to the default file would read, and then write, a configuration the user did not name.
 */
export function resolveConfigPath(args: readonly string[], env: NodeJS.ProcessEnv): {configPath: string; rest: string[]} {
	const rest: string[] = [];
	let configPath: string | undefined;
	let missing = false;
	for (let index = 0; index < args.length; index++) {
		const arg = args[index]!;
		if (arg === '--config') {
			const value = args[index + 1];
			if (value === undefined || value === '' || value.startsWith('-')) missing = true;
			else configPath = value;
			if (value !== undefined && !value.startsWith('-')) index++;
		} else if (arg.startsWith('--config=')) {
			configPath = arg.slice('--config='.length);
			if (configPath === '') missing = true;
		} else {
			rest.push(arg);
		}
	}

	if (missing) {
		// check speaks the monitoring scale: its bad arguments are UNKNOWN (3) like every other of its usage errors.
		const command = rest.find(arg => !arg.startsWith('-'));
		throw new UserError(
			'--config needs a PATH, e.g. --config ~/clinics.json (for a path that starts with "-", write --config=PATH). Run "oscar-rest --help" for the options.',
			command === 'check' ? 'unknown' : 'usage',
		);
	}

	const chosen = configPath ?? env['OSCAR_REST_CONFIG'] ?? defaultConfigPath(env);
	return {configPath: path.resolve(chosen), rest};
}
