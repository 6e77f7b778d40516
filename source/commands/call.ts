/**
 * `oscar-rest call INSTANCE/NAME PATH`: one signed GET of {base}/ws/services/PATH with the stored
 * access token, to see with one's own eyes what OSCAR answers. Two guards: only non-patient paths
 * unless --allow-any-path (a debugging tool must not become a way to pull charts), and the token
 * guard of the checks (call-token-guard.ts): never send the token when the clock skew, its known
 * lifetime or an unproven configuration would make classic OSCAR delete it.
 */
import http from 'node:http';
import {type CommandContext, UserError} from './context.js';
import {integerFlag, parseCommandArgs} from './args.js';
import {loadInventory, openStore, toUserError} from './open-store.js';
import {splitId} from './ids.js';
import {findIntegration} from '../core/inventory-ops.js';
import {diagnosis} from '../core/diagnoses.js';
import {redact} from '../core/redact.js';
import {resolveSecret} from '../store/secrets.js';
import {closeIdleConnections, defaultMaxBodyBytes, type Exchange, httpClientFor, NetworkFailure} from '../oscar/http.js';
import {percentEncode} from '../core/percent-encode.js';
import {signRequest} from '../oscar/oauth.js';
import {endpoints, servicesUrl} from '../oscar/url.js';
import {skewRefuseSeconds, skewWindowSeconds} from '../core/token-guard.js';
import {redactOAuthValues} from '../core/evidence-text.js';
import {callTokenGuard} from './call-token-guard.js';
import type {ExitName} from '../core/exit-codes.js';
import {safeLine, safeText} from '../core/untrusted-text.js';
import {onInterrupt} from './interrupt.js';

const help = `Usage: oscar-rest call INSTANCE/NAME PATH [--show-base-string] [--allow-any-path] [--force-skew] [--raw] [--timeout MS]

Send ONE signed GET of {base}/ws/services/PATH with the integration's stored access token and
print the answer: status line, headers and body (at most 1 MiB) on stdout. The request line and
its Authorization header go to stderr, with oauth_signature and oauth_token redacted.
Control characters the server sent (escape sequences that could retitle the window, clear the
screen or write the clipboard) are shown escaped, e.g. \\x1b; --raw writes the body's bytes
unchanged (for piping into a file or another program).

Allowed paths (they read no patient data):
  oauth/info                        who the token acts as (the identity and token-health probe)
  ?_wadl                            the WADL of {base}/ws/services (sent without credentials)
  providerService/provider/me       the provider the token acts as
  providerService/providers_json    the clinic's providers (staff, not patients)
  scheduleService/types             appointment types
Any other path can reach patient data: it needs --allow-any-path, and you are responsible for
what you read.

Before the token is sent (core/token-guard.ts, the same rule as the checks), one unauthenticated
request measures the clock skew (server Date header). When |skew| >= ${skewRefuseSeconds} s, or it cannot be
measured, nothing is sent: a request outside OSCAR's +-${skewWindowSeconds} s window fails, and classic OSCAR
then DELETES the access token, so the integration must be authorized again. --force-skew sends
anyway (with the local clock). A token whose known lifetime has passed is not sent either. When
no check has proven the base URL, key and secret yet (state file), a signed request-token call
proves them first (OSCAR keeps that request token, unused, for up to an hour); if it fails,
the token is not sent.

Options
  --show-base-string   also print the OAuth signature base string (on stderr; the token is redacted,
                       it never contains a secret)
  --allow-any-path     allow paths outside the list above (may return patient data)
  --force-skew         send even when the clock skew is unsafe or unmeasured, without a proving
                       request-token call (may destroy the token)
  --raw                write only the body, byte for byte (no status line, headers or escaping)
  --timeout MS         timeout per phase of each request (default 10000)

Exit codes
  0 answered 2xx, 1 answered with another status, 2 nothing usable came back (not sent,
  unreachable, TLS failure), 64 bad arguments or a path refused by the guard, 70 internal error,
  78 unreadable config, 130 interrupted (Ctrl+C or SIGTERM: the request is aborted and nothing is
  printed).

Examples
  oscar-rest call maple/booking oauth/info
  oscar-rest call maple/booking '?_wadl' | less
  oscar-rest call maple/booking providerService/provider/me --show-base-string
  oscar-rest call maple/booking oauth/info --raw > info.json
`;

/** Non-patient resources `call` may reach without --allow-any-path. */
export const safeCallPaths: readonly string[] = [
	'oauth/info',
	'?_wadl',
	'providerService/provider/me',
	'providerService/providers_json',
	'scheduleService/types',
];

/** `PATH` as given, relative to /ws/services: leading slashes and a pasted "ws/services/" prefix dropped. */
export function normalizeCallPath(raw: string): string {
	let value = raw.trim();
	const prefix = /^\/*(?:ws\/services)(?=\/|\?|$)/.exec(value);
	if (prefix) value = value.slice(prefix[0].length);
	value = value.replace(/^\/+/, '');
	if (value.startsWith('?')) return value;
	return value.replace(/\/+$/, '');
}

/** Why `path` is refused without --allow-any-path, or undefined when it is on the safe list. */
export function pathGuard(path: string): string | undefined {
	if (safeCallPaths.includes(path)) return undefined;
	return (
		`"${path}" is not on the list of non-patient paths (${safeCallPaths.join(', ')}). ` +
		'Other OSCAR REST resources can return patient data, so call refuses them by default. ' +
		'If you are entitled to read that resource and mean to, add --allow-any-path.'
	);
}

function checkPathSyntax(path: string): void {
	if (path === '') throw new UserError('call needs a PATH under /ws/services, e.g. oauth/info.');
	if (/\s/.test(path)) throw new UserError(`call: PATH "${path}" contains whitespace.`);
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path))
		throw new UserError('call: PATH is relative to {base}/ws/services, not a full URL (e.g. oauth/info).');
	const segments = path.split('?')[0]!.split('/');
	if (segments.some(segment => segment === '..' || segment === '.' || /%2e|%2f/i.test(segment))) {
		throw new UserError(`call: PATH "${path}" contains "." or ".." segments.`);
	}
}

const statusText = (status: number) => http.STATUS_CODES[status] ?? '';

/** The Authorization header with oauth_signature and oauth_token values replaced. */
export function redactAuthorization(value: string): string {
	return redactOAuthValues(value.replace(/(oauth_(?:signature|token)=")[^"]*(")/g, '$1[redacted]$2'));
}

/** A URL whose query may carry oauth_* parameters (query transport), with the sensitive ones redacted. */
function redactUrl(url: string): string {
	return redactOAuthValues(url.replace(/([?&]oauth_(?:signature|token)=)[^&#]*/g, '$1[redacted]'));
}

/** The base string with the access token's value replaced (it appears there encoded twice). */
export function redactBaseString(baseString: string, accessToken: string | undefined): string {
	if (!accessToken) return baseString;
	const once = percentEncode(`oauth_token=${percentEncode(accessToken)}`);
	return baseString.split(once).join(percentEncode('oauth_token=') + '[redacted]');
}

function formatHeaders(exchange: Exchange, secrets: readonly string[]): string[] {
	const lines: string[] = [];
	for (const [name, value] of Object.entries(exchange.headers)) {
		if (value === undefined) continue;
		for (const item of Array.isArray(value) ? value : [value]) {
			// A session cookie is a credential too.
			const shown = name === 'set-cookie' ? item.replace(/^([^=]*=)[^;]*/, '$1[redacted]') : item;
			lines.push(safeLine(`${name}: ${redactOAuthValues(redact(shown, secrets))}`));
		}
	}

	return lines;
}

export default async function run(context: CommandContext): Promise<ExitName> {
	try {
		return await call(context);
	} catch (error) {
		throw toUserError(error);
	} finally {
		closeIdleConnections();
	}
}

async function call(context: CommandContext): Promise<ExitName> {
	const {
		values,
		positionals,
		help: wantsHelp,
	} = parseCommandArgs('call', context.argv, {
		'show-base-string': {type: 'boolean'},
		'allow-any-path': {type: 'boolean'},
		'force-skew': {type: 'boolean'},
		raw: {type: 'boolean'},
		timeout: {type: 'string'},
	});
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const [id, rawPath] = positionals;
	if (id === undefined || rawPath === undefined || positionals.length > 2) {
		throw new UserError('call needs INSTANCE/NAME and PATH, e.g. oscar-rest call maple/booking oauth/info');
	}

	splitId(id);
	const path = normalizeCallPath(rawPath);
	checkPathSyntax(path);
	if (!values['allow-any-path']) {
		const refusal = pathGuard(path);
		if (refusal) throw new UserError(`call: ${refusal}`);
	}

	const timeoutMs = integerFlag('call', 'timeout', values.timeout, 10_000);
	// Ctrl+C or SIGTERM aborts the request in flight (one path with check and report).
	const controller = new AbortController();
	const stopListening = onInterrupt(() => {
		controller.abort();
	});
	try {
		return await send(context, {
			id,
			path,
			timeoutMs,
			signal: controller.signal,
			raw: values.raw === true,
			showBaseString: values['show-base-string'] === true,
			forceSkew: values['force-skew'] === true,
		});
	} catch (error) {
		if (controller.signal.aborted) throw new UserError(`call: interrupted before ${id} answered; nothing was printed.`, 'interrupted');
		throw error;
	} finally {
		stopListening();
	}
}

interface CallRequest {
	readonly id: string;
	readonly path: string;
	readonly timeoutMs: number;
	readonly signal: AbortSignal;
	readonly raw: boolean;
	readonly showBaseString: boolean;
	readonly forceSkew: boolean;
}

async function send(
	context: CommandContext,
	{id, path, timeoutMs, signal, raw, showBaseString, forceSkew}: CallRequest,
): Promise<ExitName> {
	const inventory = loadInventory(openStore(context.configPath, context.stderr));
	const found = findIntegration(inventory, id);
	if (!found) throw new UserError(`call: no integration ${id}. See "oscar-rest list".`);
	const {instance, integration} = found;
	const isWadl = path === '?_wadl';
	const url = isWadl ? endpoints(instance.baseUrl).wadl : servicesUrl(instance.baseUrl, path);
	const tls = {caFile: instance.caFile, insecureTls: instance.insecureTls};

	let signed: {url: string; headers: Record<string, string>; baseString?: string} = {url, headers: {}};
	let secrets: string[] = [];
	if (isWadl) {
		if (showBaseString)
			context.stderr.write('Base string: none (the WADL is served without authentication, so the request is not signed).\n');
	} else {
		if (!integration.accessToken || integration.tokenSecret === undefined) {
			throw new UserError(
				`call: ${id} has no access token yet. Authorize it first: oscar-rest connect ${id} (or store one with oscar-rest set-token).`,
			);
		}

		if (integration.transport === 'form')
			throw new UserError(
				`call: ${id} sends OAuth parameters in a form body, which a GET cannot carry; call supports the header and query transports.`,
			);
		const consumerSecret = resolveSecret(integration.consumerSecret, context.env);
		const tokenSecret = resolveSecret(integration.tokenSecret, context.env);
		secrets = [consumerSecret, tokenSecret, integration.accessToken];

		const guard = await callTokenGuard({
			id,
			instance,
			integration,
			consumerSecret,
			tokenSecret,
			configPath: context.configPath,
			timeoutMs,
			signal,
			forceSkew,
			now: context.now ?? Date.now,
			say: line => context.stderr.write(`${safeText(line)}\n`),
		});
		signal.throwIfAborted();
		if (!guard.send) {
			// The message can quote the server or the config (a CA file path): shown escaped.
			context.stderr.write(`oscar-rest: call: ${safeText(redact(guard.message, secrets))}\n`);
			return 'critical';
		}

		if (guard.warning) context.stderr.write(`warning: ${safeText(guard.warning)}\n`);
		const request = signRequest({
			method: 'GET',
			url,
			consumer: {key: integration.consumerKey, secret: consumerSecret},
			token: {key: integration.accessToken, secret: tokenSecret},
			signatureMethod: integration.signatureMethod ?? 'HMAC-SHA1',
			transport: integration.transport ?? 'header',
		});
		signed = {url: request.url, headers: request.headers, baseString: request.baseString};
	}

	context.stderr.write(`> GET ${safeLine(redact(redactUrl(signed.url), secrets))}\n`);
	const authorization = signed.headers['authorization'];
	if (authorization) context.stderr.write(`> Authorization: ${safeLine(redact(redactAuthorization(authorization), secrets))}\n`);
	if (showBaseString && signed.baseString !== undefined) {
		const shown = redact(redactBaseString(signed.baseString, integration.accessToken), secrets);
		context.stderr.write(`Base string: ${safeLine(shown)}\n`);
	}

	let exchange: Exchange;
	try {
		exchange = await httpClientFor(tls).request({
			method: 'GET',
			url: signed.url,
			headers: signed.headers,
			timeoutMs,
			maxBodyBytes: defaultMaxBodyBytes,
			signal,
		});
	} catch (error) {
		if (!(error instanceof NetworkFailure) || signal.aborted) throw error;
		context.stderr.write(`oscar-rest: call: ${safeText(redact(error.message, secrets))} (${diagnosis(error.code).title})\n`);
		return 'critical';
	}

	if (raw) {
		// The bytes as OSCAR sent them, for a file or a program; the status goes to stderr.
		context.stderr.write(`HTTP ${exchange.status} ${statusText(exchange.status)}`.trimEnd() + '\n');
		const redacted = redactOAuthValues(redact(exchange.body, secrets));
		if (redacted === exchange.body) {
			context.stdout.write(exchange.bodyBuffer ?? exchange.body);
		} else {
			context.stdout.write(redacted);
			context.stderr.write(
				'note: the body contained a secret or an OAuth value of this integration; it was replaced by [redacted] even with --raw.\n',
			);
		}
	} else {
		const lines = [`HTTP ${exchange.status} ${statusText(exchange.status)}`.trimEnd(), ...formatHeaders(exchange, secrets), ''];
		context.stdout.write(`${lines.join('\n')}\n`);
		// Shown escaped, never emitted: a body can carry escape sequences meant for the terminal.
		let body = safeText(redactOAuthValues(redact(exchange.body, secrets)));
		if (body !== '' && !body.endsWith('\n')) body += '\n';
		context.stdout.write(body);
	}

	if (exchange.tooLarge)
		context.stderr.write(`note: the body is over ${defaultMaxBodyBytes} bytes; only the first ${defaultMaxBodyBytes} are shown.\n`);
	if (exchange.status === 401 && !isWadl) {
		context.stderr.write(
			'note: 401 means OSCAR rejected the token or the signature; run "oscar-rest report ' + id + '" for the diagnosis.\n',
		);
	}

	return exchange.status >= 200 && exchange.status < 300 ? 'ok' : 'warning';
}
