import {describe, expect, it} from 'vitest';
import {createKeyTokenizer, initialTokenizerState, tokenize} from '../../source/ui/key-tokenizer.js';

const names = (chunk: string): string[] => tokenize(initialTokenizerState, chunk).keys.map(key => key.name);

describe('tokenize: one chunk -> keys', () => {
	const cases: Array<[string, string, string[]]> = [
		['a held j', 'j'.repeat(20), Array.from({length: 20}, () => 'j')],
		['kkkj at once', 'kkkj', ['k', 'k', 'k', 'j']],
		['three Backspaces in one write', '\u007F\u007F\u007F', ['backspace', 'backspace', 'backspace']],
		['ctrl+h is Backspace too', '\b', ['backspace']],
		['an arrow burst', '\u001B[B\u001B[B\u001B[A', ['down', 'down', 'up']],
		['text, arrow, text', 'jj\u001B[Bk', ['j', 'j', 'down', 'k']],
		['pasted text with Enter', 'north\r', ['n', 'o', 'r', 't', 'h', 'enter']],
		['CRLF is one Enter', 'a\r\nb', ['a', 'enter', 'b']],
		['LF is Enter', 'a\nb', ['a', 'enter', 'b']],
		['space and uppercase', ' G', ['space', 'G']],
		['tab and shift+tab', '\t\u001B[Z', ['tab', 'shift+tab']],
		['shift+arrows (xterm modifiers)', '\u001B[1;2A\u001B[1;2B', ['shift+up', 'shift+down']],
		['ctrl+arrow', '\u001B[1;5C', ['ctrl+right']],
		['SS3 arrows and home/end', '\u001BOA\u001BOB\u001BOH\u001BOF', ['up', 'down', 'home', 'end']],
		[
			'page keys, delete, home/end variants',
			'\u001B[5~\u001B[6~\u001B[3~\u001B[1~\u001B[4~\u001B[H\u001B[F',
			['pageup', 'pagedown', 'delete', 'home', 'end', 'home', 'end'],
		],
		['ctrl letters', '\u0001\u0003\u000C', ['ctrl+a', 'ctrl+c', 'ctrl+l']],
		['a lone Escape', '\u001B', ['escape']],
		['Escape then a letter is Alt+letter', '\u001Bx', ['meta+x']],
		['Alt+up', '\u001B\u001B[A', ['meta+up']],
		['double Escape is one Escape', '\u001B\u001B', ['escape']],
		['an unknown sequence is a nameless key, and the text after it still counts', '\u001B[99zj', ['', 'j']],
		['emoji and accents are one key each', 'é😀', ['é', '😀']],
		['C1 controls type nothing', '\u009Bj', ['', 'j']],
	];
	for (const [what, chunk, expected] of cases) {
		it(what, () => {
			expect(names(chunk)).toEqual(expected);
		});
	}

	it('keeps the key that followed ESC, for a dispatcher that has nothing bound to Alt', () => {
		const [alt, altUp, xtermAltUp] = tokenize(initialTokenizerState, '\u001B?\u001B\u001B[A\u001B[1;3A').keys;
		expect(alt).toMatchObject({name: 'meta+?', afterEscape: {name: '?', text: '?'}});
		expect(altUp).toMatchObject({name: 'meta+up', afterEscape: {name: 'up'}});
		// xterm's modifier form is a real Alt+Up, never two keys.
		expect(xtermAltUp).toMatchObject({name: 'meta+up'});
		expect(xtermAltUp!.afterEscape).toBeUndefined();
	});

	it('keeps the typed character as text, and none for named keys', () => {
		const keys = tokenize(initialTokenizerState, 'a \r\u0003').keys;
		expect(keys.map(key => key.text)).toEqual(['a', ' ', '', '']);
		expect(keys[3]).toMatchObject({name: 'ctrl+c', ctrl: true});
	});
});

describe('bracketed paste', () => {
	it('is ONE paste key, whatever it holds (Enter, escape bytes, command letters)', () => {
		const keys = tokenize(initialTokenizerState, 'j\u001B[200~DDy\r\u001B[31mred\u001B[201~k').keys;
		expect(keys.map(key => key.name)).toEqual(['j', 'paste', 'k']);
		expect(keys[1]).toMatchObject({paste: true, text: 'DDy\r\u001B[31mred'});
	});

	it('spans chunks, even when a marker is cut in two', () => {
		const tokenizer = createKeyTokenizer();
		expect(tokenizer.push('\u001B[20')).toEqual([]);
		expect(tokenizer.push('0~first ')).toEqual([]);
		expect(tokenizer.push('line\u001B[2')).toEqual([]);
		const keys = tokenizer.push('01~j');
		expect(keys.map(key => [key.name, key.text])).toEqual([
			['paste', 'first line'],
			['j', 'j'],
		]);
	});

	it('an empty paste is still one key', () => {
		expect(names('\u001B[200~\u001B[201~')).toEqual(['paste']);
	});
});

describe('sequences cut by the chunk boundary', () => {
	it('waits for the rest of a CSI sequence', () => {
		const tokenizer = createKeyTokenizer();
		expect(tokenizer.push('j\u001B[')).toHaveLength(1);
		expect(tokenizer.push('Bk').map(key => key.name)).toEqual(['down', 'k']);
	});
});
