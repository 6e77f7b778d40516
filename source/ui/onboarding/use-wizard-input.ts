/**
 * The wizard's keyboard listener, attached in the SAME commit that draws the wizard.
 *
 * Ink's useInput attaches in a passive effect, which React may run after the frame is on screen:
 * inside the dashboard, a key pressed right after the wizard appears (or a paste) reached no
 * listener and was lost. This hook listens to Ink's input events from a layout effect instead, so
 * once the wizard is visible every key reaches it. Ink splits stdin into one event per key or
 * escape sequence (a paste arrives as one run of text); `parseWizardKey` names each event in the
 * vocabulary of source/ui/key-name.ts.
 */
import {useLayoutEffect, useRef} from 'react';
import {useStdin} from 'ink';

export interface WizardKey {
	/** 'up', 'shift+down', 'enter', 'escape', 'backspace', 'space', 'ctrl+c', 'k', or the pasted text. */
	readonly name: string;
	/** The text the event carries ('' for named keys). */
	readonly input: string;
	readonly ctrl: boolean;
	readonly meta: boolean;
}

const sequences: Readonly<Record<string, string>> = {
	'\u001B[A': 'up', '\u001B[B': 'down', '\u001B[C': 'right', '\u001B[D': 'left',
	'\u001BOA': 'up', '\u001BOB': 'down', '\u001BOC': 'right', '\u001BOD': 'left',
	'\u001B[1;2A': 'shift+up', '\u001B[1;2B': 'shift+down', '\u001B[1;2C': 'shift+right', '\u001B[1;2D': 'shift+left',
	'\u001B[5~': 'pageup', '\u001B[6~': 'pagedown',
	'\u001B[H': 'home', '\u001BOH': 'home', '\u001B[1~': 'home', '\u001B[7~': 'home',
	'\u001B[F': 'end', '\u001BOF': 'end', '\u001B[4~': 'end', '\u001B[8~': 'end',
	'\u001B[3~': 'delete', '\u001B[Z': 'shift+tab',
};

const named = (name: string, extra: Partial<WizardKey> = {}): WizardKey => ({name, input: '', ctrl: false, meta: false, ...extra});

/** One Ink input event -> one key. Unknown escape sequences come back as meta keys (ignored). */
export function parseWizardKey(data: string): WizardKey {
	const sequence = sequences[data];
	if (sequence) return named(sequence);
	if (data === '\r' || data === '\n' || data === '\r\n') return named('enter');
	if (data === '\u001B' || data === '\u001B\u001B') return named('escape');
	if (data === '\u007F' || data === '\b') return named('backspace');
	if (data === '\t') return named('tab');
	if (data === ' ') return {name: 'space', input: ' ', ctrl: false, meta: false};
	if (data.startsWith('\u001B')) {
		// Bracketed paste markers around a pasted run: keep the text.
		// eslint-disable-next-line no-control-regex
		const pasted = data.replace(/\u001B\[20[01]~/g, '');
		if (pasted !== data && pasted !== '') return {name: pasted, input: pasted, ctrl: false, meta: false};
		return named(`meta+${data.slice(1)}`, {meta: true});
	}

	if (data.length === 1 && data.charCodeAt(0) < 0x20) {
		const letter = String.fromCharCode(data.charCodeAt(0) + 96);
		return named(`ctrl+${letter}`, {input: letter, ctrl: true});
	}

	return {name: data, input: data, ctrl: false, meta: false};
}

/** Call `handler` for every key while `isActive` (raw mode on meanwhile), from the first visible frame. */
export function useWizardInput(handler: (key: WizardKey) => void, isActive: boolean): void {
	const {setRawMode, internal_eventEmitter: emitter} = useStdin();
	const latest = useRef(handler);
	latest.current = handler;
	useLayoutEffect(() => {
		if (!isActive) return undefined;
		setRawMode(true);
		const onInput = (data: string) => {
			latest.current(parseWizardKey(data));
		};

		emitter.on('input', onInput);
		return () => {
			emitter.off('input', onInput);
			setRawMode(false);
		};
	}, [isActive, emitter, setRawMode]);
}
