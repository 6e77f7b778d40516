/**
 * The callback derivation (issue point 1): for each registered URI and dialect, what initiate sends,
 * where the loopback server listens, and that the server's own rule accepts it. The same URIs run
 * through `connect` and the wizard's authorization service in test/onboarding/callback-uris.test.ts.
 */
import {describe, expect, it} from 'vitest';
import {callbackAccepted, planCallback} from '../../../source/core/onboarding/callback-plan.js';

type Expected = {kind: 'loopback'; port: number; path: string; callback: string} | {kind: 'oob'} | {kind: 'paste'; callback: string};

const table: ReadonlyArray<readonly [uri: string, dialect: 'classic' | 'carlos', expected: Expected]> = [
	['http://127.0.0.1:8765', 'classic', {kind: 'loopback', port: 8765, path: '/callback', callback: 'http://127.0.0.1:8765/callback'}],
	['http://127.0.0.1:8765', 'carlos', {kind: 'loopback', port: 8765, path: '/callback', callback: 'http://127.0.0.1:8765/callback'}],
	['http://127.0.0.1:8765/', 'classic', {kind: 'loopback', port: 8765, path: '/callback', callback: 'http://127.0.0.1:8765/callback'}],
	['http://127.0.0.1:8765/', 'carlos', {kind: 'loopback', port: 8765, path: '/callback', callback: 'http://127.0.0.1:8765/callback'}],
	[
		'http://127.0.0.1:8765/oscar/callback',
		'classic',
		{kind: 'loopback', port: 8765, path: '/oscar/callback', callback: 'http://127.0.0.1:8765/oscar/callback'},
	],
	[
		'http://127.0.0.1:8765/oscar/callback',
		'carlos',
		{kind: 'loopback', port: 8765, path: '/oscar/callback', callback: 'http://127.0.0.1:8765/oscar/callback'},
	],
	['http://127.0.0.1:8765/cb?x=1', 'classic', {kind: 'loopback', port: 8765, path: '/cb', callback: 'http://127.0.0.1:8765/cb?x=1'}],
	['http://127.0.0.1:8765/cb?x=1', 'carlos', {kind: 'loopback', port: 8765, path: '/cb', callback: 'http://127.0.0.1:8765/cb?x=1'}],
	['oob', 'classic', {kind: 'oob'}],
	['oob', 'carlos', {kind: 'oob'}],
	['https://vendor.example/cb', 'classic', {kind: 'paste', callback: 'https://vendor.example/cb'}],
	['https://vendor.example/cb', 'carlos', {kind: 'paste', callback: 'https://vendor.example/cb'}],
	// As typed: classic compares raw strings, so the case and the missing port are kept.
	['HTTP://LOCALHOST:8765', 'classic', {kind: 'loopback', port: 8765, path: '/callback', callback: 'HTTP://LOCALHOST:8765/callback'}],
	['http://127.0.0.1:', 'classic', {kind: 'loopback', port: 8765, path: '/callback', callback: 'http://127.0.0.1:8765/callback'}],
	['http://127.0.0.1', 'carlos', {kind: 'loopback', port: 80, path: '/callback', callback: 'http://127.0.0.1/callback'}],
];

describe('planCallback: the callback derived from the registered URI', () => {
	it.each(table)('%j (%s)', (uri, dialect, expected) => {
		const plan = planCallback({uri, dialect});
		expect(plan.kind).toBe(expected.kind);
		if (plan.kind === 'loopback' && expected.kind === 'loopback') {
			expect({port: plan.port, path: plan.path, callback: plan.callbackFor(plan.port)}).toEqual({
				port: expected.port,
				path: expected.path,
				callback: expected.callback,
			});
			expect(callbackAccepted(plan.callbackFor(plan.port), uri, dialect)).toEqual({ok: true});
		} else if (plan.kind === 'paste' && expected.kind === 'paste') {
			expect(plan.callback).toBe(expected.callback);
			expect(plan.message).toMatch(/cannot be caught here/);
			expect(callbackAccepted(plan.callback, uri, dialect)).toEqual({ok: true});
		} else if (plan.kind === 'oob') {
			expect(plan.registeredOob).toBe(true);
			expect(callbackAccepted('oob', uri, dialect)).toEqual({ok: true});
		}
	});

	it('an explicit callback wins; --port moves the port; --oob wins over everything', () => {
		const explicit = planCallback({uri: 'http://127.0.0.1:8765', callback: 'http://127.0.0.1:8765/my/cb'});
		expect(explicit).toMatchObject({kind: 'loopback', port: 8765, path: '/my/cb'});
		expect(explicit.kind === 'loopback' && explicit.callbackFor(8765)).toBe('http://127.0.0.1:8765/my/cb');
		const moved = planCallback({uri: 'http://127.0.0.1:', port: 0});
		expect(moved).toMatchObject({kind: 'loopback', port: 0, path: '/callback'});
		expect(moved.kind === 'loopback' && moved.callbackFor(41234)).toBe('http://127.0.0.1:41234/callback');
		const pathMoved = planCallback({uri: 'http://127.0.0.1:8765/oscar/callback', port: 9001});
		expect(pathMoved.kind === 'loopback' && pathMoved.callbackFor(9001)).toBe('http://127.0.0.1:9001/oscar/callback');
		expect(planCallback({uri: 'http://127.0.0.1:8765', oob: true})).toEqual({kind: 'oob', callback: 'oob', registeredOob: false});
		expect(planCallback({})).toMatchObject({kind: 'loopback', port: 8765, path: '/callback'});
	});

	it('callbackAccepted speaks each dialect', () => {
		expect(callbackAccepted('http://127.0.0.1:8765/callback', 'http://127.0.0.1:8765/cb', 'classic').ok).toBe(false);
		expect(callbackAccepted('http://127.0.0.1:8765/cbx', 'http://127.0.0.1:8765/cb', 'classic').ok).toBe(true);
		expect(callbackAccepted('http://127.0.0.1:8765/cbx', 'http://127.0.0.1:8765/cb', 'carlos').ok).toBe(false);
		expect(callbackAccepted('http://localhost:8765/callback', 'HTTP://LOCALHOST:8765', 'carlos').ok).toBe(true);
		expect(callbackAccepted('http://127.0.0.1:8765/callback', 'oob', 'carlos').ok).toBe(false);
	});
});
