/**
 * The checks engine's contract, shared by the dashboard (useSyncExternalStore) and the
 * headless `check` command. The engine is an external store.
 */
import type {IntegrationReport, InstanceReport} from '../core/report.js';

export interface CheckProgress {
	readonly runId: number;
	readonly total: number;
	readonly done: number;
	readonly failures: number; // done with severity warning/critical/unknown
	/** The failures by severity, so a header can say "3 critical, 1 warning" instead of "4 failing". */
	readonly failing: Readonly<Record<'critical' | 'warning' | 'unknown', number>>;
	readonly deep: boolean;
	readonly cancelled: boolean;
}

export interface EngineSnapshot {
	/** Bumped whenever the inventory changes; results of an older generation are dropped. */
	readonly generation: number;
	readonly results: ReadonlyMap<string, IntegrationReport>; // by integration id
	readonly instances: ReadonlyMap<string, InstanceReport>; // by instance name
	readonly inFlight: ReadonlySet<string>; // integration ids being checked now
	readonly progress: CheckProgress | null; // the current (or last) run
}

export interface CheckRequest {
	readonly ids: readonly string[];
	/** Deep adds the signed initiate and proxy-URL probe (creates a request token server-side). */
	readonly deep?: boolean;
}

export interface ChecksEngine {
	subscribe(listener: () => void): () => void;
	getSnapshot(): EngineSnapshot;
	/** Start checking; ids already in flight are not started twice. Resolves when this run ends. */
	check(request: CheckRequest): Promise<void>;
	/** Cancel every outstanding request of running checks. */
	cancel(): void;
	dispose(): void;
}
