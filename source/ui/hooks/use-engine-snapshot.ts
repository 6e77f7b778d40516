/** The checks engine is an external store: React reads it with useSyncExternalStore. */
import {useCallback, useSyncExternalStore} from 'react';
import type {ChecksEngine, EngineSnapshot} from '../../checks/types.js';

export function useEngineSnapshot(engine: ChecksEngine): EngineSnapshot {
	// Bound here so an engine written as a class keeps its `this`.
	const subscribe = useCallback((listener: () => void) => engine.subscribe(listener), [engine]);
	const getSnapshot = useCallback(() => engine.getSnapshot(), [engine]);
	return useSyncExternalStore(subscribe, getSnapshot);
}
