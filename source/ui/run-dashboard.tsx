/**
 * Renders the dashboard on real streams and resolves when the user quits. Loaded lazily by the
 * dashboard command, only once it knows there is a terminal, so headless runs never load Ink.
 *
 * Terminal manners: the dashboard draws on the alternate screen (like less, htop, k9s), so quitting
 * gives the shell its screen back instead of leaving a frozen frame behind, and it turns on
 * bracketed paste, so a paste arrives as one paste (key-tokenizer.ts) and never as commands. Both
 * are undone on every way out: q, Ctrl+C, a signal (TERM, HUP, INT, QUIT), a crash inside React,
 * an uncaught exception (before Node prints it, so the message lands on the shell's screen).
 */
import React from 'react';
import {render} from 'ink';
import {App, type AppProps} from '../app.js';
import type {QuitReason} from './hooks/use-commands.js';

export interface TerminalStreams {
	readonly stdout: NodeJS.WritableStream;
	readonly stdin: NodeJS.ReadableStream;
	readonly stderr: NodeJS.WritableStream;
}

/** What the terminal is switched to while the dashboard runs, and back. */
export const terminalModes = {
	/** Alternate screen on (the cursor keeps its row there: move it home), bracketed paste on. */
	enter: '\u001B[?1049h\u001B[H\u001B[?2004h',
	/** Bracketed paste off, cursor shown, alternate screen off (the shell's screen returns). */
	leave: '\u001B[?2004l\u001B[?25h\u001B[?1049l',
} as const;

/** How the dashboard ended: the user quit (q), interrupted it (Ctrl+C), or a signal stopped it. */
export type DashboardEnd =
	| {readonly kind: QuitReason}
	| {readonly kind: 'signal'; readonly signal: NodeJS.Signals};

const stopSignals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'];

export async function runDashboard(props: AppProps, streams: TerminalStreams): Promise<DashboardEnd> {
	const stdout = streams.stdout as NodeJS.WriteStream;
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

	stdout.write(terminalModes.enter);
	const instance = render(<App {...props} />, {
		stdout,
		stdin: streams.stdin as NodeJS.ReadStream,
		stderr: streams.stderr as NodeJS.WriteStream,
		// ctrl+c is a keymap command (quit, exit status 130), like q.
		exitOnCtrlC: false,
		// Nothing here logs to the console; leaving it unpatched keeps the streams the caller gave.
		patchConsole: false,
	});

	let signalled: NodeJS.Signals | undefined;
	// The dashboard unmounts and the terminal is restored at once, synchronously: conf's exit hook
	// (when-exit) sends the signal again right after its own cleanup, which may end the process
	// before anything asynchronous runs. If it does not, the command returns 128 + the signal number.
	const onSignal = (signal: NodeJS.Signals): void => {
		signalled ??= signal;
		instance.unmount();
		restore();
	};

	for (const signal of stopSignals) process.on(signal, onSignal);
	// Before Node prints an uncaught exception and exits, and on any exit at all: the screen comes back first.
	process.on('uncaughtExceptionMonitor', restore);
	process.on('exit', restore);
	try {
		const result = await instance.waitUntilExit();
		if (signalled) return {kind: 'signal', signal: signalled};
		return {kind: result === 'interrupted' ? 'interrupted' : 'quit'};
	} finally {
		restore();
		for (const signal of stopSignals) process.off(signal, onSignal);
		process.off('uncaughtExceptionMonitor', restore);
		process.off('exit', restore);
	}
}
