/**
 * State whose latest value also lives in a ref, advanced synchronously by the setter: the keys of
 * one burst ("nnn", "k" + pasted text + Enter) each see what the previous key set, before React
 * has re-rendered with it.
 */
import {useCallback, useRef, useState} from 'react';

export function useLiveState<T>(initial: T): readonly [T, {readonly current: T}, (next: T) => void] {
	const [value, setValue] = useState<T>(initial);
	const ref = useRef<T>(initial);
	const set = useCallback((next: T) => {
		ref.current = next;
		setValue(next);
	}, []);
	return [value, ref, set] as const;
}
