import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {chromium} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {creds, sim} from './helpers/fixture.js';
import {formAnswer} from './helpers/signer.js';
import {chromiumPath} from '../helpers/chromium.js';

describe('consent page in a real browser', () => {
	it('logs in through the inline script (login.do via fetch), reloads, authorizes and lands on the callback', async () => {
		const callbackServer = http.createServer((_request, response) => {
			response.end('callback reached');
		});
		await new Promise<void>(resolve => {
			callbackServer.listen(0, '127.0.0.1', resolve);
		});
		const callbackOrigin = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}`;
		const oscar = (
			await sim({
				fleet: {
					instances: [
						{name: 'oscar', clients: [{name: 'App', key: 'browserclient001', secret: 'browser-secret', uri: callbackOrigin, lifetime: -1}]},
					],
				},
			})
		).instance('oscar');
		const {oauth_token: token} = formAnswer(
			await (await creds(oscar).initiate({oauth: {oauth_callback: `${callbackOrigin}/callback`}})).text(),
		);
		const browser = await chromium.launch({executablePath: chromiumPath(), headless: true, args: ['--no-sandbox']});
		try {
			const page = await browser.newPage();
			await page.goto(`${oscar.baseUrl}/ws/oauth/authorize?oauth_token=${token!}`);
			expect(await page.title()).toBe('Login and Authorize 3rd party application');
			await page.fill('#username', 'bookingapp');
			await page.fill('#password', 'wrong');
			await page.fill('#pin', '2468');
			await page.click('#login');
			await page.locator('#loginError', {hasText: 'Invalid Credentials'}).waitFor();
			await page.fill('#password', 'Booking-App-2024!');
			await page.click('#login');
			await page.waitForSelector('#welcome');
			expect(await page.textContent('#welcome')).toBe('Welcome Booking App');
			expect(oscar.state.requestTokens.get(token!)!.providerNo).toBe('999001');
			await Promise.all([
				page.waitForURL(url => url.href.startsWith(`${callbackOrigin}/callback?oauth_verifier=`)),
				page.click('#authorize'),
			]);
			const url = new URL(page.url());
			expect(url.searchParams.get('oauth_token')).toBe(token);
			expect(url.searchParams.get('oauth_verifier')).toBe(oscar.state.requestTokens.get(token!)!.verifier);
		} finally {
			await browser.close();
			callbackServer.closeAllConnections();
			callbackServer.close();
		}
	});
});
