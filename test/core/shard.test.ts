import {describe, expect, it} from 'vitest';
import {inShard, parseShard, shardOf, stableHash} from '../../source/core/shard.js';

/** A varied fleet: sequential names, odd characters, names that differ in one byte. */
const names = [
	...Array.from({length: 997}, (_, index) => `clinic-${String(index).padStart(4, '0')}`),
	'maple',
	'Maple',
	'maple.example',
	'st-john_s',
	'a',
	'b',
	'z.z.z',
	'x-1',
	'x-2',
	'x-11',
];

describe('sharding the fleet by instance', () => {
	it('is stable: the same name lands in the same shard everywhere (FNV-1a)', () => {
		expect(stableHash('')).toBe(0x81_1c_9d_c5);
		expect(stableHash('a')).toBe(0xe4_0c_29_2c);
		expect(stableHash('foobar')).toBe(0xbf_9c_f9_68);
		expect(shardOf('clinic-0001', 3)).toBe(shardOf('clinic-0001', 3));
	});

	it('N shards are disjoint and together hold every instance exactly once, for N = 1..8', () => {
		for (let count = 1; count <= 8; count++) {
			const seen = new Map<string, number>();
			for (let index = 1; index <= count; index++) {
				for (const name of names.filter(candidate => inShard(candidate, {index, count}))) {
					expect(seen.has(name), `${name} in shards ${seen.get(name)} and ${index} of ${count}`).toBe(false);
					seen.set(name, index);
				}
			}

			expect([...seen.keys()].sort()).toEqual([...names].sort());
			// Roughly even: no shard gets less than half its share of 1,007 instances.
			const sizes = Array.from({length: count}, (_, index) => [...seen.values()].filter(shard => shard === index + 1).length);
			for (const size of sizes) expect(size).toBeGreaterThan(names.length / count / 2);
		}
	});

	it('takes K/N with 1 <= K <= N and says what is wrong otherwise', () => {
		expect(parseShard('2/3')).toEqual({index: 2, count: 3});
		expect(parseShard(' 1/1 ')).toEqual({index: 1, count: 1});
		for (const [text, error] of [
			['0/3', 'K must be between 1 and N'],
			['4/3', 'K must be between 1 and N'],
			['1/0', 'N must be between'],
			['2', 'K/N'],
			['a/b', 'K/N'],
			['1/1001', 'N must be between'],
		] as const) {
			expect(parseShard(text)).toEqual({error: expect.stringContaining(error)});
		}
	});
});
