import {describe, expect, it} from 'vitest';
import {parseWizardKey} from '../../../source/ui/onboarding/use-wizard-input.js';
import {closedField, editField, fieldEditFor, openField} from '../../../source/ui/onboarding/field-model.js';

describe('parseWizardKey', () => {
	it('names keys like source/ui/key-name.ts, and keeps pasted text whole', () => {
		const cases: Array<[string, string, string]> = [
			['\u001B[A', 'up', ''], ['\u001BOB', 'down', ''], ['\u001B[1;2A', 'shift+up', ''], ['\r', 'enter', ''], ['\u001B', 'escape', ''],
			['\u007F', 'backspace', ''], ['\u001B[3~', 'delete', ''], ['\u001B[H', 'home', ''], ['\u001B[4~', 'end', ''], [' ', 'space', ' '],
			['\u0003', 'ctrl+c', 'c'], ['k', 'k', 'k'], ['abc def', 'abc def', 'abc def'], ['\u001B[200~pasted\u001B[201~', 'pasted', 'pasted'],
		];
		for (const [data, name, input] of cases) expect(parseWizardKey(data), JSON.stringify(data)).toMatchObject({name, input});
		expect(parseWizardKey('\u001Bx')).toMatchObject({meta: true});
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
