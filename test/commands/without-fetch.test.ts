import {describe, expect, it} from 'vitest';
import {withoutFetch} from '../../source/commands/without-fetch.js';

describe('withoutFetch', () => {
	it('hides fetch while the import runs and puts the same global back', async () => {
		const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
		expect(await withoutFetch(async () => typeof globalThis.fetch)).toBe('undefined');
		expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
		expect(typeof globalThis.fetch).toBe('function');
	});

	it('puts fetch back when the import fails', async () => {
		const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
		await expect(
			withoutFetch(async () => {
				throw new Error('cannot load');
			}),
		).rejects.toThrow('cannot load');
		expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
	});
});
