/**
 * `oscar-rest admin register INSTANCE/NAME`: onboarding steps 4-8 with one admin login. Creates the
 * REST client with exactly step 6's values (name, URI, lifetime -1), reads it back with `list` to
 * learn the key and secret OSCAR generated, stores them in the 0600 config, proves them with a signed
 * request-token call and prints step 9. The admin login is asked each time and never kept.
 */
import {
	type AdminClient,
	type RegisterOutcome,
	type RegisterPlan,
	planRegistration,
	registerIntegration,
	withAdminSession,
	withRegisteredClient,
} from '../core/admin/index.js';
import type {ExitName} from '../core/exit-codes.js';
import {integrationId, type Instance} from '../core/model.js';
import {safeLine} from '../core/untrusted-text.js';
import {validateName} from '../core/validate.js';
import {adminLogin, adminTargetFor} from '../oscar/admin-session.js';
import {closeIdleConnections} from '../oscar/http.js';
import {proveRegisteredClient} from '../onboarding/prove-registration.js';
import {parseCommandArgs} from './args.js';
import {type CommandContext, UserError} from './context.js';
import {adminLoginHelp, adminLoginOptions, askAdminCredentials, interruptSignal, reportAdminFailure, timeoutFlag} from './admin-login.js';
import {splitId} from './ids.js';
import {loadInventory, openStore, toUserError, updateInventory} from './open-store.js';

export const registerHelp = `Usage: oscar-rest admin register INSTANCE/NAME [--uri URI] [--lifetime -1] [--adopt] [--provider P]
                                   [--user NAME --password-stdin] [--timeout SECONDS]

Onboarding steps 4-8 with one administrator login: creates the REST client on OSCAR with exactly
the values step 6 prescribes (name NAME, the integration's URI, lifetime -1), reads it back to
learn the Client Key and Secret OSCAR generated, stores them for INSTANCE/NAME in the config file
(0600), proves them with a signed request-token call, and tells you step 9 (oscar-rest connect).
The integration is added to the inventory if it is not there yet.

Options
  --uri URI          the URI to register (default: the integration's URI, else http://127.0.0.1:8765,
                     the loopback callback oscar-rest connect listens on); the callback must start with it
  --lifetime N       token lifetime in seconds, or -1 (default: never expires). Not an integer: refused
                     (OSCAR would silently store 0, and every token would expire at once)
  --adopt            a client named NAME exists already: use it (store its key and secret) instead of refusing
  --provider P       the integration's dedicated provider (providerNo or name), for new integrations
${adminLoginHelp}

Refused before anything is sent: a lifetime that is not a whole number (or 0), a URI the callback does
not start with, and an integration whose secret is an env: or file: reference (register writes
secrets only into the config; the message says what to put where instead).

Exit codes
  0 registered and proved, 2 registered but OSCAR rejected the new key and secret, 64 bad arguments,
  69 OSCAR unreachable or without the admin API (404), 73 a client of that name exists (use --adopt),
  74 the client was created but the config could not be written, 75 the session ended mid-way,
  70 internal error, 76 an answer no OSCAR gives, 77 login refused or not an administrator,
  78 the secret is an env:/file: reference (or the config is unreadable), 130 cancelled

Examples
  oscar-rest admin register maple/kiosk
  oscar-rest admin register maple/booking --uri https://booking.example.com/oscar/callback --provider 999001
  printf '%s\\n%s\\n' "$ADMIN_PASSWORD" "$ADMIN_PIN" | oscar-rest admin register maple/kiosk --user oscaradmin --password-stdin
`;

/** Stores what OSCAR generated in the 0600 config, printing the key's warnings. */
function save(context: CommandContext, instance: Instance, plan: RegisterPlan, provider: string | undefined) {
	return (client: AdminClient) => {
		updateInventory(openStore(context.configPath), inventory => {
			const stored = withRegisteredClient(inventory, instance.name, plan, client, provider);
			for (const warning of stored.warnings) context.stderr.write(`warning: ${warning}\n`);
			return stored.inventory;
		});
	};
}

function printOutcome(context: CommandContext, outcome: RegisterOutcome, instance: Instance): ExitName {
	const out = (line: string) => context.stdout.write(`${line}\n`);
	const {client, plan} = outcome;
	const lifetime = client.lifetime === -1 ? '-1 (never expires)' : String(client.lifetime);
	// Key and URI come from the server: sanitized like every server text.
	out(
		`${outcome.adopted ? 'Adopted the existing' : 'Registered the'} REST client "${plan.name}" (#${client.id}) on ${instance.name}: key ${safeLine(client.key)}, URI ${safeLine(client.uri) || '(blank)'}, lifetime ${lifetime}.`,
	);
	out(`Saved the key and secret for ${plan.id} in ${context.configPath} (mode 0600; the secret is not shown).`);
	for (const warning of outcome.warnings) out(`▲ ${warning.code}: ${warning.summary}`);
	if (!outcome.proof.ok) {
		out(`✖ ${outcome.proof.code}: OSCAR rejected the new key and secret: ${outcome.proof.message}`);
		return 'critical';
	}

	out('✔ OSCAR accepted them: a signed request-token call succeeded.');
	out(`Next (step 9): authorize it as its dedicated provider, in a private window: oscar-rest connect ${plan.id}`);
	return 'ok';
}

export default async function register(context: CommandContext): Promise<ExitName> {
	const {values, positionals, help} = parseCommandArgs('admin register', context.argv, {
		...adminLoginOptions,
		uri: {type: 'string'},
		lifetime: {type: 'string'},
		adopt: {type: 'boolean'},
		provider: {type: 'string'},
	});
	if (help) {
		context.stdout.write(registerHelp);
		return 'ok';
	}

	const [id] = positionals;
	if (id === undefined || positionals.length > 1)
		throw new UserError('admin register needs one INSTANCE/NAME, e.g. "oscar-rest admin register maple/kiosk".');
	const {instance: instanceName, integration: rawName} = splitId(id);
	let name: string;
	try {
		name = validateName(rawName, 'integration');
	} catch (error) {
		throw toUserError(error);
	}

	const timeoutMs = timeoutFlag('admin register', values.timeout);
	const instance = loadInventory(openStore(context.configPath)).instances.find(candidate => candidate.name === instanceName);
	if (!instance)
		throw new UserError(
			`admin register: there is no instance "${instanceName}". Add it first: oscar-rest add instance ${instanceName} URL`,
		);
	const existing = instance.integrations.find(candidate => candidate.name === name);
	const target = adminTargetFor(instance);
	let plan: RegisterPlan;
	try {
		plan = planRegistration({
			baseUrl: instance.baseUrl,
			dialect: target.dialect,
			id: integrationId(instance.name, name),
			name,
			...(existing
				? {
						existing: {
							consumerSecret: existing.consumerSecret,
							...(existing.uri ? {uri: existing.uri} : {}),
							...(existing.callback ? {callback: existing.callback} : {}),
						},
					}
				: {}),
			...(values.uri === undefined ? {} : {uri: values.uri}),
			...(values.lifetime === undefined ? {} : {lifetime: values.lifetime}),
		});
	} catch (error) {
		return reportAdminFailure(context, error);
	}

	const provider = values.provider?.trim() || undefined;
	const credentials = await askAdminCredentials(context, {
		command: 'admin register',
		label: `${instance.name} (${instance.baseUrl})`,
		...(values.user === undefined ? {} : {user: values.user}),
		passwordStdin: values['password-stdin'] === true,
	});
	const interrupt = interruptSignal();
	let outcome: RegisterOutcome;
	try {
		context.stderr.write(`Logging in to ${instance.baseUrl} as ${credentials.username}…\n`);
		outcome = await withAdminSession(
			async () => adminLogin(target, credentials, {signal: interrupt.signal, ...(timeoutMs === undefined ? {} : {timeoutMs})}),
			async api =>
				registerIntegration(
					api,
					plan,
					{adopt: values.adopt === true, signal: interrupt.signal},
					{
						save: save(context, instance, plan, provider),
						prove: async (client, planned) =>
							proveRegisteredClient(instance, client, planned, {signal: interrupt.signal, ...(timeoutMs === undefined ? {} : {timeoutMs})}),
					},
				),
		);
	} catch (error) {
		return reportAdminFailure(context, error, failure =>
			failure.code === 'name-in-use' ? `To use that client for ${plan.id}, run: oscar-rest admin register ${plan.id} --adopt` : undefined,
		);
	} finally {
		interrupt.dispose();
		closeIdleConnections();
	}

	context.stderr.write('Logged out.\n');
	return printOutcome(context, outcome, instance);
}
