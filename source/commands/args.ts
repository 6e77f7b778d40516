/**
 * Flag parsing for headless commands, on node:util parseArgs (strict): unknown flags and
 * missing values become UserErrors that name the fix, and nothing here calls process.exit.
 */
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UserError} from './context.js';

type Options = NonNullable<ParseArgsConfig['options']>;

interface Parsed<T extends Options> {
	readonly values: {[K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K] extends {multiple: true} ? string[] : string};
	readonly positionals: string[];
}

/** Parse `argv` for `command`; `--help` is always accepted and reported as `values.help`. */
export function parseCommandArgs<T extends Options>(command: string, argv: readonly string[], options: T): Parsed<T> & {help: boolean} {
	try {
		const result = parseArgs({
			args: [...argv],
			options: {...options, help: {type: 'boolean', short: 'h'}},
			allowPositionals: true,
			strict: true,
		});
		const {help, ...values} = result.values as Record<string, unknown>;
		return {values: values as Parsed<T>['values'], positionals: result.positionals, help: help === true};
	} catch (error) {
		const message = error instanceof Error
			? error.message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option '([^']+)'/, 'unknown option $1')
			: String(error);
		throw new UserError(`${command}: ${message}. Run "oscar-rest ${command} --help" for the options.`);
	}
}

/** A whole, non-negative integer flag, with an error that names the flag. */
export function integerFlag(command: string, flag: string, raw: string | undefined, fallback: number, min = 1): number {
	if (raw === undefined) return fallback;
	if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) {
		throw new UserError(`${command}: --${flag} must be a whole number >= ${min}, got "${raw}".`);
	}

	return Number(raw);
}
