/**
 * What a running simulator offers a client: URLs plus the demo credentials (users, REST clients,
 * pre-issued tokens as the CLIENT holds them). These are simulator demo values, safe to print.
 */
import type {RunningSimulator, ScenarioName, SimClient, SimDialect, SimToken, SimUser} from './types.js';
import {dedicatedProviderNo} from './defaults.js';

export interface SimulatorDescription {
	readonly version: 1;
	readonly caFile: string;
	readonly instances: ReadonlyArray<{
		readonly name: string;
		readonly baseUrl: string;
		/** Only when it differs from baseUrl (wrong-context-path). */
		readonly servedUrl?: string;
		readonly dialect: SimDialect;
		readonly scenario: ScenarioName;
		readonly caFile?: string;
		readonly clockOffsetSeconds: number;
		readonly users: readonly SimUser[];
		readonly clients: readonly SimClient[];
		/** The client's view: a revoked token is listed although the server no longer has it. */
		readonly tokens: ReadonlyArray<SimToken & {expectedProvider: string}>;
	}>;
}

export function describeSimulator(simulator: RunningSimulator): SimulatorDescription {
	return {
		version: 1,
		caFile: simulator.caFile,
		instances: simulator.instances.map(instance => ({
			name: instance.name,
			baseUrl: instance.baseUrl,
			...(instance.servedUrl === instance.baseUrl ? {} : {servedUrl: instance.servedUrl}),
			dialect: instance.spec.dialect,
			scenario: instance.spec.scenario,
			...(instance.caFile === undefined ? {} : {caFile: instance.caFile}),
			clockOffsetSeconds: instance.spec.clockOffsetSeconds,
			users: instance.spec.users,
			clients: instance.spec.clients,
			tokens: instance.spec.tokens.map(token => ({...token, expectedProvider: dedicatedProviderNo})),
		})),
	};
}

/** The first line the CLI prints: every instance and its URL. */
export function urlLine(description: SimulatorDescription): string {
	return `OSCAR simulator: ${description.instances.map(instance => `${instance.name} ${instance.baseUrl}`).join(', ')}`;
}

/** Human-readable credentials, one block per instance. */
export function formatCredentials(description: SimulatorDescription): string {
	const lines: string[] = [];
	for (const instance of description.instances) {
		lines.push('', `${instance.name}  ${instance.baseUrl}  (${instance.dialect}, scenario ${instance.scenario})`);
		if (instance.servedUrl) lines.push(`  really deployed at ${instance.servedUrl}`);
		if (instance.caFile) lines.push(`  CA certificate: ${instance.caFile}`);
		if (instance.clockOffsetSeconds !== 0) lines.push(`  server clock offset: ${instance.clockOffsetSeconds} s`);
		for (const user of instance.users) {
			lines.push(
				`  user ${user.username} / password ${user.password} / pin ${user.pin}  (provider ${user.providerNo} ${user.firstName} ${user.lastName})`,
			);
		}

		for (const client of instance.clients) {
			lines.push(
				`  REST client "${client.name}": key ${client.key}  secret ${client.secret}  uri ${client.uri}  lifetime ${client.lifetime}${client.deleted === true ? '  (deleted; OSCAR kept its tokens)' : ''}`,
			);
		}

		for (const token of instance.tokens) {
			const notes = [
				`acts as ${token.providerNo ?? 'no provider'}`,
				token.lifetime === -1 ? 'never expires' : `lifetime ${token.lifetime} s, issued ${token.issuedAt}`,
				...(token.revoked === true ? ['revoked on the server'] : []),
			];
			lines.push(`  access token ${token.token}  secret ${token.secret}  (client ${token.clientKey}; ${notes.join('; ')})`);
		}
	}

	return `${lines.join('\n')}\n`;
}
