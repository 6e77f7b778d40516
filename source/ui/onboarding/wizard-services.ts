/**
 * What the wizard needs from the outside, injected by the dashboard (or a test): the protocol
 * work stays in source/core/onboarding and source/oscar, the wizard only renders and sends intents.
 */
import type {AuthorizationEvent, AuthorizationResult} from '../../onboarding/authorize-flow.js';
import type {CredentialsProof} from '../../core/onboarding/authorization-error.js';
import type {Identity} from '../../core/report.js';
import type {AdminApi, AdminClient, RegisterPlan} from '../../core/admin/index.js';
import type {AdminCredentials} from '../../oscar/admin-session.js';

export interface RestModuleProbe {
	readonly status: 'on' | 'off' | 'unknown';
	/** One line for the pane, e.g. 'REST module off: 404 "No service was found."'. */
	readonly detail: string;
}

export interface WizardServices {
	/** Step 3's `r`: one unsigned probe of the instance (probeInstance quick). */
	readonly probeRestModule?: (signal: AbortSignal) => Promise<RestModuleProbe>;
	/** Step 8: prove the key/secret with a signed initiate (proveCredentials); no consumerSecret = the saved one. */
	readonly proveCredentials?: (
		credentials: {consumerKey: string; consumerSecret?: string},
		signal: AbortSignal,
	) => Promise<CredentialsProof>;
	/** Step 9's `a`: runAuthorization with the integration's saved credentials and real legs. */
	readonly authorize?: (options: {
		port: number;
		pasted: AsyncIterable<string>;
		onEvent: (event: AuthorizationEvent) => void;
		signal: AbortSignal;
	}) => Promise<AuthorizationResult>;
	/** Steps 4-8's `m`: an OSCAR administrator's session for one registration, and the new client's proof. */
	readonly admin?: {
		login(credentials: AdminCredentials, signal: AbortSignal): Promise<AdminApi>;
		prove(client: AdminClient, plan: RegisterPlan, signal: AbortSignal): Promise<CredentialsProof>;
	};
	/** Write a terminal sequence (OSC 52). Default: Ink's stdout writer. */
	readonly writeToTerminal?: (data: string) => void;
	/** Folder for the saved e-mail. Default: the OS temp folder. */
	readonly emailDir?: string;
	readonly env?: NodeJS.ProcessEnv;
	/** Callback port. Default 8765. */
	readonly port?: number;
	readonly now?: () => number;
}

export interface SavedToken {
	readonly accessToken: string;
	readonly tokenSecret: string;
	readonly issuedAt: number;
	readonly identity?: Identity;
}
