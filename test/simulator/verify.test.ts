import {describe, expect, it} from 'vitest';
import {
	collectParams,
	expectedSignature,
	normalizeBaseUri,
	parseAuthorizationHeader,
	parseFormEncoded,
	percentEncode,
	requestBaseString,
	signatureBaseString,
	verifySignature,
} from '../../source/simulator/verify.js';

describe('RFC 5849 verifier', () => {
	it('builds the base string of RFC 5849 section 3.4.1 exactly', () => {
		const request = {
			method: 'POST',
			origin: 'http://example.com',
			target: '/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
			authorization:
				'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", ' +
				'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"',
			contentType: 'application/x-www-form-urlencoded',
			body: 'c2&a3=2+q',
		};
		const {all} = collectParams(request);
		expect(requestBaseString(request, all)).toBe(
			'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q' +
				'%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26' +
				'oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
		);
	});

	it('verifies the three photos.example.net signatures of RFC 5849 section 1.2', () => {
		const initiate = {
			method: 'POST',
			origin: 'https://photos.example.net',
			target: '/initiate',
			authorization:
				'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131200", ' +
				'oauth_nonce="wIjqoS", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready", oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"',
		};
		expect(verifySignature(initiate, collectParams(initiate).all, 'kd94hf93k423kf44', '')).toBe(true);
		expect(verifySignature(initiate, collectParams(initiate).all, 'kd94hf93k423kf45', '')).toBe(false);

		const token = {
			method: 'POST',
			origin: 'https://photos.example.net',
			target: '/token',
			authorization:
				'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="hh5s93j4hdidpola", oauth_signature_method="HMAC-SHA1", ' +
				'oauth_timestamp="137131201", oauth_nonce="walatlh", oauth_verifier="hfdp7dh39dks9884", oauth_signature="gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D"',
		};
		expect(verifySignature(token, collectParams(token).all, 'kd94hf93k423kf44', 'hdhd0244k9j7ao03')).toBe(true);

		const photos = {
			method: 'GET',
			origin: 'http://photos.example.net',
			target: '/photos?file=vacation.jpg&size=original',
			authorization:
				'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", ' +
				'oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
		};
		expect(verifySignature(photos, collectParams(photos).all, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(true);
		// The same request seen by a server that believes it is on another port fails.
		expect(
			verifySignature(
				{...photos, origin: 'http://photos.example.net:8080'},
				collectParams(photos).all,
				'kd94hf93k423kf44',
				'pfkkdhi9sl3r4s00',
			),
		).toBe(false);
	});

	it('normalizes the base URI: lowercase scheme and host, default ports dropped, others kept', () => {
		expect(normalizeBaseUri('HTTP', 'Example.COM:80', '/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
		expect(normalizeBaseUri('https', 'www.example.net:8080', '/?q=1')).toBe('https://www.example.net:8080/');
		expect(normalizeBaseUri('https', 'host:443', '/oscar/ws')).toBe('https://host/oscar/ws');
		expect(normalizeBaseUri('http', 'host:443', '/oscar/ws')).toBe('http://host:443/oscar/ws');
	});

	it('encodes with RFC 3986 unreserved characters only and keeps duplicate parameters sorted by value', () => {
		expect(percentEncode("a b!*'()~._-é")).toBe('a%20b%21%2A%27%28%29~._-%C3%A9');
		expect(
			signatureBaseString('get', 'http://h/p', [
				['a', '2'],
				['a', '1'],
				['b', 'x'],
			]),
		).toBe('GET&http%3A%2F%2Fh%2Fp&a%3D1%26a%3D2%26b%3Dx');
		expect(parseFormEncoded('a=b=c&d&e=1+2')).toEqual([
			['a', 'b=c'],
			['d', ''],
			['e', '1 2'],
		]);
	});

	it('supports PLAINTEXT and refuses unknown methods', () => {
		expect(expectedSignature('PLAINTEXT', 'ignored', 'c s', 't&s')).toBe('c%20s&t%26s');
		expect(expectedSignature('RSA-SHA1', 'x', 'a', 'b')).toBeUndefined();
		expect(parseAuthorizationHeader('Basic abc')).toBeUndefined();
		expect(parseAuthorizationHeader('OAuth realm="x", oauth_nonce="a%20b"')).toEqual([['oauth_nonce', 'a b']]);
	});
});
