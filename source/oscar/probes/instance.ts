/**
 * Instance-level probes, run once per instance per check and shared by its integrations.
 * The quick probe is ONE unauthenticated request (GET {base}/ws/oauth/initiate): it proves
 * reachability and TLS, tells whether the REST module is on, and its Date header gives the
 * clock skew that decides whether a token may be sent at all.
 */
import type {Fingerprint, InstanceReport, ProbeResult} from '../../core/report.js';
import {type Exchange, NetworkFailure, header, httpClientFor} from '../http.js';
import {endpoints} from '../url.js';
import {exchangeEvidence, excerpt, failureResult, htmlTitle, isHtml, result, slowResponseMs} from './evidence.js';
import type {InstanceTarget, ProbeOptions} from './types.js';

import {measureSkewSeconds, skewWarnSeconds, skewWindowSeconds} from '../../core/token-guard.js';

/** OSCAR's +-300 s window; a token is not sent from 240 s on (core/token-guard.ts), and 120 s is worth a warning. */
export {skewRefuseSeconds, skewWarnSeconds, skewWindowSeconds} from '../../core/token-guard.js';

const contextPathGuesses = ['/oscar', '/oscar15', '/oscar12', '/oscar19', '/kaiemr', '/carlos'];

export async function probeInstance(target: InstanceTarget, options: ProbeOptions = {}): Promise<InstanceReport> {
	const client = httpClientFor(target);
	const now = options.now ?? Date.now;
	const request = (url: string) => client.request({method: 'GET', url, ...requestOptions(options)});
	const probes: ProbeResult[] = [];
	let restModule: InstanceReport['restModule'] = 'unknown';

	const started = now();
	let exchange: Exchange;
	try {
		exchange = await request(endpoints(target.baseUrl).initiate);
	} catch (error) {
		if (!(error instanceof NetworkFailure)) throw error;
		probes.push(failureResult('rest-module', error));
		return {instance: target.name, baseUrl: target.baseUrl, checkedAt: started, restModule, probes};
	}

	const latencyMs = exchange.timings.total;
	if (target.insecureTls && target.baseUrl.startsWith('https:')) {
		probes.push(
			result(
				'rest-module',
				'tls-insecure-accepted',
				'warning',
				[{label: 'TLS verification', value: 'disabled for this instance by its insecureTls flag'}],
				exchange,
			),
		);
	}

	const date = header(exchange, 'date');
	const skewSeconds = measureSkewSeconds(date, now() - (exchange.timings.total ?? 0) / 2);
	if (skewSeconds === undefined) {
		probes.push(result('clock-skew', 'clock-unmeasured', 'unknown', [{label: 'Date header', value: date ?? '(missing)'}], exchange));
	} else {
		probes.push(skewResult(skewSeconds, date!, exchange));
	}

	const rest = await classifyInitiate(target, exchange, request);
	restModule = rest.restModule;
	probes.push(rest.probe);
	if (exchange.tooLarge) probes.push(result('rest-module', 'body-too-large', 'critical', exchangeEvidence(exchange), exchange));
	if (latencyMs !== undefined && latencyMs > slowResponseMs) {
		probes.push(
			result(
				'rest-module',
				'slow-response',
				'warning',
				[{label: 'Response time', value: `${Math.round(latencyMs)} ms (over ${slowResponseMs} ms)`}],
				exchange,
			),
		);
	}

	let fingerprint: Fingerprint | undefined;
	if (options.deep) {
		const found = await probeFingerprint(target, request);
		probes.push(found.probe);
		fingerprint = found.fingerprint;
	}

	return {
		instance: target.name,
		baseUrl: target.baseUrl,
		checkedAt: started,
		restModule,
		...(skewSeconds === undefined ? {} : {skewSeconds}),
		...(fingerprint ? {fingerprint} : {}),
		...(latencyMs === undefined ? {} : {latencyMs}),
		probes,
	};
}

function requestOptions(options: ProbeOptions) {
	return {
		...(options.signal ? {signal: options.signal} : {}),
		...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
		...(options.maxBodyBytes === undefined ? {} : {maxBodyBytes: options.maxBodyBytes}),
	};
}

function skewResult(skewSeconds: number, date: string, exchange?: Exchange): ProbeResult {
	const magnitude = Math.abs(skewSeconds);
	const evidence = [
		{
			label: 'Clock skew',
			value:
				skewSeconds === 0
					? '0 s (in step)'
					: `${skewSeconds > 0 ? '+' : ''}${skewSeconds} s (server ${skewSeconds > 0 ? 'ahead' : 'behind'})`,
		},
		{label: 'Server Date', value: date},
		{label: 'OSCAR window', value: `+-${skewWindowSeconds} s`},
	];
	if (magnitude >= skewWindowSeconds) return result('clock-skew', 'clock-skew', 'critical', evidence, exchange);
	if (magnitude >= skewWarnSeconds) return result('clock-skew', 'clock-skew-near', 'warning', evidence, exchange);
	return result('clock-skew', 'clock-ok', 'ok', evidence, exchange);
}

type Request = (url: string) => Promise<Exchange>;

async function tryRequest(request: Request, url: string): Promise<Exchange | undefined> {
	try {
		return await request(url);
	} catch (error) {
		if (error instanceof NetworkFailure) return undefined;
		throw error;
	}
}

/** What the unauthenticated initiate answer says about the REST module. */
async function classifyInitiate(
	target: InstanceTarget,
	exchange: Exchange,
	request: Request,
): Promise<{restModule: InstanceReport['restModule']; probe: ProbeResult}> {
	const evidence = exchangeEvidence(exchange, 'Probe');
	const body = exchange.body;
	const status = exchange.status;
	// Classic answers 400 (required OAuth parameters missing); CARLOS 400 or 405 (POST only) with a text/plain code.
	if (status === 400 || (status === 405 && !isHtml(exchange)) || (status === 401 && /invalid_|authentication_required/.test(body))) {
		return {restModule: 'on', probe: result('rest-module', 'rest-module-on', 'ok', evidence, exchange)};
	}

	if (status >= 300 && status < 400) {
		return {restModule: 'unknown', probe: result('rest-module', 'redirect-to-login', 'critical', evidence, exchange)};
	}

	if (status === 403) {
		const title = htmlTitle(body);
		return {
			restModule: 'unknown',
			probe: result(
				'rest-module',
				'waf-blocked',
				'critical',
				[...evidence, ...(title ? [{label: 'Page title', value: title}] : [])],
				exchange,
			),
		};
	}

	if (status === 404 && /No service was found/i.test(body)) {
		// Module off, or on with the OAuth beans missing: the WADL tells them apart.
		const wadl = await tryRequest(request, endpoints(target.baseUrl).wadl);
		const wadlIsXml = wadl !== undefined && wadl.status === 200 && /<application[\s>]/.test(wadl.body);
		const wadlEvidence = wadl
			? [
					{
						label: 'WADL (?_wadl)',
						value: `${wadl.status} ${wadlIsXml ? 'XML: REST resources published' : `${header(wadl, 'content-type') ?? ''} ${excerpt(wadl.body, 60)}`}`,
					},
				]
			: [];
		return wadlIsXml
			? {restModule: 'on', probe: result('rest-module', 'oauth-beans-missing', 'critical', [...evidence, ...wadlEvidence], exchange)}
			: {restModule: 'off', probe: result('rest-module', 'rest-module-off', 'critical', [...evidence, ...wadlEvidence], exchange)};
	}

	if (status === 404) return {restModule: 'unknown', probe: await contextPathProbe(target, exchange, request, evidence)};
	if (status >= 500) return {restModule: 'unknown', probe: result('rest-module', 'server-error', 'critical', evidence, exchange)};
	return {restModule: 'unknown', probe: result('rest-module', 'unexpected-response', 'unknown', evidence, exchange)};
}

/** A plain 404 at {base}/ws/oauth/initiate: is anything OSCAR at this context path, or next to it? */
async function contextPathProbe(
	target: InstanceTarget,
	exchange: Exchange,
	request: Request,
	evidence: ReturnType<typeof exchangeEvidence>,
): Promise<ProbeResult> {
	const base = new URL(target.baseUrl);
	const index = await tryRequest(request, endpoints(target.baseUrl).index);
	const extra = [{label: `${base.pathname || '/'}/index.jsp`, value: index ? String(index.status) : 'no answer'}];
	if (index?.status === 200 && /OSCAR|buildInfo/i.test(index.body)) {
		// OSCAR is here but the web services are not: the OAuth/REST servlets did not register.
		return result('rest-module', 'oauth-beans-missing', 'critical', [...evidence, ...extra], exchange);
	}

	for (const guess of contextPathGuesses) {
		if (guess === base.pathname) continue;
		const candidate = `${base.origin}${guess}`;
		const answer = await tryRequest(request, endpoints(candidate).initiate);
		if (answer && (answer.status === 400 || answer.status === 405 || /No service was found/.test(answer.body))) {
			extra.push({label: 'OSCAR answers at', value: candidate});
			break;
		}
	}

	return result('rest-module', 'wrong-context-path', 'critical', [...evidence, ...extra], exchange);
}

async function probeFingerprint(target: InstanceTarget, request: Request): Promise<{probe: ProbeResult; fingerprint?: Fingerprint}> {
	const exchange = await tryRequest(request, endpoints(target.baseUrl).index);
	if (!exchange) return {probe: result('fingerprint', 'unexpected-response', 'unknown', [{label: 'index.jsp', value: 'no answer'}])};
	const title = htmlTitle(exchange.body);
	const build = /<span id="buildInfo">([\s\S]*?)<\/span>/i.exec(exchange.body)?.[1] ?? '';
	const buildDate = /build date:\s*([^<\n]*)/i.exec(build)?.[1]?.trim();
	const buildTag = /build tag:\s*([^<\n]*)/i.exec(build)?.[1]?.trim();
	const fingerprint: Fingerprint = {...(title ? {title} : {}), ...(buildTag ? {buildTag} : {}), ...(buildDate ? {buildDate} : {})};
	const evidence = [
		{label: 'index.jsp', value: String(exchange.status)},
		{label: 'Title', value: title ?? '(none)'},
		...(buildTag ? [{label: 'Build tag', value: buildTag}] : []),
		...(buildDate ? [{label: 'Build date', value: buildDate}] : []),
	];
	const looksLikeOscar = exchange.status === 200 && (title !== undefined || build !== '');
	return {
		probe: result(
			'fingerprint',
			looksLikeOscar ? 'fingerprint-ok' : 'unexpected-response',
			looksLikeOscar ? 'ok' : 'unknown',
			evidence,
			exchange,
		),
		fingerprint,
	};
}
