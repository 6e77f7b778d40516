/**
 * The terminal is given back on every way out of the dashboard: here a crash inside React (the
 * store fails while the first frame renders), with the streams a terminal would give.
 */
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runDashboard} from '../source/app.js';
import {terminalModes} from '../source/ui/terminal-session.js';
import {createFakeEngine} from './ui/helpers/fake-engine.js';

function terminal() {
	const stdout = Object.assign(new PassThrough(), {isTTY: true, columns: 80, rows: 24});
	const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
	let out = '';
	stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
	});
	return {streams: {stdout, stdin, stderr: new PassThrough()}, out: () => out};
}

describe('runDashboard', () => {
	it('a crash while rendering leaves the alternate screen and turns bracketed paste off before it is reported', async () => {
		const {streams, out} = terminal();
		const store = {
			load(): never {
				throw new Error('the disk went away');
			},
			update(): never {
				throw new Error('unreachable');
			},
		};
		await expect(runDashboard({store, engine: createFakeEngine(), env: {NO_COLOR: '1'}}, streams)).rejects.toThrow('the disk went away');
		expect(out().startsWith(terminalModes.enter)).toBe(true);
		expect(out().endsWith(terminalModes.leave)).toBe(true);
		// The restore runs once, and leaves no listener behind.
		expect(out().split(terminalModes.leave)).toHaveLength(2);
		expect(process.listeners('SIGTERM').some(listener => listener.name === 'onSignal')).toBe(false);
	});
});
