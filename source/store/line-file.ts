/**
 * JSON Lines files, the state store's building block: appended under the caller's lock, read from a
 * byte offset (so catching up with another process costs what it wrote, not the whole file), streamed
 * in chunks (a large file never sits in memory as one string), and replaced atomically (0600).
 */
import fs from 'node:fs';
import {privateFileMode, writeAtomically} from './atomic-file.js';
import {utf8Pieces} from '../core/utf8-pieces.js';

const newline = 0x0a;
const chunkBytes = 1024 * 1024;
/** Identity of a file's current version: changes when it is replaced or written. */
export function fileKey(stat: fs.Stats): string {
	return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}

/** stat, or undefined when the file does not exist. */
export function statIfExists(file: string): fs.Stats | undefined {
	try {
		return fs.statSync(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** Bytes read and written, for the store's own accounting (tests prove a save touches only what changed). */
export interface IoCounters {
	bytesRead: number;
	bytesWritten: number;
}

/**
 * Append `lines` (each without its newline), written in chunks of about 128 KiB (a run of 10,000
 * reports is never one string). A file that does not end in a newline (a write cut short by a
 * crash) first gets one, so the torn line stays on its own and is skipped by readers.
 * Returns the file's size afterwards.
 */
export function appendLines(file: string, lines: Iterable<string>, io: IoCounters): number {
	const descriptor = fs.openSync(file, 'a+', privateFileMode);
	try {
		let size = fs.fstatSync(descriptor).size;
		if (size === 0) fs.fchmodSync(descriptor, privateFileMode); // the create mode is filtered by the umask
		if (size > 0) {
			const last = Buffer.alloc(1);
			fs.readSync(descriptor, last, 0, 1, size - 1);
			io.bytesRead += 1;
			if (last[0] !== newline) {
				fs.writeFileSync(descriptor, '\n');
				io.bytesWritten += 1;
				size += 1;
			}
		}

		return size + writeLines(descriptor, lines, io);
	} finally {
		fs.closeSync(descriptor);
	}
}

/** The first line of a file (read in a small chunk), or undefined when the file is missing or empty. */
export function readFirstLine(file: string, io: IoCounters, maxBytes = 4096): {line: string; complete: boolean} | undefined {
	let descriptor: number;
	try {
		descriptor = fs.openSync(file, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}

	try {
		const buffer = Buffer.alloc(maxBytes);
		const read = fs.readSync(descriptor, buffer, 0, maxBytes, 0);
		io.bytesRead += read;
		if (read === 0) return undefined;
		const end = buffer.subarray(0, read).indexOf(newline);
		return end === -1 ? {line: buffer.toString('utf8', 0, read), complete: false} : {line: buffer.toString('utf8', 0, end), complete: true};
	} finally {
		fs.closeSync(descriptor);
	}
}

/**
 * The complete lines of an open file from byte `from` to its end. A last line without its newline
 * (being written, or torn) is left for later: `end` is the offset just past the last newline.
 */
export function readLinesFrom(descriptor: number, from: number, size: number, io: IoCounters): {lines: string[]; end: number} {
	if (size <= from) return {lines: [], end: from};
	const buffer = Buffer.alloc(size - from);
	let filled = 0;
	while (filled < buffer.length) {
		const read = fs.readSync(descriptor, buffer, filled, buffer.length - filled, from + filled);
		if (read === 0) break;
		filled += read;
	}

	io.bytesRead += filled;
	const last = buffer.subarray(0, filled).lastIndexOf(newline);
	if (last === -1) return {lines: [], end: from};
	const lines = buffer.toString('utf8', 0, last).split('\n');
	return {lines, end: from + last + 1};
}

/**
 * Every complete line of `file`, in order, read 1 MiB at a time (a missing file has none).
 * The file stays open until the iteration ends or is abandoned.
 */
export function* linesOf(file: string, io: IoCounters): Generator<string, void, undefined> {
	let descriptor: number;
	try {
		descriptor = fs.openSync(file, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw error;
	}

	try {
		let carry = Buffer.alloc(0);
		const buffer = Buffer.alloc(chunkBytes);
		let position = 0;
		for (;;) {
			const read = fs.readSync(descriptor, buffer, 0, chunkBytes, position);
			if (read === 0) break;
			position += read;
			io.bytesRead += read;
			const data = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, read)]) : buffer.subarray(0, read);
			let start = 0;
			for (let end = data.indexOf(newline, start); end !== -1; end = data.indexOf(newline, start)) {
				yield data.toString('utf8', start, end);
				start = end + 1;
			}

			// Copied: `buffer` is reused for the next chunk.
			carry = Buffer.from(data.subarray(start));
		}
	} finally {
		fs.closeSync(descriptor);
	}
}

/** Call `visit` for every complete line of `file` with its index; returns the number of lines. */
export function forEachLine(file: string, io: IoCounters, visit: (line: string, index: number) => void): number {
	let index = 0;
	for (const line of linesOf(file, io)) visit(line, index++);
	return index;
}

/**
 * Replace `file` with the given lines atomically (0600 temp file in the same directory, fsync,
 * rename), writing in chunks so the whole text is never one string.
 */
export function writeLinesAtomic(file: string, lines: Iterable<string>, io: IoCounters): void {
	writeAtomically(file, descriptor => writeLines(descriptor, lines, io));
}

/**
 * Write `lines` (each with its newline) at the descriptor's position in pieces (core/utf8-pieces.ts).
 * writeFileSync, not writeSync: writeSync may write only a part (it does at a file-size limit).
 * Returns the bytes written.
 */
function writeLines(descriptor: number, lines: Iterable<string>, io: IoCounters): number {
	let written = 0;
	for (const piece of utf8Pieces(lines, {after: '\n'})) {
		fs.writeFileSync(descriptor, piece);
		io.bytesWritten += piece.length;
		written += piece.length;
	}

	return written;
}
