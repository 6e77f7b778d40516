/**
 * Checks for a Client Key / Client Secret pasted from OSCAR's REST Clients table (step 8).
 * Delegates to source/core/validate.ts (the same messages as the CLI, forms and import): stray
 * characters are errors that name their position, an unusual format only warns. Adds what only
 * a paste reveals: the key pasted twice. Messages never contain the secret.
 */
import {validateConsumerKey, validateSecretInput, type CheckedInput} from '../validate.js';

export {ValidationError} from '../validate.js';

/** Clean and check a pasted Client Key (consumer key). Throws ValidationError. */
export function checkPastedKey(raw: string): CheckedInput {
	return validateConsumerKey(raw);
}

/** Clean and check a pasted Client Secret (inline, env:NAME or file:PATH). Throws ValidationError. */
export function checkPastedSecret(raw: string, key?: string): CheckedInput {
	const result = validateSecretInput(raw);
	if (key !== undefined && key.trim() !== '' && result.value === key.trim()) {
		return {value: result.value, warnings: [...result.warnings, 'The secret is the same as the key: you probably pasted the key twice.']};
	}

	return result;
}
