/**
 * Pasted redirect addresses and verifiers as an async iterable: the wizard and `connect` submit
 * what the user pastes, the authorization flow reads it while it also waits for the callback.
 */

/** A hand-fed async iterable: the UI calls `submit` when the user pastes; `end` stops it. */
export interface PasteChannel extends AsyncIterable<string> {
	submit(text: string): void;
	end(): void;
}

export function createPasteChannel(): PasteChannel {
	const queue: string[] = [];
	let wake: (() => void) | undefined;
	let ended = false;
	return {
		submit(text) {
			queue.push(text);
			wake?.();
		},
		end() {
			ended = true;
			wake?.();
		},
		async *[Symbol.asyncIterator]() {
			while (true) {
				const next = queue.shift();
				if (next !== undefined) {
					yield next;
					continue;
				}

				if (ended) return;
				await new Promise<void>(resolve => {
					wake = resolve;
				});
				wake = undefined;
			}
		},
	};
}
