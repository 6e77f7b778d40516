/**
 * Small response helpers. Every simulated response carries a `Date` header from the instance's
 * clock (offset included), because that header is how clients measure clock skew.
 */
import type http from 'node:http';
import {randomBytes} from 'node:crypto';
import {parseFormEncoded, type Param} from './verify.js';

export interface Reply {
	status: number;
	headers?: Record<string, string | string[]>;
	body?: string;
}

/** Write a reply; `nowMs` undefined sends no Date header at all (a proxy that strips it). */
export function send(response: http.ServerResponse, nowMs: number | undefined, reply: Reply): void {
	if (response.headersSent || response.destroyed) return;
	const body = reply.body ?? '';
	response.statusCode = reply.status;
	if (nowMs === undefined) response.sendDate = false;
	else response.setHeader('Date', new Date(nowMs).toUTCString());
	for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
	response.setHeader('Content-Length', Buffer.byteLength(body));
	response.end(body);
}

/** CXF's error answer on /ws/oauth/*: no body, no Content-Type. */
export function empty(status: number, headers?: Record<string, string>): Reply {
	return {status, headers};
}

export function html(status: number, body: string, headers?: Record<string, string | string[]>): Reply {
	return {status, headers: {'Content-Type': 'text/html;charset=UTF-8', ...headers}, body};
}

export function text(status: number, body: string, headers?: Record<string, string>): Reply {
	return {status, headers: {'Content-Type': 'text/plain;charset=UTF-8', ...headers}, body};
}

export function json(status: number, value: unknown, headers?: Record<string, string | string[]>): Reply {
	return {status, headers: {'Content-Type': 'application/json', ...headers}, body: JSON.stringify(value)};
}

export function redirect(status: number, location: string, headers?: Record<string, string | string[]>): Reply {
	return {status, headers: {Location: location, ...headers}};
}

/** Parse the request's form body (only when form-encoded); bad encoding yields no fields. */
export function formFields(contentType: string | undefined, body: string): Map<string, string> {
	const fields = new Map<string, string>();
	if ((contentType ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/x-www-form-urlencoded') return fields;
	let params: Param[] = [];
	try {
		params = parseFormEncoded(body);
	} catch {
		return fields;
	}

	for (const [name, value] of params) if (!fields.has(name)) fields.set(name, value);
	return fields;
}

export function queryFields(target: string): Map<string, string> {
	const fields = new Map<string, string>();
	const index = target.indexOf('?');
	if (index === -1) return fields;
	try {
		for (const [name, value] of parseFormEncoded(target.slice(index + 1))) if (!fields.has(name)) fields.set(name, value);
	} catch {
		// A malformed query is treated as absent.
	}

	return fields;
}

export function cookie(header: string | undefined, name: string): string | undefined {
	for (const part of (header ?? '').split(';')) {
		const [key, ...rest] = part.trim().split('=');
		if (key === name) return rest.join('=');
	}

	return undefined;
}

/** A random id from lowercase letters and digits. */
export function randomId(length = 16): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = randomBytes(length);
	let out = '';
	for (const byte of bytes) out += alphabet[byte % alphabet.length];
	return out;
}

export function escapeHtml(value: string): string {
	return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
