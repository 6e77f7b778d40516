/**
 * Splitting a fleet between N exporters (`--shard K/N`): by INSTANCE, so one clinic's integrations
 * stay together (its instance probe is shared and its per-host limit holds in one place). A stable
 * hash of the instance name (FNV-1a over its UTF-8 bytes) picks the shard: the same on every
 * machine and every version, independent of the order of the config, so N exporters with the same
 * inventory cover every instance exactly once.
 */

export interface Shard {
	/** 1-based. */
	readonly index: number;
	readonly count: number;
}

/** FNV-1a, 32 bits. */
export function stableHash(text: string): number {
	let hash = 0x81_1c_9d_c5;
	for (const byte of new TextEncoder().encode(text)) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
	}

	return hash >>> 0;
}

/** The shard (1-based) an instance belongs to when the fleet is split `count` ways. */
export function shardOf(instanceName: string, count: number): number {
	return (stableHash(instanceName) % count) + 1;
}

export function inShard(instanceName: string, shard: Shard | undefined): boolean {
	return shard === undefined || shard.count === 1 || shardOf(instanceName, shard.count) === shard.index;
}

/** `K/N` with 1 <= K <= N (N at most 1,000); undefined with the reason otherwise. */
export function parseShard(text: string): Shard | {error: string} {
	const match = /^(\d+)\/(\d+)$/.exec(text.trim());
	if (!match) return {error: `must look like K/N (for example 2/3), got "${text}"`};
	const index = Number(match[1]);
	const count = Number(match[2]);
	if (count < 1 || count > 1000) return {error: `N must be between 1 and 1000, got ${count}`};
	if (index < 1 || index > count) return {error: `K must be between 1 and N (${count}), got ${index}`};
	return {index, count};
}
