/**
 * Database row ids for REST clients and access tokens. OSCAR's REST Clients page names clients by
 * their ServiceClient id and tokens by their ServiceAccessToken id (with the client's id as
 * clientId); ids are handed out once, in order, and never reused, like MySQL's AUTO_INCREMENT.
 */
import type {SimRow, SimState} from './types.js';

/** The row of the client with this key, created (with `createdAt`, epoch ms) the first time it is asked for. */
export function clientRow(state: SimState, key: string, createdAt: number): SimRow {
	let row = state.rows.clients.get(key);
	if (!row) {
		row = {id: state.rows.nextClientId++, createdAt};
		state.rows.clients.set(key, row);
	}

	return row;
}

/** The row of an access token (by its token value), created the first time it is asked for. */
export function tokenRow(state: SimState, token: string, createdAt: number): SimRow {
	let row = state.rows.tokens.get(token);
	if (!row) {
		row = {id: state.rows.nextTokenId++, createdAt};
		state.rows.tokens.set(token, row);
	}

	return row;
}
