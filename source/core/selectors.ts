/**
 * Selectors pick integrations for `check`, `report` and the dashboard's filter:
 * `instance`, `instance/integration`, `tag:NAME`, each part may use `*` (any run) and `?` (one character),
 * e.g. `clinic-*` + `/booking`. Pure; names cannot contain `*`, `?`, `:` or `/`, so there is no ambiguity.
 *
 * Globs are matched by a small matcher, never compiled into a regular expression: a selector comes
 * from the command line or a filter box, and `*?` repeated 10,000 times must not build a 40 KB regex
 * (or backtrack for minutes). The matcher takes time proportional to glob length x name length, and
 * a selector is at most `maxSelectorLength` characters.
 */

/** Something that says whether a name matches (a compiled glob). */
interface NameMatcher {
	test(name: string): boolean;
}

interface Selector {
	readonly text: string;
	readonly kind: 'instance' | 'integration' | 'tag';
	readonly instance?: NameMatcher;
	readonly integration?: NameMatcher;
	readonly tag?: NameMatcher;
}

const partPattern = /^[A-Za-z0-9._*?-]+$/;

/** Names are at most 100 characters; a selector of two globs and `tag:` needs no more than this. */
export const maxSelectorLength = 256;

/** Why a selector is malformed; `parseSelector` callers wrap it in their own error class. */
export class SelectorSyntaxError extends Error {
	readonly code = 'invalid';
	constructor(message: string) {
		super(message);
		this.name = 'SelectorSyntaxError';
	}
}

/**
 * Whether `name` matches `glob` (`*` any run, `?` one character, everything else literally; case-
 * sensitive, anchored at both ends). The classic two-pointer wildcard match: on a mismatch it
 * returns to the last `*` and lets it take one more character, so it never backtracks further.
 */
export function globMatches(glob: string, name: string): boolean {
	const pattern = [...glob];
	const text = [...name];
	let p = 0;
	let t = 0;
	let star = -1;
	let starText = 0;
	while (t < text.length) {
		const current = pattern[p];
		if (current === '?' || (current !== undefined && current !== '*' && current === text[t])) {
			p++;
			t++;
		} else if (current === '*') {
			star = p++;
			starText = t;
		} else if (star !== -1) {
			p = star + 1;
			t = ++starText;
		} else {
			return false;
		}
	}

	while (pattern[p] === '*') p++;
	return p === pattern.length;
}

/** A matcher for one glob. */
function globMatcher(glob: string): NameMatcher {
	// Runs of `*` mean the same as one; collapsing them keeps the matcher's work small.
	const collapsed = glob.replace(/\*+/g, '*');
	return {test: name => globMatches(collapsed, name)};
}

const syntaxHelp = 'use INSTANCE, INSTANCE/INTEGRATION or tag:NAME (with * and ? as wildcards)';

/** The selector as an error message may quote it: short, so a pasted megabyte does not come back. */
export function quoteSelector(text: string): string {
	return `"${text.length > 60 ? `${text.slice(0, 40)}... (${text.length} characters)` : text}"`;
}

function checkPart(text: string, part: string, what: string): NameMatcher {
	if (part === '') throw new SelectorSyntaxError(`Selector ${quoteSelector(text)} has an empty ${what} part: ${syntaxHelp}.`);
	if (!partPattern.test(part)) {
		const bad = [...part].find(character => !partPattern.test(character)) ?? '';
		const shown = /^[\u0020-\u007E]$/.test(bad)
			? `'${bad}'`
			: `the character U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
		throw new SelectorSyntaxError(`Selector ${quoteSelector(text)} contains ${shown}, which no name can contain: ${syntaxHelp}.`);
	}

	return globMatcher(part);
}

/** Parse one selector; throws SelectorSyntaxError with a message naming it. */
export function parseSelector(raw: string): Selector {
	const text = raw.trim();
	if (text === '') throw new SelectorSyntaxError(`Empty selector: ${syntaxHelp}.`);
	if (text.length > maxSelectorLength) {
		throw new SelectorSyntaxError(
			`Selector ${quoteSelector(text)} is too long: at most ${maxSelectorLength} characters (names are at most 100); ${syntaxHelp}.`,
		);
	}

	if (text.startsWith('tag:')) {
		return {text, kind: 'tag', tag: checkPart(text, text.slice(4), 'tag')};
	}

	const parts = text.split('/');
	if (parts.length > 2) throw new SelectorSyntaxError(`Selector ${quoteSelector(text)} has more than one '/': ${syntaxHelp}.`);
	const [instance = '', integration] = parts;
	if (integration === undefined) return {text, kind: 'instance', instance: checkPart(text, instance, 'instance')};
	return {
		text,
		kind: 'integration',
		instance: checkPart(text, instance, 'instance'),
		integration: checkPart(text, integration, 'integration'),
	};
}

/** True when the selector contains a wildcard (so "matches nothing" reads differently). */
export function hasWildcard(selector: Selector): boolean {
	return /[*?]/.test(selector.text);
}
