// Run a command in a pseudo-terminal of a fixed size with util-linux `script`, reading what the
// program draws as it arrives (no polling), typing into it, and finding the program's process id.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {clearTimeout, setTimeout} from 'node:timers';

const quote = value => `'${String(value).replaceAll("'", "'\\''")}'`;
// eslint-disable-next-line no-control-regex
const ansi = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

/** Text without escape sequences. */
export function stripAnsi(text) {
	return text.replace(ansi, '');
}

/**
 * Start `argv` in a pty of `columns` x `rows`. `startedAt` is taken right before the spawn; the
 * shell that sets the size execs the program, so the program is the direct child of `script`.
 */
export function startInPty(argv, {columns = 160, rows = 48, env = process.env, cwd} = {}) {
	const command = `stty cols ${columns} rows ${rows} 2>/dev/null; exec ${argv.map(quote).join(' ')}`;
	const startedAt = performance.now();
	const child = spawn('script', ['-qfec', command, '/dev/null'], {env, cwd, stdio: ['pipe', 'pipe', 'pipe']});
	let text = '';
	let waiters = [];
	let exited = false;
	const exit = new Promise(resolve => {
		child.on('exit', code => {
			exited = true;
			resolve(code);
			for (const waiter of waiters)
				waiter.reject(new Error(`the program exited before showing ${waiter.pattern}; it showed: ${stripAnsi(text).slice(-400)}`));
			waiters = [];
		});
	});
	child.stdout.on('data', chunk => {
		const at = performance.now();
		text += chunk.toString('utf8');
		const plain = stripAnsi(text);
		waiters = waiters.filter(waiter => {
			if (!waiter.pattern.test(plain)) return true;
			waiter.resolve(at);
			return false;
		});
	});
	child.stderr.resume();
	return {
		startedAt,
		/** Resolves with the time (performance.now) the chunk that completed `pattern` arrived. */
		waitFor(pattern, timeoutMs = 30_000) {
			if (pattern.test(stripAnsi(text))) return Promise.resolve(performance.now());
			if (exited) return Promise.reject(new Error(`the program exited before showing ${pattern}`));
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					reject(new Error(`${pattern} did not appear within ${timeoutMs} ms; the screen showed: ${stripAnsi(text).slice(-400)}`));
				}, timeoutMs);
				waiters.push({
					pattern,
					resolve: at => {
						clearTimeout(timer);
						resolve(at);
					},
					reject: error => {
						clearTimeout(timer);
						reject(error);
					},
				});
			});
		},
		/**
		 * Resolves with the arrival time of the first output after which the last line matching
		 * `marker` differs from `previous` (and with that line), e.g. the selected row after a key.
		 */
		waitForLineChange(marker, previous, timeoutMs = 10_000) {
			const lastLine = plain => plain.split(/\r?\n/).findLast(line => marker.test(line));
			const pattern = {
				test: plain => {
					const line = lastLine(plain);
					return line !== undefined && line !== previous;
				},
				toString: () => `a new line matching ${marker}`,
			};
			return this.waitFor(pattern, timeoutMs).then(at => ({at, line: lastLine(stripAnsi(text))}));
		},
		/** The last line matching `marker` drawn so far. */
		lastLineWith(marker) {
			return stripAnsi(text)
				.split(/\r?\n/)
				.findLast(line => marker.test(line));
		},
		/** Forget what was drawn so far (the next waitFor looks only at newer output). */
		clear() {
			text = '';
		},
		type(keys) {
			child.stdin.write(keys);
		},
		/** The program's pid: the only child of `script`. */
		programPid() {
			const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
			if (children.length !== 1) throw new Error(`expected one child of script, found ${children.length}`);
			return Number(children[0]);
		},
		exit,
		/** Wait up to `graceMs` for the program to end, then end `script` (which hangs up the pty). */
		async stop(graceMs = 3000) {
			const timer = setTimeout(() => {
				if (!exited) child.kill('SIGTERM');
			}, graceMs);
			await exit;
			clearTimeout(timer);
		},
	};
}
