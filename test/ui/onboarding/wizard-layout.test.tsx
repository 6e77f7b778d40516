/**
 * The wizard within the space it is given: every step fits (width and height) in the three shapes
 * of its step list, a tall pane scrolls with PgUp/PgDn, a failed step asks before it is marked
 * done, steps the last check proves show as verified, and server text is shown escaped.
 */
import React, {useState} from 'react';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {Instance, Integration} from '../../../source/core/model.js';
import type {IntegrationReport} from '../../../source/core/report.js';
import {emptyProgress, type OnboardingProgress} from '../../../source/core/onboarding/progress.js';
import {provenSteps, withProvenSteps} from '../../../source/core/onboarding/proven-steps.js';
import type {StepId} from '../../../source/core/onboarding/steps.js';
import {OnboardingWizard} from '../../../source/ui/onboarding/onboarding-wizard.js';
import type {WizardServices} from '../../../source/ui/onboarding/wizard-services.js';
import {themeFor} from '../../../source/ui/theme.js';
import {ThemeProvider} from '../../../source/ui/theme.js';
import {brokenBoxes} from '../../helpers/frame-checks.js';

const keys = {enter: '\r', pageDown: '\u001B[6~', pageUp: '\u001B[5~', up: '\u001B[A'};
const integration: Integration = {
	name: 'booking',
	consumerKey: 'abcdefgh12345678',
	consumerSecret: 'inline-secret',
	tags: [],
	uri: 'http://127.0.0.1:8765',
	expectedProvider: '999001',
};
const instance: Instance = {
	name: 'a-clinic-with-a-long-name',
	baseUrl: 'https://emr.clinic-with-a-long-host-name.example.org:8443/oscar',
	integrations: [integration],
};

const mounted: Array<{unmount(): void}> = [];
afterEach(() => {
	for (const app of mounted.splice(0)) app.unmount();
});

function wizard(options: {
	width: number;
	height: number;
	step?: StepId;
	progress?: OnboardingProgress;
	report?: IntegrationReport;
	services?: WizardServices;
	env?: NodeJS.ProcessEnv;
}) {
	const recorded: OnboardingProgress[] = [];
	function Harness() {
		const [progress, setProgress] = useState(options.progress ?? emptyProgress);
		return (
			<ThemeProvider theme={themeFor(options.env ?? {LANG: 'C.UTF-8'})}>
				<OnboardingWizard
					instance={instance}
					integration={integration}
					progress={progress}
					isActive
					services={{env: {SSH_CONNECTION: '10.1.1.1 5000 10.2.2.2 22', USER: 'admin'}, ...options.services}}
					onProgress={next => {
						recorded.push(next);
						setProgress(next);
					}}
					onSaveCredentials={() => undefined}
					onSaveToken={() => undefined}
					onClose={() => undefined}
					initialStep={options.step}
					report={options.report}
					width={options.width}
					height={options.height}
				/>
			</ThemeProvider>
		);
	}

	const app = render(<Harness />);
	mounted.push(app);
	const frame = () => app.lastFrame() ?? '';
	const see = async (text: string | RegExp) =>
		vi.waitFor(() => {
			if (typeof text === 'string') expect(frame()).toContain(text);
			else expect(frame()).toMatch(text);
		});
	return {app, frame, see, recorded};
}

function expectFits(frame: string, width: number, height: number): void {
	const lines = frame.split('\n');
	expect(lines.length, frame).toBeLessThanOrEqual(height);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
	expect(brokenBoxes(frame), frame).toEqual([]);
}

describe('wizard layout', () => {
	// The dashboard's main pane at 60x20 and 80x24, and a big terminal (the step list as a box).
	const sizes = [
		[59, 15, 'strip'],
		[79, 19, 'grid'],
		[139, 40, 'box'],
	] as const;
	for (const [width, height, shape] of sizes) {
		it(`fits every step in ${width}x${height} (step list as a ${shape})`, async () => {
			for (const step of [1, 2, 3, 4, 5, 6, 7, 8, 9] as const) {
				const {see, frame} = wizard({width, height, step});
				await see(`Step ${step}:`);
				expectFits(frame(), width, height);
				if (shape === 'box') expect(frame()).toContain('╭─ Steps ─');
				if (shape === 'grid') expect(frame()).toMatch(/1 Dedicated user +›? *[·✔✖] 4 Open REST Clients/);
				if (shape === 'strip') expect(frame()).toMatch(/^Steps +›?·1 +›?·2/m);
			}
		});
	}

	it('scrolls a pane taller than its space with PgDn and PgUp, the step title staying in view', async () => {
		const {app, see, frame} = wizard({width: 59, height: 15, step: 9});
		await see(/↓ \d+ more lines \(PgDn\)/);
		await see('PgDn/PgUp scroll');
		app.stdin.write(keys.pageDown);
		await see(/↑ \d+ lines above \(PgUp\)/);
		expect(frame()).toContain('Step 9: OAuth authorization');
		expectFits(frame(), 59, 15);
		app.stdin.write(keys.pageUp);
		await vi.waitFor(() => expect(frame()).not.toMatch(/lines above/));
	});

	it('says PgDn does nothing when the whole step fits', async () => {
		const {app, see} = wizard({width: 139, height: 40, step: 5});
		await see('Step 5:');
		app.stdin.write(keys.pageDown);
		await see('the whole step fits the screen');
	});
});

describe('wizard: marking steps', () => {
	it('asks before marking a failed step done (n keeps it failed, y marks it done)', async () => {
		const {app, see, recorded} = wizard({
			width: 139,
			height: 30,
			progress: {3: {status: 'failed', at: 1, note: 'REST module off'}},
			step: 3,
		});
		await see('✖ failed');
		app.stdin.write(keys.enter);
		await see('Step 3 (REST module) failed its check (REST module off). Mark it done anyway? y: yes, n or Esc: no');
		app.stdin.write('n');
		await vi.waitFor(() => expect(app.lastFrame()).not.toContain('Mark it done anyway?'));
		expect(recorded).toEqual([]);
		app.stdin.write(keys.enter);
		await see('Mark it done anyway?');
		app.stdin.write('y');
		await vi.waitFor(() => expect(recorded.at(-1)?.[3]?.status).toBe('done'));
		await see('✔ done');
	});

	const checked = (patch: Partial<IntegrationReport>): IntegrationReport => ({
		id: 'a/booking',
		instance: 'a',
		integration: 'booking',
		severity: 'ok',
		code: 'ok',
		summary: '',
		checkedAt: 1000,
		deep: false,
		restModule: 'on',
		credentials: 'ok',
		token: 'unchecked',
		probes: [],
		...patch,
	});

	it('shows the steps the last check proves as verified, and opens at the first one left', async () => {
		const {app, see, frame, recorded} = wizard({width: 79, height: 19, report: checked({})});
		await see('6/9 done, next: step 1');
		expect(frame()).toContain('Step 1:');
		app.stdin.write('n');
		app.stdin.write('n');
		await see('Step 3:');
		await see('✔ verified');
		await see('the saved key and secret work (last check)');
		app.stdin.write(keys.enter);
		await see('step 3 is verified (the saved key and secret work (last check)):');
		await see(/nothing to\s+mark/);
		expect(recorded).toEqual([]);
	});

	it.each([
		['credentials ok', {}, [3, 4, 5, 6, 7, 8]],
		['REST on only', {credentials: 'unchecked' as const}, [3]],
		[
			'a working token',
			{token: 'ok' as const, probes: [{probe: 'token' as const, code: 'token-ok', severity: 'ok' as const, evidence: []}]},
			[1, 3, 4, 5, 6, 7, 8, 9],
		],
		[
			'a token acting as someone else',
			{token: 'ok' as const, probes: [{probe: 'token' as const, code: 'token-wrong-user', severity: 'critical' as const, evidence: []}]},
			[3, 4, 5, 6, 7, 8],
		],
		['nothing checked', {restModule: 'unknown' as const, credentials: 'unchecked' as const}, []],
	])('proves the right steps with %s', (_name, patch, steps) => {
		const withToken = {...integration, accessToken: 'tok'};
		expect([...provenSteps(withToken, checked(patch)).keys()].sort((a, b) => a - b)).toEqual(steps);
	});

	it('lets progress recorded after the check win over its proof, and needs the key and the secret', () => {
		const report = checked({checkedAt: 1000});
		expect(withProvenSteps({8: {status: 'failed', at: 2000, note: 'consumer-key-unknown'}}, integration, report)[8]?.status).toBe('failed');
		expect(withProvenSteps({8: {status: 'failed', at: 500, note: 'old'}}, integration, report)[8]?.status).toBe('verified');
		expect(provenSteps({...integration, consumerSecret: ''}, report).has(8)).toBe(false);
	});
});

describe('wizard: server text', () => {
	it('shows a probe result carrying escape sequences escaped, never raw', async () => {
		const hostile = 'REST module off \u001B]52;c;cGF3bmVk\u0007 \u001B]0;owned\u0007 \u001B[2J \u001B[5mblink\u001B[0m \u009B31m';
		const {app, see, frame} = wizard({
			width: 79,
			height: 19,
			step: 3,
			services: {probeRestModule: async () => ({status: 'off', detail: hostile})},
		});
		await see('Step 3:');
		app.stdin.write('r');
		await see('\\x1b]52;c;cGF3bmVk\\x07');
		// eslint-disable-next-line no-control-regex
		expect(frame()).not.toMatch(/[\u0007\u001B\u0080-\u009F]/);
	});
});
