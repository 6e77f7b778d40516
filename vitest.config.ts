import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// The fault matrix (test/security) counts its cells across files and prints the total at the end.
		globalSetup: ['test/security/helpers/matrix-totals.ts'],
		// Two cores: keep file-level parallelism modest so loopback timing stays honest.
		maxWorkers: 2,
		// CI=true makes Ink draw nothing until exit; tests that render in-process or in tmux need it off.
		// A UTF-8 locale whatever the machine's (without one the dashboard draws ASCII, tested on its own).
		env: {NO_COLOR: '1', CI: 'false', LANG: 'C.UTF-8', LC_ALL: '', LC_CTYPE: ''},
	},
});
