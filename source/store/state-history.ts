/**
 * The history half of the state: past reports (their summary, not the probes' evidence) in an
 * append-only log, one line per report, bounded by entries per integration AND by bytes. Appending
 * costs what is appended; when the log has doubled since its last compaction (or passed the byte
 * bound) it is compacted in two streaming passes, so memory holds positions, never the log itself.
 * Nothing reads the log to show the dashboard: only `history(id)` and compaction do.
 */
import type {IntegrationReport} from '../core/report.js';
import {appendLines, forEachLine, type IoCounters, linesOf, readFirstLine, statIfExists, writeLinesAtomic} from './line-file.js';

export interface HistoryBounds {
	/** Reports kept per integration. */
	readonly perIntegration: number;
	/** The log is compacted once it passes this size, down to three quarters of it. */
	readonly maxBytes: number;
	/** A log smaller than this is never compacted for growth alone. */
	readonly minCompactBytes: number;
}

const headerPrefix = '{"history":1,';

/** History keeps the summary of each run (code, severity, timings) but not the probes' evidence, to stay small. */
export function historyEntry(report: IntegrationReport): IntegrationReport {
	return {...report, probes: []};
}

/** One log line. `id` and `at` come first so compaction reads them without parsing the report. */
export function historyLine(report: IntegrationReport): string {
	return `{"id":${JSON.stringify(report.id)},"at":${JSON.stringify(report.checkedAt)},"r":${JSON.stringify(historyEntry(report))}}`;
}

/** Forgetting an integration drops its earlier lines (applied by readers, removed at compaction). */
export function forgetLine(id: string): string {
	return JSON.stringify({forget: id});
}

const keyPattern = /^\{"id":("(?:[^"\\]|\\.)*"),"at":(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?),/;

function lineKey(line: string): {id: string; at: number} | {forget: string} | undefined {
	const match = keyPattern.exec(line);
	if (match) {
		try {
			return {id: JSON.parse(match[1]!) as string, at: Number(match[2])};
		} catch {
			return undefined;
		}
	}

	if (line.startsWith('{"forget":')) {
		try {
			const data = JSON.parse(line) as {forget?: unknown};
			return typeof data.forget === 'string' ? {forget: data.forget} : undefined;
		} catch {
			return undefined;
		}
	}

	return undefined;
}

function header(compactedBytes: number): string {
	return `${headerPrefix}"compactedBytes":${compactedBytes}}`;
}

/** Append history lines, creating the log with its header. Returns the log's size. */
export function appendHistory(file: string, lines: Iterable<string>, io: IoCounters): number {
	const exists = statIfExists(file) !== undefined;
	return appendLines(file, exists ? lines : withFirst(header(0), lines), io);
}

function* withFirst(first: string, rest: Iterable<string>): Generator<string> {
	yield first;
	yield* rest;
}

/** The last `limit` reports of `id`, oldest first (one per check time). */
export function readHistory(file: string, id: string, limit: number, io: IoCounters): IntegrationReport[] {
	const prefix = `{"id":${JSON.stringify(id)},`;
	const forget = forgetLine(id);
	let byTime = new Map<number, IntegrationReport>();
	forEachLine(file, io, line => {
		if (line === forget) {
			byTime = new Map();
			return;
		}

		if (!line.startsWith(prefix)) return;
		try {
			const data = JSON.parse(line) as {r?: IntegrationReport};
			if (data.r && typeof data.r.checkedAt === 'number') byTime.set(data.r.checkedAt, data.r);
		} catch {
			// a torn line: skipped
		}
	});
	return [...byTime.values()].sort((a, b) => a.checkedAt - b.checkedAt).slice(-limit);
}

/** Whether a log of `size` bytes is due for compaction (reads only its header line). */
export function historyNeedsCompaction(file: string, size: number, bounds: HistoryBounds, io: IoCounters): boolean {
	if (size > bounds.maxBytes) return true;
	if (size <= bounds.minCompactBytes) return false;
	const first = readFirstLine(file, io, 256);
	const match = first?.complete ? /"compactedBytes":(\d+)/.exec(first.line) : undefined;
	const compacted = match ? Number(match[1]) : 0;
	return size > 2 * compacted;
}

interface Kept {
	readonly index: number;
	readonly at: number;
	readonly bytes: number;
}

/**
 * Rewrite the log keeping, per integration, the newest `perIntegration` reports (one per check time),
 * and, when that is still over `maxBytes`, the newest reports of the whole fleet that fit in three
 * quarters of it. Pass one reads keys and sizes; pass two copies the kept lines.
 */
export function compactHistory(file: string, bounds: HistoryBounds, io: IoCounters): void {
	const perId = new Map<string, Kept[]>();
	const lineCount = forEachLine(file, io, (line, index) => {
		const key = lineKey(line);
		if (!key) return;
		if ('forget' in key) {
			perId.delete(key.forget);
			return;
		}

		let list = perId.get(key.id);
		if (!list) {
			list = [];
			perId.set(key.id, list);
		}

		list.push({index, at: key.at, bytes: Buffer.byteLength(line) + 1});
	});

	let kept: Kept[] = [];
	for (const list of perId.values()) {
		// Newest last; a later line for the same check time replaces the earlier one (a repeated migration).
		const byTime = new Map<number, Kept>();
		for (const item of list) byTime.set(item.at, item);
		kept.push(...[...byTime.values()].sort((a, b) => a.at - b.at || a.index - b.index).slice(-bounds.perIntegration));
	}

	let total = kept.reduce((sum, item) => sum + item.bytes, 0);
	if (total > bounds.maxBytes) {
		const budget = Math.floor(bounds.maxBytes * 0.75);
		kept.sort((a, b) => b.at - a.at || b.index - a.index);
		let used = 0;
		let count = 0;
		while (count < kept.length && used + kept[count]!.bytes <= budget) used += kept[count++]!.bytes;
		kept = kept.slice(0, count);
		total = used;
	}

	const keep = new Uint8Array(lineCount);
	for (const item of kept) keep[item.index] = 1;
	function* keptLines(): Generator<string> {
		yield header(total);
		let index = 0;
		for (const line of linesOf(file, io)) {
			if (keep[index++] === 1) yield line;
		}
	}

	writeLinesAtomic(file, keptLines(), io);
}
