import {describe, expect, it} from 'vitest';
import {parsePastedCallback, PastedCallbackError} from '../../../source/core/onboarding/pasted-callback.js';
import {checkPastedKey, checkPastedSecret, ValidationError} from '../../../source/core/onboarding/paste-checks.js';
import {
	completedCount,
	emptyProgress,
	markDone,
	markFailed,
	markVerified,
	nextStep,
	statusOf,
	toggleDone,
} from '../../../source/core/onboarding/progress.js';
import {onboardingSteps, stepInfo} from '../../../source/core/onboarding/steps.js';

const token = 'rq7token';

function parseError(text: string): PastedCallbackError {
	try {
		parsePastedCallback(text, token);
	} catch (error) {
		if (error instanceof PastedCallbackError) return error;
		throw error;
	}

	throw new Error(`expected "${text}" to be rejected`);
}

describe('parsePastedCallback', () => {
	it('accepts the full redirect URL, with spaces or quotes around it', () => {
		expect(parsePastedCallback(`http://127.0.0.1:8765/callback?oauth_token=${token}&oauth_verifier=v3r1f`, token)).toEqual({
			verifier: 'v3r1f',
			token,
		});
		expect(parsePastedCallback(`  "http://127.0.0.1:8765/callback?oauth_verifier=a%2Bb&oauth_token=${token}"\n`, token)).toEqual({
			verifier: 'a+b',
			token,
		});
	});

	it("accepts a query string, OSCAR's oob page text and a bare verifier", () => {
		expect(parsePastedCallback(`oauth_token=${token}&oauth_verifier=qq11`, token).verifier).toBe('qq11');
		expect(parsePastedCallback(`The Request token ${token} has verifier zz99.`, token)).toEqual({verifier: 'zz99', token});
		expect(parsePastedCallback('  b4re-verifier_1  ', token)).toEqual({verifier: 'b4re-verifier_1'});
	});

	const rejections: Array<[string, PastedCallbackError['code'], RegExp]> = [
		['', 'empty', /Nothing was pasted/],
		[`http://127.0.0.1:8765/callback?oauth_token=another&oauth_verifier=v`, 'wrong-token', /another authorization/],
		[`The Request token old1 has verifier v`, 'wrong-token', /earlier authorization/],
		[`http://127.0.0.1:8765/callback?oauth_token=${token}`, 'denied', /denied/],
		['http://127.0.0.1:8765/callback', 'garbage', /no oauth_verifier/],
		[`http://127.0.0.1:8765/callback?oauth_token=${token}&oauth_verifier=`, 'garbage', /empty oauth_verifier/],
		[`http://127.0.0.1:8765/callback?oauth_token=${token}&oauth_verifier=a&oauth_verifier=b`, 'garbage', /twice/],
		['hello there, this is not it', 'garbage', /neither/],
		['http://[bad', 'garbage', /not a valid one/],
		[token, 'garbage', /request token/],
	];
	for (const [text, code, message] of rejections) {
		it(`rejects ${JSON.stringify(text).slice(0, 60)} with ${code}`, () => {
			const error = parseError(text);
			expect(error.code).toBe(code);
			expect(error.message).toMatch(message);
		});
	}
});

describe('pasted key and secret (validate.ts underneath)', () => {
	it('trims spaces and invisible characters at the ends, and explains', () => {
		const key = checkPastedKey(' \u200Babcdef0123456789\n');
		expect(key.value).toBe('abcdef0123456789');
		expect(key.warnings.join('\n')).toMatch(/invisible/);
		expect(checkPastedKey('abcdef0123456789')).toEqual({value: 'abcdef0123456789', warnings: []});
	});

	it('warns, without blocking, about a format OSCAR does not generate', () => {
		const key = checkPastedKey('ABC-123');
		expect(key.value).toBe('ABC-123');
		expect(key.warnings.join()).toMatch(/16 lowercase letters and digits/);
	});

	it('blocks inner spaces, quotes and empty values, naming the position', () => {
		expect(() => checkPastedKey('abcdef0123456789 s3cr3tvalue00000')).toThrow(/a space at position 17/);
		expect(() => checkPastedKey('"abcdef0123456789"')).toThrow(ValidationError);
		expect(() => checkPastedKey('   ')).toThrow(/empty/);
	});

	it('never echoes the secret and notices the key pasted twice', () => {
		const secret = 'Zq-SECRET-do-not-print';
		const checked = checkPastedSecret(` ${secret} `);
		expect(checked.value).toBe(secret);
		expect(checked.warnings.join()).not.toContain(secret);
		try {
			checkPastedSecret(`${secret} extra`);
			expect.unreachable();
		} catch (error) {
			expect((error as ValidationError).code).toBe('characters');
			expect((error as Error).message).not.toContain(secret);
		}

		expect(checkPastedSecret('abcdef0123456789', 'abcdef0123456789').warnings.join()).toMatch(/pasted the key twice/);
		expect(checkPastedSecret('abcdef0123456789', '').warnings).toEqual([]);
	});
});

describe('steps and progress', () => {
	it('has nine steps with ids 1-9, who and what', () => {
		expect(onboardingSteps.map(step => step.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		for (const step of onboardingSteps) {
			expect(step.title).not.toBe('');
			expect(step.who).not.toBe('');
			expect(step.todo.length).toBeGreaterThan(0);
		}

		expect(stepInfo(9).todo.join(' ')).toMatch(/INCOGNITO/);
		expect(stepInfo(3).who).toBe('Hosting provider');
	});

	it('walks transitions and finds the next step', () => {
		let progress = emptyProgress;
		expect(nextStep(progress)).toBe(1);
		progress = markDone(progress, 1, 1000);
		progress = markVerified(progress, 2, 2000, 'seen in oauth/info');
		expect(nextStep(progress)).toBe(3);
		progress = markFailed(progress, 3, 3000, 'rest-module-off');
		expect(statusOf(progress, 3)).toBe('failed');
		expect(progress[3]).toEqual({status: 'failed', at: 3000, note: 'rest-module-off'});
		expect(nextStep(progress)).toBe(3);
		progress = toggleDone(progress, 3, 4000);
		expect(statusOf(progress, 3)).toBe('done');
		progress = toggleDone(progress, 3, 5000);
		expect(statusOf(progress, 3)).toBe('pending');
		// The user's claim never downgrades a verified step.
		expect(toggleDone(progress, 2, 6000)).toBe(progress);
		expect(markDone(progress, 2, 6000)).toBe(progress);
		expect(completedCount(progress)).toBe(2);
		for (const step of [3, 4, 5, 6, 7, 8, 9] as const) progress = markDone(progress, step, 7000);
		expect(nextStep(progress)).toBeUndefined();
		expect(completedCount(progress)).toBe(9);
		expect(emptyProgress).toEqual({});
	});
});
