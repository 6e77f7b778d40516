/**
 * The REST resources behind /ws/services once OAuth has passed: only non-patient endpoints
 * (identity and provider lists), answered as OSCAR's net.sf.json serialization would.
 */
import type {SimAccessToken, SimUser} from './types.js';
import {type Reply, empty, json} from './http-util.js';
import type {InstanceRuntime} from './runtime.js';

/** Root resource paths published under /ws/services; an unknown root is a 404 before any auth. */
export const resourceRoots: ReadonlySet<string> = new Set(['oauth', 'providerService', 'scheduleService']);

/** CARLOS: the scope each root needs (oauth/info needs none). */
export const requiredScope: Readonly<Record<string, string | undefined>> = {
	oauth: undefined,
	providerService: 'provider.read',
	scheduleService: 'schedule.read',
};

export function isInfoPath(servicePath: string): boolean {
	return servicePath.replace(/^\/+/, '').replace(/\/+$/, '') === 'oauth/info';
}

export function rootOf(servicePath: string): string {
	return servicePath.replace(/^\/+/, '').split('/')[0] ?? '';
}

/** net.sf.json of OSCAR's Provider bean: properties in alphabetical order. */
function providerJson(user: SimUser): Record<string, unknown> {
	return {
		address: '',
		billingNo: '',
		comments: '',
		dob: null,
		email: '',
		firstName: user.firstName,
		formattedName: `${user.lastName}, ${user.firstName}`,
		fullName: `${user.firstName} ${user.lastName}`,
		lastName: user.lastName,
		ohipNo: '',
		phone: '',
		practitionerNo: '',
		providerNo: user.providerNo,
		providerType: user.providerType,
		sex: '',
		specialty: '',
		status: '1',
		team: '',
	};
}

export function userByProviderNo(runtime: InstanceRuntime, providerNo: string | null): SimUser | undefined {
	if (providerNo === null) return undefined;
	for (const user of runtime.state.users.values()) if (user.providerNo === providerNo) return user;
	return undefined;
}

/** Serve a resource for an authenticated token. `roles` is [] (classic) or the scopes (CARLOS). */
export function serveResource(
	runtime: InstanceRuntime,
	method: string,
	servicePath: string,
	token: SimAccessToken,
	roles: readonly string[],
): Reply {
	const path = `/${servicePath.replace(/^\/+/, '').replace(/\/+$/, '')}`;
	const user = userByProviderNo(runtime, token.providerNo);
	if (method !== 'GET') return empty(405, {Allow: 'GET'});
	switch (path) {
		case '/oauth/info': {
			if (!user) {
				return {
					status: 200,
					headers: {'Content-Type': 'application/json'},
					body: 'Sorry, there was an error building your resposne: java.lang.NullPointerException',
				};
			}

			return json(200, {provider: providerJson(user), login: user.providerNo, roles: [...roles]});
		}

		case '/providerService/provider/me': {
			if (!user) return empty(500);
			return json(200, providerJson(user));
		}

		case '/providerService/providers_json': {
			const content = [...runtime.state.users.values()].map(candidate => providerJson(candidate));
			return json(200, {content, total: content.length});
		}

		case '/scheduleService/types': {
			return json(200, {content: [{code: 'A', description: 'Regular appointment', duration: 15}], total: 1});
		}

		default:
			return empty(404);
	}
}
