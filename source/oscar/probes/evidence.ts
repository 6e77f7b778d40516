/** Small helpers that turn an HTTP exchange into probe results with evidence. */
import type {Evidence, ProbeName, ProbeResult, Severity} from '../../core/report.js';
import {type Exchange, NetworkFailure, header} from '../http.js';

export const slowResponseMs = 2000;

export function result(probe: ProbeName, code: string, severity: Severity, evidence: readonly Evidence[], exchange?: Exchange, skipped = false): ProbeResult {
	return {probe, code, severity, evidence, ...(exchange ? {timings: exchange.timings} : {}), ...(skipped ? {skipped} : {})};
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
	evidence.push({label: 'Body', value: exchange.tooLarge ? `over ${exchange.bodyBytes} bytes (stopped reading)` : exchange.bodyBytes === 0 ? '(empty)' : excerpt(exchange.body)});
	if (exchange.timings.total !== undefined) evidence.push({label: 'Time', value: `${Math.round(exchange.timings.total)} ms`});
	return evidence;
}

export function failureResult(probe: ProbeName, failure: NetworkFailure): ProbeResult {
	return result(probe, failure.code, failure.code === 'cancelled' ? 'unknown' : 'critical', [...failure.evidence, {label: 'Finding', value: failure.message}]);
}

export function excerpt(body: string, max = 160): string {
	const text = body.replaceAll(/<[^>]*>/g, ' ').replaceAll(/\s+/g, ' ').trim();
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
