/**
 * A lock file shared by processes (the dashboard, a cron `check`, an `add` in another terminal):
 * `<file>.lock` created with O_EXCL holding {pid, host, createdAt, token}. A lock whose process is gone
 * (same host) or that is older than `staleMs` is broken safely: renamed aside, then verified to be the
 * one judged stale (a fresh lock taken in between is put back).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

interface LockOptions {
	/** Give up after this long (default 10 s). */
	readonly timeoutMs?: number;
	/** A lock older than this is stale even if its pid looks alive (pids are reused). Default 30 s. */
	readonly staleMs?: number;
}

interface LockContent {
	readonly pid: number;
	readonly host: string;
	readonly createdAt: number;
	readonly token: string;
}

/** The lock stayed taken for the whole timeout. */
export class LockTimeoutError extends Error {
	readonly code = 'locked';
	constructor(
		readonly lockPath: string,
		readonly holderPid: number | undefined,
	) {
		super(
			`${lockPath} is held${holderPid === undefined ? '' : ` by process ${holderPid}`}; try again, or delete the lock file if no other oscar-rest is running.`,
		);
		this.name = 'LockTimeoutError';
	}
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Synchronous short pause for the retry loop (the stores' API is synchronous). */
function pause(ms: number): void {
	Atomics.wait(sleeper, 0, 0, ms);
}

function readLock(lockPath: string): {content?: LockContent; raw?: string; mtimeMs?: number} {
	try {
		const raw = fs.readFileSync(lockPath, 'utf8');
		const mtimeMs = fs.statSync(lockPath).mtimeMs;
		try {
			const parsed = JSON.parse(raw) as Partial<LockContent>;
			if (typeof parsed.pid === 'number' && typeof parsed.token === 'string' && typeof parsed.createdAt === 'number') {
				return {content: parsed as LockContent, raw, mtimeMs};
			}
		} catch {
			// partly written or foreign: judged by age only
		}

		return {raw, mtimeMs};
	} catch {
		return {};
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function isStale(lock: {content?: LockContent; mtimeMs?: number}, staleMs: number, now: number): boolean {
	const {content} = lock;
	if (content && content.host === os.hostname() && !processAlive(content.pid)) return true;
	const age = now - (content?.createdAt ?? lock.mtimeMs ?? now);
	return age > staleMs;
}

/** Move a stale lock aside; if what we moved is not the lock we judged stale, put it back. */
function breakStaleLock(lockPath: string, judgedRaw: string | undefined): void {
	const aside = `${lockPath}.stale-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
	try {
		fs.renameSync(lockPath, aside);
	} catch {
		return; // someone else broke or released it
	}

	let movedRaw: string | undefined;
	try {
		movedRaw = fs.readFileSync(aside, 'utf8');
	} catch {
		movedRaw = undefined;
	}

	if (movedRaw !== judgedRaw) {
		try {
			fs.linkSync(aside, lockPath); // restore the fresh lock unless yet another one exists
		} catch {
			// a newer lock is in place: leave it
		}
	}

	fs.rmSync(aside, {force: true});
}

/** Run `action` while holding `lockPath`; the lock is released even when `action` throws. */
export function withFileLock<T>(lockPath: string, action: () => T, options: LockOptions = {}): T {
	const timeoutMs = options.timeoutMs ?? 10_000;
	const staleMs = options.staleMs ?? 30_000;
	const token = crypto.randomBytes(8).toString('hex');
	const content = JSON.stringify({pid: process.pid, host: os.hostname(), createdAt: Date.now(), token} satisfies LockContent);
	const deadline = Date.now() + timeoutMs;
	let delay = 1;
	for (;;) {
		try {
			const descriptor = fs.openSync(lockPath, 'wx', 0o600);
			try {
				fs.writeFileSync(descriptor, content);
			} finally {
				fs.closeSync(descriptor);
			}

			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}

		const holder = readLock(lockPath);
		if (holder.raw !== undefined && isStale(holder, staleMs, Date.now())) {
			breakStaleLock(lockPath, holder.raw);
			continue;
		}

		if (Date.now() >= deadline) throw new LockTimeoutError(lockPath, holder.content?.pid);
		pause(delay + Math.random() * delay);
		delay = Math.min(delay * 2, 50);
	}

	try {
		return action();
	} finally {
		const current = readLock(lockPath);
		if (current.content?.token === token) fs.rmSync(lockPath, {force: true});
	}
}
