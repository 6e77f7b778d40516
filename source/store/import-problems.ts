/**
 * Import problems: each located by row and column as a spreadsheet user would find it, collected
 * across the whole input so one run reports them all, and scrubbed of any secret seen in it.
 */
import {BaseUrlError} from '../core/base-url.js';
import {redact} from '../core/redact.js';
import {ValidationError} from '../core/validate.js';

/** One problem, located as a spreadsheet user would find it. */
export interface ImportProblem {
	readonly row: number;
	readonly column: string;
	readonly message: string;
}

type ImportErrorCode = 'invalid' | 'conflict' | 'format';

/** Nothing was imported; `problems` lists every reason (never a secret value). */
export class ImportError extends Error {
	constructor(
		message: string,
		readonly code: ImportErrorCode,
		readonly problems: readonly ImportProblem[],
	) {
		super(message);
		this.name = 'ImportError';
	}
}

/** Problems, warnings and the inline secrets seen while reading an input. */
export class Collector {
	readonly problems: ImportProblem[] = [];
	readonly warnings: ImportProblem[] = [];
	readonly secrets: string[] = [];

	/** Run a validator; a ValidationError becomes a problem at (row, column) and the result is undefined. */
	attempt<T>(row: number, column: string, check: () => T): T | undefined {
		try {
			return check();
		} catch (error) {
			if (error instanceof ValidationError || error instanceof BaseUrlError) {
				this.problems.push({row, column, message: error.message});
				return undefined;
			}

			throw error;
		}
	}

	problem(row: number, column: string, message: string): void {
		this.problems.push({row, column, message});
	}

	warn(row: number, column: string, messages: readonly string[]): void {
		for (const message of messages) this.warnings.push({row, column, message});
	}
}

/** The problems with every secret seen in the input replaced. */
export function scrub(problems: readonly ImportProblem[], secrets: readonly string[]): ImportProblem[] {
	return problems.map(problem => ({...problem, message: redact(problem.message, secrets)}));
}

/** A headline and the problems under it, at most 50 lines of them. */
export function describeProblems(headline: string, problems: readonly ImportProblem[]): string {
	const shown = problems
		.slice(0, 50)
		.map(problem => `  ${problem.row === 0 ? '' : `row ${problem.row}, `}${problem.column}: ${problem.message}`);
	if (problems.length > 50) shown.push(`  ... and ${problems.length - 50} more`);
	return `${headline}\n${shown.join('\n')}`;
}
