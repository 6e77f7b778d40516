/**
 * Secrets out of text: every known secret value, raw or in the percent-encoded forms that signed
 * URLs, Authorization headers and form bodies carry, becomes `[redacted]`. Pure, so every layer
 * that writes text (checks, outputs, commands, UI) can apply it.
 */
import {percentEncode} from './percent-encode.js';

function escapeRegExp(value: string): string {
	return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for an encoded form that also matches lowercase hex digits (%2f as well as %2F). */
function encodedPattern(encoded: string): string {
	return encoded
		.split(/(%[0-9A-Fa-f]{2})/)
		.map(part =>
			/^%[0-9A-Fa-f]{2}$/.test(part)
				? `%${part
						.slice(1)
						.split('')
						.map(hex => `[${hex.toUpperCase()}${hex.toLowerCase()}]`)
						.join('')}`
				: escapeRegExp(part),
		)
		.join('');
}

/**
 * Replace each secret, and its percent-encoded forms (as they appear in signed URLs, Authorization
 * headers and form bodies), with `[redacted]`. Longest first so a secret containing another is whole.
 */
export function redact(text: string, secrets: readonly string[]): string {
	const variants = new Set<string>();
	for (const secret of secrets) {
		if (secret === '') continue;
		variants.add(escapeRegExp(secret));
		for (const encoded of [encodeURIComponent(secret), percentEncode(secret), percentEncode(secret).replace(/%20/g, '+')]) {
			if (encoded !== secret) variants.add(encodedPattern(encoded));
		}
	}

	if (variants.size === 0) return text;
	const pattern = new RegExp([...variants].sort((a, b) => b.length - a.length).join('|'), 'g');
	return text.replace(pattern, '[redacted]');
}
