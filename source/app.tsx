/**
 * The dashboard's root: providers and layout only. Everything it needs is injected, so tests render
 * it with a temp config and a real or fake engine, and the dashboard command with the real ones.
 */
import React, {useMemo} from 'react';
import {ThemeProvider, themeFor} from './ui/theme.js';
import {Dashboard} from './ui/dashboard.js';
import type {DashboardDeps} from './ui/deps.js';

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
