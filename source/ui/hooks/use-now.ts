/** A clock that re-renders every `intervalMs`, so "12 s ago" stays true without a re-check. */
import {useEffect, useState} from 'react';

export function useNow(clock: () => number, intervalMs = 5000): number {
	const [now, setNow] = useState(clock);
	useEffect(() => {
		const timer = setInterval(() => {
			setNow(clock());
		}, intervalMs);
		return () => {
			clearInterval(timer);
		};
	}, [clock, intervalMs]);
	return now;
}
