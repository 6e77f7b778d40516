/**
 * The one sanitiser for untrusted text (anything a server sent, anything a user imported) on its way
 * to a terminal or a file. A hostile OSCAR (or anything in front of it) can put escape sequences in a
 * page title, a provider name, an error body or a header: printed raw they set the window title,
 * clear the screen or write to the admin's clipboard (OSC 52). Control characters are therefore
 * shown escaped (`\x1b`), never emitted: the user still sees that something odd was sent.
 */

// C0 controls (tab and newline are decided per call), DEL, C1 controls, and the Unicode bidi
// overrides and isolates that reorder what a terminal shows ("Trojan Source").
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

const lineBreaks = /[\t\n]/g;

function escapeCharacter(character: string): string {
	const code = character.codePointAt(0)!;
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text for a terminal or a text file, on several lines: newline and tab are kept, every other
 * control character (and DEL, C1, bidi controls) is shown escaped.
 */
export function safeText(text: string): string {
	return text.replace(unsafe, escapeCharacter);
}

/** Text for one line (a table cell, a status line, an evidence value): newline and tab are escaped too. */
export function safeLine(text: string): string {
	return safeText(text).replace(lineBreaks, escapeCharacter);
}

/** True when `text` holds a character `safeText` would escape: used to reject such input at the door. */
export function hasControlCharacters(text: string, {allowLineBreaks = false}: {allowLineBreaks?: boolean} = {}): boolean {
	return safeText(text) !== text || (!allowLineBreaks && safeLine(text) !== text);
}

/** Where the first character `safeText` (or, without `allowLineBreaks`, `safeLine`) would escape sits, if any. */
export function firstControlCharacter(
	text: string,
	{allowLineBreaks = false}: {allowLineBreaks?: boolean} = {},
): {index: number; character: string} | undefined {
	const characters = [...text];
	for (const [index, character] of characters.entries()) {
		if (allowLineBreaks && (character === '\n' || character === '\t')) continue;
		if (safeLine(character) !== character) return {index, character};
	}

	return undefined;
}

// JSON.stringify escapes C0 controls but leaves DEL, C1 and the bidi controls as they are.

const jsonUnsafe = /[\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON that keeps every string as it was but cannot carry a raw control character: the characters
 * JSON.stringify leaves raw are written as `\uXXXX` escapes (outside strings JSON is plain ASCII,
 * so replacing them over the whole text only touches string contents).
 */
export function safeJson(value: unknown, space?: number | string): string {
	return JSON.stringify(value, undefined, space).replace(
		jsonUnsafe,
		character => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`,
	);
}
