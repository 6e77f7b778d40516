/**
 * The demo fleet: seven clinics, each reproducing a field situation, with 14 integrations in a mix
 * of states (healthy, wrong key, wrong user, revoked, expired, not yet authorized, behind a broken
 * proxy, REST off, TLS self-signed, slow, skewed clock). `demoInventory` maps a running fleet to
 * the dashboard's inventory so `npm run demo` has something real to look at.
 *
 * Every clinic has an administrator (oscaradmin) for `oscar-rest admin audit`, and the servers hold
 * what an audit finds in the field: maple-family (classic) a client with lifetime 0 and a blank URI,
 * a near-duplicate with a clear-text URI, a client registered with lifetime 3600, four tokens for one
 * client, two tokens of a deleted client; carlos-east (CARLOS) an expired token still stored and a
 * token of a deleted client; northside a mistyped secret.
 */
import type {Instance, Integration, Inventory} from '../core/model.js';
import {dedicatedProviderNo, defaultClient, defaultToken, defaultUsers, derivedId, doctorProviderNo} from './defaults.js';
import type {Fleet, RunningSimulator, SimClient, SimInstanceSpec, SimToken} from './types.js';

/** One integration as the CLIENT side holds it (it may disagree with the server: that is the point). */
interface DemoIntegration {
	readonly instance: string;
	readonly name: string;
	readonly consumerKey: string;
	readonly consumerSecret: string;
	readonly uri: string;
	readonly accessToken?: string;
	readonly tokenSecret?: string;
	readonly expectedProvider: string;
	readonly lifetime: number;
	/** The state the demo intends, for the story told in the README. */
	readonly story: string;
	/** Pre-issued token whose issuedAt is filled from the running simulator. */
	readonly tokenRef?: string;
}

interface ClinicPlan {
	readonly spec: Omit<SimInstanceSpec, 'clients' | 'tokens'>;
	readonly integrations: ReadonlyArray<{
		name: string;
		story: string;
		client?: Partial<SimClient>;
		/** How the token stands: none = not authorized yet. */
		token: 'ok' | 'none' | 'wrong-user' | 'revoked' | 'expired' | 'no-provider';
		wrongKey?: boolean;
		/** The client side holds a mistyped Client Secret. */
		wrongSecret?: boolean;
		/** How the client differs on the server only (what the admin typed on the REST Clients page). */
		server?: Partial<SimClient>;
	}>;
	/** Server-side rows no integration knows of: for the admin audit to find. */
	readonly serverOnly?: {
		readonly clients?: ReadonlyArray<Pick<SimClient, 'name' | 'uri' | 'lifetime'>>;
		/** More tokens of an integration's client (by its name), issued `ageDays` ago. */
		readonly tokens?: ReadonlyArray<{client: string; count: number; ageDays: number; lifetime?: number}>;
		/** Clients deleted on the REST Clients page, with the tokens OSCAR kept (issued ten minutes ago, still valid). */
		readonly deleted?: ReadonlyArray<{name: string; tokens: number}>;
	};
}

const plans: readonly ClinicPlan[] = [
	{
		spec: {name: 'maple-family', contextPath: '/oscar'},
		integrations: [
			{name: 'Booking App', story: 'healthy', token: 'ok'},
			{name: 'Reminders', story: 'consumer key mistyped', token: 'ok', wrongKey: true},
			{name: 'Kiosk', story: 'registered (with lifetime 3600 by mistake), not authorized yet', token: 'none', server: {lifetime: 3600}},
			{name: 'Intake Forms', story: 'authorized in a browser logged in as Dr Smith', token: 'wrong-user'},
			{name: 'Lab Sync', story: 'token revoked on the server', token: 'revoked'},
		],
		serverOnly: {
			clients: [
				{name: 'Old Kiosk', uri: '', lifetime: 0},
				{name: 'booking app', uri: 'http://booking.example.com/oauth', lifetime: -1},
			],
			tokens: [{client: 'Booking App', count: 3, ageDays: 30}],
			deleted: [{name: 'Fax Gateway', tokens: 2}],
		},
	},
	{
		spec: {name: 'lakeshore', contextPath: '/lakeshore', scenario: 'proxy-mismatch'},
		integrations: [{name: 'Booking App', story: 'TLS-terminating proxy, Tomcat sees https://host:8443', token: 'ok'}],
	},
	{
		spec: {name: 'northside', contextPath: '/northside', scenario: 'rest-off'},
		integrations: [
			{name: 'Booking App', story: 'REST module not enabled yet (and the secret was mistyped)', token: 'none', wrongSecret: true},
		],
	},
	{
		spec: {name: 'carlos-east', dialect: 'carlos', contextPath: '/carlos'},
		integrations: [
			{name: 'Booking App', story: 'healthy (CARLOS, 1 h tokens)', token: 'ok'},
			{name: 'Analytics', story: 'schedule scope only', token: 'ok', client: {scopes: ['schedule.read']}},
			{name: 'Fax Relay', story: 'token bound to no provider', token: 'no-provider'},
		],
		serverOnly: {tokens: [{client: 'Analytics', count: 1, ageDays: 2}], deleted: [{name: 'Old Portal', tokens: 1}]},
	},
	{
		spec: {name: 'harbour', scenario: 'tls-self-signed', contextPath: '/oscar'},
		integrations: [{name: 'Booking App', story: 'self-signed certificate', token: 'ok'}],
	},
	{
		spec: {name: 'riverside', scenario: 'slow', contextPath: '/riverside'},
		integrations: [
			{name: 'Booking App', story: 'healthy but slow (2.5 s)', token: 'ok'},
			{name: 'Reminders', story: 'token lifetime 3600 passed', token: 'expired', client: {lifetime: 3600}},
		],
	},
	{
		spec: {name: 'summit', scenario: 'clock-offset', clockOffsetSeconds: 600, contextPath: '/summit'},
		integrations: [{name: 'Booking App', story: 'server clock 10 minutes fast', token: 'ok'}],
	},
];

function clientFor(instance: string, integration: ClinicPlan['integrations'][number]): SimClient {
	return {...defaultClient(instance, integration.name), ...integration.client};
}

function tokenFor(instance: string, integration: ClinicPlan['integrations'][number], client: SimClient): SimToken | undefined {
	switch (integration.token) {
		case 'none':
			return undefined;
		case 'wrong-user':
			return defaultToken(instance, client, doctorProviderNo);
		case 'no-provider':
			return defaultToken(instance, client, null);
		case 'revoked':
			return {...defaultToken(instance, client), revoked: true};
		case 'expired':
			return {...defaultToken(instance, client), issuedAt: Math.floor(Date.now() / 1000) - 3 * 86_400, lifetime: 3600};
		default:
			return defaultToken(instance, client);
	}
}

function serverOnlyClients(plan: ClinicPlan): SimClient[] {
	return [
		...(plan.serverOnly?.clients ?? []).map(client => ({...defaultClient(plan.spec.name, client.name), ...client})),
		...(plan.serverOnly?.deleted ?? []).map(client => ({...defaultClient(plan.spec.name, client.name), deleted: true})),
	];
}

/** The tokens a deleted client left behind (bound to the dedicated user, issued ten minutes ago; CARLOS: 1 h tokens). */
function orphanTokens(plan: ClinicPlan): SimToken[] {
	return (plan.serverOnly?.deleted ?? []).flatMap(deleted => {
		const client = defaultClient(plan.spec.name, deleted.name);
		return Array.from({length: deleted.tokens}, (_, index) => ({
			...defaultToken(`${plan.spec.name}/orphan-${index + 1}`, client),
			issuedAt: Math.floor(Date.now() / 1000) - 600 + index,
			lifetime: plan.spec.dialect === 'carlos' ? 3600 : -1,
		}));
	});
}

/** Extra tokens from repeated authorizations (bound to the dedicated user), `ageDays` old. */
function serverOnlyTokens(plan: ClinicPlan, clients: readonly SimClient[]): SimToken[] {
	return (plan.serverOnly?.tokens ?? []).flatMap(extra => {
		const client = clients.find(candidate => candidate.name === extra.client)!;
		return Array.from({length: extra.count}, (_, index) => ({
			...defaultToken(`${plan.spec.name}/again-${index + 1}`, client),
			issuedAt: Math.floor(Date.now() / 1000) - extra.ageDays * 86_400 + index,
			...(extra.lifetime === undefined ? {} : {lifetime: extra.lifetime}),
		}));
	});
}

/** The demo fleet for `startSimulator({fleet: demoFleet()})`. */
export function demoFleet(): Fleet {
	return {
		instances: plans.map(plan => {
			const clients = plan.integrations.map(integration => ({...clientFor(plan.spec.name, integration), ...integration.server}));
			const tokens = plan.integrations.flatMap((integration, index) => {
				const token = tokenFor(plan.spec.name, integration, clientFor(plan.spec.name, integration));
				return token ? [{...token, clientKey: clients[index]!.key}] : [];
			});
			return {
				...plan.spec,
				users: defaultUsers(),
				clients: [...clients, ...serverOnlyClients(plan)],
				tokens: [...tokens, ...serverOnlyTokens(plan, clients), ...orphanTokens(plan)],
			};
		}),
	};
}

/** The client-side view of every demo integration (a mistyped key stays mistyped here). */
export function demoIntegrations(): DemoIntegration[] {
	return plans.flatMap(plan =>
		plan.integrations.map(integration => {
			const client = clientFor(plan.spec.name, integration);
			const token = tokenFor(plan.spec.name, integration, client);
			const consumerKey = integration.wrongKey === true ? derivedId(`${client.key}/typo`) : client.key;
			return {
				instance: plan.spec.name,
				name: integration.name,
				consumerKey,
				consumerSecret: integration.wrongSecret === true ? derivedId(`${client.secret}/typo`, 24) : client.secret,
				uri: client.uri,
				...(token ? {accessToken: token.token, tokenSecret: token.secret, tokenRef: token.token} : {}),
				expectedProvider: dedicatedProviderNo,
				lifetime: plan.spec.dialect === 'carlos' ? 3600 : (token?.lifetime ?? client.lifetime),
				story: integration.story,
			};
		}),
	);
}

/** The dashboard inventory for a running demo fleet (no CA file for harbour: that is its problem). */
export function demoInventory(simulator: RunningSimulator): Inventory {
	const integrations = demoIntegrations();
	const instances: Instance[] = simulator.instances.map(running => ({
		name: running.name,
		baseUrl: running.baseUrl,
		...(running.spec.dialect === 'carlos' ? {dialect: 'carlos' as const} : {}),
		notes: running.spec.scenario === 'healthy' ? undefined : `simulator scenario: ${running.spec.scenario}`,
		integrations: integrations
			.filter(integration => integration.instance === running.name)
			.map((integration): Integration => {
				const serverToken = running.spec.tokens.find(token => token.token === integration.tokenRef);
				return {
					// The display name ("Booking App") as a config name: lowercase words joined by "-".
					name: integration.name.toLowerCase().replaceAll(/[^a-z\d]+/g, '-'),
					consumerKey: integration.consumerKey,
					consumerSecret: integration.consumerSecret,
					uri: integration.uri,
					...(integration.accessToken === undefined ? {} : {accessToken: integration.accessToken, tokenSecret: integration.tokenSecret}),
					expectedProvider: integration.expectedProvider,
					lifetime: integration.lifetime,
					...(serverToken?.issuedAt === undefined ? {} : {issuedAt: serverToken.issuedAt}),
					tags: ['demo'],
					notes: integration.story,
				};
			}),
	}));
	return {instances};
}

/** One clinic whose server is down: nothing listens on the discard port (the demo and the media show it). */
const unreachableClinic: Instance = {
	name: 'old-clinic',
	baseUrl: 'http://127.0.0.1:9/oscar',
	notes: 'server decommissioned',
	integrations: [
		{
			name: 'booking-app',
			consumerKey: 'a1b2c3d4e5f60718',
			consumerSecret: 'demo-secret-unreachable',
			uri: 'http://127.0.0.1:8765',
			tags: ['demo'],
		},
	],
};

/** The config `npm run demo` and `npm run media` open: the demo fleet plus a clinic that cannot be reached. */
export function demoConfigInventory(simulator: RunningSimulator): Inventory {
	return {instances: [...demoInventory(simulator).instances, unreachableClinic]};
}
