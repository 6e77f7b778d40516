// Key-press-to-frame latency, in process: the real App rendered by Ink's render() to a fake
// 160x48 TTY, fed keys through a fake raw-mode stdin, timed from the key to the first frame
// whose selected row (the line with the › pointer) changed.
import {EventEmitter} from 'node:events';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {Writable} from 'node:stream';
import {clearTimeout, setTimeout} from 'node:timers';
import {setTimeout as delay} from 'node:timers/promises';
import {stripAnsi} from './pty.js';

class FakeStdout extends Writable {
	constructor(columns, rows) {
		super({decodeStrings: false});
		this.columns = columns;
		this.rows = rows;
		this.isTTY = true;
		this.onFrame = undefined;
	}

	_write(chunk, _encoding, callback) {
		this.onFrame?.(String(chunk));
		callback();
	}
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	#pending = [];
	setRawMode() {}
	setEncoding() {}
	ref() {}
	unref() {}
	resume() {}
	pause() {}
	read() {
		return this.#pending.shift() ?? null;
	}

	press(keys) {
		this.#pending.push(keys);
		this.emit('readable');
	}
}

function pointerLine(frame) {
	// The pointer, then the mark and TLS columns (the status line's › is followed by text).
	return stripAnsi(frame).split('\n').find(line => /^›[ *][ ⚠] /.test(line));
}

/**
 * Press `key` `presses` times, each after the previous frame and a pause of `gapMs` (longer than
 * Ink's 33 ms render throttle, so each press is timed on its own). Returns latencies in ms.
 */
export async function measureKeypress({inventory, presses = 200, key = 'j', gapMs = 50}) {
	// Ink decides at import whether it runs in CI (then it draws only the last frame): it must not.
	process.env.CI = 'false';
	const [{default: React}, {render}, {App}, {createChecksEngine}, {resolveSecret}] = await Promise.all([
		import('react'), import('ink'), import('../../dist/app.js'), import('../../dist/checks/engine.js'), import('../../dist/store/secrets.js'),
	]);
	const stdout = new FakeStdout(160, 48);
	const stderr = new FakeStdout(160, 48);
	const stdin = new FakeStdin();
	let current = inventory;
	const engine = createChecksEngine({inventory: () => current, resolveSecret});
	const store = {
		load: () => current,
		update(mutate) {
			current = mutate(current);
			return current;
		},
	};
	let last = '';
	let waiter;
	stdout.onFrame = frame => {
		const line = pointerLine(frame);
		if (line === undefined) return;
		const changed = line !== last;
		last = line;
		if (changed && waiter) {
			const resolve = waiter;
			waiter = undefined;
			resolve(performance.now());
		}
	};

	const nextPointer = async () => new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new Error('no frame with a moved cursor within 5 s'));
		}, 5000);
		waiter = at => {
			clearTimeout(timer);
			resolve(at);
		};
	});

	const firstFrame = last === '' ? nextPointer() : Promise.resolve(performance.now());
	const instance = render(React.createElement(App, {store, engine, env: {...process.env, CI: 'false'}}), {
		stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: false,
	});
	const latencies = [];
	try {
		await firstFrame;
		for (let index = 0; index < presses; index++) {
			await delay(gapMs);
			const moved = nextPointer();
			const start = performance.now();
			stdin.press(key);
			latencies.push((await moved) - start);
		}
	} finally {
		instance.unmount();
		instance.cleanup();
		engine.dispose();
	}

	return latencies;
}
