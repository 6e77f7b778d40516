/**
 * Where a JSON text goes wrong, found without quoting it. JSON.parse's messages on Node 20 quote the
 * text around the error (`Unexpected token 'S', "SECRETCANA"... is not valid JSON`), and a config
 * or import file holds secrets: an error must name a line and column, never the content. This is
 * a small scanner of the JSON grammar (RFC 8259) that stops at the first character it cannot accept.
 */

interface JsonSyntaxProblem {
	/** 0-based character offset. */
	readonly offset: number;
	/** 1-based, counting line feeds. */
	readonly line: number;
	readonly column: number;
	/** What was found, without quoting the text: 'unexpected end of file', "unexpected ','", 'unexpected character'. */
	readonly what: string;
}

class Stop extends Error {
	constructor(readonly offset: number) {
		super('json syntax');
	}
}

const structural = /[{}[\],:"]/;

/** The first syntax problem of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
	let index = 0;
	const fail = (): never => {
		throw new Stop(index);
	};

	const skipSpace = (): void => {
		while (index < text.length && ' \t\n\r'.includes(text[index]!)) index++;
	};

	const literal = (word: string): void => {
		for (const character of word) {
			if (text[index] !== character) fail();
			index++;
		}
	};

	const string = (): void => {
		index++; // the opening quote
		for (;;) {
			const character = text[index];
			if (character === undefined) fail();
			if (character === '"') {
				index++;
				return;
			}

			if (character! < ' ') fail(); // raw control characters are not allowed inside strings
			if (character === '\\') {
				index++;
				const escape = text[index];
				if (escape === 'u') {
					for (let digit = 0; digit < 4; digit++) {
						index++;
						if (!/[0-9a-fA-F]/.test(text[index] ?? '')) fail();
					}
				} else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
					fail();
				}
			}

			index++;
		}
	};

	const number = (): void => {
		if (text[index] === '-') index++;
		if (text[index] === '0') index++;
		else if (/[1-9]/.test(text[index] ?? '')) while (/\d/.test(text[index] ?? '')) index++;
		else fail();
		if (text[index] === '.') {
			index++;
			if (!/\d/.test(text[index] ?? '')) fail();
			while (/\d/.test(text[index] ?? '')) index++;
		}

		if (text[index] === 'e' || text[index] === 'E') {
			index++;
			if (text[index] === '+' || text[index] === '-') index++;
			if (!/\d/.test(text[index] ?? '')) fail();
			while (/\d/.test(text[index] ?? '')) index++;
		}
	};

	// Iterative over a stack of open containers, so a deeply nested file cannot overflow the call stack.
	const value = (): void => {
		const stack: Array<'object' | 'array'> = [];
		for (;;) {
			skipSpace();
			const character = text[index];
			if (character === '{' || character === '[') {
				index++;
				skipSpace();
				const close = character === '{' ? '}' : ']';
				if (text[index] === close) {
					index++;
				} else {
					stack.push(character === '{' ? 'object' : 'array');
					if (character === '{') {
						if (text[index] !== '"') fail();
						string();
						skipSpace();
						if (text[index] !== ':') fail();
						index++;
					}

					continue;
				}
			} else if (character === '"') {
				string();
			} else if (character === 't') {
				literal('true');
			} else if (character === 'f') {
				literal('false');
			} else if (character === 'n') {
				literal('null');
			} else if (character === '-' || /\d/.test(character ?? '')) {
				number();
			} else {
				fail();
			}

			// After a value: close containers or move to the next element.
			for (;;) {
				const open = stack.at(-1);
				if (open === undefined) return;
				skipSpace();
				if (text[index] === ',') {
					index++;
					if (open === 'object') {
						skipSpace();
						if (text[index] !== '"') fail();
						string();
						skipSpace();
						if (text[index] !== ':') fail();
						index++;
					}

					break;
				}

				if (text[index] === (open === 'object' ? '}' : ']')) {
					index++;
					stack.pop();
					continue;
				}

				fail();
			}
		}
	};

	try {
		value();
		skipSpace();
		if (index < text.length) fail();
		return undefined;
	} catch (error) {
		if (!(error instanceof Stop)) throw error;
		return describe(text, error.offset);
	}
}

function describe(text: string, offset: number): JsonSyntaxProblem {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - (before.lastIndexOf('\n') + 1) + 1;
	const character = text[offset];
	const what =
		character === undefined ? 'unexpected end of file' : structural.test(character) ? `unexpected '${character}'` : 'unexpected character';
	return {offset, line, column, what};
}

/** "unexpected ',' at line 3, column 7" (or a generic text when the scanner agrees with the parser that all is well). */
export function describeJsonSyntax(text: string): string {
	const problem = findJsonSyntaxProblem(text);
	if (!problem) return 'not valid JSON';
	return `${problem.what} at line ${problem.line}, column ${problem.column}`;
}
