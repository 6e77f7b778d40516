/**
 * What the dashboard's admin view and the wizard's registration need from the outside, injected
 * like the wizard's services: the protocol stays in source/oscar and source/onboarding, the UI only
 * renders and sends intents. Tests inject the real ones over the simulator.
 */
import type {AdminApi, AdminClient, RegisterPlan} from '../../core/admin/index.js';
import type {CredentialsProof} from '../../core/onboarding/authorization-error.js';
import type {Instance, SecretRef} from '../../core/model.js';
import type {AdminCredentials} from '../../oscar/admin-session.js';

export interface AdminServices {
	/** Log in to the instance's OSCAR as an administrator: a session in memory, logged out by `withAdminSession`. */
	login(instance: Instance, credentials: AdminCredentials, signal: AbortSignal): Promise<AdminApi>;
	/** A stored secret, for the audit to compare with OSCAR's (throws when a reference cannot be read). */
	resolveSecret(ref: SecretRef): string;
	/** Step 8's proof for a client just registered or adopted: a signed request-token call. */
	prove(instance: Instance, client: AdminClient, plan: RegisterPlan, signal: AbortSignal): Promise<CredentialsProof>;
	/** Resolves when every session opened so far is logged out (the dashboard waits for it on its way out). */
	settle(): Promise<void>;
}
