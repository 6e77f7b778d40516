import {describe, expect, it} from 'vitest';
import {baseStringUri, parseQuery, signRequest} from '../../source/oscar/oauth.js';
import {percentEncode} from '../../source/core/percent-encode.js';

describe('OAuth 1.0a signing (RFC 5849)', () => {
	it('reproduces the RFC 5849 3.4.1 base string and 3.4.2 signature exactly', () => {
		const signed = signRequest({
			method: 'POST',
			url: 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
			consumer: {key: '9djdj82h48djs9d2', secret: 'j49sk3j29djd'},
			token: {key: 'kkk9d7dh3k39sjv7', secret: 'dh893hdasih9'},
			form: [
				['c2', ''],
				['a3', '2 q'],
			],
			timestamp: 137_131_201,
			nonce: '7d8f3e4a',
			version: false,
		});
		expect(signed.baseString).toBe(
			'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
		);
		expect(signed.body).toBe('c2=&a3=2%20q');
		expect(signed.headers['authorization']).toContain('oauth_signature="');
	});

	it('reproduces the RFC 5849 1.2 photos.example.net signatures (initiate, token, resource)', () => {
		const consumer = {key: 'dpf43f3p2l4k3l03', secret: 'kd94hf93k423kf44'};
		const initiate = signRequest({
			method: 'POST',
			url: 'https://photos.example.net/initiate',
			consumer,
			oauthParams: {oauth_callback: 'http://printer.example.com/ready'},
			timestamp: 137_131_200,
			nonce: 'wIjqoS',
			version: false,
		});
		expect(initiate.headers['authorization']).toContain('oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"');
		expect(initiate.headers['authorization']!.match(/oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready"/g)).toHaveLength(1);
		const token = signRequest({
			method: 'POST',
			url: 'https://photos.example.net/token',
			consumer,
			token: {key: 'hh5s93j4hdidpola', secret: 'hdhd0244k9j7ao03'},
			oauthParams: {oauth_verifier: 'hfdp7dh39dks9884'},
			timestamp: 137_131_201,
			nonce: 'walatlh',
			version: false,
		});
		expect(token.headers['authorization']).toContain('oauth_signature="gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D"');
		expect(token.headers['authorization']!.match(/oauth_verifier=/g)).toHaveLength(1);
		const resource = signRequest({
			method: 'GET',
			url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
			consumer,
			token: {key: 'nnch734d00sl2jdk', secret: 'pfkkdhi9sl3r4s00'},
			timestamp: 137_131_202,
			nonce: 'chapoH',
			version: false,
		});
		expect(resource.headers['authorization']).toContain('oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"');
	});

	it('normalizes the base string URI: lowercase scheme and host, default port dropped, path kept', () => {
		expect(baseStringUri('HTTP://EXAMPLE.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
		expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
		expect(baseStringUri('https://Host:443/oscar/ws/oauth/initiate')).toBe('https://host/oscar/ws/oauth/initiate');
	});

	it('decodes query parameters the way RFC 5849 3.4.1.3 says (plus, equals in value, repeated names, trailing ?)', () => {
		expect(parseQuery('?a=b=c&c%40=&x+y=1+2&a=z')).toEqual([
			['a', 'b=c'],
			['c@', ''],
			['x y', '1 2'],
			['a', 'z'],
		]);
		expect(parseQuery('?')).toEqual([]);
		const one = signRequest({method: 'GET', url: 'https://h/p?', consumer: {key: 'k', secret: 's'}, timestamp: 1, nonce: 'n'});
		expect(one.baseString).not.toContain('%3D%26%26');
		expect(one.baseString.endsWith('oauth_version%3D1.0')).toBe(true);
		const repeated = signRequest({method: 'GET', url: 'https://h/p?a=2&a=1', consumer: {key: 'k', secret: 's'}, timestamp: 1, nonce: 'n'});
		expect(repeated.baseString).toContain('a%3D1%26a%3D2');
	});

	it('encodes only outside the unreserved set', () => {
		expect(percentEncode("a b!*'()~-._")).toBe('a%20b%21%2A%27%28%29~-._');
	});

	it('signs PLAINTEXT as the encoded key pair, keeping the & without a token secret', () => {
		const signed = signRequest({
			method: 'GET',
			url: 'https://h/p',
			consumer: {key: 'k', secret: 's&1'},
			signatureMethod: 'PLAINTEXT',
			timestamp: 1,
			nonce: 'n',
		});
		expect(signed.headers['authorization']).toContain('oauth_signature="s%25261%26"');
	});

	it('uses a fresh crypto nonce and a seconds timestamp by default', () => {
		const a = signRequest({method: 'GET', url: 'https://h/p', consumer: {key: 'k', secret: 's'}});
		const b = signRequest({method: 'GET', url: 'https://h/p', consumer: {key: 'k', secret: 's'}});
		const nonce = (text: string) => /oauth_nonce="([^"]+)"/.exec(text)?.[1];
		expect(nonce(a.headers['authorization']!)).toMatch(/^[\da-f]{32}$/);
		expect(nonce(a.headers['authorization']!)).not.toBe(nonce(b.headers['authorization']!));
		const timestamp = Number(/oauth_timestamp="(\d+)"/.exec(a.headers['authorization']!)?.[1]);
		expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(5);
	});

	it('moves the protocol parameters to the query or the form body on request', () => {
		const query = signRequest({
			method: 'GET',
			url: 'https://h/p?x=1',
			consumer: {key: 'k', secret: 's'},
			transport: 'query',
			timestamp: 1,
			nonce: 'n',
		});
		expect(query.url).toMatch(/^https:\/\/h\/p\?x=1&oauth_consumer_key=k&/);
		expect(query.headers['authorization']).toBeUndefined();
		const form = signRequest({
			method: 'POST',
			url: 'https://h/p',
			consumer: {key: 'k', secret: 's'},
			transport: 'form',
			oauthParams: {oauth_callback: 'oob'},
			timestamp: 1,
			nonce: 'n',
		});
		expect(form.body).toContain('oauth_callback=oob');
		expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
	});
});
