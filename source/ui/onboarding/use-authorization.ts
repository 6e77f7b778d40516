/**
 * Step 9 as a hook: starts the injected `authorize` service, turns its events into display state,
 * forwards pasted text, and cancels on Esc or unmount (the callback port is always released).
 * The state never holds the token secret: the result goes straight to `onResult`.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import {AuthorizationError} from '../../core/onboarding/authorization-error.js';
import {createPasteChannel, type PasteChannel} from '../../core/onboarding/paste-channel.js';
import type {AuthorizationEvent, AuthorizationResult} from '../../onboarding/authorize-flow.js';
import type {AuthorizationFinding} from '../../core/onboarding/identity-findings.js';
import type {Identity} from '../../core/report.js';
import type {WizardServices} from './wizard-services.js';

export type AuthorizationView =
	| {readonly phase: 'idle'}
	| {readonly phase: 'starting'}
	| {
			readonly phase: 'waiting';
			readonly url?: string;
			readonly deadline?: number;
			readonly callbackUrl?: string;
			readonly pasteMessage?: string;
			readonly warning?: string;
	  }
	| {readonly phase: 'exchanging'; readonly source: 'callback' | 'paste'}
	| {
			readonly phase: 'done';
			readonly identity?: Identity;
			readonly identityMatches?: boolean;
			readonly findings: readonly AuthorizationFinding[];
	  }
	| {readonly phase: 'failed'; readonly code: string; readonly message: string};

function reduce(view: AuthorizationView, event: AuthorizationEvent): AuthorizationView {
	const waiting = view.phase === 'waiting' ? view : {phase: 'waiting' as const};
	switch (event.type) {
		case 'listening': {
			return {...waiting, callbackUrl: event.url};
		}

		case 'authorize': {
			return {...waiting, url: event.url, deadline: event.deadline};
		}

		case 'warning': {
			return {...waiting, warning: event.message};
		}

		case 'paste-rejected': {
			return {...waiting, pasteMessage: event.message};
		}

		case 'verifier': {
			return {phase: 'exchanging', source: event.source};
		}

		default: {
			return view.phase === 'idle' || view.phase === 'starting' ? waiting : view;
		}
	}
}

export function useAuthorization(
	services: WizardServices,
	onResult: (result: AuthorizationResult) => void,
	onFailure: (code: string, message: string) => void,
): {view: AuthorizationView; start(): void; cancel(): void; paste(text: string): void} {
	const [view, setView] = useState<AuthorizationView>({phase: 'idle'});
	const controller = useRef<AbortController | undefined>(undefined);
	const channel = useRef<PasteChannel | undefined>(undefined);
	const callbacks = useRef({onResult, onFailure});
	callbacks.current = {onResult, onFailure};

	useEffect(
		() => () => {
			controller.current?.abort();
			channel.current?.end();
		},
		[],
	);

	const start = useCallback(() => {
		const authorize = services.authorize;
		if (!authorize || controller.current) return;
		const abort = new AbortController();
		const paste = createPasteChannel();
		controller.current = abort;
		channel.current = paste;
		setView({phase: 'starting'});
		authorize({
			port: services.port ?? 8765,
			pasted: paste,
			signal: abort.signal,
			onEvent: event => {
				if (!abort.signal.aborted || event.type === 'verifier') setView(current => reduce(current, event));
			},
		})
			.then(
				result => {
					setView({
						phase: 'done',
						findings: result.findings,
						...(result.identity ? {identity: result.identity} : {}),
						...(result.identityMatches === undefined ? {} : {identityMatches: result.identityMatches}),
					});
					callbacks.current.onResult(result);
				},
				(error: unknown) => {
					const code = error instanceof AuthorizationError ? error.code : 'unexpected';
					const message = error instanceof Error ? error.message : String(error);
					setView({phase: 'failed', code, message});
					callbacks.current.onFailure(code, message);
				},
			)
			.finally(() => {
				paste.end();
				if (controller.current === abort) {
					controller.current = undefined;
					channel.current = undefined;
				}
			});
	}, [services]);

	const cancel = useCallback(() => {
		controller.current?.abort();
	}, []);

	const paste = useCallback((text: string) => {
		channel.current?.submit(text);
	}, []);

	return {view, start, cancel, paste};
}
