import {describe, expect, it} from 'vitest';
import {normalizeBaseUrl} from '../../source/core/base-url.js';
import {endpoints, servicesUrl} from '../../source/oscar/url.js';

describe('endpoints: every OSCAR address derived in one place', () => {
	it('derives the OAuth, service, WADL and page endpoints from the base', () => {
		const base = normalizeBaseUrl('clinic.example.com:8443/oscar/');
		const all = endpoints(base);
		expect(all).toMatchObject({
			base: 'https://clinic.example.com:8443/oscar',
			initiate: 'https://clinic.example.com:8443/oscar/ws/oauth/initiate',
			authorize: 'https://clinic.example.com:8443/oscar/ws/oauth/authorize',
			decision: 'https://clinic.example.com:8443/oscar/ws/oauth/authorize/decision',
			token: 'https://clinic.example.com:8443/oscar/ws/oauth/token',
			services: 'https://clinic.example.com:8443/oscar/ws/services/',
			info: 'https://clinic.example.com:8443/oscar/ws/services/oauth/info',
			wadl: 'https://clinic.example.com:8443/oscar/ws/services?_wadl',
			index: 'https://clinic.example.com:8443/oscar/index.jsp',
			login: 'https://clinic.example.com:8443/oscar/login.do',
		});
		// Each protocol endpoint normalizes back to the same base (pasting any of them works).
		for (const url of [
			all.base,
			all.initiate,
			all.authorize,
			all.decision,
			all.token,
			all.services,
			all.info,
			all.wadl,
			all.index,
			all.login,
		]) {
			expect(normalizeBaseUrl(url)).toBe(base);
		}
	});

	it('joins service paths without doubled slashes', () => {
		expect(servicesUrl('https://h/oscar', '/providerService/provider/me')).toBe('https://h/oscar/ws/services/providerService/provider/me');
		expect(servicesUrl('https://h/oscar/', 'oauth/info')).toBe('https://h/oscar/ws/services/oauth/info');
	});
});
