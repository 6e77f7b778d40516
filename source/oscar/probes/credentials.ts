/**
 * The credentials probe: a signed request-token call (initiate) proves the consumer key, the
 * secret and the URL Tomcat computes signatures over, with no access token at stake. It runs in a
 * deep check, when oauth/info was refused, and before a stored token is ever sent with a
 * configuration that has not been proven yet. A successful call leaves a request token on the
 * server (unused, it dies within an hour); a rejected one leaves nothing.
 *
 * A rejection is isolated step by step: the registered URI as the callback (a rejected callback),
 * then signatures for the URLs Tomcat may see behind a proxy, and what remains is the secret.
 * Both dialects: classic OSCAR answers 401 (unknown key) or an empty 400 (anything else); CARLOS
 * answers text codes (invalid_consumer, invalid_signature, nonce_replayed, callback_uri not allowed).
 */
import {callbackAccepted, planCallback, plannedCallback} from '../../core/onboarding/callback-plan.js';
import type {Evidence, IntegrationReport, ProbeResult} from '../../core/report.js';
import {type Exchange, NetworkFailure} from '../http.js';
import {signedInitiate} from '../legs.js';
import {exchangeEvidence, failureResult, isHtml, result} from './evidence.js';
import type {InstanceTarget, IntegrationTarget, ProbeOptions} from './types.js';
import {legOptions} from './leg-options.js';

export interface CredentialsOutcome {
	readonly probes: ProbeResult[];
	readonly credentials: IntegrationReport['credentials'];
	/** A request signed for the public URL succeeded: the configuration is proven. */
	readonly proven: boolean;
	/** Request tokens created on the server (each successful initiate). */
	readonly requestTokens: number;
	/** False when a rejection was not isolated (isolate: false): the caller may carry an earlier isolation. */
	readonly isolated: boolean;
}

/** What one initiate answer means. */
type InitiateAnswer =
	'ok' | 'key-unknown' | 'rejected' | 'callback' | 'nonce' | 'processing' | 'server' | 'waf' | 'malformed' | 'unexpected';

export function classifyInitiate(exchange: Exchange): InitiateAnswer {
	const text = exchange.body.trim();
	const {status} = exchange;
	if (status === 200 && /(?:^|&)oauth_token=/.test(text)) return 'ok';
	if (status === 401 && (text === '' || text === 'invalid_consumer')) return 'key-unknown';
	// Classic: an empty 400 is any validator failure or a rejected callback. CARLOS: invalid_signature
	// is a bad signature, a stale timestamp or a URL rewritten by a proxy.
	if ((status === 400 && text === '') || (status === 401 && text === 'invalid_signature')) return 'rejected';
	if (status === 400 && /^(?:callback_uri not allowed|invalid_callback|invalid_callback_scheme)$/.test(text)) return 'callback';
	if (status === 400 && text === 'invalid_oauth_parameters') return 'malformed';
	if (status === 401 && text === 'nonce_replayed') return 'nonce';
	if (status === 500 && text === 'oauth_processing_error') return 'processing';
	if (status === 403 && isHtml(exchange)) return 'waf';
	if (status >= 500) return 'server';
	return 'unexpected';
}

/** The callback a proving initiate sends: what an authorization would send (callback-plan.ts). */
export function provingCallback(target: InstanceTarget, integration: IntegrationTarget): string {
	return plannedCallback(planCallback({uri: integration.uri, callback: integration.callback, dialect: target.dialect}));
}

const requestTokenNote: Evidence = {
	label: 'Request token',
	value: 'created on the server by this call (OSCAR deletes it unused within an hour)',
};

export async function probeCredentials(
	target: InstanceTarget,
	integration: IntegrationTarget,
	options: ProbeOptions & {readonly isolate?: boolean},
): Promise<CredentialsOutcome> {
	const consumer = {key: integration.consumerKey, secret: integration.consumerSecret};
	const callback = provingCallback(target, integration);
	const attempt = async (withCallback: string, signAs?: string) =>
		signedInitiate(target, {consumer, callback: withCallback, ...legOptions(integration, options), ...(signAs ? {signAs} : {})});
	let requestTokens = 0;
	let first: Exchange;
	const started = Date.now();
	try {
		first = await attempt(callback);
	} catch (error) {
		if (!(error instanceof NetworkFailure)) throw error;
		return {
			probes: [failureResult('credentials', error, Date.now() - started)],
			credentials: 'unchecked',
			proven: false,
			requestTokens,
			isolated: true,
		};
	}

	const evidence = [...exchangeEvidence(first, 'Signed initiate'), {label: 'Callback sent', value: callback}];
	const answer = classifyInitiate(first);
	const done = (
		probes: ProbeResult[],
		credentials: IntegrationReport['credentials'],
		proven = false,
		isolated = true,
	): CredentialsOutcome => ({probes, credentials, proven, requestTokens, isolated});
	switch (answer) {
		case 'ok': {
			requestTokens++;
			return done(
				[
					result('credentials', 'credentials-ok', 'ok', [...evidence, requestTokenNote], first),
					result('proxy-url', 'proxy-url-ok', 'ok', [
						{label: 'Signed for', value: `${target.baseUrl}/ws/oauth/initiate (the public URL): the signature verified`},
					]),
				],
				'ok',
				true,
			);
		}

		case 'key-unknown': {
			return done(
				[
					result(
						'credentials',
						'consumer-key-unknown',
						'critical',
						[...evidence, {label: 'Consumer key', value: integration.consumerKey}],
						first,
					),
				],
				'bad-key',
			);
		}

		case 'nonce':
			return done([result('credentials', 'nonce-replayed', 'critical', evidence, first)], 'unchecked');
		case 'processing':
			return done([result('credentials', 'oauth-processing-error', 'critical', evidence, first)], 'unchecked');
		case 'server':
			return done([result('credentials', 'server-error', 'critical', evidence, first)], 'unchecked');
		case 'waf':
			return done([result('credentials', 'waf-blocked', 'critical', evidence, first)], 'unchecked');
		case 'malformed':
			return done(
				[
					result(
						'credentials',
						'request-rejected',
						'critical',
						[...evidence, {label: 'Meaning', value: 'the server could not read the OAuth parameters (invalid_oauth_parameters)'}],
						first,
					),
				],
				'rejected',
			);
		case 'unexpected':
			return done([result('credentials', 'unexpected-response', 'unknown', evidence, first)], 'unchecked');
		default:
			break;
	}

	// 'rejected' or 'callback': isolate the cause, unless the caller carries an earlier isolation.
	if (options.isolate === false) {
		const unisolated = answer === 'callback' ? 'callback-rejected' : 'request-rejected';
		return done([result('credentials', unisolated, 'critical', evidence, first)], 'rejected', false, false);
	}

	const uri = integration.uri?.trim() === '' ? undefined : integration.uri;
	let signWith = callback;
	if (uri !== undefined && callback !== uri) {
		const retry = await attempt(uri).catch(() => undefined);
		if (retry !== undefined && classifyInitiate(retry) === 'ok') {
			requestTokens++;
			const local = callbackAccepted(callback, uri, target.dialect);
			return done(
				[
					result(
						'credentials',
						'callback-rejected',
						'critical',
						[
							...evidence,
							{label: 'Registered URI', value: uri},
							{label: 'With the registered URI as callback', value: '200, accepted (the key, secret and URL work)'},
							{label: 'Rule', value: local.ok ? `OSCAR's REST client seems to have another URI than ${uri}` : local.message},
							requestTokenNote,
						],
						first,
					),
				],
				'rejected',
				true,
			);
		}

		signWith = uri;
	}

	if (answer === 'callback') {
		// CARLOS names a rejected callback itself, after the signature verified.
		return done(
			[
				result(
					'credentials',
					'callback-rejected',
					'critical',
					[...evidence, ...(uri ? [{label: 'Registered URI (here)', value: uri}] : [])],
					first,
				),
			],
			'rejected',
		);
	}

	const proxy = await probeProxyUrl(target, signWith, attempt);
	if (proxy.requestToken) requestTokens++;
	if (proxy.probe) return done([result('credentials', 'request-rejected', 'critical', evidence, first), proxy.probe], 'rejected');

	const tried: Evidence = {
		label: 'Tried',
		value: `the usual URLs Tomcat may see behind a proxy (${alternateBaseUrls(target.baseUrl).length}): none verified`,
	};
	// The secret is the cause when nothing else is left: the clock is in step (the probe runs only
	// then), no proxy URL verifies, and the callback cannot be it (CARLOS says so itself; classic
	// was sent the registered URI).
	if (first.status === 401 || uri !== undefined) {
		return done(
			[
				result(
					'credentials',
					'consumer-secret-wrong',
					'critical',
					[
						...evidence,
						tried,
						{
							label: 'Ruled out',
							value: `the key (OSCAR knows it), the clock (in step), the proxy URL${first.status === 401 ? '' : ` and the callback (the registered URI ${uri!} was sent)`}`,
						},
					],
					first,
				),
			],
			'rejected',
		);
	}

	return done(
		[
			result(
				'credentials',
				'request-rejected',
				'critical',
				[
					...evidence,
					tried,
					{
						label: 'Not ruled out',
						value:
							"the callback: the URI registered on OSCAR's REST Clients page is not configured here (--uri), so a rejected callback and a wrong secret look the same",
					},
				],
				first,
			),
		],
		'rejected',
	);
}

/** The URLs Tomcat may see behind a proxy: the other scheme, and the usual connector ports. */
export function alternateBaseUrls(baseUrl: string): string[] {
	const url = new URL(baseUrl);
	const path = url.pathname.replace(/\/$/, '');
	const candidates = new Set<string>();
	for (const scheme of ['https:', 'http:']) {
		for (const port of ['', '8443', '8080']) {
			const candidate = new URL(`${scheme}//${url.hostname}${port ? `:${port}` : ''}${path}`);
			candidates.add(`${candidate.protocol}//${candidate.host}${path}`);
		}
	}

	candidates.delete(`${url.protocol}//${url.host}${path}`);
	return [...candidates];
}

async function probeProxyUrl(
	target: InstanceTarget,
	callback: string,
	attempt: (callback: string, signAs?: string) => Promise<Exchange>,
): Promise<{probe?: ProbeResult; requestToken: boolean}> {
	const publicUrl = new URL(target.baseUrl);
	for (const alternate of alternateBaseUrls(target.baseUrl)) {
		const signAs = `${alternate}/ws/oauth/initiate`;
		const answer = await attempt(callback, signAs).catch(() => undefined);
		// 200: the signature made for this URL matched, so this is the URL Tomcat computes it over.
		if (answer !== undefined && classifyInitiate(answer) === 'ok') {
			const seen = new URL(alternate);
			const publicPort = publicUrl.port || (publicUrl.protocol === 'https:' ? '443' : '80');
			return {
				requestToken: true,
				probe: result(
					'proxy-url',
					'proxy-url-mismatch',
					'critical',
					[
						{label: 'Public URL', value: target.baseUrl},
						{label: 'URL Tomcat sees', value: alternate},
						{
							label: 'Tomcat connector fix',
							value: `<Connector port="${seen.port || (seen.protocol === 'https:' ? '443' : '80')}" ... scheme="${publicUrl.protocol.slice(0, -1)}" secure="${publicUrl.protocol === 'https:'}" proxyName="${publicUrl.hostname}" proxyPort="${publicPort}" />`,
						},
						requestTokenNote,
					],
					answer,
				),
			};
		}
	}

	return {requestToken: false};
}
