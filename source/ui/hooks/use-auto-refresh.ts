/** Re-check every integration every `seconds` while on; the timer is cleared when off or unmounted. */
import {useEffect, useRef} from 'react';
import type {ChecksEngine} from '../../checks/types.js';

export function useAutoRefresh(engine: ChecksEngine, ids: readonly string[], on: boolean, seconds: number): void {
	const idsRef = useRef(ids);
	idsRef.current = ids;
	useEffect(() => {
		if (!on || seconds <= 0) return undefined;
		const timer = setInterval(() => {
			if (idsRef.current.length > 0) engine.check({ids: idsRef.current}).catch(() => undefined);
		}, seconds * 1000);
		return () => {
			clearInterval(timer);
		};
	}, [engine, on, seconds]);
}
