import {describe, expect, it} from 'vitest';
import {globMatches, maxSelectorLength, parseSelector, SelectorSyntaxError} from '../../source/core/selectors.js';

describe('globMatches: * and ? without regular expressions', () => {
	it.each([
		['clinic-*', 'clinic-a', true],
		['clinic-*', 'clinic-', true],
		['clinic-*', 'clinic', false],
		['*', '', true],
		['?', '', false],
		['?', 'a', true],
		['b?o*g', 'booking', true],
		['*king', 'booking', true],
		['*ing*', 'booking', true],
		['a*b*c', 'aXbYc', true],
		['a*b*c', 'aXcYb', false],
		['a.b', 'axb', false],
		['a.b', 'a.b', true],
		['Booking', 'booking', false],
		['*?*?*?', 'ab', false],
		['*?*?*?', 'abc', true],
	])('%s ~ %s = %s', (glob, name, expected) => {
		expect(globMatches(glob, name)).toBe(expected);
	});

	it('answers a pathological glob against a long name in linear-ish time (the matcher never backtracks far)', () => {
		const glob = `${'*a'.repeat(50)}b`;
		const name = 'a'.repeat(100);
		expect(globMatches(glob, name)).toBe(false);
	});
});

describe('parseSelector limits', () => {
	it(`refuses a selector over ${maxSelectorLength} characters, quoting only its start`, () => {
		const raw = '*?'.repeat(10_000);
		let error: unknown;
		try {
			parseSelector(raw);
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(SelectorSyntaxError);
		const message = (error as Error).message;
		expect(message).toContain('is too long: at most 256 characters');
		expect(message).toContain('(20000 characters)');
		expect(message.length).toBeLessThan(300);
	});

	it('accepts the longest allowed selector and matches with it', () => {
		const selector = parseSelector(`${'a'.repeat(100)}/${'*'.repeat(maxSelectorLength - 101)}`);
		expect(selector.instance!.test('a'.repeat(100))).toBe(true);
		expect(selector.integration!.test('anything')).toBe(true);
	});

	it('names a character no name can contain without printing it raw', () => {
		expect(() => parseSelector('ma\u001Bple')).toThrow(/contains the character U\+001B/);
		expect(() => parseSelector('a b')).toThrow(/contains ' '/);
	});
});
