/**
 * What can be said about a stored secret without resolving it: `env:NAME` and `file:PATH` are
 * references (where a secret lives), anything else is an inline value that is never shown.
 * Resolving references reads the environment and files, so it lives in source/store/secrets.ts.
 */
import type {SecretRef} from './model.js';

/** Where a secret comes from, safe to print: 'inline (hidden)', 'env:NAME', 'file:/p', 'not set'. */
export function describeSecret(ref: SecretRef | undefined): string {
	if (ref === undefined || ref === '') return 'not set';
	if (ref.startsWith('env:') || ref.startsWith('file:')) return ref;
	return 'inline (hidden)';
}

/** True for `env:`/`file:` references: they point at a secret but are not one. */
export function isSecretReference(ref: SecretRef | undefined): boolean {
	return ref !== undefined && (ref.startsWith('env:') || ref.startsWith('file:'));
}
