import {describe, expect, it} from 'vitest';
import {activeScopes, commandIds, keymap, matchKey, type KeymapState, type Scope} from '../../source/ui/keymap.js';
import {cursorIndex, initialState, reducer, type ListEntry} from '../../source/ui/state/dashboard-state.js';

const list: ListEntry[] = [
	{key: 'instance:a', ids: ['a/1', 'a/2']},
	{key: 'a/1', ids: ['a/1']},
	{key: 'a/2', ids: ['a/2']},
	{key: 'instance:b', ids: ['b/1']},
	{key: 'b/1', ids: ['b/1']},
];

const idle: KeymapState = {
	view: 'list',
	selected: undefined,
	cursorIndex: 0,
	itemCount: 5,
	markedCount: 0,
	instanceCount: 2,
	integrationCount: 3,
	running: false,
	rangeAnchor: false,
	fixStep: undefined,
	selectedHealthy: false,
	filterActive: false,
	groupCollapsed: undefined,
};

describe('keymap table', () => {
	it('never binds one key to two commands that are active at the same time', () => {
		for (const mode of ['list', 'detail', 'form', 'confirm', 'help', 'wizard', 'admin', 'login'] as const) {
			const seen = new Map<string, string>();
			for (const scope of activeScopes(mode)) {
				for (const id of commandIds) {
					const command = keymap[id] as {scope: Scope; alsoIn?: readonly Scope[]; keys: readonly string[]};
					if (command.scope !== scope && !(command.alsoIn ?? []).includes(scope)) continue;
					for (const key of command.keys) {
						const owner = seen.get(key);
						expect(owner === undefined || owner === id, `${mode}: "${key}" is bound to ${owner} and ${id}`).toBe(true);
						seen.set(key, id);
					}
				}
			}
		}
	});

	it('matches keys to commands, or explains', () => {
		expect(matchKey('j', 'list', {...idle, cursorIndex: 1})).toEqual({kind: 'run', id: 'down'});
		expect(matchKey('x', 'list', idle)).toEqual({kind: 'disabled', id: 'cancel', reason: 'no checks are running'});
		expect(matchKey('x', 'list', {...idle, running: true})).toEqual({kind: 'run', id: 'cancel'});
		expect(matchKey('v', 'list', idle).kind).toBe('elsewhere');
		expect(matchKey('q', 'form', idle)).toEqual({kind: 'none'});
		expect(matchKey('ctrl+c', 'form', idle)).toEqual({kind: 'run', id: 'quit'});
		expect(matchKey('n', 'confirm', idle)).toEqual({kind: 'run', id: 'confirmNo'});
		expect(matchKey('q', 'wizard', idle)).toEqual({kind: 'none'});
	});
});

describe('selection reducer', () => {
	it('applies a burst of moves from its own latest state', () => {
		let state = initialState();
		for (let n = 0; n < 3; n++) state = reducer(state, {type: 'move', delta: 1, list});
		expect(cursorIndex(state, list)).toBe(3);
		state = reducer(state, {type: 'move', delta: 10, list});
		expect(state.cursorKey).toBe('b/1');
		state = reducer(state, {type: 'jump', to: 'start', list});
		expect(state.cursorKey).toBe('instance:a');
	});

	it('keeps the cursor on the same row when the list re-sorts', () => {
		let state = reducer(initialState(), {type: 'move', delta: 2, list});
		expect(state.cursorKey).toBe('a/2');
		const resorted = [list[3]!, list[4]!, list[0]!, list[2]!, list[1]!];
		expect(cursorIndex(state, resorted)).toBe(3);
		state = reducer(state, {type: 'move', delta: 1, list: resorted});
		expect(state.cursorKey).toBe('a/1');
	});

	it('marks one, an instance, a V range, and all; unmarks all', () => {
		let state = reducer(initialState(), {type: 'toggle-mark', list});
		expect([...state.marks]).toEqual(['a/1', 'a/2']);
		state = reducer(state, {type: 'toggle-mark', list});
		expect(state.marks.size).toBe(0);
		state = reducer(state, {type: 'move', delta: 1, list});
		state = reducer(state, {type: 'range-mark', list});
		expect(state.anchor).toBe('a/1');
		state = reducer(state, {type: 'move', delta: 3, list});
		state = reducer(state, {type: 'range-mark', list});
		expect([...state.marks].sort()).toEqual(['a/1', 'a/2', 'b/1']);
		expect(state.anchor).toBeNull();
		state = reducer(state, {type: 'unmark-all'});
		expect(state.marks.size).toBe(0);
		state = reducer(state, {type: 'mark-all', list});
		expect(state.marks.size).toBe(3);
	});
});
