import {describe, expect, it} from 'vitest';
import {redact} from '../../source/core/redact.js';

const secret = 'Zq9-Pangolin/secret+value&x=1';

describe('redact', () => {
	it('replaces raw and percent-encoded forms, in any hex case', () => {
		const encoded = encodeURIComponent(secret);
		expect(encoded).toBe('Zq9-Pangolin%2Fsecret%2Bvalue%26x%3D1');
		const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, hex => hex.toLowerCase());
		expect(redact(`raw=${secret} enc=${encoded} lower=${lowerHex} end`, [secret])).toBe(
			'raw=[redacted] enc=[redacted] lower=[redacted] end',
		);
	});

	it('handles the RFC 3986 and form encodings of OAuth and leaves other text alone', () => {
		const value = "it's (a) secret!";
		const oauth = 'it%27s%20%28a%29%20secret%21';
		expect(redact(`oauth_signature="${oauth}" form=${oauth.replace(/%20/g, '+')} plain`, [value])).toBe(
			'oauth_signature="[redacted]" form=[redacted] plain',
		);
		expect(redact('nothing to hide', [])).toBe('nothing to hide');
		expect(redact('a.b', ['.'])).toBe('a[redacted]b');
	});

	it('redacts the longest secret first', () => {
		expect(redact('abcdef', ['abc', 'abcdef'])).toBe('[redacted]');
	});
});
