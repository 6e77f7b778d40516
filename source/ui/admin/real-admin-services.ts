/**
 * The admin services wired to the real protocol: adminLogin over the instance's HTTP client (its
 * CA, its TLS choice), the secrets as the store resolves them, and the registration's proof with
 * the real OAuth legs. Sessions are counted until they are logged out, so the dashboard can wait
 * for the last logout before the process ends (a quit or a signal in the middle of an audit).
 */
import type {AdminApi} from '../../core/admin/index.js';
import type {OAuthLegs} from '../../core/onboarding/oauth-legs.js';
import {resolveSecret} from '../../store/secrets.js';
import type {AdminServices} from './admin-services.js';

export interface RealAdminServicesOptions {
	readonly env: NodeJS.ProcessEnv;
	/** Per phase of each request (default: the HTTP client's). */
	readonly timeoutMs?: number;
	readonly legs?: OAuthLegs;
}

// Speed: the admin session and the registration's proof pull in the HTTP stack (got, some 100 ms to
// load on a busy machine); imported on first use, so the dashboard's first frame never waits for them.
const adminSession = async () => import('../../oscar/admin-session.js');
const proveRegistration = async () => import('../../onboarding/prove-registration.js');

/** How long the way out waits for logouts still in flight (each is capped at 3 s itself). */
const settleLimitMs = 5000;

export function realAdminServices(options: RealAdminServicesOptions): AdminServices {
	const open = new Set<Promise<void>>();
	return {
		async login(instance, credentials, signal) {
			const {adminLogin, adminTargetFor} = await adminSession();
			const api = await adminLogin(adminTargetFor(instance), credentials, {
				signal,
				...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
			});
			let loggedOut = (): void => undefined;
			const closed = new Promise<void>(resolve => {
				loggedOut = resolve;
			});
			open.add(closed);
			void closed.then(() => open.delete(closed));
			const session: AdminApi = {
				username: api.username,
				listClients: async call => api.listClients(call),
				listTokens: async call => api.listTokens(call),
				addClient: async (client, call) => api.addClient(client, call),
				deleteClient: async (id, call) => api.deleteClient(id, call),
				async logout() {
					try {
						await api.logout();
					} finally {
						loggedOut();
					}
				},
			};
			return session;
		},
		resolveSecret: ref => resolveSecret(ref, options.env),
		prove: async (instance, client, plan, signal) =>
			(await proveRegistration()).proveRegisteredClient(instance, client, plan, {
				signal,
				...(options.legs ? {legs: options.legs} : {}),
				...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
			}),
		async settle() {
			let timer: NodeJS.Timeout | undefined;
			const limit = new Promise<void>(resolve => {
				timer = setTimeout(resolve, settleLimitMs);
				timer.unref();
			});
			await Promise.race([Promise.all(open), limit]);
			clearTimeout(timer);
		},
	};
}
