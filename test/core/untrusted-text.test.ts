import {describe, expect, it} from 'vitest';
import {hasControlCharacters, safeJson, safeLine, safeText} from '../../source/core/untrusted-text.js';

const hostile = {
	osc52: '\u001B]52;c;ZWNobyBwd25lZA==\u0007',
	osc0: '\u001B]0;pwned\u0007',
	clear: '\u001B[2J',
	blink: '\u001B[5mblink\u001B[0m',
	c1Csi: '\u009B2J',
	del: 'a\u007Fb',
	bidi: 'abc\u202Edef',
	cr: 'ok\rFAKE',
};

// Bytes that must never reach a terminal from untrusted text.
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('safeText / safeLine', () => {
	it.each(Object.entries(hostile))('escapes %s so no control character remains', (_name, text) => {
		expect(safeText(text)).not.toMatch(forbidden);
		expect(safeLine(text)).not.toMatch(forbidden);
	});

	it('shows what was sent, escaped', () => {
		expect(safeText(hostile.osc0)).toBe('\\x1b]0;pwned\\x07');
		expect(safeText(hostile.c1Csi)).toBe('\\x9b2J');
		expect(safeText(hostile.bidi)).toBe('abc\\u202edef');
	});

	it('keeps newline and tab in text, escapes them in a line', () => {
		expect(safeText('a\nb\tc')).toBe('a\nb\tc');
		expect(safeLine('a\nb\tc')).toBe('a\\x0ab\\x09c');
	});

	it('leaves ordinary text, accents and wide characters alone', () => {
		for (const text of ['Dr. Amélie Côté', 'Smith, John', '医生', '✔ OK', '']) expect(safeLine(text)).toBe(text);
	});
});

describe('hasControlCharacters', () => {
	it('finds controls, and line breaks unless allowed', () => {
		expect(hasControlCharacters('booking')).toBe(false);
		expect(hasControlCharacters('book\u001Bing')).toBe(true);
		expect(hasControlCharacters('a\u0085b')).toBe(true);
		expect(hasControlCharacters('a\nb')).toBe(true);
		expect(hasControlCharacters('a\nb', {allowLineBreaks: true})).toBe(false);
	});
});

describe('safeJson', () => {
	it('round-trips every string exactly while no raw control character is written', () => {
		const value = {title: Object.values(hostile).join('|'), nested: [hostile.c1Csi, {x: hostile.bidi}]};
		const text = safeJson(value, 2);
		expect(text).not.toMatch(forbidden);
		expect(JSON.parse(text)).toEqual(value);
	});
});
