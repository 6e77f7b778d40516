/**
 * Re-check every integration every `seconds` while on; the timer is cleared when off or unmounted.
 * A tick while a run is still going is skipped (source/checks/refresh-rule.ts) and reported through
 * `onSkip`, so a run longer than the interval never has a second one piled on top of it.
 */
import {useEffect, useRef} from 'react';
import type {ChecksEngine} from '../../checks/types.js';
import {refreshBlocked} from '../../checks/refresh-rule.js';

export function useAutoRefresh(
	engine: ChecksEngine,
	ids: readonly string[],
	on: boolean,
	seconds: number,
	onSkip?: (reason: string) => void,
): void {
	const idsRef = useRef(ids);
	idsRef.current = ids;
	const onSkipRef = useRef(onSkip);
	onSkipRef.current = onSkip;
	useEffect(() => {
		if (!on || seconds <= 0) return undefined;
		const timer = setInterval(() => {
			if (idsRef.current.length === 0) return;
			const blocked = refreshBlocked(engine.getSnapshot());
			if (blocked) {
				onSkipRef.current?.(blocked);
				return;
			}

			engine.check({ids: idsRef.current}).catch(() => undefined);
		}, seconds * 1000);
		return () => {
			clearInterval(timer);
		};
	}, [engine, on, seconds]);
}
