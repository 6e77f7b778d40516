/**
 * Renders the dashboard on real streams and resolves when the user quits. Loaded lazily by the
 * dashboard command, only once it knows there is a terminal, so headless runs never load Ink.
 */
import React from 'react';
import {render} from 'ink';
import {App, type AppProps} from '../app.js';

export interface TerminalStreams {
	readonly stdout: NodeJS.WritableStream;
	readonly stdin: NodeJS.ReadableStream;
	readonly stderr: NodeJS.WritableStream;
}

export async function runDashboard(props: AppProps, streams: TerminalStreams): Promise<void> {
	const instance = render(<App {...props} />, {
		stdout: streams.stdout as NodeJS.WriteStream,
		stdin: streams.stdin as NodeJS.ReadStream,
		stderr: streams.stderr as NodeJS.WriteStream,
		// ctrl+c is a keymap command (quit), like q.
		exitOnCtrlC: false,
		// Nothing here logs to the console; leaving it unpatched keeps the streams the caller gave.
		patchConsole: false,
	});
	await instance.waitUntilExit();
}
