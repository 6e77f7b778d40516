/**
 * Saving check results to the history (the state file next to the config) from a headless command.
 * History is a convenience: a read-only config directory, a read-only state file, a full disk or a
 * lock held too long must not stop `check` or `report` from printing their results. The first
 * failure is reported once on stderr; the results are printed as usual.
 */
import {describeFileError, isFileSystemError} from '../core/file-errors.js';
import type {IntegrationReport} from '../core/report.js';
import {safeText} from '../core/untrusted-text.js';
import {LockTimeoutError} from '../store/file-lock.js';
import type {StateStore} from '../store/state-store.js';

/** An `onReports` callback for the checks engine that records into `state` and never throws for file problems. */
export function recordHistory(state: StateStore, stderr: NodeJS.WritableStream): (reports: IntegrationReport[]) => void {
	let warned = false;
	return reports => {
		try {
			state.record(reports);
		} catch (error) {
			if (!isFileSystemError(error) && !(error instanceof LockTimeoutError)) throw error;
			if (warned) return;
			warned = true;
			const reason = error instanceof LockTimeoutError ? 'another oscar-rest holds its lock' : describeFileError(error);
			stderr.write(
				`warning: ${safeText(`the results could not be saved to the history (${state.path}: ${reason}); they are printed, but the dashboard will not remember them.`)}\n`,
			);
		}
	};
}

/** What `checkpointedHistory` returns: `add` for the engine's `onReports`, `flush` when the run is over. */
export interface CheckpointedHistory {
	add(reports: readonly IntegrationReport[]): void;
	flush(): void;
}

/**
 * recordHistory for a long headless run: the finished reports are recorded once at the end
 * (`flush`) and at most every `checkpointMs` before that, so a 10,000-integration check appends
 * its results in a few saves, not one per progress batch, and a run killed by SIGKILL still keeps
 * what it finished before its last checkpoint.
 */
export function checkpointedHistory(state: StateStore, stderr: NodeJS.WritableStream, checkpointMs: number): CheckpointedHistory {
	const record = recordHistory(state, stderr);
	let pending: IntegrationReport[] = [];
	let lastSave = Date.now();
	const flush = (): void => {
		lastSave = Date.now();
		if (pending.length === 0) return;
		const batch = pending;
		pending = [];
		record(batch);
	};

	return {
		add(reports) {
			for (const report of reports) pending.push(report);
			if (Date.now() - lastSave >= checkpointMs) flush();
		},
		flush,
	};
}
