/**
 * The terminal while the dashboard runs: the alternate screen (like less, htop, k9s), so quitting
 * gives the shell its screen back instead of leaving a frozen frame behind, and bracketed paste, so
 * a paste arrives as one paste (key-tokenizer.ts) and never as commands. Both are undone on every
 * way out: q, Ctrl+C, a signal (TERM, HUP, INT, QUIT), a crash inside React, and an uncaught
 * exception (before Node prints it, so the message lands on the shell's screen).
 */

/** What the terminal is switched to while the dashboard runs, and back. */
export const terminalModes = {
	/** Alternate screen on (the cursor keeps its row there: move it home), bracketed paste on. */
	enter: '\u001B[?1049h\u001B[H\u001B[?2004h',
	/** Bracketed paste off, cursor shown, alternate screen off (the shell's screen returns). */
	leave: '\u001B[?2004l\u001B[?25h\u001B[?1049l',
} as const;

/** Why the dashboard ended: `q`, Ctrl+C (the command then exits 130), or a signal. */
export type DashboardEnd =
	| {readonly kind: 'quit' | 'interrupted'}
	/** `reraise` ends the process as killed by that signal (the shell reports 128 + its number). */
	| {readonly kind: 'signal'; readonly signal: NodeJS.Signals; readonly reraise: () => void};

export interface TerminalSession {
	/** How the session ended, given what the app said when it exited. */
	end(reason: 'quit' | 'interrupted'): DashboardEnd;
	/** Give the terminal back (once) and remove the hooks. */
	close(): void;
}

const stopSignals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'];

/**
 * Switch `stdout` to the dashboard's modes. On a signal `stop` runs (it unmounts the app) and the
 * terminal is restored at once, synchronously: conf's exit hook (when-exit) sends the signal again
 * right after its own cleanup, which may end the process before anything asynchronous runs.
 */
export function openTerminalSession(stdout: NodeJS.WritableStream, stop: () => void): TerminalSession {
	let restored = false;
	const restore = (): void => {
		if (restored) return;
		restored = true;
		try {
			stdout.write(terminalModes.leave);
		} catch {
			// The terminal is gone (SIGHUP after the SSH connection dropped): nothing to restore.
		}
	};

	let signalled: NodeJS.Signals | undefined;
	const onSignal = (signal: NodeJS.Signals): void => {
		// After the first signal, later ones (conf's repeat of it) are swallowed until `reraise`:
		// the dashboard command saves its results first.
		if (signalled) return;
		signalled = signal;
		stop();
		restore();
	};

	const removeSignalHooks = (): void => {
		for (const signal of stopSignals) process.off(signal, onSignal);
	};

	stdout.write(terminalModes.enter);
	for (const signal of stopSignals) process.on(signal, onSignal);
	process.on('uncaughtExceptionMonitor', restore);
	process.on('exit', restore);
	return {
		end(reason) {
			if (!signalled) return {kind: reason};
			const signal = signalled;
			return {
				kind: 'signal',
				signal,
				reraise() {
					removeSignalHooks();
					// Another listener (Ink's signal-exit) may still catch the signal and send it again
					// from the event loop: keep the loop alive until it does, or the process would exit
					// first with the command's own status (130) instead of being killed (143 for TERM).
					setTimeout(() => undefined, 2000);
					process.kill(process.pid, signal);
				},
			};
		},
		close() {
			restore();
			process.off('uncaughtExceptionMonitor', restore);
			process.off('exit', restore);
			if (!signalled) removeSignalHooks();
		},
	};
}
