/**
 * Drive a real terminal: tmux runs the built CLI in a pseudo-terminal of a given size; tests type
 * with send-keys and read the rendered screen with capture-pane (what a person would see).
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {randomUUID} from 'node:crypto';

const exec = promisify(execFile);

export interface TmuxSession {
	readonly name: string;
	screen(): Promise<string>;
	/** Send tmux key names (e.g. 'Down', 'Enter', 'C-c') or literal text with `literal: true`, one call per key. */
	send(key: string, options?: {literal?: boolean}): Promise<void>;
	/** Paste `text` as a terminal does: bracketed (ESC [200~ ... ESC [201~) when the program asked for it. */
	paste(text: string): Promise<void>;
	/** The process id of the pane's command (its shell, when the test runs one). */
	panePid(): Promise<number>;
	/** Poll the screen until `predicate` holds; fails with the last screen after `timeoutMs`. */
	waitFor(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
	kill(): Promise<void>;
	/** Any other tmux command on this session's server (e.g. ['resize-window', '-x', '60']); its stdout. */
	tmux(...args: string[]): Promise<string>;
}

export async function startTmux(
	command: readonly string[],
	options: {columns: number; rows: number; env: Record<string, string>},
): Promise<TmuxSession> {
	const name = `oscar-rest-test-${randomUUID().slice(0, 8)}`;
	const socket = ['-L', name];
	const envArgs = Object.entries(options.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
	await exec('tmux', [
		...socket,
		'-f',
		'/dev/null',
		'new-session',
		'-d',
		'-s',
		name,
		'-x',
		String(options.columns),
		'-y',
		String(options.rows),
		...envArgs,
		...command,
	]);
	await exec('tmux', [...socket, 'set-option', '-t', name, 'remain-on-exit', 'on']);

	const session: TmuxSession = {
		name,
		async screen() {
			const {stdout} = await exec('tmux', [...socket, 'capture-pane', '-p', '-t', name]);
			return stdout;
		},
		async send(key, sendOptions) {
			await exec('tmux', [...socket, 'send-keys', '-t', name, ...(sendOptions?.literal ? ['-l'] : []), key]);
		},
		async paste(text) {
			await exec('tmux', [...socket, 'set-buffer', '-b', 'test-paste', text]);
			await exec('tmux', [...socket, 'paste-buffer', '-p', '-d', '-b', 'test-paste', '-t', name]);
		},
		async panePid() {
			const {stdout} = await exec('tmux', [...socket, 'display-message', '-p', '-t', name, '#{pane_pid}']);
			return Number(stdout.trim());
		},
		async waitFor(predicate, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			while (Date.now() < deadline) {
				last = await session.screen();
				if (predicate(last)) return last;
				await new Promise<void>(resolve => {
					setImmediate(resolve);
				});
			}

			throw new Error(`timed out waiting for the screen; last screen:\n${last}`);
		},
		async kill() {
			await exec('tmux', [...socket, 'kill-server']).catch(() => undefined);
		},
		async tmux(...args) {
			const {stdout} = await exec('tmux', [...socket, ...args]);
			return stdout;
		},
	};
	return session;
}
