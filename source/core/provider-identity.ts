/**
 * Whether a token acts as the integration's expected (dedicated) provider: ONE rule, used by the
 * check (oauth/info probe), `connect` and the wizard (the authorization flow), so they can never
 * disagree about the same token.
 *
 * The expected value matches when it equals the providerNo exactly, or, ignoring case with
 * whitespace collapsed and trimmed, equals the provider's formatted name, "First Last" or
 * "Last, First" (how OSCAR formats names). A part of a name never matches: "Booking" is not the
 * provider "App, Booking", because a clinic may have several providers named Booking.
 */
import type {Identity} from './report.js';

function comparable(text: string): string {
	return text.trim().replaceAll(/\s+/g, ' ').toLowerCase();
}

/** The whole names a provider goes by, comparable: formatted name, "First Last", "Last, First". */
function wholeNames(identity: Identity): string[] {
	const first = identity.firstName?.trim() ?? '';
	const last = identity.lastName?.trim() ?? '';
	const names = [identity.name ?? ''];
	if (first !== '' && last !== '') names.push(`${first} ${last}`, `${last}, ${first}`);
	else names.push(first || last); // one name only: it is the whole name
	return names.map(comparable).filter(name => name !== '');
}

/** The rule above. `expected` is the integration's expectedProvider (a blank one never matches). */
export function actsAsExpectedProvider(expected: string, identity: Identity): boolean {
	const wanted = expected.trim();
	if (wanted === '') return false;
	if (wanted === identity.providerNo) return true;
	return wholeNames(identity).includes(comparable(wanted));
}
