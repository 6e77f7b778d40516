import fs from 'node:fs';
import https from 'node:https';
import {describe, expect, it, vi} from 'vitest';
import {SimulatorError, startSimulator} from '../../source/simulator/index.js';
import {creds, expectEmpty, sim} from './helpers/fixture.js';

/** GET over TLS trusting only the simulator's CA; resolves with the status or the TLS error code. */
function tlsGet(url: string, caFile: string): Promise<number | string> {
	return new Promise(resolve => {
		const request = https.get(url, {ca: fs.readFileSync(caFile), agent: false}, response => {
			response.resume();
			resolve(response.statusCode ?? 0);
		});
		request.on('error', (error: NodeJS.ErrnoException) => {
			resolve(error.code ?? error.message);
		});
	});
}

describe('scenarios', () => {
	it('rest-off: 404 "No service was found." on /ws/oauth/*, a service list without /services', async () => {
		const oscar = (await sim({scenario: 'rest-off'})).instance('oscar');
		const initiate = await fetch(`${oscar.baseUrl}/ws/oauth/initiate`);
		expect(initiate.status).toBe(404);
		expect(initiate.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await initiate.text()).toBe('<html><body>No service was found.</body></html>');
		for (const path of ['/ws/services', '/ws/services/', '/ws/services?_wadl']) {
			const list = await fetch(`${oscar.baseUrl}${path}`);
			expect(list.status).toBe(200);
			const body = await list.text();
			expect(body).toContain('CXF - Service list');
			expect(body).toContain('/ws/rs');
			expect(body).not.toContain('/ws/services');
		}

		expect((await creds(oscar).call('/ws/services/oauth/info')).status).toBe(404);
	});

	it('oauth-beans-missing: 404 on initiate while REST resources and WADL are published', async () => {
		const oscar = (await sim({scenario: 'oauth-beans-missing'})).instance('oscar');
		expect((await creds(oscar).initiate()).status).toBe(404);
		const wadl = await fetch(`${oscar.baseUrl}/ws/services?_wadl`);
		expect(await wadl.text()).toMatch(/^<\?xml/);
		expect((await creds(oscar).call('/ws/services/oauth/info')).status).toBe(200);
	});

	it('wrong-context-path: nothing at the configured path, the instance answers at another', async () => {
		const oscar = (await sim({scenario: 'wrong-context-path'})).instance('oscar');
		expect(oscar.servedUrl).toBe(oscar.baseUrl.replace(/\/oscar$/, '/oscar15'));
		for (const path of ['/', '/index.jsp', '/ws/oauth/initiate', '/ws/services?_wadl']) {
			expect((await fetch(`${oscar.baseUrl}${path}`, {redirect: 'manual'})).status).toBe(404);
		}

		expect(await (await fetch(`${oscar.servedUrl}/index.jsp`)).text()).toContain('OSCAR McMaster');
	});

	it('waf-403: a Cloudflare block page for every path', async () => {
		const oscar = (await sim({scenario: 'waf-403'})).instance('oscar');
		for (const path of ['/index.jsp', '/ws/oauth/initiate']) {
			const response = await fetch(`${oscar.baseUrl}${path}`);
			expect(response.status).toBe(403);
			expect(response.headers.get('server')).toBe('cloudflare');
			expect(await response.text()).toContain('Cloudflare Ray ID');
		}
	});

	it('proxy-mismatch: signatures verify only against the URL Tomcat sees (https://host:8443)', async () => {
		const oscar = (await sim({scenario: 'proxy-mismatch'})).instance('oscar');
		const {initiate, call, token} = creds(oscar);
		expect((await initiate()).status).toBe(400);
		expect((await initiate({signUrl: 'https://127.0.0.1:8443/oscar/ws/oauth/initiate'})).status).toBe(200);
		expect((await call('/ws/services/oauth/info', {signUrl: 'https://127.0.0.1:8443/oscar/ws/services/oauth/info'})).status).toBe(200);
		expect((await call('/ws/services/oauth/info')).status).toBe(401);
		expect(oscar.state.accessTokens.has(token.token)).toBe(false);
	});

	it('clock-offset: the Date header runs 600 s ahead (configurable) and so does the window', async () => {
		const simulator = await sim({
			fleet: {
				instances: [
					{name: 'a', scenario: 'clock-offset'},
					{name: 'b', contextPath: '/b', scenario: 'clock-offset', clockOffsetSeconds: -150},
				],
			},
		});
		const skew = async (name: string) => {
			const response = await fetch(`${simulator.instance(name).baseUrl}/ws/oauth/initiate`);
			return (Date.parse(response.headers.get('date')!) - Date.now()) / 1000;
		};

		expect(await skew('a')).toBeGreaterThan(595);
		expect(await skew('a')).toBeLessThan(602);
		expect(Math.round(await skew('b'))).toBeLessThan(-145);
		expect((await creds(simulator.instance('a')).initiate({timestamp: Math.floor(Date.now() / 1000)})).status).toBe(400);
	});

	it('slow: delays every response (2500 ms by default, latencyMs when given)', async () => {
		expect((await sim({scenario: 'slow'})).instances[0]!.spec.latencyMs).toBe(2500);
		const oscar = (await sim({scenario: 'slow', latencyMs: 150})).instance('oscar');
		const started = performance.now();
		expect((await fetch(`${oscar.baseUrl}/index.jsp`)).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('hang: reads /ws/* requests and never answers, other pages answer, close() still works', async () => {
		const simulator = await startSimulator({scenario: 'hang'});
		const oscar = simulator.instance('oscar');
		await expect(fetch(`${oscar.baseUrl}/ws/oauth/initiate`, {signal: AbortSignal.timeout(150)})).rejects.toThrow();
		expect((await fetch(`${oscar.baseUrl}/index.jsp`)).status).toBe(200);
		const pending = fetch(`${oscar.baseUrl}/ws/services/oauth/info`);
		await vi.waitFor(() => {
			expect(simulator.requestCount()).toBe(3);
		});
		await simulator.close();
		await expect(pending).rejects.toThrow();
	});

	it('huge-body: streams many MiB on initiate and oauth/info until the client stops reading', async () => {
		const oscar = (await sim({scenario: 'huge-body'})).instance('oscar');
		for (const path of ['/ws/oauth/initiate', '/ws/services/oauth/info']) {
			const response = await fetch(`${oscar.baseUrl}${path}`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-length')).toBeNull();
			const reader = response.body!.getReader();
			let received = 0;
			while (received <= 3 * 1024 * 1024) {
				const {value, done} = await reader.read();
				if (done) break;
				received += value.length;
			}

			await reader.cancel();
			expect(received).toBeGreaterThan(3 * 1024 * 1024);
		}

		expect((await fetch(`${oscar.baseUrl}/index.jsp`)).status).toBe(200);
	});

	it('redirect-login: 302 to {base}/index.jsp for everything under /ws', async () => {
		const oscar = (await sim({scenario: 'redirect-login'})).instance('oscar');
		const response = await fetch(`${oscar.baseUrl}/ws/services/oauth/info`, {redirect: 'manual'});
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe(`${oscar.baseUrl}/index.jsp`);
		expect((await fetch(`${oscar.baseUrl}/index.jsp`)).status).toBe(200);
	});

	it('serves TLS instances on their own ports: valid, self-signed, expired, wrong host', async () => {
		const simulator = await sim({
			fleet: {
				instances: [
					{name: 'plain'},
					{name: 'good', tls: true},
					{name: 'self', scenario: 'tls-self-signed'},
					{name: 'expired', scenario: 'tls-expired'},
					{name: 'host', scenario: 'tls-wrong-host'},
				],
			},
		});
		const ports = new Set(simulator.instances.map(instance => new URL(instance.baseUrl).port));
		expect(ports.size).toBe(5);
		expect(simulator.instance('plain').baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oscar$/);
		const get = async (name: string) => tlsGet(`${simulator.instance(name).baseUrl}/index.jsp`, simulator.instance(name).caFile!);
		expect(simulator.instance('good').caFile).toBe(simulator.caFile);
		expect(await get('good')).toBe(200);
		expect(await get('self')).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
		expect(await get('expired')).toBe('CERT_HAS_EXPIRED');
		expect(await get('host')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
		expect(fs.readFileSync(simulator.caFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
	});

	it('revoked-token, expired-token, wrong-user, no-provider and json-provider-missing at /ws/services', async () => {
		const simulator = await sim({
			fleet: {
				instances: ['revoked-token', 'expired-token', 'wrong-user', 'no-provider', 'json-provider-missing'].map(scenario => ({
					name: scenario,
					contextPath: `/${scenario}`,
					scenario: scenario as 'wrong-user',
				})),
			},
		});
		const info = async (name: string, path = '/ws/services/oauth/info') => creds(simulator.instance(name)).call(path);

		const revoked = simulator.instance('revoked-token');
		expect(revoked.spec.tokens[0]!.revoked).toBe(true);
		expect(revoked.state.accessTokens.size).toBe(0);
		expect((await info('revoked-token')).status).toBe(401);

		const expired = simulator.instance('expired-token');
		expect(expired.spec.tokens[0]).toMatchObject({lifetime: 3600});
		expect(expired.spec.tokens[0]!.issuedAt!).toBeLessThan(Date.now() / 1000 - 3600);
		expect((await info('expired-token')).status).toBe(401);
		expect(expired.state.accessTokens.size).toBe(0);

		expect(((await (await info('wrong-user')).json()) as {login: string}).login).toBe('100001');

		const noProvider = await info('no-provider');
		expect(noProvider.status).toBe(200);
		expect(await noProvider.text()).toBe('Sorry, there was an error building your resposne: java.lang.NullPointerException');
		const other = await info('no-provider', '/ws/services/providerService/provider/me');
		expect(other.status).toBe(401);
		await expectEmpty(other);

		const json = await info('json-provider-missing');
		expect(json.status).toBe(500);
		expect(await json.text()).toMatch(/^No message body writer has been found for response class/);
	});

	it('counts every request and rejects bad fleets clearly', async () => {
		const simulator = await sim({fleet: {instances: [{name: 'one'}, {name: 'two', contextPath: '/two'}]}});
		const before = simulator.requestCount();
		await fetch(`${simulator.instance('one').baseUrl}/index.jsp`);
		await fetch(`${simulator.instance('two').baseUrl}/index.jsp`);
		await fetch(simulator.instance('two').baseUrl.replace('/two', '/nowhere'));
		expect(simulator.requestCount() - before).toBe(3);
		expect(simulator.instance('two').state.log.map(entry => entry.path)).toEqual(['/two/index.jsp']);
		await expect(startSimulator({fleet: {instances: [{name: 'a'}, {name: 'b'}]}})).rejects.toThrow(/both use the context path \/oscar/);
		await expect(startSimulator({scenario: 'nope' as 'hang'})).rejects.toBeInstanceOf(SimulatorError);
		await expect(startSimulator({fleet: {instances: []}})).rejects.toThrow(/at least one instance/);
	});
});
