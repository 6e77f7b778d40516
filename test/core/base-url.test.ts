import {describe, expect, it} from 'vitest';
import {BaseUrlError, type BaseUrlErrorCode, normalizeBaseUrl} from '../../source/core/base-url.js';

function failure(input: string): BaseUrlError {
	try {
		normalizeBaseUrl(input);
	} catch (error) {
		if (error instanceof BaseUrlError) return error;
		throw error;
	}

	throw new Error(`"${input}" was accepted`);
}

describe('normalizeBaseUrl: what admins paste', () => {
	const accepted: ReadonlyArray<readonly [string, string]> = [
		['clinic.example.com/oscar', 'https://clinic.example.com/oscar'],
		['  clinic.example.com/oscar  ', 'https://clinic.example.com/oscar'],
		['//clinic.example.com/oscar', 'https://clinic.example.com/oscar'],
		['https://clinic.example.com/oscar/', 'https://clinic.example.com/oscar'],
		['https://clinic.example.com/oscar///', 'https://clinic.example.com/oscar'],
		['HTTPS://Clinic.Example.COM/oscar', 'https://clinic.example.com/oscar'],
		['https://clinic.example.com:443/oscar', 'https://clinic.example.com/oscar'],
		['http://clinic.example.com:80/oscar', 'http://clinic.example.com/oscar'],
		['http://clinic.example.com:443/oscar', 'http://clinic.example.com:443/oscar'],
		['https://host:8443/oscar/index.jsp', 'https://host:8443/oscar'],
		['https://host:8443/oscar/login.do', 'https://host:8443/oscar'],
		['https://host/oscar/ws/services/oauth/info', 'https://host/oscar'],
		['https://host/oscar/ws/services/', 'https://host/oscar'],
		['https://host/oscar/ws/oauth/initiate', 'https://host/oscar'],
		['https://host/oscar/ws/rs/providerService/provider/me', 'https://host/oscar'],
		['https://host/oscar/ws', 'https://host/oscar'],
		// The query of a pasted API address goes with the API path.
		['https://host/oscar/ws/oauth/authorize?oauth_token=abc', 'https://host/oscar'],
		['https://host/oscar/ws/services?_wadl', 'https://host/oscar'],
		['localhost:8080/oscar15', 'https://localhost:8080/oscar15'],
		['https://[::1]:8443/oscar', 'https://[::1]:8443/oscar'],
		// The context path keeps its case: Tomcat context paths are case-sensitive.
		['https://host/Oscar/', 'https://host/Oscar'],
		['https://bücher.example/oscar', 'https://xn--bcher-kva.example/oscar'],
	];
	it.each(accepted)('%s -> %s', (input, expected) => {
		expect(normalizeBaseUrl(input)).toBe(expected);
	});

	it('is idempotent', () => {
		for (const [, normalized] of accepted) expect(normalizeBaseUrl(normalized)).toBe(normalized);
	});

	const rejected: ReadonlyArray<readonly [string, BaseUrlErrorCode, RegExp]> = [
		['', 'empty', /empty/],
		['   ', 'empty', /empty/],
		['https://clinic.example.com/os car', 'spaces', /space/],
		['clinic example.com/oscar', 'spaces', /space/],
		['ftp://clinic.example.com/oscar', 'scheme', /"ftp:"/],
		['file:///etc/oscar', 'scheme', /"file:"/],
		['javascript:alert(1)', 'scheme', /"javascript:"/],
		['https:///oscar', 'no-host', /no host/],
		['https://clinic.example.com/oscar?x=1', 'query', /query/],
		['https://clinic.example.com/oscar#top', 'fragment', /fragment/],
		['https://admin:hunter2@clinic.example.com/oscar', 'credentials', /user name or password/],
		['https://clinic.example.com:99999/oscar', 'port', /"99999"/],
		['https://clinic.example.com:0/oscar', 'port', /"0"/],
		['https://clinic.example.com:/oscar', 'port', /port/],
		['https://clinic.example.com:84a3/oscar', 'port', /"84a3"/],
		['https:clinic.example.com/oscar', 'invalid', /two slashes/],
		['http:/clinic.example.com/oscar', 'invalid', /two slashes/],
	];
	it.each(rejected)('rejects %j with code %s', (input, code, message) => {
		const error = failure(input);
		expect(error.code).toBe(code);
		expect(error.message).toMatch(message);
		expect(error.name).toBe('BaseUrlError');
	});

	it('never repeats a password pasted in the URL', () => {
		expect(failure('https://admin:S3cr3t-Pa55@clinic.example.com/oscar').message).not.toContain('S3cr3t-Pa55');
	});
});
