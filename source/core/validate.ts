/**
 * Validation of what people type or paste: names, OSCAR client keys and secrets, lifetimes.
 * Pure (no I/O) and shared by the CLI, the dashboard's forms and import, so a mistake gets the
 * same specific message everywhere. Messages never repeat a secret value, only positions.
 */

import {firstControlCharacter, safeLine} from './untrusted-text.js';

type ValidationErrorCode = 'empty' | 'characters' | 'format' | 'range';

/** Bad input for one field; the message is written for the user and names the field. */
export class ValidationError extends Error {
	constructor(
		message: string,
		readonly field: string,
		readonly code: ValidationErrorCode = 'format',
	) {
		super(message);
		this.name = 'ValidationError';
	}
}

/** What a cleaned value came with: notes the user should see but that don't stop them. */
export interface CheckedInput {
	readonly value: string;
	readonly warnings: readonly string[];
}

const nameCharacters = /^[A-Za-z0-9._-]+$/;
const allowedNameText = "letters A-Z a-z, digits 0-9, '.', '_' and '-'";
const maxNameLength = 100;

/** Invisible characters that copy/paste from web pages, PDFs and chat tools smuggle in. */
const invisible = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const edgeJunk = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]+|[\s\u200B-\u200D\u2060\uFEFF\u00AD]+$/g;

/** A readable name for one character, never the surrounding text (so secrets stay hidden). */
function describeCharacter(character: string): string {
	const code = character.codePointAt(0) ?? 0;
	const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	switch (character) {
		case ' ':
			return 'a space';
		case '\t':
			return 'a tab';
		case '\n':
		case '\r':
			return 'a line break';
		case '\u00A0':
			return `a non-breaking space (${hex})`;
		case '"':
			return 'a double quote (")';
		case "'":
			return "a single quote (')";
		case '`':
			return 'a backquote (`)';
		case '/':
			return "a slash ('/')";
		default:
			break;
	}

	if (/[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB]/.test(character)) return `a typographic quote (${hex})`;
	if (/[\u200B-\u200D\u2060\uFEFF\u00AD]/.test(character)) return `an invisible zero-width character (${hex})`;
	if (/\s/.test(character)) return `a whitespace character (${hex})`;
	if (/\p{Cc}|\p{Cf}/u.test(character)) return `a non-printable control character (${hex})`;
	return `'${character}' (${hex})`;
}

interface StrayCharacter {
	readonly index: number;
	readonly character: string;
}

/** The first character that cannot be part of a pasted key/secret: whitespace, quotes, control, invisible. */
function findStray(value: string): StrayCharacter | undefined {
	const characters = [...value];
	for (const [index, character] of characters.entries()) {
		if (
			/\s/.test(character) ||
			/["'`\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB]/.test(character) ||
			invisible.test(character) ||
			/\p{Cc}|\p{Cf}/u.test(character)
		) {
			return {index, character};
		}
	}

	return undefined;
}

/** Remove surrounding whitespace; invisible characters at the ends are removed too, with a warning. */
function cleanEnds(raw: string, label: string): {value: string; warnings: string[]} {
	const warnings: string[] = [];
	const edges = raw.match(edgeJunk) ?? [];
	if (edges.some(edge => invisible.test(edge))) {
		warnings.push(`${label}: removed invisible zero-width characters from the start or end (left over from copy and paste).`);
	}

	return {value: raw.replace(edgeJunk, ''), warnings};
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A name for an instance, integration or tag. Names become ids (`instance/integration`), selectors
 * and file names, so they are restricted to a charset that needs no quoting anywhere.
 * Returns the name without surrounding whitespace.
 */
export function validateName(value: string, what: string): string {
	const label = `${capitalize(what)} name`;
	const name = value.trim();
	const shown = safeLine(name);
	if (name === '') throw new ValidationError(`${label} is empty: use ${allowedNameText}.`, what, 'empty');
	const slash = name.indexOf('/');
	if (slash !== -1) {
		throw new ValidationError(
			`${label} "${shown}" contains '/' at position ${slash + 1}: '/' separates instance and integration in ids like clinic-a/booking. Use only ${allowedNameText}.`,
			what,
			'characters',
		);
	}

	if (!nameCharacters.test(name)) {
		const characters = [...name];
		const index = characters.findIndex(character => !nameCharacters.test(character));
		const bad = characters[index] ?? '';
		throw new ValidationError(
			`${label} "${shown}" contains ${describeCharacter(bad)} at position ${index + 1}: use only ${allowedNameText}.`,
			what,
			'characters',
		);
	}

	if (name.startsWith('-')) {
		throw new ValidationError(
			`${label} "${shown}" starts with '-', which reads as a command-line option: start with a letter or digit.`,
			what,
			'format',
		);
	}

	if (name.length > maxNameLength) {
		throw new ValidationError(`${label} is ${name.length} characters long: use at most ${maxNameLength}.`, what, 'range');
	}

	return name;
}

const oscarKeyFormat = /^[a-z0-9]{16}$/;

/**
 * A consumer (client) key as pasted from OSCAR's REST Clients page. Stray characters are errors that
 * name the position; a key that is not OSCAR's usual 16 lowercase letters/digits is only a warning
 * (other deployments and CARLOS may generate keys differently).
 */
export function validateConsumerKey(raw: string): CheckedInput {
	const {value, warnings} = cleanEnds(raw, 'Consumer key');
	if (value === '') {
		throw new ValidationError(
			"Consumer key is empty: copy the Client Key from OSCAR's Administration > Integrations > REST Clients page.",
			'consumerKey',
			'empty',
		);
	}

	const stray = findStray(value);
	if (stray) {
		throw new ValidationError(
			`Consumer key contains ${describeCharacter(stray.character)} at position ${stray.index + 1} of ${[...value].length}: copy the key again without it.`,
			'consumerKey',
			'characters',
		);
	}

	if (!oscarKeyFormat.test(value)) {
		const differences: string[] = [];
		const length = [...value].length;
		if (length !== 16) differences.push(`is ${length} characters long`);
		if (/[A-Z]/.test(value)) differences.push('has uppercase letters');
		if (/[^A-Za-z0-9]/.test(value)) differences.push('has characters other than letters and digits');
		warnings.push(
			`Consumer key ${differences.join(' and ')}: OSCAR generates client keys of 16 lowercase letters and digits. Check it was copied completely and from the right row.`,
		);
	}

	return {value, warnings};
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A secret as typed or pasted: an inline value, `env:NAME` or `file:PATH`. The value itself never
 * appears in a message, only the position and kind of a stray character.
 */
export function validateSecretInput(raw: string, field = 'consumerSecret'): CheckedInput {
	const label = field === 'tokenSecret' ? 'Token secret' : 'Consumer secret';
	const {value, warnings} = cleanEnds(raw, label);
	if (value === '') {
		throw new ValidationError(
			`${label} is empty: paste the secret, or give env:NAME (an environment variable) or file:PATH (a file holding it).`,
			field,
			'empty',
		);
	}

	if (value.startsWith('env:')) {
		const name = value.slice(4);
		if (!envName.test(name)) {
			throw new ValidationError(
				`${label} reference "${safeLine(value)}" is not a valid environment variable name: use env:NAME with letters, digits and '_' (not starting with a digit).`,
				field,
				'format',
			);
		}

		return {value, warnings};
	}

	if (value.startsWith('file:')) {
		if (value.length === 5) throw new ValidationError(`${label} reference "file:" has no path: use file:/path/to/secret.`, field, 'format');
		return {value, warnings};
	}

	const stray = findStray(value);
	if (stray) {
		throw new ValidationError(
			`${label} contains ${describeCharacter(stray.character)} at position ${stray.index + 1} of ${[...value].length}: copy the secret again without it.`,
			field,
			'characters',
		);
	}

	return {value, warnings};
}

/** OSCAR keeps the lifetime in a Java int column. */
const maxLifetime = 2_147_483_647;
const lifetimeHelp = 'use -1 (never expires, what the OSCAR procedure recommends) or a whole number of seconds such as 3600';

/**
 * A REST client lifetime in seconds: -1 never expires, 0 expires at once. The empty string is an error
 * because OSCAR stores a blank lifetime as 0, which makes every token expire immediately.
 */
export function validateLifetime(raw: string | number): number {
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw)) throw new ValidationError(`Lifetime ${String(raw)} is not a number: ${lifetimeHelp}.`, 'lifetime', 'format');
		if (!Number.isInteger(raw))
			throw new ValidationError(`Lifetime ${raw} is not a whole number of seconds: ${lifetimeHelp}.`, 'lifetime', 'format');
		return checkLifetimeRange(raw, String(raw));
	}

	const text = raw.trim();
	if (text === '') {
		throw new ValidationError(
			`Lifetime is empty. OSCAR stores a blank lifetime as 0, so tokens would expire immediately: ${lifetimeHelp}.`,
			'lifetime',
			'empty',
		);
	}

	if (/^[+-]?\d+$/.test(text)) return checkLifetimeRange(Number(text), text);
	if (/^[+-]?(\d+[.,]\d*|[.,]\d+)$/.test(text)) {
		throw new ValidationError(`Lifetime "${safeLine(text)}" is not a whole number of seconds: ${lifetimeHelp}.`, 'lifetime', 'format');
	}

	throw new ValidationError(`Lifetime "${safeLine(text)}" is not a number: ${lifetimeHelp}.`, 'lifetime', 'format');
}

function checkLifetimeRange(value: number, text: string): number {
	if (value < -1) {
		throw new ValidationError(
			`Lifetime ${text} is not allowed: -1 is the only negative value (never expires); ${lifetimeHelp}.`,
			'lifetime',
			'range',
		);
	}

	if (value > maxLifetime) {
		throw new ValidationError(
			`Lifetime ${text} is larger than OSCAR can store (${maxLifetime} seconds): ${lifetimeHelp}.`,
			'lifetime',
			'range',
		);
	}

	return value === 0 ? 0 : value; // never -0
}

/**
 * When the access token was issued: epoch seconds, or an ISO 8601 date. Milliseconds are refused
 * because they would place the issue date tens of thousands of years ahead.
 */
export function validateIssuedAt(raw: string | number): number {
	const text = typeof raw === 'number' ? String(raw) : raw.trim();
	if (text === '') throw new ValidationError('Issued-at is empty: give epoch seconds or an ISO 8601 date.', 'issuedAt', 'empty');
	if (/^\d+$/.test(text)) {
		const seconds = Number(text);
		if (seconds > 99_999_999_999) {
			throw new ValidationError(
				`Issued-at ${text} looks like milliseconds: give epoch SECONDS (${Math.floor(seconds / 1000)}).`,
				'issuedAt',
				'range',
			);
		}

		return seconds;
	}

	if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
		const ms = Date.parse(text);
		if (Number.isFinite(ms) && ms >= 0) return Math.floor(ms / 1000);
	}

	throw new ValidationError(
		`Issued-at "${safeLine(text)}" is neither epoch seconds nor an ISO 8601 date (2024-05-01T12:00:00Z).`,
		'issuedAt',
		'format',
	);
}

/** Free-text fields a person types or imports, with the name each error message gives them. */
export const plainTextFields = {
	notes: 'Notes',
	expectedProvider: 'Expected provider',
	callback: 'Callback',
	uri: 'URI',
	caFile: 'CA file',
	baseUrl: 'Base URL',
} as const;

export type PlainTextField = keyof typeof plainTextFields;

/**
 * Free text (notes, expected provider, callback and registered URI, CA file path, base URL) as the
 * CLI and import take it: trimmed, then the one control-character rule (rejectControlCharacters)
 * with the field's name; line breaks and tabs are allowed in notes only.
 */
export function validatePlainText(value: string, field: PlainTextField): string {
	return rejectControlCharacters(value.trim(), field, plainTextFields[field], {allowLineBreaks: field === 'notes'});
}

/**
 * OSCAR accepts a callback only when it starts with the registered URI (a raw string prefix), so a
 * mismatch configured here would be rejected at initiate with a bare 400.
 */
export function validateCallback(callback: string, uri: string | undefined): string {
	const value = validatePlainText(callback, 'callback');
	if (uri !== undefined) validatePlainText(uri, 'uri');
	if (value === '')
		throw new ValidationError('Callback is empty: give a URL that starts with the registered URI, or leave it out.', 'callback', 'empty');
	if (uri !== undefined && uri !== '' && !value.startsWith(uri)) {
		throw new ValidationError(
			`Callback "${value}" does not start with the registered URI "${uri}": OSCAR rejects such a callback (400 at initiate). Register a URI that is a prefix of the callback.`,
			'callback',
			'format',
		);
	}

	return value;
}

/** An access token as pasted (not secret on its own, but a credential half): trimmed, stray characters refused. */
export function validateAccessToken(raw: string): CheckedInput {
	const {value, warnings} = cleanEnds(raw, 'Access token');
	if (value === '') throw new ValidationError('Access token is empty.', 'accessToken', 'empty');
	const stray = findStray(value);
	if (stray) {
		throw new ValidationError(
			`Access token contains ${describeCharacter(stray.character)} at position ${stray.index + 1} of ${[...value].length}: copy it again without it.`,
			'accessToken',
			'characters',
		);
	}

	return {value, warnings};
}

/**
 * THE control-character rule for text typed, pasted or imported: a control character (an escape
 * byte, a line break, a tab, DEL, C1, a bidi override: what the untrusted-text sanitiser escapes on
 * output) is refused with its position. `allowLineBreaks` lets newline and tab through (notes).
 * Returns the value unchanged. The forms call it for every field; validatePlainText for the CLI and import.
 */
export function rejectControlCharacters(
	value: string,
	field: string,
	label: string,
	{allowLineBreaks = false}: {allowLineBreaks?: boolean} = {},
): string {
	const found = firstControlCharacter(value, {allowLineBreaks});
	if (!found) return value;
	throw new ValidationError(
		`${label} contains ${describeCharacter(found.character)} at position ${found.index + 1}: type or paste it ${allowLineBreaks ? 'again' : 'as one line'} without it.`,
		field,
		'characters',
	);
}
