/**
 * The wizard's services wired to the real protocol: step 3's probe (probeInstance), step 8's proof
 * (proveCredentials with the real legs) and step 9's authorization (runAuthorization), for one
 * configured integration. The dashboard command builds these; tests inject their own.
 */
import type {Instance, Integration} from '../../core/model.js';
import {authInstance, authIntegration} from '../../core/onboarding/auth-targets.js';
import {authorizationReport} from '../../core/onboarding/authorization-report.js';
import {planCallback, plannedCallback, plannedPort} from '../../core/onboarding/callback-plan.js';
import type {OAuthLegs} from '../../core/onboarding/oauth-legs.js';
import type {IntegrationReport} from '../../core/report.js';
import {thisMachine} from '../../onboarding/this-machine.js';
import {resolveSecret} from '../../store/secrets.js';
import type {RestModuleProbe, WizardServices} from './wizard-services.js';
import type {AdminServices} from '../admin/admin-services.js';

export interface RealServicesOptions {
	readonly env: NodeJS.ProcessEnv;
	/** Callback port; default: the registered URI's loopback port, else 8765. */
	readonly port?: number;
	/** Protocol legs (default: source/oscar's real ones). */
	readonly legs?: OAuthLegs;
	/** Keep what a completed authorization proved and found (the state store's record). */
	readonly recordAuthorization?: (report: IntegrationReport) => void;
	/** The clock (epoch ms) the token guard measures the skew with; default Date.now. */
	readonly now?: () => number;
	/** An OSCAR administrator's sessions, for steps 4-8 done with an admin login (`m`). */
	readonly admin?: AdminServices;
}

// Speed: the protocol modules pull in the HTTP stack (got and its dependencies, some 100 ms to load
// on a busy machine); imported on first use, so the dashboard's first frame never waits for them.
const protocol = async () => {
	const [{proveCredentials}, {runAuthorization}, {oscarLegs}] = await Promise.all([
		import('../../onboarding/prove-credentials.js'),
		import('../../onboarding/authorize-flow.js'),
		import('../../onboarding/oscar-legs.js'),
	]);
	return {proveCredentials, runAuthorization, oscarLegs};
};

/** Step 3's re-probe: one quick, unsigned instance probe. */
export async function probeRestModule(instance: Instance, signal: AbortSignal): Promise<RestModuleProbe> {
	const {probeInstance} = await import('../../oscar/probes/index.js');
	const report = await probeInstance(
		{
			name: instance.name,
			baseUrl: instance.baseUrl,
			caFile: instance.caFile,
			insecureTls: instance.insecureTls,
			dialect: instance.dialect,
		},
		{signal},
	);
	const probe = report.probes.find(candidate => candidate.probe === 'rest-module') ?? report.probes[0];
	// What decides it, not every header: the status and the body OSCAR answered with.
	const evidence = probe
		? probe.evidence
				.filter(item => ['HTTP status', 'Body'].includes(item.label))
				.map(item => `${item.label}: ${item.value}`)
				.join(', ')
		: '';
	return {
		status: report.restModule,
		detail: `REST module ${report.restModule}${probe ? ` (${probe.code}${evidence ? `; ${evidence}` : ''})` : ''}`,
	};
}

export function realWizardServices(instance: Instance, integration: Integration, options: RealServicesOptions): WizardServices {
	let oscar: Promise<Awaited<ReturnType<typeof protocol>> & {legs: OAuthLegs}> | undefined;
	const loaded = async () => {
		oscar ??= protocol().then(modules => ({...modules, legs: options.legs ?? modules.oscarLegs()}));
		return oscar;
	};

	// The callback comes from the registered URI (its port and path), as in `oscar-rest connect`.
	const plan = planCallback({uri: integration.uri, callback: integration.callback, dialect: instance.dialect});
	const port = options.port ?? plannedPort(plan);
	const resolve = (ref: string) => resolveSecret(ref, options.env);
	const target = authInstance(instance);
	const machine = thisMachine(options.env);
	const {admin} = options;
	return {
		env: options.env,
		port,
		probeRestModule: async signal => probeRestModule(instance, signal),
		...(admin
			? {
					admin: {
						login: async (credentials, signal) => admin.login(instance, credentials, signal),
						prove: async (client, registered, signal) => admin.prove(instance, client, registered, signal),
					},
				}
			: {}),
		// The pasted key/secret may not be saved yet: sign with them, the saved secret otherwise.
		async proveCredentials(credentials, signal) {
			const {proveCredentials, legs} = await loaded();
			return proveCredentials(
				target,
				{
					...authIntegration(instance, integration, resolve, credentials.consumerSecret),
					consumerKey: credentials.consumerKey,
				},
				{
					legs,
					callback: plannedCallback(planCallback({uri: integration.uri, callback: integration.callback, dialect: instance.dialect, port})),
					signal,
				},
			);
		},
		async authorize({port: listenPort, pasted, onEvent, signal}) {
			const {runAuthorization, legs} = await loaded();
			const authIntegrationTarget = authIntegration(instance, integration, resolve);
			const result = await runAuthorization({
				instance: target,
				integration: authIntegrationTarget,
				legs,
				pasted,
				onEvent,
				signal,
				machine,
				...(options.now ? {now: options.now} : {}),
				// The URI's own port unless the wizard was given another.
				...(listenPort === plannedPort(plan) ? {} : {port: listenPort}),
			});
			try {
				options.recordAuthorization?.(authorizationReport(target, authIntegrationTarget, result, (options.now ?? Date.now)()));
			} catch {
				// Only the record of the authorization is lost; the token itself is saved by the wizard.
			}

			return result;
		},
	};
}
