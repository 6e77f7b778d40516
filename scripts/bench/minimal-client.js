// The in-process baseline for the bulk check: got directly plus the project's signRequest, sending
// exactly the engine's quick-check requests (one unsigned initiate per instance, then one signed
// oauth/info per integration) under the same limits (global, and per host:port), FIFO like the
// engine's limiter. No diagnosis, no reports: the floor a bulk checker cannot go under.
import http from 'node:http';
import {URL} from 'node:url';
import got from 'got';
import {signRequest} from '../../dist/oscar/oauth.js';

function createLimiter(global, perHost) {
	let active = 0;
	const perHostActive = new Map();
	const queue = [];
	const canStart = host => active < global && (perHostActive.get(host) ?? 0) < perHost;
	const take = host => {
		active++;
		perHostActive.set(host, (perHostActive.get(host) ?? 0) + 1);
	};

	const drain = () => {
		for (let index = 0; index < queue.length && active < global;) {
			const waiter = queue[index];
			if (canStart(waiter.host)) {
				queue.splice(index, 1);
				take(waiter.host);
				waiter.start();
			} else {
				index++;
			}
		}
	};

	return async (host, task) => {
		if (canStart(host)) take(host);
		else await new Promise(resolve => queue.push({host, start: resolve}));
		try {
			return await task();
		} finally {
			active--;
			perHostActive.set(host, perHostActive.get(host) - 1);
			drain();
		}
	};
}

/** One request; a reset on a reused keep-alive socket is sent once more on a fresh one (re-signed), as the CLI does. */
async function send(client, make, counters) {
	const first = make();
	try {
		return await client(first.url, {headers: first.headers});
	} catch (error) {
		if (error.code !== 'ECONNRESET' || error.request?.reusedSocket !== true) throw error;
		counters.retries++;
		const again = make();
		const fresh = new http.Agent({keepAlive: false});
		try {
			return await client(again.url, {headers: again.headers, agent: {http: fresh}});
		} finally {
			fresh.destroy();
		}
	}
}

/**
 * Check every integration of `inventory`; resolves with the number of answers that were not the
 * expected ones (initiate 400, oauth/info 200), which must be 0 for the timing to count, and the
 * number of requests retried after a keep-alive reset.
 */
export async function minimalBulkCheck(inventory, {concurrency, perHost}) {
	const agent = new http.Agent({keepAlive: true, maxSockets: 8});
	const client = got.extend({retry: {limit: 0}, throwHttpErrors: false, followRedirect: false, agent: {http: agent}});
	const limit = createLimiter(concurrency, perHost);
	const counters = {unexpected: 0, retries: 0};
	try {
		await Promise.all(
			inventory.instances.map(async instance => {
				const host = new URL(instance.baseUrl).host;
				const initiate = await limit(host, async () =>
					send(client, () => ({url: `${instance.baseUrl}/ws/oauth/initiate`, headers: {}}), counters),
				);
				if (initiate.statusCode !== 400) counters.unexpected++;
				await Promise.all(
					instance.integrations.map(async integration => {
						const sign = () =>
							signRequest({
								method: 'GET',
								url: `${instance.baseUrl}/ws/services/oauth/info`,
								consumer: {key: integration.consumerKey, secret: integration.consumerSecret},
								token: {key: integration.accessToken, secret: integration.tokenSecret},
							});
						const info = await limit(host, async () => send(client, sign, counters));
						if (info.statusCode !== 200) counters.unexpected++;
					}),
				);
			}),
		);
	} finally {
		agent.destroy();
	}

	return counters;
}
