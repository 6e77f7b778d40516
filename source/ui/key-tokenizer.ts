/**
 * Terminal input -> keys, in the keymap's vocabulary ('j', 'G', 'space', 'enter', 'backspace',
 * 'shift+down', 'ctrl+a', 'pagedown', ...), and a bracketed paste as ONE key named 'paste'.
 *
 * Why this exists: Ink 6.8 reads stdin in App's `handleReadable` and cuts each chunk with its
 * input parser (input-parser.js) only at escape sequences; a run of plain bytes stays ONE event.
 * `useInput` then gives that whole run to `parseKeypress`, which knows single keys only: a held `j`
 * ("jjjj"), "kkkj" typed in one read, or three Backspaces in one write ("\x7f\x7f\x7f") reach the
 * handler as one unknown key. Arrow bursts worked only because every escape sequence is its own event.
 * So every event Ink emits goes through `tokenize` first, and each key is dispatched on its own.
 *
 * Pure: the state (an unfinished escape sequence, a paste still arriving) is a value passed in and
 * returned, so it is unit-tested without a terminal. It also takes whole raw chunks, not only Ink's
 * pre-cut events.
 */

export interface KeyPress {
	/** The key's name ('j', 'space', 'enter', 'shift+tab', 'ctrl+c'), 'paste', or '' for a sequence no key has. */
	readonly name: string;
	/** The character typed ('' for named keys like enter), or the whole text of a paste. */
	readonly text: string;
	readonly ctrl: boolean;
	readonly meta: boolean;
	readonly shift: boolean;
	/** True for a bracketed paste: the terminal says it was pasted, so it is text, never commands. */
	readonly paste: boolean;
	/**
	 * For Alt+key sent as ESC then the key: that key. Escape and a key typed fast (or sent in one
	 * packet over SSH) arrive exactly like this, so a dispatcher with nothing bound to Alt can take
	 * them as the two keys they probably were.
	 */
	readonly afterEscape?: KeyPress;
}

export interface TokenizerState {
	/** An escape sequence cut by the end of the previous chunk. */
	readonly pending: string;
	/** Text of a bracketed paste whose end marker has not arrived yet; undefined when not pasting. */
	readonly pasting: string | undefined;
}

export const initialTokenizerState: TokenizerState = {pending: '', pasting: undefined};

const ESC = '\u001B';
const pasteStart = `${ESC}[200~`;
const pasteEnd = `${ESC}[201~`;

const key = (name: string, extra: Partial<KeyPress> = {}): KeyPress => ({
	name,
	text: '',
	ctrl: false,
	meta: false,
	shift: false,
	paste: false,
	...extra,
});

/** The Escape key on its own (what an ESC byte alone is). */
export const escapeKey: KeyPress = key('escape', {meta: true});

/** Final byte of a CSI/SS3 sequence -> key. */
const finals: Readonly<Record<string, string>> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
	P: 'f1',
	Q: 'f2',
	R: 'f3',
	S: 'f4',
};
/** `ESC [ N ~` -> key. */
const tildes: Readonly<Record<string, string>> = {
	1: 'home',
	2: 'insert',
	3: 'delete',
	4: 'end',
	5: 'pageup',
	6: 'pagedown',
	7: 'home',
	8: 'end',
};

/** A key with xterm modifiers (`ESC [ 1 ; m X`: m - 1 is a bit set of shift 1, alt 2, ctrl 4). */
function modified(base: string, modifier: number): KeyPress {
	const bits = Math.max(0, modifier - 1);
	const shift = (bits & 1) !== 0;
	const meta = (bits & 2) !== 0;
	const ctrl = (bits & 4) !== 0;
	const name = `${ctrl ? 'ctrl+' : ''}${meta ? 'meta+' : ''}${shift ? 'shift+' : ''}${base}`;
	return key(name, {ctrl, meta, shift});
}

/** One complete CSI (`ESC [ params final`) or SS3 (`ESC O final`) sequence -> key. */
function namedSequence(sequence: string): KeyPress {
	// The sequence starts with ESC (checked by the caller); only what follows it is matched.
	const ss3 = /^O([A-Z])$/.exec(sequence.slice(1));
	if (ss3) return key(finals[ss3[1]!] ?? '');
	const csi = /^\[([\d;]*)([~A-Z])$/.exec(sequence.slice(1));
	if (!csi) return key('');
	const params = csi[1]!
		.split(';')
		.filter(part => part !== '')
		.map(Number);
	const final = csi[2]!;
	if (final === 'Z' && params.length === 0) return key('shift+tab', {shift: true});
	const base = final === '~' ? tildes[String(params[0])] : finals[final];
	if (!base) return key('');
	return modified(base, params[1] ?? 1);
}

/** A control character (below 0x20, or DEL) -> key. */
function controlKey(character: string): KeyPress {
	switch (character) {
		case '\r':
		case '\n': {
			return key('enter');
		}

		case '\t': {
			return key('tab');
		}

		case '\u007F':
		case '\b': {
			return key('backspace');
		}

		case ESC: {
			return key('escape', {meta: true});
		}

		case '\u0000': {
			return key('ctrl+space', {ctrl: true});
		}

		default: {
			const letter = String.fromCodePoint(character.codePointAt(0)! + 64).toLowerCase();
			return key(`ctrl+${letter}`, {ctrl: true, text: ''});
		}
	}
}

/** One character outside an escape sequence: a control key, nothing (C1 controls), or itself. */
function characterKey(character: string): KeyPress {
	if (character < ' ' || character === '\u007F') return controlKey(character);
	if (character >= '\u0080' && character <= '\u009F') return key('');
	return printable(character);
}

/** A printable character typed on its own. */
function printable(character: string): KeyPress {
	if (character === ' ') return key('space', {text: ' '});
	return key(character, {text: character, shift: character !== character.toLowerCase()});
}

type Scan =
	| {readonly kind: 'key'; readonly key: KeyPress; readonly length: number}
	| {readonly kind: 'incomplete'}
	| {readonly kind: 'paste-start'; readonly length: number};

/** Read one escape sequence at the start of `text` (which starts with ESC). */
function scanEscape(text: string): Scan {
	if (text.length === 1) return {kind: 'key', key: key('escape', {meta: true}), length: 1};
	const second = text[1]!;
	if (second === '[' || second === 'O') {
		// CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, then a final byte 0x40-0x7E.
		let index = 2;
		if (second === '[') {
			while (index < text.length && /[\u0020-\u003F]/.test(text[index]!)) index++;
		}

		if (index >= text.length) return {kind: 'incomplete'};
		const final = text[index]!;
		if (!/[\u0040-\u007E]/.test(final)) return {kind: 'key', key: key(`meta+${second}`, {meta: true}), length: 2};
		const sequence = text.slice(0, index + 1);
		if (sequence === pasteStart) return {kind: 'paste-start', length: sequence.length};
		return {kind: 'key', key: namedSequence(sequence), length: sequence.length};
	}

	if (second === ESC) {
		// ESC ESC [A is Alt held with a key that sends a sequence (meta+up); ESC ESC alone is one Escape
		// (Ink emits a double Escape as one event).
		if (text.length === 2) return {kind: 'key', key: key('escape', {meta: true}), length: 2};
		if (text[2] !== '[' && text[2] !== 'O') return {kind: 'key', key: key('escape', {meta: true}), length: 1};
		const inner = scanEscape(text.slice(1));
		if (inner.kind === 'incomplete') return inner;
		if (inner.kind !== 'key' || inner.key.name === '') return {kind: 'key', key: key('escape', {meta: true}), length: 1};
		return {kind: 'key', key: {...inner.key, name: `meta+${inner.key.name}`, meta: true, afterEscape: inner.key}, length: inner.length + 1};
	}

	// Alt+key: ESC then the key.
	const character = String.fromCodePoint(text.codePointAt(1)!);
	const base = characterKey(character);
	return {kind: 'key', key: {...base, name: `meta+${base.name}`, text: '', meta: true, afterEscape: base}, length: 1 + character.length};
}

/**
 * Split `chunk` into keys. A run of text becomes one key per character ("\r\n" is one Enter), an
 * escape sequence one key, and everything between the bracketed-paste markers one 'paste' key,
 * however many chunks it spans.
 */
export function tokenize(state: TokenizerState, chunk: string): {readonly state: TokenizerState; readonly keys: readonly KeyPress[]} {
	const keys: KeyPress[] = [];
	const text = state.pending + chunk;
	let pasting = state.pasting;
	let index = 0;
	while (index < text.length) {
		if (pasting !== undefined) {
			// The end marker may be cut by a chunk boundary: look for it across what is kept and the rest.
			const from = Math.max(0, pasting.length - pasteEnd.length);
			const buffer = pasting + text.slice(index);
			const end = buffer.indexOf(pasteEnd, from);
			if (end === -1) return {state: {pending: '', pasting: buffer}, keys};
			keys.push(key('paste', {text: buffer.slice(0, end), paste: true}));
			index += end + pasteEnd.length - pasting.length;
			pasting = undefined;
			continue;
		}

		const character = String.fromCodePoint(text.codePointAt(index)!);
		if (character === ESC) {
			const scan = scanEscape(text.slice(index));
			if (scan.kind === 'incomplete') return {state: {pending: text.slice(index), pasting: undefined}, keys};
			if (scan.kind === 'paste-start') {
				pasting = '';
				index += scan.length;
				continue;
			}

			keys.push(scan.key);
			index += scan.length;
			continue;
		}

		if (character === '\r' && text[index + 1] === '\n') {
			keys.push(key('enter'));
			index += 2;
			continue;
		}

		keys.push(characterKey(character));
		index += character.length;
	}

	return {state: {pending: '', pasting}, keys};
}

/** A stateful wrapper for one input stream: `push` each chunk (or Ink event), get its keys. */
export function createKeyTokenizer(): {push(chunk: string): readonly KeyPress[]} {
	let state = initialTokenizerState;
	return {
		push(chunk) {
			const result = tokenize(state, chunk);
			state = result.state;
			return result.keys;
		},
	};
}
