/**
 * The last line of defence of ASCII mode: a view of the terminal's stdout whose `write` folds every
 * non-ASCII character to ASCII of the same width (core/terminal-charset.ts). The theme already
 * draws ASCII glyphs; this catches what the theme does not draw: names a server sent, Ink's own
 * truncation ellipsis. Everything else (columns, rows, 'resize', isTTY) is the real stream's.
 */
import {asciiFold} from '../core/terminal-charset.js';

export function asciiOnly<T extends NodeJS.WritableStream>(stream: T): T {
	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
		return (stream.write as (...args: unknown[]) => boolean).call(stream, asciiFold(text), ...rest);
	};

	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
