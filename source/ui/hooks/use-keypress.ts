/**
 * The one keyboard listener every part of the UI uses (the dashboard's dispatcher and the wizard).
 *
 * How Ink 6.8 delivers input, and why this does not use `useInput`: App reads stdin on 'readable'
 * and cuts each chunk only at escape sequences (input-parser.js), then emits each piece on its
 * internal event emitter; `useInput` names a piece with `parseKeypress`, which understands one key
 * only, so "jjjj" or three Backspaces in one read arrive as a single unknown key. And `useInput`
 * attaches in a passive effect, which React may run after the frame is on screen, so a key typed
 * right after a pane appears could reach no listener. Here every emitted piece goes through the
 * pure tokenizer (key-tokenizer.ts) and the handler gets all of its keys at once, from a layout
 * effect (attached in the commit that draws the pane). The handler gets the keys of one read
 * together, so it can apply them in order and render once.
 */
import {useLayoutEffect, useRef} from 'react';
import {useStdin} from 'ink';
import {createKeyTokenizer, type KeyPress} from '../key-tokenizer.js';

/** Call `handler` with the keys of each input event while `isActive` (raw mode is on meanwhile). */
export function useKeypress(handler: (keys: readonly KeyPress[]) => void, isActive: boolean): void {
	const {setRawMode, internal_eventEmitter: emitter} = useStdin();
	const latest = useRef(handler);
	latest.current = handler;
	useLayoutEffect(() => {
		if (!isActive) return undefined;
		setRawMode(true);
		// One tokenizer per listener: its state (a paste still arriving) belongs to this stream of events.
		const tokenizer = createKeyTokenizer();
		const onInput = (data: string) => {
			const keys = tokenizer.push(data);
			if (keys.length > 0) latest.current(keys);
		};

		emitter.on('input', onInput);
		return () => {
			emitter.off('input', onInput);
			setRawMode(false);
		};
	}, [isActive, emitter, setRawMode]);
}
