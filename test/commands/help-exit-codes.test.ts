/**
 * Each command's `--help` lists its exit codes in a few words; the one table (core/exit-codes.ts)
 * says which commands exit with which code. This test holds the two together, so a code added to the
 * table for a command shows up in that command's help (and a help cannot promise a code nobody returns).
 */
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {Command, CommandContext} from '../../source/commands/context.js';
import {exitCodeTable} from '../../source/core/exit-codes.js';

const helps: Record<string, () => Promise<{default: Command}>> = {
	check: async () => import('../../source/commands/check.js'),
	call: async () => import('../../source/commands/call.js'),
	connect: async () => import('../../source/commands/connect.js'),
	'admin audit': async () => import('../../source/commands/admin-audit.js'),
	'admin register': async () => import('../../source/commands/admin-register.js'),
	exporter: async () => import('../../source/commands/exporter.js'),
};

async function helpOf(command: string): Promise<string> {
	const stdout = new PassThrough();
	const chunks: Buffer[] = [];
	stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
	const context: CommandContext = {
		argv: ['--help'],
		configPath: '/nonexistent/config.json',
		env: {},
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new PassThrough() as unknown as NodeJS.WriteStream,
		stdin: new PassThrough() as unknown as NodeJS.ReadStream,
	};
	const {default: run} = await helps[command]!();
	await run(context);
	return Buffer.concat(chunks).toString('utf8');
}

/** The codes in the help's "Exit codes" paragraph (up to the next blank line). */
function codesInHelp(help: string): Set<number> {
	const section = /(?:^|\n)Exit codes:?(?<body>[\s\S]*?)(?:\n\n|(?![\s\S]))/.exec(help)?.groups?.['body'];
	expect(section, 'the help has an "Exit codes" section').toBeDefined();
	return new Set([...section!.matchAll(/(?<![\w-])(\d{1,3})(?= [a-zA-Z(])/g)].map(match => Number(match[1])));
}

/** Whether a row's `commands` text names `command` ("every command", "every command but `x`", "`admin`" covers both admin subcommands). */
function rowNames(commands: string, command: string): boolean {
	const but = /every command but `([^`]+)`/.exec(commands);
	if (but) return but[1] !== command;
	if (commands.startsWith('every command')) return true;
	const named = [...commands.matchAll(/`([^`]+)`/g)].map(match => match[1]);
	return named.includes(command) || (command.startsWith('admin ') && named.includes('admin'));
}

describe('every --help lists the exit codes the table gives that command', () => {
	it.each(Object.keys(helps))('%s', async command => {
		const expected = new Set(exitCodeTable.filter(row => rowNames(row.commands, command)).map(row => row.code));
		expect([...codesInHelp(await helpOf(command))].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
	});

	it('reads "every command but" and the admin family as the README means them', () => {
		expect(rowNames('every command but `check`', 'check')).toBe(false);
		expect(rowNames('every command but `check`', 'call')).toBe(true);
		expect(rowNames('`admin`', 'admin audit')).toBe(true);
		expect(rowNames('`report`, `export`, `admin register`', 'admin audit')).toBe(false);
		expect(rowNames('`check`, `call`', 'connect')).toBe(false);
	});
});
