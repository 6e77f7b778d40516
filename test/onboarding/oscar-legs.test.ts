/** The adapter from source/oscar's legs to the flow's OAuthLegs, against canned loopback answers. */
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {oscarLegs} from '../../source/onboarding/oscar-legs.js';
import {httpStatusOf} from '../../source/core/onboarding/oauth-legs.js';

const answers = new Map<string, {status: number; body: string; type?: string}>();
const seen: Array<{method: string; url: string; authorization: string}> = [];
let server: http.Server;
let baseUrl = '';

beforeAll(async () => {
	server = http.createServer((request, response) => {
		seen.push({method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization ?? ''});
		const answer = answers.get((request.url ?? '').split('?')[0]!) ?? {status: 404, body: ''};
		response.writeHead(answer.status, answer.type ? {'Content-Type': answer.type} : {});
		response.end(answer.body);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oscar`;
});

afterAll(async () => {
	await new Promise(resolve => server.close(resolve));
});

const integration = {id: 'a/b', instance: 'a', name: 'b', consumerKey: 'key0000000000000', consumerSecret: 'ADAPTER-SECRET-1'};
const accessToken = {token: 'at', tokenSecret: 'ADAPTER-TOKEN-SECRET'};

describe('oscarLegs', () => {
	it('gets a request token with the callback, signed, and builds the authorize URL', async () => {
		answers.set('/oscar/ws/oauth/initiate', {
			status: 200,
			body: 'oauth_token=rt&oauth_token_secret=rts&oauth_callback_confirmed=true',
			type: 'application/x-www-form-urlencoded',
		});
		const legs = oscarLegs();
		await expect(legs.requestToken({name: 'a', baseUrl}, integration, {callback: 'http://127.0.0.1:8765/callback'})).resolves.toEqual({
			token: 'rt',
			tokenSecret: 'rts',
		});
		const request = seen.at(-1)!;
		expect(request.authorization).toContain('oauth_callback="http%3A%2F%2F127.0.0.1%3A8765%2Fcallback"');
		expect(request.authorization).not.toContain(integration.consumerSecret);
		expect(legs.authorizeUrl({name: 'a', baseUrl}, 'rt')).toBe(`${baseUrl}/ws/oauth/authorize?oauth_token=rt`);
	});

	it('carries the HTTP status of a refused initiate (the flow diagnoses 401 vs 400 from it)', async () => {
		answers.set('/oscar/ws/oauth/initiate', {status: 401, body: ''});
		const error = await oscarLegs()
			.requestToken({name: 'a', baseUrl}, integration, {callback: 'oob'})
			.catch((error_: unknown) => error_);
		expect(httpStatusOf(error)).toBe(401);
	});

	it('reads oauth/info: identity, OSCAR\'s "Sorry" text, and a 401', async () => {
		answers.set('/oscar/ws/services/oauth/info', {
			status: 200,
			type: 'application/json',
			body: JSON.stringify({
				provider: {providerNo: '999001', firstName: 'Booking', lastName: 'App', formattedName: 'App, Booking'},
				login: '999001',
				roles: [],
			}),
		});
		await expect(oscarLegs().oauthInfo({name: 'a', baseUrl}, integration, {accessToken})).resolves.toMatchObject({
			kind: 'identity',
			identity: {providerNo: '999001', name: 'App, Booking'},
		});
		expect(seen.at(-1)).toMatchObject({method: 'GET'});
		expect(seen.at(-1)!.authorization).toContain('oauth_token="at"');
		answers.set('/oscar/ws/services/oauth/info', {
			status: 200,
			type: 'text/plain',
			body: 'Sorry, there was an error building your resposne: java.lang.NullPointerException',
		});
		await expect(oscarLegs().oauthInfo({name: 'a', baseUrl}, integration, {accessToken})).resolves.toEqual({kind: 'no-provider'});
		answers.set('/oscar/ws/services/oauth/info', {status: 401, body: ''});
		const error = await oscarLegs()
			.oauthInfo({name: 'a', baseUrl}, integration, {accessToken})
			.catch((error_: unknown) => error_);
		expect(httpStatusOf(error)).toBe(401);
	});
});
