/**
 * The real admin services (real login, real requests to the simulator) with a session whose steps
 * wait for the test: its client listing until `reads` settles (or rejects as cancelled when its
 * call is aborted), its logout until `logout` settles. So a key is surely pressed mid-run.
 */
import {AdminApiError, type AdminApi} from '../../../source/core/admin/index.js';
import type {AdminServices} from '../../../source/ui/admin/admin-services.js';
import {realAdminServices} from '../../../source/ui/admin/real-admin-services.js';

/** A promise and the function that resolves it. */
export function gate(): {readonly opened: Promise<void>; readonly open: () => void} {
	let open = (): void => undefined;
	const opened = new Promise<void>(resolve => {
		open = resolve;
	});
	return {opened, open};
}

export function heldAdminServices(holds: {readonly reads?: Promise<void>; readonly logout?: Promise<void>}): AdminServices {
	const real = realAdminServices({env: {}});
	const held = async (until: Promise<void> | undefined, signal?: AbortSignal): Promise<void> =>
		new Promise<void>((resolve, reject) => {
			void (until ?? Promise.resolve()).then(resolve);
			signal?.addEventListener('abort', () => reject(new AdminApiError('cancelled', 'cancelled')));
		});
	return {
		...real,
		async login(instance, credentials, signal) {
			const api = await real.login(instance, credentials, signal);
			const session: AdminApi = {
				...api,
				username: api.username,
				listClients: async call => held(holds.reads, call?.signal).then(async () => api.listClients(call)),
				logout: async () => (holds.logout ?? Promise.resolve()).then(async () => api.logout()),
			};
			return session;
		},
	};
}
