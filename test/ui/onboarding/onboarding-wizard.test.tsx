import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import React, {useState} from 'react';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {Instance, Integration} from '../../../source/core/model.js';
import {emptyProgress, type OnboardingProgress} from '../../../source/core/onboarding/progress.js';
import {runAuthorization} from '../../../source/onboarding/authorize-flow.js';
import type {OAuthLegs} from '../../../source/core/onboarding/oauth-legs.js';
import type {Identity} from '../../../source/core/report.js';
import {parseIdentity} from '../../../source/oscar/probes/integration.js';
import {actingInfoBody, providerCases} from '../../helpers/provider-identity-cases.js';
import {OnboardingWizard, type CredentialsPatch} from '../../../source/ui/onboarding/onboarding-wizard.js';
import {matchWizardKey, onboardingKeys} from '../../../source/ui/onboarding/wizard-keys.js';
import type {SavedToken, WizardServices} from '../../../source/ui/onboarding/wizard-services.js';

const keys = {up: '\u001B[A', down: '\u001B[B', enter: '\r', escape: '\u001B', space: ' '};

const integration: Integration = {
	name: 'booking',
	consumerKey: '',
	consumerSecret: '',
	tags: [],
	uri: 'http://localhost:8765',
	expectedProvider: '999001',
};
const instance: Instance = {name: 'clinic-a', baseUrl: 'https://emr.clinic.test:8443/oscar', integrations: [integration]};
const SECRET = 'Sekr1t-PASTE-zz42';
const TOKEN_SECRET = 'TOKEN-SECRET-qq77';

interface Recorded {
	progress: OnboardingProgress[];
	credentials: CredentialsPatch[];
	tokens: SavedToken[];
	closed: number;
}

function setup(
	services: WizardServices,
	options: {
		progress?: OnboardingProgress;
		integration?: Integration;
		isActive?: boolean;
		control?: {setActive?: (value: boolean) => void};
	} = {},
) {
	const recorded: Recorded = {progress: [], credentials: [], tokens: [], closed: 0};
	function Harness() {
		const [progress, setProgress] = useState(options.progress ?? emptyProgress);
		const [active, setActive] = useState(options.isActive ?? true);
		if (options.control) options.control.setActive = setActive;
		return (
			<OnboardingWizard
				instance={instance}
				integration={options.integration ?? integration}
				progress={progress}
				isActive={active}
				services={{env: {DISPLAY: ':0'}, ...services}}
				onProgress={next => {
					recorded.progress.push(next);
					setProgress(next);
				}}
				onSaveCredentials={patch => {
					recorded.credentials.push(patch);
				}}
				onSaveToken={token => {
					recorded.tokens.push(token);
				}}
				onClose={() => {
					recorded.closed++;
				}}
			/>
		);
	}

	const app = render(<Harness />);
	const frame = () => app.lastFrame() ?? '';
	const see = async (text: string | RegExp) =>
		vi.waitFor(() => {
			if (typeof text === 'string') expect(frame()).toContain(text);
			else expect(frame()).toMatch(text);
		});
	const press = async (key: string, expectation: string | RegExp) => {
		app.stdin.write(key);
		await see(expectation);
	};

	return {app, recorded, frame, see, press, all: () => app.frames.join('\n')};
}

async function press2(
	app: {stdin: {write(data: string): void}},
	key: string,
	text: string,
	see: (text: string) => Promise<unknown>,
): Promise<void> {
	app.stdin.write(key);
	await see(text);
}

let dir = '';
beforeEach(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'wizard-'));
});
afterEach(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('OnboardingWizard', () => {
	it('lists the nine steps with words, moves with n/p/arrows, marks done and closes', async () => {
		const {app, recorded, see, press, frame} = setup({});
		await see('Step 1: Dedicated user');
		for (const title of [
			'Dedicated user',
			'Roles',
			'REST module',
			'Open REST Clients',
			'Add New',
			'Client fields',
			'Add Client',
			'Key and secret',
			'OAuth authorization',
		]) {
			expect(frame()).toContain(title);
		}

		expect(frame()).toContain('to do');
		expect(frame()).toContain('0/9 done, next: step 1');
		await press(keys.enter, '1/9 done, next: step 2');
		expect(recorded.progress.at(-1)?.[1]?.status).toBe('done');
		await press('n', 'Step 2: Roles');
		await press(keys.down, 'Step 3: REST module');
		await press(keys.up, 'Step 2: Roles');
		await press('p', 'Step 1: Dedicated user');
		await press('p', 'already at the first step');
		await press(keys.space, '0/9 done, next: step 1');
		app.stdin.write(keys.escape);
		await vi.waitFor(() => expect(recorded.closed).toBe(1));
		app.unmount();
	});

	it('ignores keys while another overlay is active (isActive false)', async () => {
		const control: {setActive?: (value: boolean) => void} = {};
		const {app, see, recorded} = setup({}, {isActive: false, control});
		const rawMode: boolean[] = [];
		(app.stdin as unknown as {setRawMode: (value: boolean) => void}).setRawMode = (value: boolean) => {
			rawMode.push(value);
		};

		await see('Step 1: Dedicated user');
		app.stdin.write('n');
		app.stdin.write(keys.enter);
		app.stdin.write(keys.escape);
		expect(rawMode).toEqual([]);
		control.setActive!(true);
		// useInput turns raw mode on in the same commit as it attaches its listener.
		await vi.waitFor(() => expect(rawMode).toEqual([true]));
		// Input is processed in order: landing on step 2 (not 3) proves the first n was ignored.
		await press2(app, 'n', 'Step 2: Roles', see);
		expect(recorded.closed).toBe(0);
		expect(recorded.progress).toEqual([]);
		app.unmount();
	});

	it('opens at the next step to do and says why a key does nothing here', async () => {
		const {app, see, press} = setup({}, {progress: {1: {status: 'done', at: 1}, 2: {status: 'verified', at: 1}}});
		await see('Step 3: REST module');
		await press('n', 'Step 4');
		await press('c', 'c (copy e-mail) works on step 3');
		await press('a', 'a (authorize) works on step 9');
		app.unmount();
	});

	it('step 3: copies the e-mail with OSC 52, saves it to a file it names, and re-probes', async () => {
		const written: string[] = [];
		const {app, see, press, recorded} = setup(
			{
				writeToTerminal: data => written.push(data),
				emailDir: dir,
				probeRestModule: async () => ({status: 'off', detail: 'REST module off: 404 "No service was found."'}),
			},
			{progress: {1: {status: 'done', at: 1}, 2: {status: 'done', at: 1}}},
		);
		await see('ModuleNames=REST');
		const file = path.join(dir, 'oscar-rest-enable-rest-clinic-a.txt');
		await press('c', file);
		const saved = await readFile(file, 'utf8');
		expect(saved).toContain('https://emr.clinic.test:8443/oscar');
		expect(saved).toMatch(/restart Tomcat/);
		expect(written).toEqual([`\u001B]52;c;${Buffer.from(saved).toString('base64')}\u0007`]);
		await press('r', 'No service was found.');
		await vi.waitFor(() => expect(recorded.progress.at(-1)?.[3]?.status).toBe('failed'));
		await see('failed');
		app.unmount();
	});

	it('steps 4-7: shows the admin page and the exact fields, and flags a URI the callback does not start with', async () => {
		const {app, see, press} = setup({port: 9123}, {progress: {1: {status: 'done'}, 2: {status: 'done'}, 3: {status: 'verified'}}});
		await see('https://emr.clinic.test:8443/oscar/admin/api/clients.jsp');
		await press('n', 'Step 5: Add New');
		await press('n', 'Step 6: Client fields');
		await see('http://127.0.0.1:9123');
		await see(/Lifetime\s+-1/);
		await see('"localhost" and "127.0.0.1"');
		app.unmount();
	});

	it('step 8: pastes the key and the masked secret, saves and proves them; the secret shows only on v', async () => {
		const proved: Array<{consumerKey: string; consumerSecret?: string}> = [];
		const {app, see, press, recorded, all, frame} = setup(
			{
				proveCredentials: async credentials => {
					proved.push(credentials);
					return {ok: true};
				},
			},
			{progress: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map(id => [id, {status: 'done'}]))},
		);
		await see('Step 8: Key and secret');
		await press('k', 'Client Key:');
		app.stdin.write('  abcdef0123456789 ');
		await see('Client Key:      abcdef0123456789');
		await press(keys.enter, 'Key       abcdef0123456789');
		await press('s', 'Client Secret:');
		app.stdin.write(SECRET);
		await see('*'.repeat(SECRET.length));
		expect(frame()).not.toContain(SECRET);
		await press(keys.enter, 'OSCAR accepted the key and secret');
		expect(recorded.credentials).toEqual([{consumerKey: 'abcdef0123456789'}, {consumerSecret: SECRET}]);
		expect(proved.at(-1)).toEqual({consumerKey: 'abcdef0123456789', consumerSecret: SECRET});
		await vi.waitFor(() => expect(recorded.progress.at(-1)?.[8]?.status).toBe('verified'));
		await see('(hidden: v reveals)');
		expect(all()).not.toContain(SECRET);
		await press('v', `Secret    ${SECRET}`);
		await press('v', '(hidden: v reveals)');
		app.unmount();
	});

	it('step 8: a burst (open the field, paste, Enter, open the next, paste, Enter) loses no key', async () => {
		const {app, see, recorded, all} = setup({}, {progress: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map(id => [id, {status: 'done'}]))});
		await see('Step 8: Key and secret');
		// Separate writes with no render in between: the field opened by 'k' must take the text at once.
		app.stdin.write('k');
		app.stdin.write('abcdef0123456789');
		app.stdin.write(keys.enter);
		app.stdin.write('s');
		app.stdin.write(`${SECRET}\r`);
		await vi.waitFor(() => expect(recorded.credentials).toEqual([{consumerKey: 'abcdef0123456789'}, {consumerSecret: SECRET}]));
		await see('Key       abcdef0123456789');
		await see('(hidden: v reveals)');
		expect(all()).not.toContain(SECRET);
		app.unmount();
	});

	it('step 8: the field edits at the cursor (backspace, left) and shows the secret as * while typed', async () => {
		const {app, see, press} = setup({}, {progress: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map(id => [id, {status: 'done'}]))});
		await see('Step 8');
		await press('s', 'Client Secret:');
		app.stdin.write('abcx');
		await see('Client Secret: ****');
		app.stdin.write('\u007F');
		await see(/Client Secret: \*\*\*(?!\*)/);
		await press(keys.escape, '(not set: press s)');
		await press('k', 'Client Key:');
		app.stdin.write('ace');
		await see('Client Key:    ace');
		app.stdin.write('\u001B[D');
		app.stdin.write('\u001B[D');
		app.stdin.write('b');
		await see('Client Key:    ab');
		app.unmount();
	});

	it('step 8: refuses a pasted value with a space inside and keeps the field open', async () => {
		const {app, see, press, recorded} = setup({}, {progress: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map(id => [id, {status: 'done'}]))});
		await see('Step 8');
		await press('k', 'Client Key:');
		app.stdin.write('abcdef0123456789 other');
		await see('abcdef0123456789 other');
		await press(keys.enter, 'contains a space at position 17');
		expect(recorded.credentials).toEqual([]);
		await press(keys.escape, '(not set: press k)');
		app.unmount();
	});
});

describe('OnboardingWizard step 9', () => {
	const legs = (identity: Identity = {providerNo: '999001', name: 'Booking, App'}): OAuthLegs => ({
		requestToken: async () => ({token: 'rt-9', tokenSecret: 'req-secret'}),
		authorizeUrl: (target, token) => `${target.baseUrl}/ws/oauth/authorize?oauth_token=${token}`,
		accessToken: async (_i, _n, {verifier}) => {
			if (verifier !== 'v-ok') throw Object.assign(new Error('HTTP 400'), {status: 400});
			return {token: 'acc-9', tokenSecret: TOKEN_SECRET, serverDate: new Date().toUTCString()};
		},
		oauthInfo: async () => ({kind: 'identity', identity}),
	});
	const authorizeWith =
		(protocol: OAuthLegs, onListening?: (url: string) => void, expectedProvider = '999001'): WizardServices['authorize'] =>
		async options =>
			runAuthorization({
				instance: {name: instance.name, baseUrl: instance.baseUrl},
				integration: {
					id: 'clinic-a/booking',
					instance: 'clinic-a',
					name: 'booking',
					consumerKey: 'k',
					consumerSecret: 's',
					expectedProvider,
				},
				legs: protocol,
				...options,
				port: 0,
				onEvent(event) {
					options.onEvent(event);
					if (event.type === 'listening') onListening?.(event.url);
				},
			});
	const atStep9 = {progress: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map(id => [id, {status: 'done'}])) as OnboardingProgress};

	it('catches the callback, shows the countdown, saves the token and verifies the dedicated user', async () => {
		let callbackUrl = '';
		const {app, see, press, recorded, all} = setup(
			{
				authorize: authorizeWith(legs(), url => {
					callbackUrl = url;
				}),
			},
			atStep9,
		);
		await see('Step 9: OAuth authorization');
		await press('a', 'https://emr.clinic.test:8443/oscar/ws/oauth/authorize?oauth_token=rt-9');
		await see(/Waiting for the browser: \d+:\d\d left/);
		await see('NEW PRIVATE/INCOGNITO window');
		expect((await fetch(`${callbackUrl}?oauth_token=rt-9&oauth_verifier=v-ok`)).status).toBe(200);
		await see('Authorized; the access token is saved.');
		await see('That is the dedicated user.');
		expect(recorded.tokens).toMatchObject([{accessToken: 'acc-9', tokenSecret: TOKEN_SECRET}]);
		await vi.waitFor(() => {
			expect(recorded.progress.at(-1)?.[9]?.status).toBe('verified');
			expect(recorded.progress.at(-1)?.[1]?.status).toBe('verified');
		});
		expect(all()).not.toContain(TOKEN_SECRET);
		app.unmount();
	});

	it('takes a pasted address, reports a wrong user with the fix, and shows the ssh hint when remote', async () => {
		const {app, see, press, recorded, frame} = setup(
			{
				authorize: authorizeWith(legs({providerNo: '101', name: 'Smith, Jane'})),
				env: {SSH_CONNECTION: '10.1.1.1 5000 10.2.2.2 22', USER: 'admin'},
			},
			atStep9,
		);
		await see('Step 9');
		// This machine's user and host name, never SSH_CONNECTION's address or a placeholder.
		await press('a', `ssh -L 8765:127.0.0.1:8765 admin@${os.hostname()}`);
		expect(frame()).not.toContain('10.2.2.2');
		await press('p', 'Redirected address or verifier:');
		app.stdin.write('http://127.0.0.1:8765/callback?oauth_token=old&oauth_verifier=v-ok');
		await see('oauth_token=old&oauth_verifier=v-ok');
		await press(keys.enter, 'belongs to another authorization');
		await press('p', 'Redirected address or verifier:');
		app.stdin.write('http://127.0.0.1:8765/callback?oauth_token=rt-9&oauth_verifier=v-ok');
		await see('oauth_token=rt-9&oauth_verifier=v-ok');
		await press(keys.enter, 'token-wrong-user');
		await see('PRIVATE/INCOGNITO window');
		// Not saved silently: it asks, and saving it flagged records why.
		await see('NOT saved yet');
		await see('s: save it flagged (token-wrong-user), d or Esc: discard it');
		expect(recorded.tokens).toEqual([]);
		await press('n', 'answer the question first');
		await press('s', 'the access token is saved, flagged token-wrong-user');
		expect(recorded.tokens).toMatchObject([{accessToken: 'acc-9', tokenSecret: TOKEN_SECRET}]);
		await vi.waitFor(() => {
			expect(recorded.progress.at(-1)?.[1]?.status).toBe('failed');
			expect(recorded.progress.at(-1)?.[9]).toMatchObject({status: 'failed', note: 'saved flagged: token-wrong-user'});
		});
		app.unmount();
	});

	it('discards a token that acts as the wrong user when asked to (d), and Esc discards too', async () => {
		for (const discard of ['d', keys.escape]) {
			const {app, see, press, recorded} = setup({authorize: authorizeWith(legs({providerNo: '101', name: 'Smith, Jane'}))}, atStep9);
			await see('Step 9');
			await press('a', 'Waiting for the browser');
			await press('p', 'Redirected address or verifier:');
			app.stdin.write('v-ok\r');
			await see('save it flagged');
			await press(discard, 'The token was discarded: nothing was saved.');
			expect(recorded.tokens).toEqual([]);
			expect(recorded.closed).toBe(0);
			await vi.waitFor(() =>
				expect(recorded.progress.at(-1)?.[9]).toMatchObject({status: 'failed', note: 'token-wrong-user: token discarded'}),
			);
			app.unmount();
		}
	});

	it('y copies the ssh -L line, and the authorize URL while the authorization waits (OSC 52)', async () => {
		const written: string[] = [];
		const {app, see, press} = setup(
			{
				authorize: authorizeWith(legs()),
				writeToTerminal: data => written.push(data),
				env: {SSH_CONNECTION: '10.1.1.1 5000 10.2.2.2 22', USER: 'admin'},
			},
			atStep9,
		);
		await see('Step 9');
		await press('y', 'Copied the ssh -L line');
		await press('a', 'Waiting for the browser');
		await press('y', 'Copied the authorize URL');
		// eslint-disable-next-line no-control-regex
		const decoded = written.map(data => Buffer.from(/\u001B\]52;c;([^\u0007]*)\u0007/.exec(data)![1]!, 'base64').toString('utf8'));
		expect(decoded).toEqual([
			`ssh -L 8765:127.0.0.1:8765 admin@${os.hostname()}`,
			'https://emr.clinic.test:8443/oscar/ws/oauth/authorize?oauth_token=rt-9',
		]);
		app.unmount();
	});

	it('y says there is nothing to copy on step 9 before the authorization, and where it works elsewhere', async () => {
		const {app, see, press} = setup({authorize: authorizeWith(legs())}, atStep9);
		await see('Step 9');
		await press('y', 'nothing to copy yet');
		await press(keys.up, 'Step 8');
		await press('y', 'y (copy) works on step 9');
		app.unmount();
	});

	it('p means one thing on each screen: previous step on 1-8, paste on 9 (it says why until a starts it)', async () => {
		const {app, see, press} = setup({authorize: authorizeWith(legs())}, atStep9);
		await see('Step 9');
		await press('p', 'press a to start the authorization first');
		expect(app.lastFrame()).toContain('Step 9: OAuth authorization');
		await press(keys.up, 'Step 8: Key and secret');
		await press('p', 'Step 7: Add Client');
		app.unmount();
	});

	it.each(providerCases)('expectedProvider $what ("$expected") -> matches: $matches', async ({expected, matches}) => {
		let callbackUrl = '';
		const identity = parseIdentity(actingInfoBody)!;
		const {app, see, press, recorded} = setup(
			{
				authorize: authorizeWith(
					legs(identity),
					url => {
						callbackUrl = url;
					},
					expected,
				),
			},
			atStep9,
		);
		await see('Step 9: OAuth authorization');
		await press('a', 'Waiting for the browser');
		expect((await fetch(`${callbackUrl}?oauth_token=rt-9&oauth_verifier=v-ok`)).status).toBe(200);
		if (matches) {
			await see('Authorized; the access token is saved.');
			await see('That is the dedicated user.');
		} else {
			// A wrong-user token is saved only when asked to (flagged).
			await see('token-wrong-user');
			await see('NOT saved yet');
			await press('s', 'saved, flagged token-wrong-user');
		}

		await vi.waitFor(() => expect(recorded.progress.at(-1)?.[1]?.status).toBe(matches ? 'verified' : 'failed'));
		app.unmount();
	});

	it('Esc cancels a waiting authorization (and only then closes the wizard)', async () => {
		const {app, see, press, recorded} = setup({authorize: authorizeWith(legs())}, atStep9);
		await see('Step 9');
		await press('a', 'Waiting for the browser');
		await press(keys.escape, 'cancelled');
		expect(recorded.closed).toBe(0);
		expect(recorded.progress.at(-1)?.[9]?.status).not.toBe('failed');
		app.stdin.write(keys.escape);
		await vi.waitFor(() => expect(recorded.closed).toBe(1));
		app.unmount();
	});
});

describe('wizard key table', () => {
	it('is one table with keys, description and when, and resolves context', () => {
		for (const spec of onboardingKeys) {
			expect(spec.keys.length).toBeGreaterThan(0);
			expect(spec.description).not.toBe('');
			expect(spec.when).not.toBe('');
		}

		const base = {step: 9 as const, authorizing: false, canProbe: true, canAuthorize: true};
		// On step 9, p is paste even before the authorization runs: never "previous" there.
		expect(matchWizardKey('p', base)).toMatchObject({kind: 'disabled', id: 'paste'});
		expect(matchWizardKey('p', {...base, step: 8})).toEqual({kind: 'run', id: 'prev'});
		expect(matchWizardKey('p', {...base, authorizing: true})).toEqual({kind: 'run', id: 'paste'});
		expect(matchWizardKey('escape', base)).toEqual({kind: 'run', id: 'close'});
		expect(matchWizardKey('escape', {...base, authorizing: true})).toEqual({kind: 'run', id: 'cancelAuthorization'});
		expect(matchWizardKey('a', {...base, canAuthorize: false})).toMatchObject({
			kind: 'disabled',
			reason: expect.stringMatching(/not available/),
		});
		expect(matchWizardKey('z', base)).toEqual({kind: 'none'});
		// While a question is open only its answers apply.
		expect(matchWizardKey('n', {...base, prompt: 'confirm-done'})).toEqual({kind: 'run', id: 'confirmNo'});
		expect(matchWizardKey('escape', {...base, prompt: 'wrong-user'})).toEqual({kind: 'run', id: 'discardToken'});
		expect(matchWizardKey('a', {...base, prompt: 'wrong-user'})).toEqual({kind: 'none'});
		expect(matchWizardKey('pagedown', base)).toMatchObject({kind: 'disabled', reason: 'the whole step fits the screen'});
		expect(matchWizardKey('pagedown', {...base, scrollable: true})).toEqual({kind: 'run', id: 'scrollDown'});
	});
});
