import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSimulator} from '../../source/simulator/index.js';
import {ensureBuilt} from './helpers/built-cli.js';
import {
	type Workspace,
	accessToken,
	cli,
	consumerKey,
	expectNoSecret,
	expectNoSecretsInAnyOutput,
	fleetInventory,
	startFleet,
	workspace,
} from './helpers/fleet.js';

let simulator: RunningSimulator;
let space: Workspace;

beforeAll(async () => {
	await ensureBuilt();
	simulator = await startFleet();
	space = workspace(fleetInventory(simulator));
});

afterAll(async () => {
	await simulator?.close();
	space?.remove();
	expectNoSecretsInAnyOutput();
});

const run = async (...args: string[]) => cli(space.configPath, args);
const servicesRequests = (instance: string) =>
	simulator.instance(instance).state.log.filter(entry => entry.path.includes('/ws/services/')).length;

describe('oscar-rest report', () => {
	it('a critical integration: Markdown with the diagnosis and numbered fix steps, no secret, quick by default', async () => {
		const result = await run('report', 'birch/labs');
		expect(result.code).toBe(0);
		const text = result.stdout;
		expect(text).toMatch(/^# Support report: birch\/labs\n/);
		expect(text).toContain('## Diagnosis');
		expect(text).toContain('rest-module-off');
		expect(text).toContain('How to fix:');
		expect(text).toMatch(/\n1\. .+\n2\. /);
		expect(text).toContain('(quick check)');
		expect(text).toContain('oscar-rest report birch/labs --deep');
		expectNoSecret(text);
	});

	it('a healthy integration: who the token acts as; a request token only to prove a configuration not proven before, and the report says so', async () => {
		const requestTokens = simulator.instance('maple').state.requestTokens.size;
		const first = await run('report', 'maple/booking');
		expect(first.code).toBe(0);
		expect(first.stdout).toContain('Acting as: 999001');
		expect(first.stdout).toContain('`ok`');
		expect(first.stdout).toMatch(/- Server state: 1 request token created by a signed request-token call that proved this configuration/);
		expect(simulator.instance('maple').state.requestTokens.size).toBe(requestTokens + 1);
		// Proven now (state file): the next quick check creates nothing, and says so.
		const second = await run('report', 'maple/booking');
		expect(second.stdout).toContain('- Server state: none created');
		expect(simulator.instance('maple').state.requestTokens.size).toBe(requestTokens + 1);
		expectNoSecret(first.stdout + second.stdout);
	});

	it('--deep runs the complete check (a signed initiate creates a request token)', async () => {
		const requestTokens = simulator.instance('maple').state.requestTokens.size;
		const result = await run('report', 'maple/kiosk', '--deep');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('(deep check)');
		expect(result.stdout).not.toContain('--deep`');
		expect(simulator.instance('maple').state.requestTokens.size).toBe(requestTokens + 1);
		expectNoSecret(result.stdout);
	});

	it('an unknown integration is a usage error', async () => {
		const result = await run('report', 'maple/nope');
		expect(result.code).toBe(64);
		expect(result.stderr).toContain('no integration maple/nope');
	});
});

describe('oscar-rest call', () => {
	it('oauth/info: skew measured first, then one signed GET; prints 200 and the identity, token and signature redacted', async () => {
		const before = simulator.requestCount();
		const result = await run('call', 'maple/booking', 'oauth/info');
		expect(result.code).toBe(0);
		expect(simulator.requestCount() - before).toBe(2);
		const [statusLine, ...rest] = result.stdout.split('\n');
		expect(statusLine).toBe('HTTP 200 OK');
		expect(rest).toContain('content-type: application/json');
		const body = JSON.parse(result.stdout.slice(result.stdout.indexOf('\n\n') + 2)) as {login: string; provider: {providerNo: string}};
		expect(body).toMatchObject({login: '999001', provider: {providerNo: '999001'}});
		expect(result.stderr).toContain('/ws/services/oauth/info');
		expect(result.stderr).toMatch(new RegExp(`> Authorization: OAuth .*oauth_consumer_key="${consumerKey('booking')}"`));
		expect(result.stderr).toContain('oauth_signature="[redacted]"');
		expect(result.stderr).toContain('oauth_token="[redacted]"');
	});

	it('--show-base-string prints the base string without the token or any secret', async () => {
		const result = await run('call', 'maple/kiosk', 'providerService/provider/me', '--show-base-string');
		expect(result.code).toBe(0);
		const line = result.stderr.split('\n').find(candidate => candidate.startsWith('Base string: '));
		expect(line).toBeDefined();
		const baseString = line!.slice('Base string: '.length);
		const [method, uri, parameters] = baseString.split('&');
		expect(method).toBe('GET');
		expect(decodeURIComponent(uri!)).toBe(`${simulator.instance('maple').baseUrl}/ws/services/providerService/provider/me`);
		const decoded = decodeURIComponent(parameters!.replace('[redacted]', 'REDACTED'));
		expect(decoded).toContain(`oauth_consumer_key=${consumerKey('kiosk')}`);
		expect(decoded).toContain('oauth_token=REDACTED');
		expect(decoded).toContain('oauth_signature_method=HMAC-SHA1');
		expect(decoded).not.toContain('oauth_signature=');
		expect(baseString).not.toContain(accessToken('kiosk'));
		expectNoSecret(result.stderr);
	});

	it('the WADL is fetched without credentials', async () => {
		const result = await run('call', 'maple/booking', '?_wadl');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^HTTP 200 OK\n/);
		expect(result.stdout).toContain('<application');
		expect(result.stderr).not.toContain('Authorization');
	});

	it.each([
		{path: 'demographicService/demographics', message: 'can return patient data, so call refuses them by default'},
		{path: '/ws/services/providerService/provider/me/../../demographicService/1', message: 'contains "." or ".." segments'},
	])('$path is refused before anything is sent', async ({path, message}) => {
		const before = simulator.requestCount();
		const result = await run('call', 'maple/booking', path);
		expect(result.code).toBe(64);
		expect(result.stderr).toContain(message);
		if (!path.includes('..')) expect(result.stderr).toContain('add --allow-any-path');
		expect(result.stdout).toBe('');
		expect(simulator.requestCount()).toBe(before);
	});

	it('refuses to send the token when the clock skew is unsafe, explaining the token deletion', async () => {
		const drift = simulator.instance('drift');
		const before = simulator.requestCount();
		const result = await run('call', 'drift/sync', 'oauth/info');
		expect(result.code).toBe(2);
		expect(simulator.requestCount() - before).toBe(1); // the unauthenticated skew probe only
		expect(result.stderr).toMatch(/clock skew is \+(59\d|60\d) s/);
		expect(result.stderr).toContain('DELETES the access token');
		expect(result.stderr).toContain('--force-skew');
		expect(result.stdout).toBe('');
		expect(servicesRequests('drift')).toBe(0);
		expect(drift.state.accessTokens.has(accessToken('sync'))).toBe(true);
	});

	it('--force-skew sends anyway, and classic OSCAR then deletes the token (why the guard exists)', async () => {
		const drift = simulator.instance('drift');
		const result = await run('call', 'drift/sync', 'oauth/info', '--force-skew');
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/^HTTP 401 Unauthorized\n/);
		expect(result.stderr).toContain('sending anyway because of --force-skew');
		expect(drift.state.accessTokens.has(accessToken('sync'))).toBe(false);
	});

	it('an integration without a token is told to authorize first', async () => {
		const result = await run('call', 'cedar/intake', 'oauth/info');
		expect(result.code).toBe(64);
		expect(result.stderr).toContain('oscar-rest connect cedar/intake');
	});

	it('an unknown flag names the fix', async () => {
		const result = await run('call', 'maple/booking', 'oauth/info', '--show-basestring');
		expect(result.code).toBe(64);
		expect(result.stderr).toContain('unknown option --show-basestring');
		expect(result.stderr).toContain('oscar-rest call --help');
	});
});
