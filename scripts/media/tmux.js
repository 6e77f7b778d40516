// A real terminal for the README pictures: tmux runs a command in a pseudo-terminal of a fixed
// size; `screen()` reads what a person would see, with colours (`capture-pane -e`).
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import process from 'node:process';
import {setTimeout as delay} from 'node:timers/promises';
import {promisify} from 'node:util';

const exec = promisify(execFile);

/** Start `command` in a detached tmux server of its own, `columns` x `rows`, with exactly `env` added. */
export async function startTmux(command, {columns, rows, env}) {
	const name = `oscar-rest-media-${randomUUID().slice(0, 8)}`;
	const socket = ['-L', name];
	// The tmux server copies our environment into the pane: keep colour switches out of it.
	const tmuxEnv = {...process.env};
	for (const key of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'TMUX']) delete tmuxEnv[key];
	const run = args => exec('tmux', [...socket, ...args], {env: tmuxEnv});
	const envArgs = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
	await run(['-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), ...envArgs, ...command]);
	await run(['set-option', '-t', name, 'remain-on-exit', 'on']);

	const session = {
		/** The pane as plain text (for waiting) and with SGR escapes (for the picture). */
		async screen({colour = false} = {}) {
			const {stdout} = await run(['capture-pane', '-p', ...(colour ? ['-e'] : []), '-t', name]);
			return stdout;
		},
		/** One tmux key name ('Down', 'Enter', '?') or literal text with {literal: true}. */
		async send(key, {literal = false} = {}) {
			await run(['send-keys', '-t', name, ...(literal ? ['-l'] : []), key]);
		},
		/** Poll the plain screen until `predicate` holds; throws with the last screen after `timeoutMs`. */
		async waitFor(predicate, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			while (Date.now() < deadline) {
				last = await session.screen();
				if (predicate(last)) return last;
				await delay(50); // poll interval between reads, not a wait for the app
			}

			throw new Error(`timed out waiting for the screen; last screen:\n${last}`);
		},
		async kill() {
			await run(['kill-server']).catch(() => undefined);
		},
	};
	return session;
}
