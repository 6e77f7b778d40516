/**
 * {base}/admin/api/clientManage.json: the JSON endpoint behind OSCAR's Administration > Integrations >
 * REST Clients page, over the simulator's REAL clients and tokens (a client added here works for
 * initiate at once; tokens issued by the OAuth flow are listed).
 *
 * Classic OSCAR serves it from a JSP that any logged-in session may call (GET or POST), answers
 * `text/x-json` written by net.sf.json (beans with their properties in alphabetical order, a Date as
 * an object with "time" in ms, a null String as ""), and turns a lifetime that is not an integer into
 * 0 without a word. CARLOS serves it from an action that checks the `_admin` privilege (read for
 * list/listTokens, write for add/delete), takes writes by POST only (GET: 405, Allow: POST) and
 * answers Jackson JSON (dates as epoch ms, nulls as null). Without a session both are sent to
 * logout.jsp by the login filter; an older OSCAR without the endpoint answers Tomcat's 404.
 */
import {type Reply, escapeHtml, formFields, html, randomId, redirect} from './http-util.js';
import {tomcat404} from './pages.js';
import type {InstanceRuntime, SimRequest} from './runtime.js';
import {currentSession, loggedInUser} from './web.js';
import {clientRow, tokenRow} from './rows.js';
import type {SimAccessToken, SimClient, SimRow, SimUser} from './types.js';

export const clientManagePath = '/admin/api/clientManage.json';

const nameInUse = 'Add Failure: Could not add entry to database.Name already being used.';

/** request.getParameter: the query string first, then a form body. */
function parameters(request: SimRequest): Map<string, string> {
	const merged = new Map(request.query);
	const contentType = request.headers['content-type'];
	for (const [name, value] of formFields(Array.isArray(contentType) ? contentType[0] : contentType, request.body)) {
		if (!merged.has(name)) merged.set(name, value);
	}

	return merged;
}

/** Java's Integer.parseInt, or undefined where it throws NumberFormatException. */
export function javaParseInt(text: string | undefined): number | undefined {
	if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
	const value = Number(text);
	return value >= -2_147_483_648 && value <= 2_147_483_647 ? value : undefined;
}

/** CARLOS's hasPrivilege: the security object's letters include the privilege, or "x" (all). */
export function hasPrivilege(user: SimUser, object: string, privilege: 'r' | 'w'): boolean {
	const letters = user.privileges?.[object] ?? '';
	return letters.includes('x') || letters.includes(privilege);
}

function tomcatError(status: number, reason: string, message: string): string {
	return `<!doctype html><html lang="en"><head><title>HTTP Status ${status} – ${reason}</title></head><body><h1>HTTP Status ${status} – ${reason}</h1><hr class="line" /><p><b>Type</b> Exception Report</p><p><b>Message</b> ${escapeHtml(message)}</p><hr class="line" /><h3>Apache Tomcat/7.0.85</h3></body></html>`;
}

/** What a NullPointerException or NumberFormatException inside the classic JSP becomes. */
const jspFailure = (exception: string): Reply =>
	html(500, tomcatError(500, 'Internal Server Error', `An exception occurred processing [/admin/api/clientManage.json]: ${exception}`));

/** Case-insensitive, trailing blanks ignored: how MySQL's default collation compares names. */
function sameName(left: string, right: string): boolean {
	return left.trimEnd().toLowerCase() === right.trimEnd().toLowerCase();
}

function clientRows(runtime: InstanceRuntime): Array<{client: SimClient; row: SimRow}> {
	return [...runtime.state.clients.values()]
		.map(client => ({client, row: clientRow(runtime.state, client.key, runtime.now())}))
		.sort((left, right) => left.row.id - right.row.id);
}

function tokenRows(runtime: InstanceRuntime): Array<{token: SimAccessToken; row: SimRow; clientId: number}> {
	return [...runtime.state.accessTokens.values()]
		.map(token => ({
			token,
			row: tokenRow(runtime.state, token.token, token.issuedAt * 1000),
			clientId: clientRow(runtime.state, token.clientKey, runtime.now()).id,
		}))
		.sort((left, right) => left.row.id - right.row.id);
}

/** A java.util.Date as net.sf.json writes it (the simulated server runs on UTC). */
function netSfDate(ms: number): Record<string, number> {
	const date = new Date(ms);
	return {
		date: date.getUTCDate(),
		day: date.getUTCDay(),
		hours: date.getUTCHours(),
		minutes: date.getUTCMinutes(),
		month: date.getUTCMonth(),
		seconds: date.getUTCSeconds(),
		time: ms,
		timezoneOffset: 0,
		year: date.getUTCFullYear() - 1900,
	};
}

function classicJson(value: unknown): Reply {
	return {status: 200, headers: {'Content-Type': 'text/x-json'}, body: JSON.stringify(value)};
}

function carlosJson(value: unknown): Reply {
	return {status: 200, headers: {'Content-Type': 'application/json;charset=UTF-8'}, body: JSON.stringify(value)};
}

interface Outcome {
	readonly extra: Record<string, string>;
	readonly success: boolean;
	readonly error: string;
}

/** Adds a client as both dialects do once the name passed its checks. */
function addClient(runtime: InstanceRuntime, name: string, uri: string, lifetime: number): void {
	clientRows(runtime);
	const client: SimClient = {name, key: randomId(16), secret: randomId(16), uri, lifetime};
	runtime.state.clients.set(client.key, client);
	clientRow(runtime.state, client.key, runtime.now());
}

function deleteClient(runtime: InstanceRuntime, id: number): void {
	// Tokens are not deleted with their client (no cascade): they stay listed with the old clientId.
	for (const {client, row} of clientRows(runtime)) if (row.id === id) runtime.state.clients.delete(client.key);
}

function classic(runtime: InstanceRuntime, params: Map<string, string>): Reply {
	const method = params.get('method');
	const answer = (outcome: Outcome) =>
		classicJson({
			// net.sf.json's JSONObject drops a key whose value is null, and keeps insertion order.
			...(method === undefined ? {} : {method}),
			...outcome.extra,
			success: outcome.success,
			error: outcome.error,
		});
	switch (method) {
		case 'list': {
			return classicJson(
				clientRows(runtime).map(({client, row}) => ({
					dateCreated: netSfDate(row.createdAt),
					id: row.id,
					key: client.key,
					lifetime: client.lifetime,
					name: client.name,
					persistent: true,
					secret: client.secret,
					uri: client.uri,
				})),
			);
		}

		case 'listTokens': {
			return classicJson(
				tokenRows(runtime).map(({token, row, clientId}) => ({
					clientId,
					dateCreated: netSfDate(row.createdAt),
					id: row.id,
					issued: token.issuedAt,
					lifetime: token.lifetime,
					persistent: true,
					providerNo: token.providerNo ?? '',
					scopes: token.scopes.join(' '),
					tokenId: token.token,
					tokenSecret: token.secret,
				})),
			);
		}

		case 'add': {
			const name = params.get('name');
			if (name === undefined) return jspFailure('java.lang.NullPointerException');
			if (name === '') return answer({extra: {name}, success: false, error: 'Add Failure: Cannot add Client with empty value.'});
			if ([...runtime.state.clients.values()].some(client => sameName(client.name, name)))
				return answer({extra: {name}, success: false, error: nameInUse});
			addClient(runtime, name, params.get('uri') ?? '', javaParseInt(params.get('lifetime')) ?? 0);
			return answer({extra: {name}, success: true, error: ''});
		}

		case 'delete': {
			const id = params.get('id');
			if (id === undefined) return jspFailure('java.lang.NullPointerException');
			if (id === '') return answer({extra: {id}, success: false, error: 'Add Failure: Cannot remove Client with empty id.'});
			const parsed = javaParseInt(id);
			if (parsed === undefined) return jspFailure(`java.lang.NumberFormatException: For input string: "${id}"`);
			deleteClient(runtime, parsed);
			return answer({extra: {id}, success: true, error: ''});
		}

		default:
			return answer({extra: {}, success: false, error: 'Invalid method supplied.'});
	}
}

function carlos(runtime: InstanceRuntime, request: SimRequest, user: SimUser, params: Map<string, string>): Reply {
	const method = params.get('method');
	const read = method === 'list' || method === 'listTokens';
	if (!hasPrivilege(user, '_admin', read ? 'r' : 'w')) {
		return html(403, tomcatError(403, 'Forbidden', `missing required sec object (_admin ${read ? 'r' : 'w'})`));
	}

	if (!read && request.method !== 'POST') return html(405, tomcatError(405, 'Method Not Allowed', 'POST required'), {Allow: 'POST'});
	if (method === 'list') {
		return carlosJson(
			clientRows(runtime).map(({client, row}) => ({
				id: row.id,
				name: client.name,
				key: client.key,
				secret: client.secret,
				dateCreated: row.createdAt,
				uri: client.uri,
				lifetime: client.lifetime,
			})),
		);
	}

	if (method === 'listTokens') {
		return carlosJson(
			tokenRows(runtime).map(({token, row, clientId}) => ({
				id: row.id,
				clientId,
				tokenId: token.token,
				tokenSecret: token.secret,
				scopes: token.scopes.join(' '),
				lifetime: token.lifetime,
				issued: token.issuedAt,
				dateCreated: row.createdAt,
				providerNo: token.providerNo,
			})),
		);
	}

	const answer = (outcome: Outcome) =>
		carlosJson({method: method ?? null, ...outcome.extra, success: outcome.success, error: outcome.error});
	if (method === 'add') {
		const name = params.get('name') ?? '';
		if (name === '') return answer({extra: {name}, success: false, error: 'Add Failure: Cannot add Client with empty value.'});
		if ([...runtime.state.clients.values()].some(client => sameName(client.name, name)))
			return answer({extra: {name}, success: false, error: nameInUse});
		addClient(runtime, name, params.get('uri') ?? '', javaParseInt(params.get('lifetime')) ?? 0);
		return answer({extra: {name}, success: true, error: ''});
	}

	if (method === 'delete') {
		const id = params.get('id') ?? '';
		if (id === '') return answer({extra: {id}, success: false, error: 'Add Failure: Cannot remove Client with empty id.'});
		const parsed = javaParseInt(id);
		if (parsed === undefined) return answer({extra: {id}, success: false, error: 'Invalid client identifier.'});
		deleteClient(runtime, parsed);
		return answer({extra: {id}, success: true, error: ''});
	}

	return answer({extra: {}, success: false, error: 'Invalid method supplied.'});
}

/** GET or POST {base}/admin/api/clientManage.json?method=list|listTokens|add|delete. */
export function clientManage(runtime: InstanceRuntime, request: SimRequest): Reply {
	const user = loggedInUser(runtime, currentSession(runtime, request));
	if (!user) return redirect(302, `${runtime.publicBase(request)}/logout.jsp`);
	if (!runtime.spec.adminApi) return html(404, tomcat404(`${runtime.servedPath}${clientManagePath}`));
	const params = parameters(request);
	return runtime.spec.dialect === 'carlos' ? carlos(runtime, request, user, params) : classic(runtime, params);
}
