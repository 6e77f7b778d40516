import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {Inventory} from '../../source/core/model.js';
import type {IntegrationReport} from '../../source/core/report.js';
import {diagnosis} from '../../source/core/diagnoses.js';
import {describeSecret} from '../../source/core/secret-refs.js';
import {stepInfo} from '../../source/core/onboarding/steps.js';
import {keys} from './helpers/keys.js';
import {createFakeEngine} from './helpers/fake-engine.js';
import {fixedNow, renderApp} from './helpers/render-app.js';

afterEach(() => {
	cleanup();
});

const consumerSecret = 'zz-consumer-SECRET-4417';
const tokenSecret = 'zz-token-SECRET-9931';

const inventory: Inventory = {
	instances: [
		{
			name: 'clinic',
			baseUrl: 'https://clinic.example/oscar',
			integrations: [
				{
					name: 'booking',
					consumerKey: 'abcdefgh12345678',
					consumerSecret,
					accessToken: 'tok-123',
					tokenSecret: 'env:OSCAR_UI_TEST_TOKEN_SECRET',
					tags: ['web'],
					expectedProvider: '999998',
				},
			],
		},
	],
};

const restOff: IntegrationReport = {
	id: 'clinic/booking',
	instance: 'clinic',
	integration: 'booking',
	severity: 'critical',
	code: 'rest-module-off',
	summary: 'REST module off',
	checkedAt: fixedNow - 12_000,
	deep: false,
	restModule: 'off',
	skewSeconds: 412,
	credentials: 'unchecked',
	token: 'unchecked',
	latencyMs: 87,
	identity: {providerNo: '999998', name: 'Booking ABCD', roles: ['doctor', 'admin']},
	expiresAt: null,
	probes: [
		{
			probe: 'rest-module',
			code: 'rest-module-off',
			severity: 'critical',
			evidence: [
				{label: 'HTTP status', value: '404'},
				{label: 'Body', value: 'No service was found.'},
			],
			timings: {dns: 1, tcp: 2, firstByte: 80, total: 87},
		},
	],
};

async function openDetail(engine = createFakeEngine({results: new Map([['clinic/booking', restOff]])})) {
	const app = await renderApp({inventory, engine, columns: 220, rows: 60, env: {NO_COLOR: '1', OSCAR_UI_TEST_TOKEN_SECRET: tokenSecret}});
	await app.waitFor('booking');
	await app.press(keys.down);
	await app.waitFor(/^›.*booking/m);
	await app.press(keys.enter);
	await app.waitFor('Credentials:');
	return app;
}

describe('detail view', () => {
	it('explains the diagnosis with evidence, timings, skew, oauth/info, fix steps and the onboarding step', async () => {
		const app = await openDetail();
		const entry = diagnosis('rest-module-off');
		const frame = app.frame();
		expect(frame).toContain(`${entry.title}: ${entry.summary}`);
		expect(frame).toContain('HTTP status: 404');
		expect(frame).toContain('Body: No service was found.');
		expect(frame).toContain('timings: dns 1 ms, tcp 2 ms, first byte 80 ms, total 87 ms');
		expect(frame).toContain('Clock skew +412 s');
		expect(frame).toContain('acts as provider 999998 (Booking ABCD), roles doctor, admin');
		expect(frame).toContain('Checked 12 s ago (quick)');
		entry.fix.forEach((step, index) => {
			expect(frame).toContain(`${index + 1}. ${step.slice(0, 40)}`);
		});
		expect(entry.step).not.toBeNull();
		expect(frame).toContain(`press f: onboarding step ${entry.step}`);
	});

	it('f opens the onboarding wizard on the step that fixes the diagnosis', async () => {
		const app = await openDetail();
		const step = diagnosis('rest-module-off').step!;
		await app.press('f');
		await app.waitFor(stepInfo(step).title);
	});

	it('never shows secrets until v reveals them, and v hides them again', async () => {
		const app = await openDetail();
		expect(app.frame()).not.toContain(consumerSecret);
		expect(app.frame()).not.toContain(tokenSecret);
		expect(app.frame()).toContain(`client secret: ${describeSecret(consumerSecret)}`);
		expect(app.frame()).toContain(`token secret: ${describeSecret('env:OSCAR_UI_TEST_TOKEN_SECRET')}`);
		await app.press('v');
		await app.waitFor(consumerSecret);
		expect(app.frame()).toContain(tokenSecret);
		await app.press('v');
		await app.waitForNot(consumerSecret);
		expect(app.frame()).not.toContain(tokenSecret);
	});

	it('says a passing row has nothing to fix', async () => {
		const healthy: IntegrationReport = {...restOff, severity: 'ok', code: 'ok', restModule: 'on', probes: []};
		const app = await openDetail(createFakeEngine({results: new Map([['clinic/booking', healthy]])}));
		await app.press('f');
		await app.waitFor('nothing to fix: the last check passed');
	});

	it('scrolls a detail taller than an 80x24 terminal with PgDn and PgUp', async () => {
		const engine = createFakeEngine({results: new Map([['clinic/booking', restOff]])});
		const app = await renderApp({inventory, engine, columns: 80, rows: 24});
		await app.waitFor('booking');
		await app.press(keys.down);
		await app.waitFor(/^›.*booking/m);
		await app.press(keys.enter);
		await app.waitFor(/more lines \(PgDn\)/);
		expect(app.frame()).not.toContain('(press v to reveal secrets)');
		expect(app.frame().split('\n').length).toBeLessThanOrEqual(24);
		await app.press(keys.pageDown);
		await app.waitFor('(press v to reveal secrets)');
		expect(app.frame()).toMatch(/lines above \(PgUp\)/);
		await app.press(keys.pageUp);
		await app.waitFor('clinic/booking  ✖ CRIT');
	});

	it("keeps the detail's scroll within its lines: after PgDn held past the end, one PgUp moves up at once", async () => {
		const engine = createFakeEngine({results: new Map([['clinic/booking', restOff]])});
		const app = await renderApp({inventory, engine, columns: 80, rows: 24});
		await app.waitFor('booking');
		await app.press(keys.down);
		await app.waitFor(/^›.*booking/m);
		await app.press(keys.enter);
		await app.waitFor(/more lines \(PgDn\)/);
		// Far more pages than the detail has, in one read (a held PgDn).
		app.stdin.write(keys.pageDown.repeat(20));
		await app.waitForNot(/more lines \(PgDn\)/);
		await app.press(keys.pageUp);
		await app.waitFor(/more lines \(PgDn\)/);
	});
});

describe('detail view: what a triager reads first, wrapped, never cut', () => {
	const withPassing: IntegrationReport = {
		...restOff,
		probes: [{probe: 'clock-skew', code: 'clock-ok', severity: 'ok', evidence: [{label: 'Clock skew', value: '+1 s'}]}, ...restOff.probes],
	};

	async function detailAt(columns: number, rows: number, report: IntegrationReport = withPassing) {
		const app = await renderApp({inventory, engine: createFakeEngine({results: new Map([['clinic/booking', report]])}), columns, rows});
		await app.waitFor('booking');
		await app.press(keys.down);
		await app.waitFor(/^›.*booking/m);
		await app.press(keys.enter);
		await app.waitFor('clinic/booking');
		return app;
	}

	it('orders diagnosis, causes, fix steps, failing evidence, then the folded passing evidence', async () => {
		const app = await detailAt(200, 80);
		const frame = app.frame();
		const at = (text: string) => frame.indexOf(text);
		const entry = diagnosis('rest-module-off');
		expect(at(entry.summary)).toBeGreaterThan(0);
		expect(at('Likely causes:')).toBeGreaterThan(at(entry.summary));
		expect(at('Fix:')).toBeGreaterThan(at('Likely causes:'));
		expect(at('Failing evidence:')).toBeGreaterThan(at(`${entry.fix.length}. `));
		expect(at('Passing evidence: 1 probe passed (clock-skew); E shows it')).toBeGreaterThan(at('Failing evidence:'));
		expect(frame).not.toContain('Clock skew: +1 s');
		await app.press('E');
		await app.waitFor('Passing evidence (E hides it):');
		expect(app.frame()).toContain('Clock skew: +1 s');
		await app.press('E');
		await app.waitFor('E shows it');
	});

	it('lists the failing probe behind the diagnosis first', async () => {
		const report: IntegrationReport = {
			...restOff,
			probes: [
				{probe: 'token', code: 'token-revoked', severity: 'critical', evidence: [{label: 'HTTP status', value: '401'}]},
				...restOff.probes,
			],
		};
		const app = await detailAt(200, 80, report);
		const frame = app.frame();
		expect(frame.indexOf('rest-module: rest-module-off')).toBeGreaterThan(frame.indexOf('Failing evidence:'));
		expect(frame.indexOf('rest-module: rest-module-off')).toBeLessThan(frame.indexOf('token: token-revoked'));
	});

	it('wraps every fix step and the causes at 60 columns instead of cutting them', async () => {
		const app = await detailAt(60, 80);
		const frame = app.frame();
		for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
		expect(frame).not.toContain('…');
		const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');
		const flat = words(frame);
		const entry = diagnosis('rest-module-off');
		for (const [index, step] of entry.fix.entries()) expect(flat).toContain(`${index + 1}. ${words(step)}`);
		expect(flat).toContain(words(entry.causes[0]!));
	});

	it('masks the access token like the secrets until v, for the selected row only', async () => {
		const app = await detailAt(200, 80);
		expect(app.frame()).toContain('access token: set (hidden)');
		expect(app.frame()).not.toContain('tok-123');
		await app.press('v');
		await app.waitFor('access token: tok-123');
		// Leaving the row hides it again.
		await app.press(keys.escape);
		await app.waitFor('INTEGRATION');
		await app.press(keys.enter);
		await app.waitFor('access token: set (hidden)');
		expect(app.frame()).not.toContain('tok-123');
	});

	it('shows server text with escape sequences escaped: no ESC, BEL or C1 reaches the terminal', async () => {
		const hostile = 'x\u001B]52;c;cGF3bmVk\u0007 \u001B]0;owned\u0007 \u001B[2J \u001B[5mblink\u001B[0m \u009B31m';
		const report: IntegrationReport = {
			...restOff,
			summary: `summary ${hostile}`,
			identity: {providerNo: `999998${hostile}`, name: `Dr ${hostile}`, roles: [`doctor${hostile}`]},
			probes: [{...restOff.probes[0]!, evidence: [{label: `Body ${hostile}`, value: `No service ${hostile}`}]}],
		};
		const app = await detailAt(220, 80, report);
		await app.waitFor('Failing evidence:');
		const raw = app.rawFrame();
		// eslint-disable-next-line no-control-regex
		expect(raw).not.toMatch(/[\u0007\u001B\u0080-\u009F]/);
		expect(app.frame()).toContain('Dr x\\x1b]52;c;cGF3bmVk\\x07');
		expect(app.frame()).toContain('No service x\\x1b]52;c;cGF3bmVk\\x07 \\x1b]0;owned\\x07 \\x1b[2J \\x1b[5mblink\\x1b[0m \\x9b31m');
	});
});
