/**
 * A ChecksEngine as a plain external store: tests push snapshots into it and read the requests the
 * dashboard made. It is UI test data (the engine's own behaviour is tested in test/checks).
 */
import type {CheckRequest, ChecksEngine, EngineSnapshot} from '../../../source/checks/types.js';

export interface FakeEngine extends ChecksEngine {
	readonly requests: CheckRequest[];
	readonly cancels: number;
	/** Subscribers now: 0 once the dashboard has unmounted (quit). */
	listenerCount(): number;
	push(patch: Partial<EngineSnapshot>): void;
}

export function createFakeEngine(initial: Partial<EngineSnapshot> = {}): FakeEngine {
	let snapshot: EngineSnapshot = {
		generation: 0,
		results: new Map(),
		instances: new Map(),
		inFlight: new Set(),
		progress: null,
		...initial,
	};
	const listeners = new Set<() => void>();
	const requests: CheckRequest[] = [];
	let cancels = 0;
	return {
		requests,
		get cancels() {
			return cancels;
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		getSnapshot: () => snapshot,
		listenerCount: () => listeners.size,
		async check(request) {
			requests.push(request);
		},
		cancel() {
			cancels++;
		},
		dispose() {
			listeners.clear();
		},
		push(patch) {
			snapshot = {...snapshot, ...patch};
			for (const listener of listeners) listener();
		},
	};
}
