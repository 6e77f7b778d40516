/**
 * The wizard's one-line paste fields (Client Key, Client Secret, redirected address) as data.
 * Keys reach them through the wizard's single input listener as pure edits, never through a
 * per-field listener that attaches only after the next render, so a paste arriving right after
 * the field opens is never lost. No Ink here.
 */
import {stripControl} from '../forms/form-model.js';

type FieldMode = 'nav' | 'key' | 'secret' | 'paste';

export interface FieldState {
	readonly mode: FieldMode;
	readonly value: string;
	/** Cursor position in code points. */
	readonly caret: number;
}

export const closedField: FieldState = {mode: 'nav', value: '', caret: 0};

export function openField(mode: Exclude<FieldMode, 'nav'>): FieldState {
	return {mode, value: '', caret: 0};
}

export type FieldEdit = {readonly type: 'insert'; readonly text: string} | {readonly type: 'backspace' | 'left' | 'right' | 'home' | 'end'};

/** Apply one edit at the caret (code points, so pasted text with emoji or accents is safe). */
export function editField(field: FieldState, edit: FieldEdit): FieldState {
	if (field.mode === 'nav') return field;
	const chars = [...field.value];
	const caret = Math.min(Math.max(field.caret, 0), chars.length);
	switch (edit.type) {
		case 'insert': {
			const text = [...stripControl(edit.text)];
			if (text.length === 0) return field;
			chars.splice(caret, 0, ...text);
			return {...field, value: chars.join(''), caret: caret + text.length};
		}

		case 'backspace': {
			if (caret === 0) return field;
			chars.splice(caret - 1, 1);
			return {...field, value: chars.join(''), caret: caret - 1};
		}

		case 'left': {
			return {...field, caret: Math.max(0, caret - 1)};
		}

		case 'right': {
			return {...field, caret: Math.min(chars.length, caret + 1)};
		}

		case 'home': {
			return {...field, caret: 0};
		}

		case 'end': {
			return {...field, caret: chars.length};
		}
	}
}

/** Key names (source/ui/key-name.ts) that edit a field; anything else printable is inserted. */
export function fieldEditFor(
	name: string,
	input: string,
	modifiers: {readonly ctrl: boolean; readonly meta: boolean},
): FieldEdit | undefined {
	switch (name) {
		case 'backspace':
		case 'delete': {
			return {type: 'backspace'};
		}

		case 'left':
		case 'right':
		case 'home':
		case 'end': {
			return {type: name};
		}

		default: {
			if (input.length === 0 || modifiers.ctrl || modifiers.meta) return undefined;
			return {type: 'insert', text: input};
		}
	}
}
