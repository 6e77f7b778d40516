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

const negativeNumber = /^-\d+(?:\.\d+)?$/;

/**
 * parseArgs refuses `--lifetime -1` ("argument is ambiguous": it cannot tell a negative number from
 * an option). A negative number after an option that takes a value IS its value: such pairs are
 * joined into `--lifetime=-1` before parsing, so the examples in every --help work as written.
 */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
	const takesValue = (arg: string): boolean => {
		if (arg.startsWith('--')) return options[arg.slice(2)]?.type === 'string';
		if (/^-[A-Za-z]$/.test(arg)) return Object.values(options).some(option => option.short === arg.slice(1) && option.type === 'string');
		return false;
	};

	const joined: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		const next = argv[index + 1];
		if (arg === '--') {
			joined.push(...argv.slice(index));
			break;
		}

		if (next !== undefined && negativeNumber.test(next) && takesValue(arg)) {
			joined.push(
				`${arg.startsWith('--') ? arg : `--${Object.entries(options).find(([, option]) => option.short === arg.slice(1))![0]}`}=${next}`,
			);
			index++;
		} else {
			joined.push(arg);
		}
	}

	return joined;
}

/** A message for one line: parseArgs' text without its multi-line hints, and no final period (we add our own). */
function parseArgsMessage(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	return error.message
		.replace(/\. To specify a positional argument.*$/s, '')
		.replace(/\nDid you forget.*$/s, '')
		.replace(/^Unknown option '([^']+)'/, 'unknown option $1')
		.replace(/^Option '([^']+)' argument missing/, 'option $1 needs a value')
		.replace(/^Option '([^']+)' argument is ambiguous/, 'option $1 takes a value: for one that starts with "-", write $1=VALUE')
		.trim()
		.replace(/[.\s]+$/, '');
}

/** Parse `argv` for `command`; `--help` is always accepted and reported as `values.help`. */
export function parseCommandArgs<T extends Options>(command: string, argv: readonly string[], options: T): Parsed<T> & {help: boolean} {
	const all: Options = {...options, help: {type: 'boolean', short: 'h'}};
	try {
		const result = parseArgs({
			args: joinNegativeValues(argv, all),
			options: all,
			allowPositionals: true,
			strict: true,
		});
		const {help, ...values} = result.values as Record<string, unknown>;
		return {values: values as Parsed<T>['values'], positionals: result.positionals, help: help === true};
	} catch (error) {
		throw new UserError(`${command}: ${parseArgsMessage(error)}. Run "oscar-rest ${command} --help" for the options.`);
	}
}

/** A whole-number flag of at least `min`, with an error that names the flag, the range and what was given. */
export function integerFlag(command: string, flag: string, raw: string | undefined, fallback: number, min = 1): number {
	if (raw === undefined) return fallback;
	const text = raw.trim();
	if (!/^[+-]?\d+$/.test(text) || Number(text) < min) {
		throw new UserError(`${command}: --${flag} must be a whole number >= ${min}, got "${raw}".`);
	}

	return Number(text);
}
