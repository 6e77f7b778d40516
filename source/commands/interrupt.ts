/**
 * Ctrl+C (SIGINT) and SIGTERM (systemd, cron's timeout, `kill`) take ONE path in a long-running
 * headless command: the first one calls `stop` so the command can end cleanly and say what did
 * not finish; the handlers are then removed, so a second signal ends the process at once (the
 * default action), as a user pressing Ctrl+C twice expects.
 */
import process from 'node:process';

export const interruptSignals = ['SIGINT', 'SIGTERM'] as const;

/** Listen for the first SIGINT or SIGTERM; returns the function that stops listening. */
export function onInterrupt(stop: (signal: NodeJS.Signals) => void): () => void {
	const handler = (signal: NodeJS.Signals): void => {
		remove();
		stop(signal);
	};

	const remove = (): void => {
		for (const signal of interruptSignals) process.off(signal, handler);
	};

	for (const signal of interruptSignals) process.on(signal, handler);
	return remove;
}
