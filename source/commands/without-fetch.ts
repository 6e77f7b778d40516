/**
 * Node 20 builds `fetch` (its bundled undici HTTP stack, 35-120 ms of CPU at start) the first time
 * anything reads the global. Ink's layout engine, yoga-layout, reads it once while it loads: its
 * WebAssembly loader fetches its embedded binary from a `data:` URL when `fetch` exists and decodes
 * it itself when it does not. Nothing in this tool uses `fetch` (got uses node:http), so the
 * dashboard loads its UI with the global hidden and puts it back, untouched, right after.
 */

/** Run `load` (an import) with `globalThis.fetch` absent; the global is restored as it was, even when `load` fails. */
export async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
	// The descriptor, not the value: reading the value would build fetch, the cost this avoids.
	const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (!descriptor?.configurable) return load();
	Reflect.deleteProperty(globalThis, 'fetch');
	try {
		return await load();
	} finally {
		Object.defineProperty(globalThis, 'fetch', descriptor);
	}
}
