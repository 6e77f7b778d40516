import {describe, expect, it} from 'vitest';
import {normalizeBaseUrl} from '../../source/core/base-url.js';
import {
	type PlainTextField,
	ValidationError,
	plainTextFields,
	rejectControlCharacters,
	validateAccessToken,
	validateCallback,
	validateConsumerKey,
	validateIssuedAt,
	validateLifetime,
	validateName,
	validatePlainText,
	validateSecretInput,
} from '../../source/core/validate.js';

function failure(action: () => unknown): ValidationError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return error as ValidationError;
	}

	throw new Error('expected a ValidationError');
}

describe('validateName', () => {
	it('accepts the allowed charset and trims surrounding spaces', () => {
		expect(validateName('  clinic-a.main_1 ', 'instance')).toBe('clinic-a.main_1');
	});

	it('explains why a slash is not allowed', () => {
		const error = failure(() => validateName('clinic/a', 'instance'));
		expect(error.message).toContain("contains '/' at position 7");
		expect(error.message).toContain('clinic-a/booking');
		expect(error.field).toBe('instance');
	});

	it('names the bad character, its position and the allowed charset', () => {
		const error = failure(() => validateName('my booking', 'integration'));
		expect(error.message).toBe(
			"Integration name \"my booking\" contains a space at position 3: use only letters A-Z a-z, digits 0-9, '.', '_' and '-'.",
		);
		expect(error.code).toBe('characters');
	});

	it('refuses empty, option-like and over-long names', () => {
		expect(failure(() => validateName('  ', 'instance')).code).toBe('empty');
		expect(failure(() => validateName('-x', 'instance')).message).toContain("starts with '-'");
		expect(failure(() => validateName('a'.repeat(101), 'tag')).code).toBe('range');
	});
});

describe('validateConsumerKey', () => {
	it('accepts an OSCAR-format key without warnings, trimming pasted whitespace', () => {
		expect(validateConsumerKey(' \tab12cd34ef56gh78\n')).toEqual({value: 'ab12cd34ef56gh78', warnings: []});
	});

	it('names the position of inner whitespace', () => {
		expect(failure(() => validateConsumerKey('ab12cd34 ef56gh78')).message).toBe(
			'Consumer key contains a space at position 9 of 17: copy the key again without it.',
		);
	});

	it('flags quotes, zero-width and control characters', () => {
		expect(failure(() => validateConsumerKey('"ab12cd34ef56gh78"')).message).toContain('a double quote (") at position 1');
		expect(failure(() => validateConsumerKey('ab12\u200Bcd34ef56gh78')).message).toContain(
			'invisible zero-width character (U+200B) at position 5',
		);
		expect(failure(() => validateConsumerKey('ab12\u0007cd34ef56gh78')).message).toContain(
			'non-printable control character (U+0007) at position 5',
		);
		expect(failure(() => validateConsumerKey('\u201Cab12cd34ef56gh78\u201D')).message).toContain('typographic quote (U+201C)');
	});

	it('removes invisible characters at the ends with a warning', () => {
		const result = validateConsumerKey('\uFEFFab12cd34ef56gh78\u200B');
		expect(result.value).toBe('ab12cd34ef56gh78');
		expect(result.warnings.join()).toContain('zero-width');
	});

	it('warns, not fails, for keys that are not 16 lowercase letters/digits', () => {
		const result = validateConsumerKey('AB12cd34ef56gh78xyz');
		expect(result.value).toBe('AB12cd34ef56gh78xyz');
		expect(result.warnings).toHaveLength(1);
		expect(result.warnings[0]).toContain('is 19 characters long and has uppercase letters');
		expect(result.warnings[0]).toContain('16 lowercase letters and digits');
	});

	it('refuses an empty key', () => {
		expect(failure(() => validateConsumerKey(' ')).code).toBe('empty');
	});
});

describe('validateSecretInput', () => {
	const secret = 'S3cr3t-Zebra-Quokka-991';

	it('accepts inline values and references', () => {
		expect(validateSecretInput(` ${secret} `).value).toBe(secret);
		expect(validateSecretInput('env:BOOKING_SECRET').value).toBe('env:BOOKING_SECRET');
		expect(validateSecretInput('file:/run/secrets/booking').value).toBe('file:/run/secrets/booking');
	});

	it('names the position of a stray character without quoting the secret', () => {
		const error = failure(() => validateSecretInput(`${secret.slice(0, 5)} ${secret.slice(5)}`));
		expect(error.message).toContain('a space at position 6');
		expect(error.message).not.toContain('S3cr3');
		expect(error.message).not.toContain('Quokka');
	});

	it('checks env references and empty input', () => {
		expect(failure(() => validateSecretInput('env:1BAD')).message).toContain('not a valid environment variable name');
		expect(failure(() => validateSecretInput('file:')).message).toContain('no path');
		expect(failure(() => validateSecretInput('', 'tokenSecret')).message).toMatch(/^Token secret is empty/);
	});
});

describe('validateLifetime', () => {
	it('accepts -1, 0 and positive integers as numbers or text', () => {
		expect(validateLifetime('-1')).toBe(-1);
		expect(validateLifetime(' 3600 ')).toBe(3600);
		expect(validateLifetime(0)).toBe(0);
		expect(validateLifetime('+60')).toBe(60);
	});

	it('explains that OSCAR stores a blank lifetime as 0', () => {
		const error = failure(() => validateLifetime(''));
		expect(error.message).toContain('OSCAR stores a blank lifetime as 0');
		expect(error.message).toContain('expire immediately');
		expect(error.code).toBe('empty');
	});

	it('gives a specific error for text, fractions and values below -1', () => {
		expect(failure(() => validateLifetime('abc')).message).toMatch(/^Lifetime "abc" is not a number/);
		expect(failure(() => validateLifetime('1.5')).message).toMatch(/^Lifetime "1.5" is not a whole number of seconds/);
		expect(failure(() => validateLifetime(1.5)).message).toMatch(/^Lifetime 1.5 is not a whole number/);
		expect(failure(() => validateLifetime('-2')).message).toMatch(/^Lifetime -2 is not allowed: -1 is the only negative value/);
		expect(failure(() => validateLifetime('99999999999')).code).toBe('range');
	});
});

describe('other fields', () => {
	it('validateIssuedAt takes seconds or ISO dates and refuses milliseconds', () => {
		expect(validateIssuedAt('1714564800')).toBe(1_714_564_800);
		expect(validateIssuedAt('2024-05-01T12:00:00Z')).toBe(1_714_564_800);
		expect(failure(() => validateIssuedAt('1714564800000')).message).toContain('looks like milliseconds');
		expect(failure(() => validateIssuedAt('yesterday')).code).toBe('format');
	});

	it('validateCallback requires the registered URI as a prefix', () => {
		expect(validateCallback('http://127.0.0.1:8765/callback', 'http://127.0.0.1:8765')).toBe('http://127.0.0.1:8765/callback');
		expect(failure(() => validateCallback('https://app.example/cb', 'https://other.example')).message).toContain(
			'does not start with the registered URI',
		);
	});

	it('validateAccessToken refuses inner whitespace', () => {
		expect(validateAccessToken(' tok123 ').value).toBe('tok123');
		expect(failure(() => validateAccessToken('tok 123')).message).toContain('position 4');
	});
});

describe('validatePlainText: the one input rule for free text', () => {
	// Every class of character that must never come back out to a terminal.
	const controls: ReadonlyArray<readonly [string, string, string]> = [
		['ESC (an OSC 52 clipboard write)', '\u001B]52;c;eA==\u0007', 'U+001B'],
		['BEL', 'a\u0007b', 'U+0007'],
		['CSI 2J', 'a\u001B[2Jb', 'U+001B'],
		['SGR blink', '\u001B[5mblink', 'U+001B'],
		['NUL', 'a\u0000b', 'U+0000'],
		['carriage return', 'ok\rFAKE', 'a line break'],
		['DEL', 'a\u007Fb', 'U+007F'],
		['C1 CSI', 'a\u009B2Jb', 'U+009B'],
		['NEL', 'a\u0085b', 'U+0085'],
		['bidi override', 'abc\u202Edef', 'U+202E'],
		['bidi isolate', 'abc\u2066def', 'U+2066'],
	];

	it.each(controls)('refuses %s in every field, naming the field, the character and its position', (_name, value, named) => {
		for (const [field, label] of Object.entries(plainTextFields)) {
			const error = failure(() => validatePlainText(`x${value}`, field as PlainTextField));
			expect(error.field).toBe(field);
			expect(error.code).toBe('characters');
			expect(error.message.startsWith(`${label} contains `)).toBe(true);
			expect(error.message).toContain(named);
			expect(error.message).toMatch(/at position \d+/);
			// The message names the character; it never carries it.
			// eslint-disable-next-line no-control-regex
			expect(error.message).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
		}
	});

	it('allows line breaks and tabs in notes only, and trims', () => {
		expect(validatePlainText('  first line\nsecond\tline ', 'notes')).toBe('first line\nsecond\tline');
		expect(failure(() => validatePlainText('a\nb', 'expectedProvider')).message).toContain('a line break at position 2');
		expect(failure(() => validatePlainText('a\tb', 'callback')).message).toContain('a tab at position 2');
	});

	it('leaves ordinary text alone: accents, commas, wide characters, URLs', () => {
		for (const text of ['Dr. Amélie Côté', 'App, Booking', '医生', 'https://booking.example/cb?x=1']) {
			expect(validatePlainText(text, 'expectedProvider')).toBe(text);
		}
	});

	it('is applied by the callback and base URL checks, and names typed names escaped', () => {
		expect(failure(() => validateCallback('https://a.example/\u001B[2J', undefined)).field).toBe('callback');
		expect(failure(() => validateCallback('https://a.example/cb', 'https://a.example/\u009B')).field).toBe('uri');
		expect(failure(() => normalizeBaseUrl('https://a.example/\u001Boscar')).message).toMatch(
			/^Base URL contains a non-printable control character \(U\+001B\)/,
		);
		const name = failure(() => validateName('bad\u001B]0;x\u0007', 'instance'));
		expect(name.message).toContain('"bad\\x1b]0;x\\x07"');
		expect(name.message).not.toContain('\u001B');
	});
});

describe('rejectControlCharacters', () => {
	it('refuses what the untrusted-text sanitiser would escape, naming the character and position', () => {
		const cases: Array<[string, string | null]> = [
			['plain text, é and 😀', null],
			['a\u001B[31mb', 'a non-printable control character (U+001B) at position 2'],
			['line\nbreak', 'a line break at position 5'],
			['tab\there', 'a tab at position 4'],
			['del\u007F', 'a non-printable control character (U+007F) at position 4'],
			['c1\u009Bx', 'a non-printable control character (U+009B) at position 3'],
			['bidi\u202Eevil', 'a non-printable control character (U+202E) at position 5'],
		];
		for (const [value, expected] of cases) {
			if (expected === null) {
				expect(rejectControlCharacters(value, 'tags', 'Tags')).toBe(value);
				continue;
			}

			const error = failure(() => rejectControlCharacters(value, 'tags', 'Tags'));
			expect(error.message, JSON.stringify(value)).toContain(`Tags contains ${expected}`);
			expect(error.field).toBe('tags');
			expect(error.code).toBe('characters');
		}
	});
});
