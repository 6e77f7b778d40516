/** What server text may become evidence: oauth secrets redacted, stack traces cut to their top frame. */
import {describe, expect, it} from 'vitest';
import {redactOAuthValues, stackTraceTop} from '../../source/core/evidence-text.js';

describe('redactOAuthValues', () => {
	it.each([
		[
			'oauth_callback_confirmed=true&oauth_token=rt1&oauth_token_secret=RTS-123&x=1',
			'oauth_callback_confirmed=true&oauth_token=rt1&oauth_token_secret=[redacted]&x=1',
		],
		[
			'http://127.0.0.1:8765/callback?oauth_verifier=V-9&oauth_token=rt1',
			'http://127.0.0.1:8765/callback?oauth_verifier=[redacted]&oauth_token=rt1',
		],
		[
			'OAuth oauth_consumer_key="k", oauth_signature="abc%3D", oauth_token="t"',
			'OAuth oauth_consumer_key="k", oauth_signature="[redacted]", oauth_token="t"',
		],
		['{"oauth_token_secret":"s3cr3t","a":1}', '{"oauth_token_secret":"[redacted]","a":1}'],
		[
			'GET&http%3A%2F%2Fh%2Fp&oauth_verifier%3DVVV%26oauth_version%3D1.0',
			'GET&http%3A%2F%2Fh%2Fp&oauth_verifier%3D[redacted]%26oauth_version%3D1.0',
		],
		['The Request token rt1 has verifier (none)', 'The Request token rt1 has verifier (none)'],
		['oauth_token_secret=[redacted]', 'oauth_token_secret=[redacted]'],
	])('%s', (input, output) => {
		expect(redactOAuthValues(input)).toBe(output);
	});
});

describe('stackTraceTop', () => {
	it('keeps the exception line and the top frame only', () => {
		const trace =
			'java.lang.NullPointerException\n\tat oscar.login.OscarOAuthDataProvider.getAccessToken(OscarOAuthDataProvider.java:214)\n\tat org.apache.cxf.X.y(X.java:1)\n';
		expect(stackTraceTop(trace)).toBe(
			'java.lang.NullPointerException at oscar.login.OscarOAuthDataProvider.getAccessToken(OscarOAuthDataProvider.java:214)',
		);
		expect(stackTraceTop('javax.ws.rs.WebApplicationException: HTTP 500\n    at a.B.c(B.java:3)')).toBe(
			'javax.ws.rs.WebApplicationException: HTTP 500 at a.B.c(B.java:3)',
		);
		expect(stackTraceTop('No message body writer has been found')).toBeUndefined();
	});
});
