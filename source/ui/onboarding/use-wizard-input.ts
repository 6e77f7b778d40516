/**
 * The wizard's keyboard listener: the UI's one listener (hooks/use-keypress.ts), attached in the
 * SAME commit that draws the wizard, with every input chunk already split into keys by the one
 * tokenizer (a held key or a burst is one key per event here, a bracketed paste one event).
 */
import {useKeypress} from '../hooks/use-keypress.js';
import type {KeyPress} from '../key-tokenizer.js';

export interface WizardKey {
	/** 'up', 'shift+down', 'enter', 'escape', 'backspace', 'space', 'ctrl+c', 'k', or 'paste' (a bracketed paste). */
	readonly name: string;
	/** The text the key carries ('' for named keys). */
	readonly input: string;
	readonly ctrl: boolean;
	readonly meta: boolean;
}

/** A key from the tokenizer in the wizard's terms (a paste is text for a field, never a command key). */
export function toWizardKey(key: KeyPress): WizardKey {
	return {name: key.name, input: key.text, ctrl: key.ctrl, meta: key.meta};
}

/** Call `handler` for every key while `isActive` (raw mode on meanwhile), from the first visible frame. */
export function useWizardInput(handler: (key: WizardKey) => void, isActive: boolean): void {
	useKeypress(keys => {
		for (const key of keys) handler(toWizardKey(key));
	}, isActive);
}
