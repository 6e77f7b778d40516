/** Render the whole dashboard with ink-testing-library at a chosen terminal size. */
import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {vi, expect} from 'vitest';
import {App, type AppProps} from '../../../source/app.js';
import type {Inventory} from '../../../source/core/model.js';
import type {InventoryStore} from '../../../source/ui/deps.js';
import {createFakeEngine, type FakeEngine} from './fake-engine.js';
import {stripAnsi} from './keys.js';
import {overlongLines} from '../../helpers/frame-checks.js';
import {clearScreen} from '../../../source/ui/layout/use-repaint.js';

export const fixedNow = Date.UTC(2026, 0, 10, 12, 0, 0);

/** An in-memory inventory store (for tests that do not look at the file). */
export function memoryStore(inventory: Inventory): InventoryStore & {readonly current: Inventory} {
	let current = inventory;
	return {
		load: () => current,
		update(mutate) {
			current = mutate(current);
			return current;
		},
		get current() {
			return current;
		},
	};
}

/** `count` integrations spread over instances of `perInstance`, named so order is predictable. */
export function fleet(count: number, perInstance = 50): Inventory {
	const instances = [];
	for (let start = 0; start < count; start += perInstance) {
		const index = start / perInstance;
		const name = `site${String(index).padStart(3, '0')}`;
		const integrations = [];
		for (let n = start; n < Math.min(count, start + perInstance); n++) {
			integrations.push({
				name: `app${String(n).padStart(4, '0')}`,
				consumerKey: `key${n}`,
				consumerSecret: 'inline-secret',
				accessToken: `tok${n}`,
				tags: n % 2 === 0 ? ['even'] : ['odd'],
			});
		}

		instances.push({name, baseUrl: `http://127.0.0.1:9/${name}`, integrations});
	}

	return {instances};
}

/**
 * ink-testing-library's stdout is always 100 columns and has no rows. Its class is not exported, so
 * the size is set on its prototype before each render: Ink and the dashboard read it from the first
 * frame on (no resize race). `resize()` changes it later and emits 'resize' like a terminal.
 */
const terminal = {columns: 100, rows: 30};
{
	const probe = render(<Text>size probe</Text>);
	const prototype = Object.getPrototypeOf(probe.stdout) as object;
	probe.unmount();
	Object.defineProperty(prototype, 'columns', {get: () => terminal.columns, configurable: true});
	Object.defineProperty(prototype, 'rows', {get: () => terminal.rows, configurable: true});
}

export interface Rendered {
	readonly engine: FakeEngine;
	frame(): string;
	/** The last frame as written, escape codes included. */
	rawFrame(): string;
	/** Everything written to the terminal so far (frames and escape sequences such as OSC 52). */
	written(): string;
	press(...sequence: string[]): Promise<void>;
	waitFor(text: string | RegExp): Promise<void>;
	waitForNot(text: string | RegExp): Promise<void>;
	readonly stdin: {write(data: string): void};
	/** Resize the terminal and emit 'resize', like a user dragging the window. */
	resize(columns: number, rows: number): void;
	unmount(): void;
}

export async function renderApp(
	options: Partial<AppProps> & {inventory?: Inventory; columns?: number; rows?: number} = {},
): Promise<Rendered> {
	const engine = (options.engine as FakeEngine | undefined) ?? createFakeEngine();
	const store = options.store ?? memoryStore(options.inventory ?? {instances: []});
	const {inventory: _inventory, columns = 100, rows = 30, env, ...rest} = options;
	terminal.columns = columns;
	terminal.rows = rows;
	// A UTF-8 locale, as on the machines people use (tests of ASCII mode pass their own LC_ALL).
	const result = render(
		<App env={{NO_COLOR: '1', LANG: 'C.UTF-8', ...env}} now={() => fixedNow} {...rest} store={store} engine={engine} />,
	);
	// Ink's debug mode (which ink-testing-library uses) writes a pass-through write such as the
	// repaint's clear screen as a frame of its own, without the frame after it: that is not a frame.
	const lastFrame = (): string => result.frames.findLast(written => written !== clearScreen) ?? '';
	const frame = (): string => stripAnsi(lastFrame());
	const waitFor = async (text: string | RegExp): Promise<void> => {
		await vi.waitFor(
			() => {
				if (typeof text === 'string') expect(frame()).toContain(text);
				else expect(frame()).toMatch(text);
			},
			{timeout: 5000, interval: 5},
		);
	};

	const waitForNot = async (text: string | RegExp): Promise<void> => {
		await vi.waitFor(
			() => {
				if (typeof text === 'string') expect(frame()).not.toContain(text);
				else expect(frame()).not.toMatch(text);
			},
			{timeout: 5000, interval: 5},
		);
	};

	await vi.waitFor(() => {
		expect(frame().length).toBeGreaterThan(0);
	});
	return {
		engine,
		frame,
		rawFrame: lastFrame,
		written: () => result.frames.join(''),
		waitFor,
		waitForNot,
		stdin: result.stdin,
		async press(...sequence) {
			for (const key of sequence) result.stdin.write(key);
		},
		resize(columns, rows) {
			terminal.columns = columns;
			terminal.rows = rows;
			result.stdout.emit('resize');
		},
		unmount: () => result.unmount(),
	};
}

/** The last frame fits the terminal: no line wider than it, no more lines than it has. */
export function expectFits(app: Rendered, size: {readonly columns: number; readonly rows: number}, where: string): void {
	const frame = app.frame();
	expect(overlongLines(frame, size.columns), `${where}: lines wider than ${size.columns}\n${frame}`).toEqual([]);
	expect(frame.split('\n').length, `${where}: taller than ${size.rows}\n${frame}`).toBeLessThanOrEqual(size.rows);
}

/** The line the cursor is on (starts with ›). */
export function cursorLine(frame: string): string {
	return frame.split('\n').find(line => line.startsWith('›')) ?? '';
}
