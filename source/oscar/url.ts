/**
 * Every OSCAR endpoint is derived here and nowhere else, from a base URL normalised by
 * source/core/base-url.ts (normalizeBaseUrl).
 */

interface Endpoints {
	readonly base: string;
	readonly initiate: string;
	readonly authorize: string;
	readonly decision: string;
	readonly token: string;
	readonly services: string;
	readonly info: string;
	readonly wadl: string;
	readonly index: string;
	readonly login: string;
	readonly restClients: string;
}

/** Every endpoint of an OSCAR instance, from its normalized base URL. */
export function endpoints(base: string): Endpoints {
	const root = base.replace(/\/+$/, '');
	return {
		base: root,
		initiate: `${root}/ws/oauth/initiate`,
		authorize: `${root}/ws/oauth/authorize`,
		decision: `${root}/ws/oauth/authorize/decision`,
		token: `${root}/ws/oauth/token`,
		services: `${root}/ws/services/`,
		info: `${root}/ws/services/oauth/info`,
		wadl: `${root}/ws/services?_wadl`,
		index: `${root}/index.jsp`,
		login: `${root}/login.do`,
		restClients: `${root}/admin/api/clients.jsp`,
	};
}

/** `{base}/ws/services/PATH` for a path like `oauth/info` or `/providerService/provider/me`. */
export function servicesUrl(base: string, servicePath: string): string {
	return `${endpoints(base).services}${servicePath.replace(/^\/+/, '')}`;
}
