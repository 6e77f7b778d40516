/**
 * Realistic defaults for an instance: a dedicated integration provider, a human doctor, one REST
 * client and a pre-issued access token. Keys are derived from the instance name, so a restarted
 * simulator keeps the same demo credentials and a saved dashboard config stays valid.
 */
import {createHash} from 'node:crypto';
import {
	type Fleet,
	type ResolvedSpec,
	type ScenarioName,
	type SimClient,
	type SimInstanceSpec,
	type SimToken,
	type SimUser,
	type SimulatorOptions,
	SimulatorError,
	scenarioNames,
} from './types.js';

/** 16 lowercase letters/digits, like the keys OSCAR's REST Clients page generates. */
export function derivedId(seed: string, length = 16): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	const digest = createHash('sha256').update(seed).digest();
	let out = '';
	for (let index = 0; index < length; index++) out += alphabet[digest[index]! % alphabet.length];
	return out;
}

export const dedicatedProviderNo = '999001';
export const doctorProviderNo = '100001';
export const adminProviderNo = '999998';
/** A providerNo whose provider record was deleted (the no-provider scenario binds tokens to it). */
export const deletedProviderNo = '999404';

export function defaultUsers(): SimUser[] {
	return [
		{
			username: 'bookingapp',
			password: 'Booking-App-2024!',
			pin: '2468',
			providerNo: dedicatedProviderNo,
			firstName: 'Booking',
			lastName: 'App',
			providerType: 'doctor',
		},
		{
			username: 'drsmith',
			password: 'Dr-Smith-2024!',
			pin: '1357',
			providerNo: doctorProviderNo,
			firstName: 'Jane',
			lastName: 'Smith',
			providerType: 'doctor',
		},
		// The clinic's administrator: the login `oscar-rest admin` asks for (CARLOS checks its _admin privilege).
		{
			username: 'oscaradmin',
			password: 'Clinic-Admin-2024!',
			pin: '8642',
			providerNo: adminProviderNo,
			firstName: 'Clinic',
			lastName: 'Admin',
			providerType: 'admin',
			privileges: {_admin: 'x'},
		},
	];
}

export function defaultClient(instanceName: string, name = 'Booking App'): SimClient {
	return {
		name,
		key: derivedId(`${instanceName}/${name}/key`),
		secret: derivedId(`${instanceName}/${name}/secret`, 24),
		uri: 'http://127.0.0.1:8765',
		lifetime: -1,
	};
}

export function defaultToken(instanceName: string, client: SimClient, providerNo: string | null = dedicatedProviderNo): SimToken {
	return {
		clientKey: client.key,
		token: derivedId(`${instanceName}/${client.name}/token`),
		secret: derivedId(`${instanceName}/${client.name}/token-secret`, 24),
		providerNo,
	};
}

/** The fleet used when none is given: one classic instance "oscar" at /oscar. */
export function defaultFleet(): Fleet {
	return {instances: [{name: 'oscar'}]};
}

const tlsScenarios = new Set<ScenarioName>(['tls-self-signed', 'tls-expired', 'tls-wrong-host']);

function isTlsScenario(scenario: ScenarioName): boolean {
	return tlsScenarios.has(scenario);
}

function checkContextPath(name: string, path: string): string {
	if (!/^\/[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/.test(path)) {
		throw new SimulatorError(
			'fleet',
			`Instance "${name}": contextPath must look like /oscar (a leading slash, no trailing slash), got "${path}".`,
		);
	}

	return path;
}

/** Fill in every default and apply the scenario's effect on the pre-issued tokens. */
export function resolveSpec(spec: SimInstanceSpec, options: SimulatorOptions, startSeconds: number): ResolvedSpec {
	if (typeof spec.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(spec.name)) {
		throw new SimulatorError('fleet', `Every instance needs a name of letters, digits, ".", "_" or "-", got ${JSON.stringify(spec.name)}.`);
	}

	const scenario = spec.scenario ?? options.scenario ?? 'healthy';
	if (!scenarioNames.includes(scenario)) {
		throw new SimulatorError(
			'scenario',
			`Unknown scenario "${String(scenario)}" for instance "${spec.name}". Known: ${scenarioNames.join(', ')}.`,
		);
	}

	const dialect = spec.dialect ?? options.dialect ?? 'classic';
	if (dialect !== 'classic' && dialect !== 'carlos') {
		throw new SimulatorError('fleet', `Instance "${spec.name}": dialect must be "classic" or "carlos", got "${String(dialect)}".`);
	}

	if (spec.unknownTokenAnswer !== undefined && spec.unknownTokenAnswer !== '401' && spec.unknownTokenAnswer !== 'npe-500') {
		throw new SimulatorError(
			'fleet',
			`Instance "${spec.name}": unknownTokenAnswer must be "401" or "npe-500", got "${String(spec.unknownTokenAnswer)}".`,
		);
	}

	const contextPath = checkContextPath(spec.name, spec.contextPath ?? (dialect === 'carlos' ? '/carlos' : '/oscar'));
	const users = spec.users ?? defaultUsers();
	const clients = spec.clients ?? [defaultClient(spec.name)];
	let tokens = spec.tokens ?? (clients[0] ? [defaultToken(spec.name, clients[0])] : []);
	tokens = tokens.map(token => {
		const client = clients.find(candidate => candidate.key === token.clientKey);
		const lifetime = token.lifetime ?? (dialect === 'carlos' ? 3600 : (client?.lifetime ?? -1));
		const resolved: SimToken = {...token, issuedAt: token.issuedAt ?? startSeconds, lifetime};
		if (spec.tokens !== undefined) return resolved;
		switch (scenario) {
			case 'revoked-token':
				return {...resolved, revoked: true};
			case 'expired-token':
				return {...resolved, issuedAt: startSeconds - 2 * 86_400, lifetime: 3600};
			case 'wrong-user':
				return {...resolved, providerNo: doctorProviderNo};
			case 'no-provider':
				return {...resolved, providerNo: deletedProviderNo};
			default:
				return resolved;
		}
	});
	const slowDefault = scenario === 'slow' ? 2500 : 0;
	return {
		...spec,
		contextPath,
		dialect,
		scenario,
		clockOffsetSeconds: spec.clockOffsetSeconds ?? (scenario === 'clock-offset' ? 600 : 0),
		latencyMs: spec.latencyMs ?? options.latencyMs ?? slowDefault,
		buildTag: spec.buildTag ?? (dialect === 'carlos' ? 'carlos-2025.06.1' : 'oscar15-2019.10.28-1a2b3c4'),
		users,
		clients,
		tokens,
		tls: spec.tls === true || isTlsScenario(scenario),
		adminApi: spec.adminApi !== false,
	};
}
