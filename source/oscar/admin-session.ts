/**
 * An admin's OSCAR web session, for the REST Clients admin API ({base}/admin/api/clientManage.json):
 * log in through {base}/login.do (username, password, PIN), call list / listTokens / add / delete
 * with the session cookie, log out through {base}/logout.jsp. Every request goes through the
 * project's HTTP client (no retries, no redirects followed, phased timeouts, the instance's CA).
 *
 * The password and PIN are sent once, in the login POST's body, and kept nowhere: not in this
 * object, not in errors, not in evidence. Answers become typed AdminApiErrors: login-failed,
 * not-admin (403), session-expired (sent to logout.jsp mid-way), endpoint-missing (404),
 * method-not-allowed (405), unexpected-answer, network, cancelled.
 */
import type {AdminApi, AdminCallOptions, AdminClient, AdminListing, AdminToken, NewClient} from '../core/admin/index.js';
import {AdminApiError} from '../core/admin/index.js';
import type {Dialect, Instance} from '../core/model.js';
import type {Evidence} from '../core/report.js';
import {safeLine} from '../core/untrusted-text.js';
import {type Exchange, type HttpClient, NetworkFailure, type TlsTarget, header, httpClientFor} from './http.js';
import {parseClients, parseJson, parseOutcome, parseTokens} from './admin-answers.js';
import {excerpt} from './probes/evidence.js';
import {endpoints} from './url.js';

export interface AdminTarget extends TlsTarget {
	readonly baseUrl: string;
	readonly dialect?: Dialect;
}

/** An inventory instance as the admin session reaches it: its URL, CA, TLS choice and dialect. */
export function adminTargetFor(instance: Instance): AdminTarget & {readonly dialect: Dialect} {
	return {
		baseUrl: instance.baseUrl,
		dialect: instance.dialect ?? 'classic',
		...(instance.caFile ? {caFile: instance.caFile} : {}),
		...(instance.insecureTls ? {insecureTls: true} : {}),
	};
}

/** Typed at the prompt (or a form), used for one request, never stored. */
export interface AdminCredentials {
	readonly username: string;
	readonly password: string;
	readonly pin: string;
}

export interface AdminSessionOptions {
	/** Another HTTP client (tests, a UI with its own settings); default: the instance's shared client. */
	readonly client?: HttpClient;
	/** Per phase, as everywhere in source/oscar. */
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
}

/** {base}/admin/api/clientManage.json */
export function clientManageUrl(baseUrl: string): string {
	return `${endpoints(baseUrl).base}/admin/api/clientManage.json`;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = {'content-type': 'application/x-www-form-urlencoded'};

/** The JSESSIONID a response sets, if any. */
function sessionCookie(exchange: Exchange): string | undefined {
	const raw = exchange.headers['set-cookie'];
	for (const line of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
		const match = /^\s*JSESSIONID=([^;]*)/i.exec(line);
		if (match) return match[1];
	}

	return undefined;
}

function isHtml(exchange: Exchange): boolean {
	return /html/i.test(header(exchange, 'content-type') ?? '') || /^\s*<(?:!doctype|html)/i.test(exchange.body);
}

/** What an error may show of an answer: status, type, Location; the body only when it cannot be a listing (not a 200). */
function answerEvidence(exchange: Exchange, request: string): Evidence[] {
	const evidence: Evidence[] = [
		{label: 'Request', value: request},
		{label: 'HTTP status', value: String(exchange.status)},
		{label: 'Content-Type', value: safeLine(header(exchange, 'content-type') ?? '(none)')},
	];
	const location = header(exchange, 'location');
	if (location) evidence.push({label: 'Location', value: safeLine(location.replace(/[?#].*$/s, ''))});
	const allow = header(exchange, 'allow');
	if (allow) evidence.push({label: 'Allow', value: safeLine(allow)});
	if (exchange.status !== 200 || isHtml(exchange))
		evidence.push({label: 'Body', value: exchange.bodyBytes === 0 ? '(empty)' : safeLine(excerpt(exchange.body))});
	return evidence;
}

function serverTime(exchange: Exchange): number | undefined {
	const date = Date.parse(header(exchange, 'date') ?? '');
	return Number.isNaN(date) ? undefined : date;
}

function toAdminError(error: unknown): unknown {
	if (error instanceof NetworkFailure) {
		return new AdminApiError(error.code === 'cancelled' ? 'cancelled' : 'network', error.message, [
			...error.evidence,
			{label: 'Network', value: error.code},
		]);
	}

	return error;
}

/** Log in as an admin; resolves with the session, or throws AdminApiError('login-failed' | ...). */
export async function adminLogin(target: AdminTarget, credentials: AdminCredentials, options: AdminSessionOptions = {}): Promise<AdminApi> {
	const client = options.client ?? httpClientFor(target);
	const base = endpoints(target.baseUrl).base;
	const loginUrl = endpoints(target.baseUrl).login;
	const request = `POST ${loginUrl}`;
	let exchange: Exchange;
	try {
		exchange = await client.request({
			method: 'POST',
			url: loginUrl,
			headers: {...formHeaders, accept: 'application/json'},
			body: form({username: credentials.username, password: credentials.password, pin: credentials.pin, ajaxResponse: 'true'}),
			...(options.signal ? {signal: options.signal} : {}),
			...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
		});
	} catch (error) {
		throw toAdminError(error);
	}

	const evidence = answerEvidence(exchange, request);
	const user = safeLine(credentials.username);
	const refused = (reason: string) =>
		new AdminApiError(
			'login-failed',
			`OSCAR at ${base} refused the login of "${user}" (${reason}): check the username, the password and the PIN (second-level passcode).`,
			evidence,
		);
	const cookie = sessionCookie(exchange);
	if (exchange.status === 200 && !isHtml(exchange)) {
		const answer = parseJson(exchange.body, 'login', evidence) as {success?: unknown; error?: unknown} | null;
		if (answer?.success === false)
			throw refused(typeof answer.error === 'string' && answer.error !== '' ? safeLine(answer.error) : 'no reason given');
		if (answer?.success !== true)
			throw new AdminApiError('unexpected-answer', `OSCAR at ${base} answered the login without saying whether it succeeded.`, evidence);
	} else if (exchange.status >= 300 && exchange.status < 400) {
		// A deployment that ignores ajaxResponse: the form login's redirect tells.
		const location = header(exchange, 'location') ?? '';
		if (/errormsg|login_error|failed/i.test(location) || cookie === undefined) throw refused('it sent the browser back to the login page');
	} else if (exchange.status === 404) {
		throw new AdminApiError('unexpected-answer', `${base} has no OSCAR login (404 on login.do): check the instance's base URL.`, evidence);
	} else {
		throw new AdminApiError('unexpected-answer', `OSCAR at ${base} answered the login with HTTP ${exchange.status}.`, evidence);
	}

	if (cookie === undefined)
		throw new AdminApiError(
			'unexpected-answer',
			`OSCAR at ${base} accepted the login but started no session (no JSESSIONID cookie).`,
			evidence,
		);
	return new AdminSession(target, credentials.username, client, cookie, options.timeoutMs);
}

class AdminSession implements AdminApi {
	private closed = false;
	private readonly base: string;
	private readonly endpoint: string;

	constructor(
		private readonly target: AdminTarget,
		readonly username: string,
		private readonly client: HttpClient,
		private cookie: string,
		private readonly timeoutMs: number | undefined,
	) {
		this.base = endpoints(target.baseUrl).base;
		this.endpoint = clientManageUrl(target.baseUrl);
	}

	async listClients(options: AdminCallOptions = {}): Promise<AdminListing<AdminClient>> {
		const {exchange, evidence} = await this.call('list', 'GET', options);
		return {rows: parseClients(parseJson(exchange.body, 'list', evidence), evidence), ...this.time(exchange)};
	}

	async listTokens(options: AdminCallOptions = {}): Promise<AdminListing<AdminToken>> {
		const {exchange, evidence} = await this.call('listTokens', 'GET', options);
		return {rows: parseTokens(parseJson(exchange.body, 'listTokens', evidence), evidence), ...this.time(exchange)};
	}

	async addClient(client: NewClient, options: AdminCallOptions = {}): Promise<void> {
		const {exchange, evidence} = await this.call('add', 'POST', options, {
			name: client.name,
			uri: client.uri,
			lifetime: String(client.lifetime),
		});
		const outcome = parseOutcome(parseJson(exchange.body, 'add', evidence), 'add', evidence);
		if (outcome.success) return;
		if (/already being used/i.test(outcome.error)) {
			throw new AdminApiError(
				'name-in-use',
				`OSCAR already has a REST client named "${safeLine(client.name)}" ("${safeLine(outcome.error)}").`,
				evidence,
			);
		}

		throw new AdminApiError(
			'rejected',
			`OSCAR did not add the REST client "${safeLine(client.name)}": ${safeLine(outcome.error) || 'no reason given'}.`,
			evidence,
		);
	}

	async deleteClient(id: number, options: AdminCallOptions = {}): Promise<void> {
		const {exchange, evidence} = await this.call('delete', 'POST', options, {id: String(id)});
		const outcome = parseOutcome(parseJson(exchange.body, 'delete', evidence), 'delete', evidence);
		if (!outcome.success)
			throw new AdminApiError(
				'rejected',
				`OSCAR did not delete REST client #${id}: ${safeLine(outcome.error) || 'no reason given'}.`,
				evidence,
			);
	}

	async logout(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		try {
			// Short and not cancellable: it runs on the way out, also after Ctrl+C.
			await this.client.request({
				method: 'GET',
				url: `${this.base}/logout.jsp`,
				headers: {cookie: `JSESSIONID=${this.cookie}`},
				timeoutMs: Math.min(this.timeoutMs ?? 3000, 3000),
			});
		} catch {
			// The session dies with its timeout anyway; nothing to report.
		}
	}

	private time(exchange: Exchange): {serverTime?: number} {
		const time = serverTime(exchange);
		return time === undefined ? {} : {serverTime: time};
	}

	/** One request to clientManage.json with the session, classified: returns only a 200 with a non-HTML body. */
	private async call(
		method: string,
		verb: 'GET' | 'POST',
		options: AdminCallOptions,
		fields: Record<string, string> = {},
	): Promise<{exchange: Exchange; evidence: Evidence[]}> {
		if (this.closed) throw new AdminApiError('session-expired', `The admin session on ${this.base} was logged out: log in again.`);
		const query = verb === 'GET' ? `?${form({method, ...fields})}` : '';
		const request = `${verb} ${this.endpoint}${verb === 'GET' ? `?method=${method}` : ` (method=${method})`}`;
		let exchange: Exchange;
		try {
			exchange = await this.client.request({
				method: verb,
				url: `${this.endpoint}${query}`,
				headers: {
					cookie: `JSESSIONID=${this.cookie}`,
					accept: 'application/json, text/x-json;q=0.9, */*;q=0.1',
					...(verb === 'POST' ? formHeaders : {}),
				},
				...(verb === 'POST' ? {body: form({method, ...fields})} : {}),
				...(options.signal ? {signal: options.signal} : {}),
				...(this.timeoutMs === undefined ? {} : {timeoutMs: this.timeoutMs}),
			});
		} catch (error) {
			throw toAdminError(error);
		}

		this.cookie = sessionCookie(exchange) ?? this.cookie;
		const evidence = answerEvidence(exchange, request);
		this.classify(exchange, method, evidence);
		return {exchange, evidence};
	}

	private classify(exchange: Exchange, method: string, evidence: Evidence[]): void {
		const status = exchange.status;
		const user = safeLine(this.username);
		if (status >= 300 && status < 400) {
			const location = header(exchange, 'location') ?? '';
			if (/logout\.jsp|index\.jsp|login/i.test(location)) {
				throw new AdminApiError(
					'session-expired',
					`OSCAR ended the admin session of "${user}" during ${method} (it sent the request to ${safeLine(location.replace(/[?#].*$/s, ''))}): log in again and run it again.`,
					evidence,
				);
			}

			throw new AdminApiError('unexpected-answer', `OSCAR redirected ${method} (HTTP ${status}) somewhere unexpected.`, evidence);
		}

		if (status === 403) {
			throw new AdminApiError(
				'not-admin',
				`"${user}" is logged in but may not use the REST Clients admin API on ${this.base} (403): ` +
					`${this.target.dialect === 'carlos' ? 'CARLOS needs' : 'it needs'} the _admin privilege (read to list, write to add or delete). Log in as an administrator.`,
				evidence,
			);
		}

		if (status === 404) {
			throw new AdminApiError(
				'endpoint-missing',
				`${this.base} has no REST Clients admin API (404 on admin/api/clientManage.json): this OSCAR is older than that endpoint. ` +
					"Use Administration > Integrations > REST Clients by hand, or check the instance's base URL.",
				evidence,
			);
		}

		if (status === 405) {
			throw new AdminApiError(
				'method-not-allowed',
				`OSCAR refused ${method} as ${exchange.method} (405${header(exchange, 'allow') ? `, Allow: ${safeLine(header(exchange, 'allow')!)}` : ''}).`,
				evidence,
			);
		}

		if (status !== 200) throw new AdminApiError('unexpected-answer', `OSCAR answered ${method} with HTTP ${status}.`, evidence);
		if (isHtml(exchange)) {
			// Some filters serve the login page itself instead of redirecting to it.
			if (/name=["']?password/i.test(exchange.body)) {
				throw new AdminApiError(
					'session-expired',
					`OSCAR showed its login page instead of answering ${method}: the admin session of "${user}" ended. Log in again and run it again.`,
					evidence,
				);
			}

			throw new AdminApiError('unexpected-answer', `OSCAR answered ${method} with an HTML page instead of JSON.`, evidence);
		}
	}
}
