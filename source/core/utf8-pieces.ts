/**
 * Texts as UTF-8 pieces to write, encoded straight into one reused buffer: texts joined into one
 * string and then into bytes existed three times at once, and at 1 MiB those copies were V8 large
 * objects that raised a run's peak memory by MiBs at its final save. Shared by the state files'
 * writer (sync) and the output files' writer (async).
 */

/** A UTF-16 code unit takes at most this many bytes in UTF-8 (a surrogate pair, two units, takes 4). */
const maxBytesPerUnit = 3;

/** 128 KiB: a few more write calls than 1 MiB pieces, and no measurable time. */
export const defaultPieceBytes = 128 * 1024;

/**
 * `texts`, each followed by `after` (a newline for lines), as pieces of at most `pieceBytes` bytes;
 * a text longer than a piece is a piece of its own. A piece is a view of the reused buffer: write it
 * before asking for the next one.
 */
export function* utf8Pieces(
	texts: Iterable<string>,
	options: {readonly after?: string; readonly pieceBytes?: number} = {},
): Generator<Uint8Array> {
	const after = options.after ?? '';
	const buffer = Buffer.allocUnsafe(options.pieceBytes ?? defaultPieceBytes);
	let used = 0;
	for (const text of texts) {
		const most = (text.length + after.length) * maxBytesPerUnit;
		if (used + most > buffer.length && used > 0) {
			yield buffer.subarray(0, used);
			used = 0;
		}

		if (most > buffer.length) {
			yield Buffer.from(text + after, 'utf8');
			continue;
		}

		used += buffer.write(text, used, 'utf8');
		if (after !== '') used += buffer.write(after, used, 'utf8');
	}

	if (used > 0) yield buffer.subarray(0, used);
}
