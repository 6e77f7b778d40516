import {describe, expect, it} from 'vitest';
import {describeJsonSyntax, findJsonSyntaxProblem} from '../../source/core/json-position.js';

describe('findJsonSyntaxProblem: where JSON goes wrong, without quoting it', () => {
	it('accepts exactly what JSON.parse accepts (a table of valid documents)', () => {
		for (const text of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0', '[[[[]]]]', '{"a":{"b":{}}}']) {
			expect(() => JSON.parse(text)).not.toThrow();
			expect(findJsonSyntaxProblem(text), text).toBeUndefined();
		}
	});

	it.each([
		['a bare word', '{"instances": SECRET}', 1, 15, 'unexpected character'],
		['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, "unexpected '\"'"],
		['a trailing comma', '[1, 2,]', 1, 7, "unexpected ']'"],
		['cut short', '{"instances": [', 1, 16, 'unexpected end of file'],
		['a raw control character in a string', '{"a": "x\ty"}', 1, 9, 'unexpected character'],
		['a bad escape', '["\\q"]', 1, 4, 'unexpected character'],
		['text after the document', '{} x', 1, 4, 'unexpected character'],
		['a leading zero', '[01]', 1, 3, 'unexpected character'],
		['an empty file', '', 1, 1, 'unexpected end of file'],
	])('%s: line %i, column %i', (_name, text, line, column, what) => {
		expect(() => JSON.parse(text)).toThrow();
		expect(findJsonSyntaxProblem(text)).toMatchObject({line, column, what});
	});

	it('says it in one phrase that never contains the text', () => {
		const text = '{\n  "consumerSecret": "SECRETCANARY" oops\n}';
		const message = describeJsonSyntax(text);
		expect(message).toBe('unexpected character at line 2, column 36');
		expect(message).not.toContain('SECRET');
	});

	it('copes with deep nesting without overflowing the stack', () => {
		expect(findJsonSyntaxProblem(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
		expect(findJsonSyntaxProblem('['.repeat(100_000))).toMatchObject({what: 'unexpected end of file'});
	});
});
