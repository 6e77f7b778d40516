/**
 * What the tool remembers between runs, kept apart from the user's config so a refresh never
 * rewrites config.json: the latest report per integration, past reports (history), when the current
 * failure streak began, and onboarding progress per integration.
 *
 * Three JSON Lines files next to the config (config.json -> config.state.*), all 0600:
 * - `config.state.json`, the snapshot: a header line, then one line per integration (latest report,
 *   streak start, onboarding). Rewritten only when the journal has grown past it.
 * - `config.state.journal`: the changes since the snapshot, appended. A save costs what changed.
 * - `config.state.history`: past reports without their evidence, appended, bounded by entries per
 *   integration and by bytes (see state-history.ts). The dashboard never reads it.
 * Writers append under one lock file, first reading what other processes appended since they last
 * looked (from a byte offset), so two processes saving at once lose nothing and nobody re-reads a
 * whole file per save. The journal names the snapshot it follows (a generation), so a compaction
 * cut short by a crash never applies a journal twice to the wrong snapshot.
 *
 * The state is a CACHE, not user data: a corrupt snapshot is backed up (`.corrupt-<time>.bak`) and the
 * tool starts fresh with a warning instead of refusing to run. A version-1 file (one JSON object with
 * the history inside) is converted on first use.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {OnboardingStep} from '../core/diagnoses.js';
import type {IntegrationReport} from '../core/report.js';
import {backupFile, ensurePrivateDirectory, writeFileAtomic} from './atomic-file.js';
import {withFileLock} from './file-lock.js';
import {appendLines, fileKey, type IoCounters, linesOf, readFirstLine, readLinesFrom, statIfExists, writeLinesAtomic} from './line-file.js';
import {
	appendHistory,
	compactHistory,
	forgetLine,
	historyLine,
	historyNeedsCompaction,
	readHistory,
	type HistoryBounds,
} from './state-history.js';
import {
	applyOp,
	entryFrom,
	isFailure,
	isObject,
	type IntegrationState,
	type JournalOp,
	journalLine,
	type OnboardingProgress,
	type OnboardingStatus,
	parseOp,
	parseSnapshotLine,
	snapshotLine,
} from './state-journal.js';

export {isFailure, type OnboardingProgress, type OnboardingStatus, type OnboardingStepProgress} from './state-journal.js';

export interface StateStoreOptions {
	/** Reports kept per integration (default 20). */
	readonly historyLimit?: number;
	/** Bytes the history log may hold before it is compacted to three quarters of this (default 32 MiB). */
	readonly historyMaxBytes?: number;
	/** The journal is folded into the snapshot once it is larger than this and than half the snapshot (a reader at start parses both; default 1 MiB). */
	readonly journalMinBytes?: number;
	/** Called once per problem (e.g. a corrupt state file that was set aside). */
	readonly onWarning?: (message: string) => void;
	readonly lockTimeoutMs?: number;
}

/** Where the state of `configPath` lives (the snapshot; the journal and history sit next to it). */
export function statePathFor(configPath: string): string {
	const resolved = path.resolve(configPath);
	const base = path.basename(resolved).replace(/\.json$/, '');
	return path.join(path.dirname(resolved), `${base}.state.json`);
}

const snapshotVersion = 2;

/** The in-memory latest state, and where in the files it was read up to. */
interface View {
	readonly entries: Map<string, IntegrationState>;
	generation: string;
	/** fileKey of the snapshot read, or 'none'. */
	snapshotKey: string;
	journalIno: number | undefined;
	/** Bytes of the journal already applied (or skipped as belonging to another generation). */
	journalOffset: number;
}

type SnapshotRead =
	| {readonly kind: 'current'; readonly generation: string; readonly entries: Map<string, IntegrationState>; readonly key: string}
	| {readonly kind: 'version-1'; readonly data: Record<string, unknown>; readonly key: string}
	| {readonly kind: 'corrupt'; readonly key: string};

function newGeneration(): string {
	return `${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}`;
}

function journalHeader(generation: string): string {
	return JSON.stringify({journal: generation});
}

function headerGeneration(line: string | undefined): string | undefined {
	if (line === undefined) return undefined;
	try {
		const data = JSON.parse(line) as unknown;
		return isObject(data) && typeof data.journal === 'string' ? data.journal : undefined;
	} catch {
		return undefined;
	}
}

function orderByTime(reports: readonly IntegrationReport[]): IntegrationReport[] {
	return [...reports].sort((a, b) => a.checkedAt - b.checkedAt);
}

export class StateStore {
	/** The snapshot file (`config.state.json`). */
	readonly path: string;
	readonly journalPath: string;
	readonly historyPath: string;
	readonly lockPath: string;
	/** Every warning raised so far (also passed to `onWarning`). */
	readonly warnings: string[] = [];
	/** Bytes this store read and wrote, and how many snapshots it wrote (its cost, observable). */
	readonly io: IoCounters & {snapshots: number} = {bytesRead: 0, bytesWritten: 0, snapshots: 0};
	readonly #history: HistoryBounds;
	readonly #journalMinBytes: number;
	readonly #options: StateStoreOptions;
	readonly #warned = new Set<string>();
	#view: View | undefined;
	#lockDepth = 0;

	constructor(configPath: string, options: StateStoreOptions = {}) {
		this.path = statePathFor(configPath);
		const stem = this.path.replace(/\.json$/, '');
		this.journalPath = `${stem}.journal`;
		this.historyPath = `${stem}.history`;
		this.lockPath = `${this.path}.lock`;
		this.#history = {
			perIntegration: options.historyLimit ?? 20,
			maxBytes: options.historyMaxBytes ?? 32 * 1024 * 1024,
			minCompactBytes: Math.min(1024 * 1024, options.historyMaxBytes ?? Number.POSITIVE_INFINITY),
		};
		this.#journalMinBytes = options.journalMinBytes ?? 1024 * 1024;
		this.#options = options;
	}

	/** The newest report of every integration that has one. */
	latest(): Map<string, IntegrationReport> {
		const result = new Map<string, IntegrationReport>();
		for (const [id, entry] of this.#current().entries) {
			if (entry.latest) result.set(id, entry.latest);
		}

		return result;
	}

	/** Up to N past reports, oldest first (probes stripped). Reads the history log: not for every frame. */
	history(id: string): IntegrationReport[] {
		try {
			return readHistory(this.historyPath, id, this.#history.perIntegration, this.io);
		} catch (error) {
			this.#warn(`State history ${this.historyPath} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 'history-read');
			return [];
		}
	}

	/** When the current failure streak began (epoch ms), undefined when the integration is not failing. */
	brokenSince(id: string): number | undefined {
		return this.#current().entries.get(id)?.brokenSince;
	}

	/**
	 * Store new results: appended to the journal and the history, O(reports). Reports older than the
	 * one already stored do not replace it.
	 */
	record(reports: readonly IntegrationReport[]): void {
		if (reports.length === 0) return;
		const ordered = orderByTime(reports);
		// Lines are made while they are written (a run of 10,000 reports is never one string).
		this.#change(
			ordered.map(report => ({report})),
			lazy(ordered, historyLine),
		);
	}

	getOnboarding(id: string): OnboardingProgress {
		return {...this.#current().entries.get(id)?.onboarding};
	}

	/** Replace the onboarding progress of one integration. */
	setOnboarding(id: string, progress: OnboardingProgress): void {
		this.#change([{onboarding: {id, progress: {...progress}}}], []);
	}

	/** Set one step, keeping the others. */
	setOnboardingStep(id: string, step: OnboardingStep, status: OnboardingStatus, note?: string, at: number = Date.now()): void {
		const value = note === undefined ? {status, at} : {status, at, note};
		// Read-modify-write under the lock, so a step set by another process meanwhile is kept.
		this.#change(view => [{onboarding: {id, progress: {...view.entries.get(id)?.onboarding, [step]: value}}}], []);
	}

	/** Drop everything remembered about an integration (after it is removed or renamed). */
	forget(id: string): void {
		this.#change([{forget: id}], [forgetLine(id)]);
	}

	#warn(message: string, once?: string): void {
		if (once !== undefined) {
			if (this.#warned.has(once)) return;
			this.#warned.add(once);
		}

		this.warnings.push(message);
		this.#options.onWarning?.(message);
	}

	/** The latest state, caught up with what other processes appended (two stats when nothing changed). */
	#current(): View {
		try {
			if (this.#view && this.#catchUp(this.#view)) return this.#view;
			this.#view = this.#load();
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			this.#warn(
				`State file ${this.path} cannot be read (${code ?? (error instanceof Error ? error.message : 'error')}); starting without remembered results.`,
				`read:${code}`,
			);
			this.#view ??= {entries: new Map(), generation: 'none', snapshotKey: 'none', journalIno: undefined, journalOffset: 0};
		}

		return this.#view;
	}

	/**
	 * Read what was appended to the journal since `view` last looked. False when the files were
	 * replaced meanwhile (a compaction, a migration): the caller reloads.
	 */
	#catchUp(view: View): boolean {
		const snapshot = statIfExists(this.path);
		if ((snapshot ? fileKey(snapshot) : 'none') !== view.snapshotKey) return false;
		let descriptor: number;
		try {
			descriptor = fs.openSync(this.journalPath, 'r');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			return view.journalIno === undefined;
		}

		try {
			const stat = fs.fstatSync(descriptor);
			if (view.journalIno !== undefined && stat.ino !== view.journalIno) return false;
			if (stat.size < view.journalOffset) return false;
			this.#applyJournal(view, descriptor, stat);
			return true;
		} finally {
			fs.closeSync(descriptor);
		}
	}

	/** Apply the journal's lines from the view's offset; a journal of another generation is skipped whole. */
	#applyJournal(view: View, descriptor: number, stat: fs.Stats): void {
		const {lines, end} = readLinesFrom(descriptor, view.journalOffset, stat.size, this.io);
		let index = 0;
		if (view.journalIno === undefined || view.journalOffset === 0) {
			view.journalIno = stat.ino;
			if (lines.length === 0) return; // the header is not complete yet
			if (headerGeneration(lines[0]) !== view.generation) {
				view.journalOffset = stat.size; // left over from before a compaction: already in the snapshot
				return;
			}

			index = 1;
		}

		for (; index < lines.length; index++) {
			const op = parseOp(lines[index]!);
			if (op) applyOp(view.entries, op);
			else if (lines[index]!.trim() !== '')
				this.#warn(`State journal ${this.journalPath} has a damaged line; it was skipped.`, 'journal-line');
		}

		view.journalOffset = end;
	}

	/** Read the snapshot and its journal from scratch (retrying if a compaction replaced them meanwhile). */
	#load(): View {
		for (let attempt = 0; ; attempt++) {
			const snapshot = this.#readSnapshot();
			if (snapshot?.kind === 'corrupt' && attempt < 3) {
				this.#setAside(snapshot.key);
				continue;
			}

			if (snapshot?.kind === 'version-1') {
				try {
					this.#convert(snapshot.key, snapshot.data);
				} catch (error) {
					this.#warn(
						`State file ${this.path} is in the old format and could not be converted (${(error as NodeJS.ErrnoException).code ?? 'error'}); using it read-only.`,
						'convert',
					);
					return {
						entries: version1Entries(snapshot.data),
						generation: 'none',
						snapshotKey: snapshot.key,
						journalIno: undefined,
						journalOffset: 0,
					};
				}

				if (attempt < 3) continue;
			}

			const view: View =
				snapshot?.kind === 'current'
					? {entries: snapshot.entries, generation: snapshot.generation, snapshotKey: snapshot.key, journalIno: undefined, journalOffset: 0}
					: {entries: new Map(), generation: 'none', snapshotKey: 'none', journalIno: undefined, journalOffset: 0};
			if (this.#catchUp(view) || attempt >= 3) return view;
		}
	}

	#readSnapshot(): SnapshotRead | undefined {
		let descriptor: number;
		try {
			descriptor = fs.openSync(this.path, 'r');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw error;
		}

		let raw: string;
		let key: string;
		try {
			const stat = fs.fstatSync(descriptor);
			key = fileKey(stat);
			raw = fs.readFileSync(descriptor, 'utf8');
			this.io.bytesRead += stat.size;
		} finally {
			fs.closeSync(descriptor);
		}

		const lines = raw.split('\n');
		let header: unknown;
		try {
			header = JSON.parse(lines[0] ?? '');
		} catch {
			return {kind: 'corrupt', key};
		}

		if (isObject(header) && header.version === 1 && isObject(header.integrations))
			return {kind: 'version-1', data: header.integrations, key};
		if (!isObject(header) || header.state !== snapshotVersion || typeof header.journal !== 'string') return {kind: 'corrupt', key};
		// A snapshot is written whole (temp file + rename): a missing final newline means damage.
		if (!raw.endsWith('\n')) return {kind: 'corrupt', key};
		const entries = new Map<string, IntegrationState>();
		for (let index = 1; index < lines.length - 1; index++) {
			const parsed = parseSnapshotLine(lines[index]!);
			if (!parsed) return {kind: 'corrupt', key};
			entries.set(parsed.id, parsed.entry);
		}

		return {kind: 'current', generation: header.journal, entries, key};
	}

	/** Back up a damaged snapshot, remove it (if it is still the one judged damaged) and say so once. */
	#setAside(key: string): void {
		let where = '';
		this.#locked(() => {
			const stat = statIfExists(this.path);
			if (!stat || fileKey(stat) !== key) return; // replaced meanwhile
			try {
				where = ` (copy kept at ${backupFile(this.path, 'corrupt')})`;
			} catch {
				where = '';
			}

			fs.rmSync(this.path, {force: true});
		});
		this.#warn(
			`State file ${this.path} was unreadable and has been set aside${where}; starting fresh. It only holds cached check results, so no configuration was lost.`,
			`corrupt:${key}`,
		);
	}

	/**
	 * Convert a version-1 file (one object, history inside each integration) under the lock: its
	 * history goes to the history log, the rest becomes a snapshot.
	 */
	#convert(key: string, integrations: Record<string, unknown>): void {
		this.#locked(() => {
			const stat = statIfExists(this.path);
			if (!stat || fileKey(stat) !== key) return; // someone else converted it
			const history: string[] = [];
			for (const [id, value] of Object.entries(integrations)) {
				if (!isObject(value) || !Array.isArray(value.history)) continue;
				for (const report of value.history as unknown[]) {
					if (isObject(report) && typeof report.checkedAt === 'number')
						history.push(historyLine({...(report as unknown as IntegrationReport), id}));
				}
			}

			if (history.length > 0) appendHistory(this.historyPath, history, this.io);
			this.#writeSnapshot(version1Entries(integrations));
		});
	}

	/** Write a snapshot of `entries` and an empty journal of a new generation (under the lock); update `view` to match. */
	#writeSnapshot(entries: ReadonlyMap<string, IntegrationState>, view?: View): void {
		const generation = newGeneration();
		function* lines(): Generator<string> {
			yield JSON.stringify({state: snapshotVersion, journal: generation});
			for (const [id, entry] of entries) yield snapshotLine(id, entry);
		}

		writeLinesAtomic(this.path, lines(), this.io);
		// After the snapshot: a crash in between leaves an old-generation journal, which readers skip.
		writeFileAtomic(this.journalPath, `${journalHeader(generation)}\n`);
		this.io.snapshots++;
		if (view) {
			const journal = fs.statSync(this.journalPath);
			view.generation = generation;
			view.snapshotKey = fileKey(fs.statSync(this.path));
			view.journalIno = journal.ino;
			view.journalOffset = journal.size;
		}
	}

	/** Run `action` holding the state lock (re-entrant: conversion and set-aside also run inside a save). */
	#locked(action: () => void): void {
		if (this.#lockDepth > 0) {
			action();
			return;
		}

		ensurePrivateDirectory(path.dirname(this.path));
		withFileLock(
			this.lockPath,
			() => {
				this.#lockDepth++;
				try {
					action();
				} finally {
					this.#lockDepth--;
				}
			},
			{timeoutMs: this.#options.lockTimeoutMs},
		);
	}

	/**
	 * Append changes under the lock. Without a loaded view (a headless run) nothing is read but two
	 * header lines; with one, only what other processes appended since. `ops` may be computed from
	 * the caught-up view (read-modify-write of one integration's onboarding).
	 */
	#change(ops: readonly JournalOp[] | ((view: View) => readonly JournalOp[]), history: {readonly length: number} & Iterable<string>): void {
		this.#locked(() => {
			let view = this.#view;
			if (view && !this.#catchUp(view)) view = undefined;
			if (!view && typeof ops === 'function') view = this.#load();
			let generation = view?.generation ?? this.#snapshotGeneration();
			if (generation === 'none') {
				// The first save (or the first after a damaged file was set aside) starts with an empty snapshot.
				this.#writeSnapshot(view?.entries ?? new Map(), view);
				generation = view?.generation ?? this.#snapshotGeneration();
			}

			const journalSize = this.#ensureJournal(generation, view);
			const resolved = typeof ops === 'function' ? ops(view!) : ops;
			let size: number | undefined;
			if (view && this.#journalWouldOutgrow(view, resolved, journalSize)) {
				// A save of every integration (a full headless run) would be appended only to be folded
				// into a snapshot at once: write the snapshot straight away, one serialization, not two.
				for (const op of resolved) applyOp(view.entries, op);
				this.#writeSnapshot(view.entries, view);
				this.#view = view;
			} else {
				size = appendLines(this.journalPath, lazy(resolved, journalLine), this.io);
				if (view) {
					// Our own lines: applied without reading them back.
					for (const op of resolved) applyOp(view.entries, op);
					view.journalOffset = size;
					this.#view = view;
				} else if (this.#view) {
					this.#view = undefined; // stale: the next read reloads
				}
			}

			if (history.length > 0) {
				const historySize = appendHistory(this.historyPath, history, this.io);
				if (historyNeedsCompaction(this.historyPath, historySize, this.#history, this.io))
					compactHistory(this.historyPath, this.#history, this.io);
			}

			if (size !== undefined) this.#compactIfDue(Math.max(size, journalSize));
		});
	}

	/**
	 * Whether `ops` replace a report for every integration the state holds (a full headless run) and
	 * appending them would make the journal due for compaction (#compactIfDue's rule), told from the
	 * snapshot's size per integration: a report costs about as much in either file.
	 */
	#journalWouldOutgrow(view: View, ops: readonly JournalOp[], journalSize: number): boolean {
		let reports = 0;
		for (const op of ops) if ('report' in op) reports++;
		if (view.entries.size === 0 || reports < view.entries.size) return false;
		const snapshotSize = statIfExists(this.path)?.size ?? 0;
		const appended = (snapshotSize * reports) / view.entries.size;
		return journalSize + appended > Math.max(this.#journalMinBytes, snapshotSize / 2);
	}

	/** The generation the snapshot on disk names ('none' without one), converting or setting aside an unusable one. */
	#snapshotGeneration(): string {
		for (let attempt = 0; attempt < 3; attempt++) {
			const first = readFirstLine(this.path, this.io, 512);
			if (!first) return 'none';
			if (first.complete) {
				const header = parseHeader(first.line);
				if (header) return header;
			}

			// Old format or damage: a full read decides (once per file).
			const snapshot = this.#readSnapshot();
			if (!snapshot) return 'none';
			if (snapshot.kind === 'current') return snapshot.generation;
			if (snapshot.kind === 'version-1') this.#convert(snapshot.key, snapshot.data);
			else this.#setAside(snapshot.key);
		}

		return 'none';
	}

	/**
	 * Make sure the journal exists and follows `generation` (a journal left from before a compaction is
	 * replaced). Returns its size.
	 */
	#ensureJournal(generation: string, view: View | undefined): number {
		const first = readFirstLine(this.journalPath, this.io, 512);
		if (first?.complete && headerGeneration(first.line) === generation) return statIfExists(this.journalPath)?.size ?? 0;
		writeFileAtomic(this.journalPath, `${journalHeader(generation)}\n`);
		const stat = fs.statSync(this.journalPath);
		if (view) {
			view.journalIno = stat.ino;
			view.journalOffset = stat.size;
		}

		return stat.size;
	}

	/** Fold the journal into a new snapshot once it outgrows it: amortized O(1) per appended change. */
	#compactIfDue(journalSize: number): void {
		const snapshotSize = statIfExists(this.path)?.size ?? 0;
		if (journalSize <= Math.max(this.#journalMinBytes, snapshotSize / 2)) return;
		if (this.#view) this.#writeSnapshot(this.#view.entries, this.#view);
		else this.#compactFromFiles();
	}

	/**
	 * The compaction of a process without the state loaded (a headless run): merge the snapshot and
	 * the journal line by line, keeping reports as the JSON text they are in the files. Memory holds
	 * about the new snapshot's text, not the parsed reports of every integration.
	 */
	#compactFromFiles(): void {
		const merged = new Map<string, MergedEntry>();
		let generation: string | undefined;
		let index = 0;
		for (const line of linesOf(this.path, this.io)) {
			if (index++ === 0) {
				generation = parseHeader(line);
				if (generation === undefined) break;
				continue;
			}

			const parsed = parseSnapshotLine(line);
			if (!parsed) continue;
			const {latest, brokenSince, onboarding} = parsed.entry;
			merged.set(parsed.id, {line, checkedAt: latest?.checkedAt, brokenSince, onboarding: onboarding && JSON.stringify(onboarding)});
		}

		if (generation === undefined) {
			// Not a current snapshot after all: the ordinary path decides (convert or set aside).
			this.#writeSnapshot(this.#load().entries);
			return;
		}

		index = 0;
		let ownJournal = false;
		for (const line of linesOf(this.journalPath, this.io)) {
			if (index++ === 0) {
				ownJournal = headerGeneration(line) === generation;
				if (!ownJournal) break;
				continue;
			}

			mergeJournalLine(merged, line);
		}

		const next = newGeneration();
		function* lines(): Generator<string> {
			yield JSON.stringify({state: snapshotVersion, journal: next});
			for (const [id, entry] of merged) yield entry.line ?? mergedLine(id, entry);
		}

		writeLinesAtomic(this.path, lines(), this.io);
		writeFileAtomic(this.journalPath, `${journalHeader(next)}\n`);
		this.io.snapshots++;
	}
}

/** One integration during a compaction from the files: its snapshot line while nothing changed it. */
interface MergedEntry {
	/** The unchanged snapshot line, or undefined once a journal line changed the entry. */
	line?: string;
	/** Where the latest report is now: the journal line that set it, or a report as JSON text. */
	latestLine?: string;
	latestJson?: string;
	checkedAt?: number;
	brokenSince?: number;
	/** Onboarding progress as JSON text. */
	onboarding?: string;
}

/** Apply one journal line to a compaction's entries, by the rules of applyOp. */
function mergeJournalLine(merged: Map<string, MergedEntry>, line: string): void {
	const op = parseOp(line);
	if (!op) return;
	if ('forget' in op) {
		merged.delete(op.forget);
		return;
	}

	if ('onboarding' in op) {
		const entry = merged.get(op.onboarding.id) ?? {};
		if (entry.line !== undefined) {
			// The latest report still sits in the snapshot line: keep it as text.
			const latest = parseSnapshotLine(entry.line)?.entry.latest;
			if (latest) entry.latestJson = JSON.stringify(latest);
		}

		entry.line = undefined;
		entry.onboarding = JSON.stringify(op.onboarding.progress);
		merged.set(op.onboarding.id, entry);
		return;
	}

	const {report} = op;
	const entry = merged.get(report.id) ?? {};
	if (entry.checkedAt !== undefined && report.checkedAt < entry.checkedAt) return;
	entry.latestLine = line;
	entry.latestJson = undefined;
	entry.line = undefined;
	entry.checkedAt = report.checkedAt;
	if (isFailure(report)) entry.brokenSince ??= report.checkedAt;
	else entry.brokenSince = undefined;
	merged.set(report.id, entry);
}

/** A snapshot line from merged parts (each parsed only while its line is written). */
function mergedLine(id: string, entry: MergedEntry): string {
	const fromJournal = entry.latestLine === undefined ? undefined : parseOp(entry.latestLine);
	const latest =
		fromJournal && 'report' in fromJournal
			? fromJournal.report
			: entry.latestJson === undefined
				? undefined
				: (JSON.parse(entry.latestJson) as IntegrationReport);
	return snapshotLine(id, {
		...(latest ? {latest} : {}),
		...(entry.brokenSince === undefined ? {} : {brokenSince: entry.brokenSince}),
		...(entry.onboarding === undefined ? {} : {onboarding: JSON.parse(entry.onboarding) as IntegrationState['onboarding']}),
	});
}

/** `items` mapped one at a time while iterated (with the length known up front). */
function lazy<T>(items: readonly T[], map: (item: T) => string): {readonly length: number} & Iterable<string> {
	return {
		length: items.length,
		*[Symbol.iterator]() {
			for (const item of items) yield map(item);
		},
	};
}

function parseHeader(line: string): string | undefined {
	try {
		const header = JSON.parse(line) as unknown;
		return isObject(header) && header.state === snapshotVersion && typeof header.journal === 'string' ? header.journal : undefined;
	} catch {
		return undefined;
	}
}

/** The latest state of a version-1 file's integrations (their history is dropped here, kept in the log). */
function version1Entries(integrations: Record<string, unknown>): Map<string, IntegrationState> {
	const entries = new Map<string, IntegrationState>();
	for (const [id, value] of Object.entries(integrations)) {
		if (isObject(value)) entries.set(id, entryFrom(value));
	}

	return entries;
}
