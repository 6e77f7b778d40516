/**
 * `oscar-rest connect INSTANCE/INTEGRATION`: onboarding steps 8-9 without the dashboard. Proves the
 * key and secret, runs the loopback callback, shows the authorize URL (stderr), takes the redirect
 * or a pasted address/verifier (stdin), exchanges it, saves the token and checks WHO it acts as.
 * stdout carries only the result; no secret is ever printed.
 */
import {spawn} from 'node:child_process';
import readline from 'node:readline';
import {type CommandContext, UserError} from './context.js';
import {integerFlag, parseCommandArgs} from './args.js';
import {splitId} from './ids.js';
import {loadInventory, openStore, toUserError, updateInventory} from './open-store.js';
import {integrationId, type Instance, type Integration} from '../core/model.js';
import {updateIntegration} from '../core/inventory-ops.js';
import {resolveSecret} from '../store/secrets.js';
import {AuthorizationError} from '../core/onboarding/authorization-error.js';
import {createPasteChannel} from '../core/onboarding/paste-channel.js';
import {proveCredentials} from '../onboarding/prove-credentials.js';
import {runAuthorization, type AuthorizationEvent, type AuthorizationResult} from '../onboarding/authorize-flow.js';
import {authInstance, authIntegration} from '../core/onboarding/auth-targets.js';
import {authorizationReport} from '../core/onboarding/authorization-report.js';
import {planCallback, plannedCallback, plannedPort} from '../core/onboarding/callback-plan.js';
import type {IntegrationReport} from '../core/report.js';
import {oscarLegs} from '../onboarding/oscar-legs.js';
import {sshForwardLineHere, thisMachine} from '../onboarding/this-machine.js';
import {StateStore} from '../store/state-store.js';
import {canOpenBrowser, isRemoteSession} from '../core/onboarding/remote-session.js';
import type {ExitName} from '../core/exit-codes.js';

const help = `Usage: oscar-rest connect INSTANCE/INTEGRATION [--port N] [--no-browser] [--oob] [--timeout SECONDS]

Authorize an integration (onboarding steps 8-9) without the dashboard:
  1. proves the saved Client Key and Secret with a signed request-token call,
  2. listens for OSCAR's redirect on the callback derived from the registered URI (--uri):
     http://127.0.0.1:8765 or .../ -> http://127.0.0.1:8765/callback; a URI with a path or query
     (http://127.0.0.1:8765/oscar/callback, .../cb?x=1) is itself the callback; the integration's
     --callback, when set, wins,
  3. prints the authorize URL: open it in a NEW PRIVATE/INCOGNITO window and log in as the
     integration's DEDICATED user (a browser already logged into OSCAR binds THAT user),
  4. exchanges the verifier, saves the token and checks which provider it acts as (unless the
     clock skew is 240 s or more, or the token's lifetime is already over).
If the browser cannot reach this machine, paste the address it ended on (or the verifier) here.
A URI registered as "oob" selects the verifier paste by itself; a URI that is not on this
machine (a vendor's https page) cannot be caught here: paste the address the browser ends on.

Options
  --port N            listen on port N instead of the registered URI's (0 = any free port); the
                      callback keeps the URI's path
  --no-browser        do not try to open a browser (it is opened only with a local display)
  --oob               no callback whatever the URI: paste the verifier OSCAR shows
  --timeout SECONDS   how long to wait for the authorization (default 600)

Exit codes
  0 connected as the dedicated user, 1 failed (nothing saved), or saved but bound to no provider
  or not verified (the finding is printed), 2 connected as ANOTHER user
  (token saved, flagged), 64 bad arguments, 70 internal error, 78 unreadable config, 130 cancelled
  (nothing saved).
`;

const options = {
	port: {type: 'string'},
	'no-browser': {type: 'boolean'},
	oob: {type: 'boolean'},
	timeout: {type: 'string'},
} as const;

function find(inventory: {instances: readonly Instance[]}, id: string): {instance: Instance; integration: Integration} {
	const {instance: instanceName, integration: name} = splitId(id);
	const instance = inventory.instances.find(candidate => candidate.name === instanceName);
	if (!instance)
		throw new UserError(
			`connect: there is no instance "${instanceName}". Add it with "oscar-rest add instance", or see "oscar-rest list".`,
		);
	const integration = instance.integrations.find(candidate => candidate.name === name);
	if (!integration)
		throw new UserError(
			`connect: instance "${instanceName}" has no integration "${name}". Add it with "oscar-rest add integration", or see "oscar-rest list".`,
		);
	return {instance, integration};
}

/** Open the URL in the desktop's browser; failures only mean the user opens it by hand. */
function openBrowser(url: string): void {
	const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
	try {
		const child = spawn(command, [url], {detached: true, stdio: 'ignore'});
		child.on('error', () => undefined);
		child.unref();
	} catch {
		// No opener installed: the URL is printed anyway.
	}
}

/** Remember the authorization with the check results; a state file that cannot be written only loses that. */
function recordAuthorization(configPath: string, report: IntegrationReport, say: (line: string) => void): void {
	try {
		new StateStore(configPath).record([report]);
	} catch (error) {
		say(
			`▲ The token is saved, but the authorization could not be recorded with the check results: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
}

function describe(result: AuthorizationResult): string {
	const identity = result.identity;
	return identity ? `${identity.name ?? '(no name)'} (provider ${identity.providerNo})` : 'an unknown provider';
}

export default async function run(context: CommandContext): Promise<ExitName> {
	const {values, positionals, help: wantsHelp} = parseCommandArgs('connect', context.argv, options);
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const [id] = positionals;
	if (id === undefined || positionals.length > 1)
		throw new UserError('connect needs one INSTANCE/INTEGRATION, e.g. "oscar-rest connect maple/booking".');
	const oob = values.oob === true;
	if (oob && values.port !== undefined) throw new UserError('connect: --oob uses no callback, so --port does not apply.');
	const timeoutSeconds = integerFlag('connect', 'timeout', values.timeout, 600);

	const store = openStore(context.configPath);
	const {instance, integration} = find(loadInventory(store), id);
	const port = values.port === undefined ? undefined : integerFlag('connect', 'port', values.port, 8765, 0);
	if (port !== undefined && port > 65_535) throw new UserError(`connect: --port must be at most 65535, got ${port}.`);
	if (integration.consumerKey.trim() === '') {
		throw new UserError(
			`connect: ${id} has no Client Key yet. Copy it from OSCAR's REST Clients page: oscar-rest add integration ... or the dashboard's onboarding (step 8).`,
		);
	}

	let target;
	try {
		target = {
			instance: authInstance(instance),
			integration: authIntegration(instance, integration, ref => resolveSecret(ref, context.env)),
		};
	} catch (error) {
		throw toUserError(error);
	}

	const say = (line: string) => context.stderr.write(`${line}\n`);
	const controller = new AbortController();
	const onSignal = () => controller.abort();
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	// Pasted redirect addresses / verifiers, one per line, from stdin (a terminal or a pipe).
	const pasted = createPasteChannel();
	const lines = readline.createInterface({input: context.stdin, terminal: false});
	lines.on('line', line => {
		if (line.trim() !== '') pasted.submit(line);
	});
	lines.on('close', () => pasted.end());

	const legs = oscarLegs();
	const machine = thisMachine(context.env);
	const plan = planCallback({uri: integration.uri, callback: integration.callback, dialect: instance.dialect, port, oob});
	try {
		say(`Connecting ${id} at ${instance.baseUrl}`);
		if (plan.kind === 'oob' && !oob)
			say('This REST client is registered as "oob": OSCAR will show a verifier to paste here (no --oob needed).');
		// With --port 0 the callback's port is known only once bound: prove the key and secret with the URI itself.
		const proofCallback = plan.kind === 'loopback' && plan.port === 0 && integration.uri ? integration.uri : plannedCallback(plan);
		const proof = await proveCredentials(target.instance, target.integration, {legs, callback: proofCallback, signal: controller.signal});
		if (!proof.ok) {
			say(`✖ ${proof.code}: ${proof.message}`);
			return 'failed';
		}

		say('✔ OSCAR accepted the Client Key and Secret (request token issued).');
		const remote = isRemoteSession(context.env);
		let listeningPort = plannedPort(plan);
		const onEvent = (event: AuthorizationEvent) => {
			switch (event.type) {
				case 'listening': {
					listeningPort = event.port;
					say(`Callback listening on ${event.url}`);
					break;
				}

				case 'warning': {
					say(`▲ ${event.message}`);
					break;
				}

				case 'authorize': {
					say('');
					say('Open this address in a NEW PRIVATE/INCOGNITO window and log in as the DEDICATED user of this integration:');
					say(`  ${event.url}`);
					if (event.callback === 'loopback' && remote)
						say(`Browser on another machine? On it run: ${sshForwardLineHere(listeningPort, context.env, machine)}`);
					say(
						event.callback === 'oob'
							? 'After "Authorize", OSCAR shows a verifier: paste it here and press Enter.'
							: event.callback === 'paste'
								? 'After "Authorize", copy the address the browser ends on and paste it here, then press Enter.'
								: 'If the browser cannot reach this machine, paste the address it ended on (or the verifier) here and press Enter.',
					);
					say(`Waiting up to ${Math.round(timeoutSeconds / 60) || 1} min (Ctrl+C cancels)…`);
					if (values['no-browser'] !== true && canOpenBrowser(context.env)) openBrowser(event.url);
					break;
				}

				case 'paste-rejected': {
					say(`✖ ${event.message}`);
					break;
				}

				case 'verifier': {
					say(`Verifier received (${event.source}); exchanging it for the access token…`);
					break;
				}

				default: {
					break;
				}
			}
		};

		const result = await runAuthorization({
			instance: target.instance,
			integration: target.integration,
			legs,
			...(port === undefined ? {} : {port}),
			oob,
			pasted,
			onEvent,
			signal: controller.signal,
			timeoutMs: timeoutSeconds * 1000,
			machine,
			...(context.now ? {now: context.now} : {}),
		});

		updateInventory(store, inventory =>
			updateIntegration(inventory, integrationId(instance.name, integration.name), {
				accessToken: result.accessToken,
				tokenSecret: result.tokenSecret,
				issuedAt: result.issuedAt,
			}),
		);
		// The exchange proved this configuration, and what it found sticks to this token (state file).
		recordAuthorization(
			context.configPath,
			authorizationReport(target.instance, target.integration, result, (context.now ?? Date.now)()),
			say,
		);
		const out = (line: string) => context.stdout.write(`${line}\n`);
		out(`Connected ${id}: the access token is saved in ${store.path} (the token secret is not shown).`);
		out(`Acts as: ${describe(result)}`);
		if (result.identityMatches === true) out(`✔ Identity verified: that is the dedicated user (${integration.expectedProvider ?? ''}).`);
		else if (result.findings.length === 0 && integration.expectedProvider === undefined) {
			out(
				`▲ No dedicated user is configured for ${id}: check that this is the integration's own provider, then record it with "oscar-rest add" (--provider).`,
			);
		}

		for (const finding of result.findings) {
			out(`✖ ${finding.code}: ${finding.message}`);
			for (const fix of finding.fix) out(`  → ${fix}`);
		}

		if (result.findings.some(finding => finding.code === 'token-wrong-user')) return 'wrong-user';
		return result.findings.length > 0 ? 'failed' : 'ok';
	} catch (error) {
		if (error instanceof AuthorizationError) {
			if (error.code === 'cancelled') {
				say('Cancelled: nothing was saved.');
				return 'interrupted';
			}

			say(`✖ ${error.code}: ${error.message}`);
			return 'failed';
		}

		throw toUserError(error);
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		pasted.end();
		lines.close();
		if ('pause' in context.stdin && typeof context.stdin.pause === 'function') context.stdin.pause();
	}
}
