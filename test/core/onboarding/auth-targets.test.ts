import {describe, expect, it} from 'vitest';
import {authIntegration, callbackPortFor} from '../../../source/core/onboarding/auth-targets.js';

describe('callbackPortFor', () => {
	it('takes the port of a loopback URI, else 8765', () => {
		expect(callbackPortFor('http://127.0.0.1:9123')).toBe(9123);
		expect(callbackPortFor('http://localhost:9000/callback')).toBe(9000);
		expect(callbackPortFor('http://[::1]:7000')).toBe(7000);
		expect(callbackPortFor('http://127.0.0.1:')).toBe(8765);
		expect(callbackPortFor('https://booking.example.com:9443/cb')).toBe(8765);
		expect(callbackPortFor('http://127.0.0.1:99999')).toBe(8765);
		expect(callbackPortFor('oob')).toBe(8765);
		expect(callbackPortFor(undefined)).toBe(8765);
	});
});

describe('authIntegration', () => {
	it('resolves the secret reference, or takes a pasted secret without resolving', () => {
		const instance = {name: 'maple', baseUrl: 'https://emr.test/oscar', integrations: []};
		const integration = {
			name: 'booking',
			consumerKey: 'k',
			consumerSecret: 'env:BOOKING_SECRET',
			uri: 'http://127.0.0.1:8765',
			expectedProvider: '999001',
			tags: [],
		};
		const resolved = authIntegration(instance, integration, ref => (ref === 'env:BOOKING_SECRET' ? 'from-env' : 'wrong'));
		expect(resolved).toMatchObject({
			id: 'maple/booking',
			consumerSecret: 'from-env',
			uri: 'http://127.0.0.1:8765',
			expectedProvider: '999001',
		});
		expect(
			authIntegration(
				instance,
				integration,
				() => {
					throw new Error('must not resolve');
				},
				'pasted',
			).consumerSecret,
		).toBe('pasted');
	});
});
