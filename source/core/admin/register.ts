/**
 * Onboarding steps 4-8 done with an admin session instead of by hand: create the REST client with
 * exactly the values step 6 prescribes (name, URI, lifetime -1), read it back with `list` to learn
 * the key and secret OSCAR generated, save them, and prove them with a signed request-token call.
 * Saving and proving are injected, so `oscar-rest admin register` and the wizard share the flow.
 */
import type {Dialect, SecretRef} from '../model.js';
import type {CredentialsProof} from '../onboarding/authorization-error.js';
import {callbackPath, callbackSatisfiesUri, restClientFields} from '../onboarding/rest-client-fields.js';
import {callbackPortFor} from '../onboarding/auth-targets.js';
import {isSecretReference} from '../secret-refs.js';
import {safeLine} from '../untrusted-text.js';
import {type AuditFinding, auditFindings, clientLabel, finding, lifetimeText, withFilledFix} from './audit.js';
import {AdminApiError, RegisterError} from './errors.js';
import {isSameClientName} from './names.js';
import type {AdminApi, AdminCallOptions, AdminClient} from './types.js';

/** What register is asked to do. */
export interface RegisterRequest {
	readonly baseUrl: string;
	readonly dialect: Dialect;
	/** INSTANCE/NAME, for messages. */
	readonly id: string;
	/** The REST client's name: the integration's name. */
	readonly name: string;
	/** The integration when the inventory already has it. */
	readonly existing?: {readonly uri?: string; readonly callback?: string; readonly consumerSecret: SecretRef; readonly lifetime?: number};
	/** --uri, when given. */
	readonly uri?: string;
	/** --lifetime as typed, when given. */
	readonly lifetime?: string;
}

/** The exact values the client is created with, and the callback that proves them. */
export interface RegisterPlan {
	readonly id: string;
	readonly dialect: Dialect;
	readonly name: string;
	readonly uri: string;
	readonly lifetime: number;
	/** The callback sent by the proof (and later by connect): it starts with `uri`. */
	readonly callback: string;
}

/** The lifetime register will create the client with: a whole number, -1 or a positive number of seconds. */
export function parseLifetime(raw: string | undefined): number {
	if (raw === undefined) return -1;
	if (!/^-?\d+$/.test(raw)) {
		throw new RegisterError(
			'lifetime-invalid',
			`The lifetime must be a whole number of seconds or -1 (never expires), got "${raw}": OSCAR would silently store it as 0, which makes every token expire the second it is issued.`,
		);
	}

	const value = Number(raw);
	if (value === 0 || value < -1) {
		throw new RegisterError(
			'lifetime-invalid',
			`The lifetime ${raw} makes every token expire the second it is issued: use -1 (never expires) or a number of seconds.`,
		);
	}

	if (value > 2_147_483_647)
		throw new RegisterError(
			'lifetime-invalid',
			`The lifetime ${raw} is larger than OSCAR can store (2147483647): use -1 for tokens that never expire.`,
		);
	return value;
}

/** The callback for a registered URI: the URI itself when it has a path, else the URI plus /callback. */
export function callbackFor(uri: string): string {
	if (uri === 'oob') return 'oob';
	try {
		const url = new URL(uri);
		if (url.pathname === '/' && !uri.endsWith('/')) return `${uri}${callbackPath}`;
		if (url.pathname === '/') return `${uri.slice(0, -1)}${callbackPath}`;
	} catch {
		// Not a URL: OSCAR compares strings, so the URI is its own callback.
	}

	return uri;
}

function secretReferenceMessage(request: RegisterRequest, reference: string, plan: Omit<RegisterPlan, 'callback'>): string {
	const where = reference.startsWith('env:')
		? `the environment variable ${reference.slice(4)} (set where oscar-rest runs)`
		: `the file ${reference.slice(5)} (the secret alone on one line, readable only by you: chmod 600)`;
	return (
		`${request.id} keeps its Client Secret in ${reference}, and register only writes secrets into the 0600 config file, so it changes nothing. ` +
		`Either remove the reference first (oscar-rest remove ${request.id}), then register again: the key and secret then go into the config; ` +
		`or keep the reference: on OSCAR's REST Clients page add the client with name "${plan.name}", URI "${plan.uri}" and lifetime ${plan.lifetime}, ` +
		`put its Client Secret into ${where}, and its Client Key into the integration (oscar-rest add integration ${request.id} --key KEY after oscar-rest remove ${request.id}).`
	);
}

/** Check the request and work out the exact values; throws RegisterError before anything is sent. */
export function planRegistration(request: RegisterRequest): RegisterPlan {
	const lifetime = parseLifetime(request.lifetime);
	const existing = request.existing;
	const defaults = restClientFields({
		baseUrl: request.baseUrl,
		name: request.name,
		port: callbackPortFor(existing?.callback ?? existing?.uri),
	});
	const uri = (request.uri ?? existing?.uri ?? defaults.uri).trim();
	if (uri === '' || /\s/.test(uri)) {
		throw new RegisterError(
			'uri-invalid',
			`The URI "${uri}" cannot be registered: a blank URI makes OSCAR reject every callback, and URIs contain no spaces. Use the integration's callback prefix, e.g. ${defaults.uri}.`,
		);
	}

	const callback = existing?.callback ?? callbackFor(uri);
	const fits = callbackSatisfiesUri(callback, uri);
	if (!fits.ok) throw new RegisterError('uri-invalid', fits.message);
	const plan = {id: request.id, dialect: request.dialect, name: request.name, uri, lifetime, callback};
	const reference = existing?.consumerSecret;
	if (reference !== undefined && isSecretReference(reference)) {
		throw new RegisterError('secret-is-reference', secretReferenceMessage(request, reference, plan));
	}

	return plan;
}

/** The audit's client findings for the client register created or adopted (lifetime, URI). */
export function clientWarnings(plan: RegisterPlan, client: AdminClient): AuditFinding[] {
	const clientCodes = new Set([
		'rest-client-lifetime-zero',
		'rest-client-lifetime-short',
		'rest-client-uri-blank',
		'rest-client-uri-insecure',
	]);
	const findings = auditFindings({
		dialect: plan.dialect,
		clients: [client],
		tokens: [],
		integrations: [{id: plan.id, consumerKey: client.key, lifetime: plan.lifetime}],
		nowSeconds: 0,
	}).filter(finding => clientCodes.has(finding.code));
	const callback = callbackSatisfiesUri(plan.callback, client.uri);
	if (client.uri.trim() !== '' && !callback.ok) {
		findings.push(
			withFilledFix(
				finding('callback-rejected', 'client', safeLine(callback.message), {clients: [client.id], integrations: [plan.id]}, [
					{label: 'REST client', value: `${clientLabel(client)}, URI "${safeLine(client.uri)}"`},
					{label: 'Callback', value: plan.callback},
				]),
				{dialect: plan.dialect, callbackPort: callbackPortFor(plan.callback)},
			),
		);
	}

	return findings;
}

export interface RegisteredClient {
	readonly client: AdminClient;
	/** True when an existing client of that name was taken instead of creating one. */
	readonly adopted: boolean;
}

function describeExisting(client: AdminClient): string {
	return `${clientLabel(client)}, key ${safeLine(client.key)}, URI "${safeLine(client.uri)}", lifetime ${client.lifetime === null ? '(none)' : lifetimeText(client.lifetime)}`;
}

/**
 * Create the client (or adopt the one of that name when `adopt`), and return it as `list` shows it,
 * key and secret included. A name in use without `adopt` is a RegisterError('name-in-use').
 */
export async function createOrAdoptClient(
	api: AdminApi,
	plan: RegisterPlan,
	options: {readonly adopt: boolean} & AdminCallOptions,
): Promise<RegisteredClient> {
	const call = options.signal ? {signal: options.signal} : {};
	const before = await api.listClients(call);
	const sameName = before.rows.filter(client => isSameClientName(client.name, plan.name));
	const exact = sameName.find(client => client.name === plan.name) ?? sameName[0];
	if (exact) {
		if (options.adopt) return {client: exact, adopted: true};
		throw new RegisterError(
			'name-in-use',
			`OSCAR already has a REST client named "${safeLine(exact.name)}" (${describeExisting(exact)}). Adopt it to use its key and secret for ${plan.id}, or choose another name.`,
			{existing: {id: exact.id, key: safeLine(exact.key)}},
		);
	}

	if (options.adopt)
		throw new RegisterError(
			'not-listed',
			`OSCAR has no REST client named "${plan.name}" to adopt: register without adopting to create it.`,
		);
	try {
		await api.addClient({name: plan.name, uri: plan.uri, lifetime: plan.lifetime}, call);
	} catch (error) {
		if (error instanceof AdminApiError && error.code === 'name-in-use') {
			throw new RegisterError(
				'name-in-use',
				`OSCAR answered that the name "${plan.name}" is already being used (a client was added meanwhile). Adopt it, or choose another name.`,
			);
		}

		throw error;
	}

	const known = new Set(before.rows.map(client => client.id));
	const after = await api.listClients(call);
	const created = after.rows
		.filter(client => !known.has(client.id) && isSameClientName(client.name, plan.name))
		.sort((left, right) => right.id - left.id)[0];
	if (!created)
		throw new RegisterError(
			'not-listed',
			`OSCAR said it added the REST client "${plan.name}", but its list does not show it: look at the REST Clients page, then run register again to adopt it.`,
		);
	return {client: created, adopted: false};
}

/** What the caller does with the client: store the key and secret, then prove them. */
export interface RegisterSteps {
	save(client: AdminClient): void | Promise<void>;
	prove(client: AdminClient, plan: RegisterPlan): Promise<CredentialsProof>;
}

export interface RegisterOutcome extends RegisteredClient {
	readonly plan: RegisterPlan;
	readonly warnings: readonly AuditFinding[];
	readonly proof: CredentialsProof;
}

/** The whole of steps 4-8: create or adopt, read back, save, prove. */
export async function registerIntegration(
	api: AdminApi,
	plan: RegisterPlan,
	options: {readonly adopt: boolean} & AdminCallOptions,
	steps: RegisterSteps,
): Promise<RegisterOutcome> {
	const registered = await createOrAdoptClient(api, plan, options);
	try {
		await steps.save(registered.client);
	} catch (error) {
		throw new RegisterError(
			'save-failed',
			`The REST client ${clientLabel(registered.client)} (key ${safeLine(registered.client.key)}) exists on OSCAR, but its key and secret could not be saved: ${error instanceof Error ? error.message : String(error)}. Fix that, then adopt the client to store them.`,
		);
	}

	let proof: CredentialsProof;
	try {
		proof = await steps.prove(registered.client, plan);
	} catch (error) {
		// Ctrl+C (or a closed form) during the proof: a typed cancellation, the key and secret already stored.
		if (options.signal?.aborted)
			throw new AdminApiError(
				'cancelled',
				`Cancelled while proving the key and secret of ${clientLabel(registered.client)}; they are stored: check them with oscar-rest check ${plan.id}.`,
			);
		throw error;
	}

	return {...registered, plan, warnings: clientWarnings(plan, registered.client), proof};
}
