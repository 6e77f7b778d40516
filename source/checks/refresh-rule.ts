/**
 * The one rule for scheduled checks (the dashboard's auto-refresh, the exporter's schedule): a
 * scheduled run never starts while a run is going. A run that outlasts the interval makes the next
 * tick skip (and say so), instead of piling a second run of the same integrations on top of it.
 */
import type {EngineSnapshot} from './types.js';

/** Why a scheduled run must not start now, or undefined when it may. */
export function refreshBlocked(snapshot: Pick<EngineSnapshot, 'inFlight' | 'progress'>): string | undefined {
	if (snapshot.inFlight.size === 0) return undefined;
	const progress = snapshot.progress;
	const where = progress && !progress.cancelled && progress.done < progress.total ? ` (${progress.done}/${progress.total})` : '';
	return `Auto-refresh skipped: the previous check is still running${where}`;
}

/**
 * When the next scheduled run starts, in ms from now: `intervalMs` after the previous run STARTED,
 * spread by +-`jitter` (a fraction of the interval) so exporters of a fleet do not hit the same
 * clinics in step; never before the previous run ended (a run that overran starts the next at once).
 */
export function nextRunDelay(intervalMs: number, startedAgoMs: number, random: () => number = Math.random, jitter = 0.1): number {
	const spread = intervalMs * jitter * (random() * 2 - 1);
	return Math.max(0, Math.round(intervalMs + spread - startedAgoMs));
}
