/**
 * Small helpers that turn an HTTP exchange into probe results with evidence. `result` is the one
 * door every probe result goes through: there, every oauth_token_secret, oauth_verifier and
 * oauth_signature value in the evidence is redacted, whatever the step that saw it.
 */
import {redactOAuthValues, stackTraceTop} from '../../core/evidence-text.js';
import type {Evidence, ProbeName, ProbeResult, Severity, Timings} from '../../core/report.js';
import {type Exchange, NetworkFailure, header} from '../http.js';

export const slowResponseMs = 2000;

/** A probe result; `timing` is the exchange it is about, or the timings of a request that failed. */
export function result(
	probe: ProbeName,
	code: string,
	severity: Severity,
	evidence: readonly Evidence[],
	timing?: Exchange | Timings,
	skipped = false,
): ProbeResult {
	const timings = timing === undefined ? undefined : 'timings' in timing ? timing.timings : timing;
	return {
		probe,
		code,
		severity,
		evidence: evidence.map(item => ({label: item.label, value: redactOAuthValues(item.value)})),
		...(timings ? {timings} : {}),
		...(skipped ? {skipped} : {}),
	};
}

/** Status line, interesting headers and a short body excerpt: what a support desk wants to see. */
export function exchangeEvidence(exchange: Exchange, label = 'Request'): Evidence[] {
	const evidence: Evidence[] = [
		{label, value: `${exchange.method} ${stripQuery(exchange.url)}`},
		{label: 'HTTP status', value: String(exchange.status)},
	];
	const contentType = header(exchange, 'content-type');
	evidence.push({label: 'Content-Type', value: contentType ?? '(none)'});
	const location = header(exchange, 'location');
	if (location) evidence.push({label: 'Location', value: location});
	const authenticate = header(exchange, 'www-authenticate');
	if (authenticate) evidence.push({label: 'WWW-Authenticate', value: authenticate});
	const server = header(exchange, 'server');
	if (server) evidence.push({label: 'Server', value: server});
	evidence.push({
		label: 'Body',
		value: exchange.tooLarge
			? `over ${exchange.bodyBytes} bytes (stopped reading)`
			: exchange.bodyBytes === 0
				? '(empty)'
				: excerpt(exchange.body),
	});
	if (exchange.timings.total !== undefined) evidence.push({label: 'Time', value: `${Math.round(exchange.timings.total)} ms`});
	evidence.push(...retryEvidence(exchange));
	return evidence;
}

/** A line saying the request was sent twice (a keep-alive reset), so retries are counted in every report. */
export function retryEvidence(exchange: Exchange): Evidence[] {
	return exchange.retries > 0
		? [
				{
					label: 'Retried',
					value: `${exchange.retries} (a reused keep-alive connection was reset before any answer; sent again on a fresh one)`,
				},
			]
		: [];
}

/** A request that failed at the network level; `elapsedMs` is how long it took to fail (the step's time). */
export function failureResult(probe: ProbeName, failure: NetworkFailure, elapsedMs?: number): ProbeResult {
	return result(
		probe,
		failure.code,
		failure.code === 'cancelled' ? 'unknown' : 'critical',
		[...failure.evidence, {label: 'Finding', value: failure.message}],
		elapsedMs === undefined ? undefined : {total: elapsedMs},
	);
}

/** A short, one-line excerpt of a body; a Java stack trace is cut to its exception and top frame. */
export function excerpt(body: string, max = 160): string {
	const top = stackTraceTop(body);
	if (top) return `${top.length > max ? `${top.slice(0, max)}...` : top} (stack trace, top frame only)`;
	const text = body
		.replaceAll(/<[^>]*>/g, ' ')
		.replaceAll(/\s+/g, ' ')
		.trim();
	return text.length > max ? `${text.slice(0, max)}...` : text || '(markup only)';
}

/** Never show query strings in evidence: they may carry oauth_* parameters. */
function stripQuery(url: string): string {
	const index = url.indexOf('?');
	return index === -1 ? url : `${url.slice(0, index)}?...`;
}

export function isHtml(exchange: Exchange): boolean {
	return /html/i.test(header(exchange, 'content-type') ?? '') || /^\s*<(?:!doctype|html)/i.test(exchange.body);
}

export function htmlTitle(body: string): string | undefined {
	return /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
}
