/**
 * The outputs' second safety net: reports must never hold a secret, but if one slipped into an
 * evidence value or a summary, every string is passed through `redact` with the resolved secrets.
 */
import {redact} from '../core/redact.js';

/** Redact every string inside plain JSON-like data (objects, arrays, strings); other values pass. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
	const usable = secrets.filter(secret => secret.length > 0);
	if (usable.length === 0) return value;
	const walk = (item: unknown): unknown => {
		if (typeof item === 'string') return redact(item, usable);
		if (Array.isArray(item)) return item.map(walk);
		if (item !== null && typeof item === 'object') {
			return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, walk(inner)]));
		}

		return item;
	};

	return walk(value) as T;
}

export function redactText(text: string, secrets: readonly string[] | undefined): string {
	const usable = (secrets ?? []).filter(secret => secret.length > 0);
	return usable.length === 0 ? text : redact(text, usable);
}
