/**
 * Signals in the headless commands.
 *
 * Ctrl+C (SIGINT) and SIGTERM (systemd, cron's timeout, `kill`) take ONE path in a long-running
 * command: the first one calls `stop` so the command can end cleanly and say what did not finish;
 * once that has happened the handlers go, so a second signal ends the process at once (the default
 * action), as a user pressing Ctrl+C twice expects.
 *
 * A dependency makes this delicate: conf -> atomically -> when-exit listens to SIGINT, SIGTERM,
 * SIGXFSZ and others and, on the first one, sends the same signal to the process again. If that
 * re-sent signal found no listener it would kill the process in the middle of the clean path, so
 * our listener stays until the current turn of the event loop is over (the re-sent signal is caught
 * and ignored), whichever of the two listeners Node calls first.
 */
import process from 'node:process';

const interruptSignals = ['SIGINT', 'SIGTERM'] as const;

/** Listen for the first SIGINT or SIGTERM; returns the function that stops listening. */
export function onInterrupt(stop: (signal: NodeJS.Signals) => void): () => void {
	let stopped = false;
	const handler = (signal: NodeJS.Signals): void => {
		if (stopped) return;
		stopped = true;
		stop(signal);
		setImmediate(remove);
	};

	const remove = (): void => {
		for (const signal of interruptSignals) process.off(signal, handler);
	};

	for (const signal of interruptSignals) process.on(signal, handler);
	return remove;
}

/**
 * Node ignores SIGXFSZ, so a write past the file-size limit (`ulimit -f`) fails with EFBIG, which the
 * commands report like a full disk. when-exit (see above) listens to SIGXFSZ and re-sends it, which
 * turns that error into a killed process; a permanent listener of ours keeps Node's behaviour.
 */
export function keepFileSizeErrors(): void {
	process.on('SIGXFSZ', () => undefined);
}
