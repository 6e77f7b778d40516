/**
 * The shell commands a diagnosis' fix steps name (`nslookup HOST`, `openssl s_client -connect
 * HOST:PORT`), with the placeholders filled in for one instance, so `y` in the detail view copies a
 * command that runs as it is.
 */

import {fillTemplate} from './fix-steps.js';

interface FixTarget {
	readonly baseUrl: string;
	readonly caFile?: string;
}

function placeholders(target: FixTarget): Readonly<Record<string, string | undefined>> {
	let url: URL | undefined;
	try {
		url = new URL(target.baseUrl);
	} catch {
		url = undefined;
	}

	const port = url ? url.port || (url.protocol === 'http:' ? '80' : '443') : undefined;
	return {HOST: url?.hostname, PORT: port, URL: target.baseUrl, FILE: target.caFile};
}

/** Every `...` span of the fix steps, in order, placeholders filled (a span whose placeholder is unknown keeps it). */
export function fixCommands(fix: readonly string[], target: FixTarget): string[] {
	const values = placeholders(target);
	const commands: string[] = [];
	for (const step of fix) {
		// Catalogue steps are templates ({host}, ...): filled here too, so raw and rendered steps both work.
		for (const match of fillTemplate(step, {baseUrl: target.baseUrl}).matchAll(/`([^`]+)`/g)) {
			const command = match[1]!.replace(/\b(HOST|PORT|URL|FILE)\b/g, name => values[name] ?? name);
			if (!commands.includes(command)) commands.push(command);
		}
	}

	return commands;
}
