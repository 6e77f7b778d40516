#!/usr/bin/env node
/**
 * Entry point: find the command and the config path, dispatch. Headless commands are loaded
 * lazily and never import Ink; only the dashboard (no command) loads the UI.
 */
import process from 'node:process';
import {type Command, type CommandContext, UserError} from './commands/context.js';
import {exitCode, type ExitName} from './core/exit-codes.js';
import {resolveConfigPath} from './commands/config-path.js';
import {keepFileSizeErrors} from './commands/interrupt.js';
import {safeLine, safeText} from './core/untrusted-text.js';

// React and Ink run their production builds unless the user asks otherwise: the development build
// is several times slower per frame and uses far more memory (see the README's performance section).
process.env['NODE_ENV'] ??= 'production';
// A write past `ulimit -f` must fail with EFBIG (reported like a full disk), not kill the process.
keepFileSizeErrors();

const commands: Record<string, () => Promise<{default: Command}>> = {
	dashboard: async () => import('./commands/dashboard.js'),
	simulator: async () => import('./commands/simulator.js'),
	check: async () => import('./commands/check.js'),
	exporter: async () => import('./commands/exporter.js'),
	list: async () => import('./commands/list.js'),
	add: async () => import('./commands/add.js'),
	remove: async () => import('./commands/remove.js'),
	'set-token': async () => import('./commands/set-token.js'),
	import: async () => import('./commands/import.js'),
	export: async () => import('./commands/export.js'),
	report: async () => import('./commands/report.js'),
	call: async () => import('./commands/call.js'),
	connect: async () => import('./commands/connect.js'),
	admin: async () => import('./commands/admin.js'),
	help: async () => import('./commands/help.js'),
};

async function main(rawArgs: string[]): Promise<ExitName> {
	const {configPath, rest} = resolveConfigPath(rawArgs, process.env);
	let name = 'dashboard';
	let argv = rest;
	const first = rest[0];
	if (first === '--help' || first === '-h') name = 'help';
	else if (first === '--version' || first === '-v') {
		const {version} = await import('./version.js');
		process.stdout.write(`${version}\n`);
		return 'ok';
	} else if (first !== undefined && !first.startsWith('-')) {
		if (!(first in commands)) {
			process.stderr.write(`oscar-rest: unknown command "${safeLine(first)}". Run "oscar-rest --help" for the list of commands.\n`);
			return 'usage';
		}

		name = first;
		argv = rest.slice(1);
	}

	const context: CommandContext = {
		argv,
		configPath,
		env: process.env,
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
	};
	const module = await commands[name]!();
	return module.default(context);
}

try {
	process.exitCode = exitCode(await main(process.argv.slice(2)));
} catch (error) {
	// Messages can quote what a server sent or a file held: they pass the sanitiser like every output.
	if (error instanceof UserError) {
		process.stderr.write(`oscar-rest: ${safeText(error.message)}\n`);
		process.exitCode = exitCode(error.exit);
	} else {
		process.stderr.write(`oscar-rest: internal error: ${safeText(error instanceof Error ? error.message : String(error))}\n`);
		process.exitCode = exitCode('software');
	}
}
