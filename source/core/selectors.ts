/**
 * Selectors pick integrations for `check`, `report` and the dashboard's filter:
 * `instance`, `instance/integration`, `tag:NAME`, each part may use `*` (any run) and `?` (one character),
 * e.g. `clinic-*` + `/booking`. Pure; names cannot contain `*`, `?`, `:` or `/`, so there is no ambiguity.
 */

interface Selector {
	readonly text: string;
	readonly kind: 'instance' | 'integration' | 'tag';
	readonly instance?: RegExp;
	readonly integration?: RegExp;
	readonly tag?: RegExp;
}

const partPattern = /^[A-Za-z0-9._*?-]+$/;

/** Why a selector is malformed; `parseSelector` callers wrap it in their own error class. */
export class SelectorSyntaxError extends Error {
	readonly code = 'invalid';
	constructor(message: string) {
		super(message);
		this.name = 'SelectorSyntaxError';
	}
}

/** Compile a glob with `*` and `?` into an anchored, case-sensitive RegExp. */
function globToRegExp(glob: string): RegExp {
	let source = '';
	for (const character of glob) {
		if (character === '*') source += '.*';
		else if (character === '?') source += '.';
		else source += character.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
	}

	return new RegExp(`^${source}$`);
}

const syntaxHelp = 'use INSTANCE, INSTANCE/INTEGRATION or tag:NAME (with * and ? as wildcards)';

function checkPart(text: string, part: string, what: string): RegExp {
	if (part === '') throw new SelectorSyntaxError(`Selector "${text}" has an empty ${what} part: ${syntaxHelp}.`);
	if (!partPattern.test(part)) {
		const bad = [...part].find(character => !partPattern.test(character)) ?? '';
		throw new SelectorSyntaxError(`Selector "${text}" contains '${bad}', which no name can contain: ${syntaxHelp}.`);
	}

	return globToRegExp(part);
}

/** Parse one selector; throws SelectorSyntaxError with a message naming it. */
export function parseSelector(raw: string): Selector {
	const text = raw.trim();
	if (text === '') throw new SelectorSyntaxError(`Empty selector: ${syntaxHelp}.`);
	if (text.startsWith('tag:')) {
		return {text, kind: 'tag', tag: checkPart(text, text.slice(4), 'tag')};
	}

	const parts = text.split('/');
	if (parts.length > 2) throw new SelectorSyntaxError(`Selector "${text}" has more than one '/': ${syntaxHelp}.`);
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
