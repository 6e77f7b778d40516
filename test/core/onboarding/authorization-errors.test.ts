/**
 * What a refused leg of the authorization means, in both dialects (issue point 2: CARLOS's codes at
 * every step). Classic answers an empty 401 (unknown key) or 400 (anything else); CARLOS names the
 * cause. The services step is the probes' (test/oscar/field-diagnoses.test.ts, token-safety.test.ts).
 */
import {describe, expect, it} from 'vitest';
import {describeExchangeFailure, describeInitiateFailure} from '../../../source/core/onboarding/authorization-error.js';

const instance = {name: 'east', baseUrl: 'https://east.example/carlos'};
const failure = (status: number, body = '') => Object.assign(new Error(`HTTP ${status}`), {status, body});

describe('initiate', () => {
	it.each([
		[401, '', 'consumer-key-unknown', 8],
		[401, 'invalid_consumer', 'consumer-key-unknown', 8],
		[401, 'invalid_signature', 'request-rejected', 8],
		[401, 'nonce_replayed', 'nonce-replayed', 8],
		[400, 'callback_uri not allowed', 'callback-rejected', 6],
		[400, 'invalid_callback_scheme', 'callback-rejected', 6],
		[400, 'invalid_oauth_parameters', 'request-rejected', 8],
		[400, '', 'request-rejected', 8],
		[500, 'oauth_processing_error', 'oauth-processing-error', 8],
		[404, '', 'rest-module-off', 3],
	] as const)('%i %j -> %s (step %i)', (status, body, code, step) => {
		const error = describeInitiateFailure(failure(status, body), instance, 'http://127.0.0.1:8765/callback', 'east/app');
		expect({code: error.code, step: error.step}).toEqual({code, step});
	});

	it('an invalid_signature is not an unknown key, and names the deep check that tells the cause', () => {
		const error = describeInitiateFailure(failure(401, 'invalid_signature'), instance, 'cb', 'east/app');
		expect(error.message).toMatch(/knows the key but rejected the signature/);
		expect(error.message).toContain('oscar-rest check east/app --deep');
	});
});

describe('the token exchange', () => {
	it.each([
		['invalid_token', /no longer knows the request token/],
		['invalid_verifier', /refused the verifier/],
		['invalid_signature', /rejected the signature of the exchange/],
		['nonce_replayed', /nonce before/],
		['invalid_consumer', /does not know this client key/],
		['', /verifier was wrong or the request token expired/],
	])('%j', (body, message) => {
		expect(describeExchangeFailure(body === '' ? 400 : 401, body)).toMatch(message);
	});
});
