/**
 * Read-only views of the engine's own collections. A snapshot hands these out instead of copies:
 * publishing a batch costs O(1), not O(N), and a new view object (a new identity) is made only when
 * its collection changed, so memoized consumers recompute exactly when they must. A view always
 * shows the collection as it is now: read it from the current snapshot, do not keep old ones.
 */

/** A ReadonlyMap that reads through to `source`. */
export class MapView<K, V> implements ReadonlyMap<K, V> {
	constructor(private readonly source: ReadonlyMap<K, V>) {}

	get size(): number {
		return this.source.size;
	}

	get(key: K): V | undefined {
		return this.source.get(key);
	}

	has(key: K): boolean {
		return this.source.has(key);
	}

	forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArgument?: unknown): void {
		for (const [key, value] of this.source) callback.call(thisArgument, value, key, this);
	}

	entries(): MapIterator<[K, V]> {
		return this.source.entries();
	}

	keys(): MapIterator<K> {
		return this.source.keys();
	}

	values(): MapIterator<V> {
		return this.source.values();
	}

	[Symbol.iterator](): MapIterator<[K, V]> {
		return this.source.entries();
	}
}

/** A ReadonlySet of the keys of `source` (the engine's in-flight map: id -> run). */
export class KeySetView<K> implements ReadonlySet<K> {
	constructor(private readonly source: ReadonlyMap<K, unknown>) {}

	get size(): number {
		return this.source.size;
	}

	has(key: K): boolean {
		return this.source.has(key);
	}

	forEach(callback: (value: K, key: K, set: ReadonlySet<K>) => void, thisArgument?: unknown): void {
		for (const key of this.source.keys()) callback.call(thisArgument, key, key, this);
	}

	entries(): SetIterator<[K, K]> {
		const keys = this.source.keys();
		return (function* () {
			for (const key of keys) yield [key, key] as [K, K];
		})() as unknown as SetIterator<[K, K]>;
	}

	keys(): SetIterator<K> {
		return this.source.keys() as unknown as SetIterator<K>;
	}

	values(): SetIterator<K> {
		return this.source.keys() as unknown as SetIterator<K>;
	}

	[Symbol.iterator](): SetIterator<K> {
		return this.source.keys() as unknown as SetIterator<K>;
	}
}
