// The baseline for `check --json` of one integration: the same two requests (unsigned initiate,
// signed oauth/info) with got and the project's signRequest, printed as JSON. Input via env:
// BENCH_BASE_URL, BENCH_CONSUMER_KEY, BENCH_CONSUMER_SECRET, BENCH_TOKEN, BENCH_TOKEN_SECRET.
import process from 'node:process';
import got from 'got';
import {signRequest} from '../../dist/oscar/oauth.js';

const env = process.env;
const base = env.BENCH_BASE_URL;
const initiate = await got(`${base}/ws/oauth/initiate`, {throwHttpErrors: false, retry: {limit: 0}});
const signed = signRequest({
	method: 'GET',
	url: `${base}/ws/services/oauth/info`,
	consumer: {key: env.BENCH_CONSUMER_KEY, secret: env.BENCH_CONSUMER_SECRET},
	token: {key: env.BENCH_TOKEN, secret: env.BENCH_TOKEN_SECRET},
});
const info = await got(signed.url, {headers: signed.headers, throwHttpErrors: false, retry: {limit: 0}});
process.stdout.write(`${JSON.stringify({initiate: initiate.statusCode, info: info.statusCode, identity: JSON.parse(info.body)}, null, 2)}\n`);
