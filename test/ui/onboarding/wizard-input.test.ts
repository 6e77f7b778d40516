import {describe, expect, it} from 'vitest';
import {toWizardKey} from '../../../source/ui/onboarding/use-wizard-input.js';
import {initialTokenizerState, tokenize} from '../../../source/ui/key-tokenizer.js';
import {closedField, editField, fieldEditFor, openField} from '../../../source/ui/onboarding/field-model.js';

describe('wizard keys from the one tokenizer', () => {
	it('names keys like the keymap, one key per character of a burst, and keeps a bracketed paste whole', () => {
		const cases: Array<[string, Array<[string, string]>]> = [
			['\u001B[A', [['up', '']]],
			['\u001B[1;2A', [['shift+up', '']]],
			['\r', [['enter', '']]],
			['\u001B', [['escape', '']]],
			[
				'\u007F\u007F',
				[
					['backspace', ''],
					['backspace', ''],
				],
			],
			[' ', [['space', ' ']]],
			['\u0003', [['ctrl+c', '']]],
			[
				'nnn',
				[
					['n', 'n'],
					['n', 'n'],
					['n', 'n'],
				],
			],
			[
				'ab\r',
				[
					['a', 'a'],
					['b', 'b'],
					['enter', ''],
				],
			],
			['\u001B[200~n\r\u001B[201~', [['paste', 'n\r']]],
		];
		for (const [data, expected] of cases) {
			const keys = tokenize(initialTokenizerState, data).keys.map(key => toWizardKey(key));
			expect(
				keys.map(key => [key.name, key.input]),
				JSON.stringify(data),
			).toEqual(expected);
		}
	});
});

describe('paste field model', () => {
	it('inserts at the caret by code point, strips control bytes, edits and ignores a closed field', () => {
		let field = openField('key');
		field = editField(field, {type: 'insert', text: 'aé😀\u0007c'});
		expect(field).toMatchObject({value: 'aé😀c', caret: 4});
		field = editField(editField(field, {type: 'left'}), {type: 'backspace'});
		expect(field).toMatchObject({value: 'aéc', caret: 2});
		field = editField(editField(field, {type: 'home'}), {type: 'insert', text: '>'});
		expect(field).toMatchObject({value: '>aéc', caret: 1});
		expect(editField(closedField, {type: 'insert', text: 'x'})).toBe(closedField);
		expect(fieldEditFor('ctrl+a', 'a', {ctrl: true, meta: false})).toBeUndefined();
		expect(fieldEditFor('up', '', {ctrl: false, meta: false})).toBeUndefined();
		expect(fieldEditFor('delete', '', {ctrl: false, meta: false})).toEqual({type: 'backspace'});
	});
});
