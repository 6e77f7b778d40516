/**
 * The dashboard's root: providers and layout only, and how it is mounted on a terminal. Everything
 * it needs is injected, so tests render it with a temp config and a real or fake engine, and the
 * dashboard command with the real ones. Loaded lazily by that command, only once it knows there is
 * a terminal, so headless runs never load Ink.
 */
import React, {useMemo} from 'react';
import {render} from 'ink';
import {ThemeProvider, themeFor} from './ui/theme.js';
import {Dashboard} from './ui/dashboard.js';
import type {DashboardDeps} from './ui/deps.js';
import {openTerminalSession, type DashboardEnd} from './ui/terminal-session.js';

export type AppProps = DashboardDeps;

export function App(props: AppProps) {
	const theme = useMemo(() => themeFor(props.env ?? process.env, {ascii: props.ascii}), [props.env, props.ascii]);
	return (
		<ThemeProvider theme={theme}>
			<Dashboard {...props} />
		</ThemeProvider>
	);
}

export default App;

export interface TerminalStreams {
	readonly stdout: NodeJS.WritableStream;
	readonly stdin: NodeJS.ReadableStream;
	readonly stderr: NodeJS.WritableStream;
}

/**
 * Render the dashboard on real streams, on the alternate screen (ui/terminal-session.ts); resolves
 * with how it ended once the terminal is given back.
 */
export async function runDashboard(props: AppProps, streams: TerminalStreams): Promise<DashboardEnd> {
	let unmount = (): void => undefined;
	const session = openTerminalSession(streams.stdout, () => unmount());
	try {
		const instance = render(<App {...props} />, {
			stdout: streams.stdout as NodeJS.WriteStream,
			stdin: streams.stdin as NodeJS.ReadStream,
			stderr: streams.stderr as NodeJS.WriteStream,
			// ctrl+c is a keymap command (quit, exit status 130), like q.
			exitOnCtrlC: false,
			// Nothing here logs to the console; leaving it unpatched keeps the streams the caller gave.
			patchConsole: false,
		});
		unmount = () => instance.unmount();
		const result = await instance.waitUntilExit();
		return session.end(result === 'interrupted' ? 'interrupted' : 'quit');
	} finally {
		session.close();
	}
}
