/**
 * A simulator fleet and a matching temp config with distinctive secrets, so every test can grep
 * the CLI's outputs for them. Every CLI run goes through `cli`, which keeps its output for that grep.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import type {Instance, Integration, Inventory} from '../../../source/core/model.js';
import {ConfigStore} from '../../../source/store/config-store.js';
import {
	type RunningSimulator,
	type SimClient,
	type SimToken,
	dedicatedProviderNo,
	startSimulator,
} from '../../../source/simulator/index.js';
import {type CliResult, runCli} from '../../helpers/run-cli.js';

/** Every secret contains this marker; no output may contain it unless secrets were asked for. */
export const secretMarker = 'do-not-print-7f3a';

export const consumerSecret = (name: string) => `SECRET-${secretMarker}-${name}`;
export const tokenSecret = (name: string) => `TOKSECRET-${secretMarker}-${name}`;
export const accessToken = (name: string) => `ACCESS-${secretMarker}-${name}`;
export const consumerKey = (name: string) => `${name}0000000000000000`.slice(0, 16);

/** Env var holding portal's consumer secret (an env: reference in the config). */
export const portalSecretEnv = 'OSCAR_REST_TEST_PORTAL_SECRET';

function client(name: string): SimClient {
	return {name, key: consumerKey(name), secret: consumerSecret(name), uri: 'http://127.0.0.1:8765', lifetime: -1};
}

function token(name: string): SimToken {
	return {clientKey: consumerKey(name), token: accessToken(name), secret: tokenSecret(name), providerNo: dedicatedProviderNo};
}

/**
 * maple: healthy, 3 authorized integrations (booking, kiosk, portal; portal's secret comes from env).
 * cedar: healthy, intake not authorized yet (warning). birch: REST module off (critical).
 * drift: server clock 600 s ahead (a token must never be sent there).
 */
export async function startFleet(): Promise<RunningSimulator> {
	return startSimulator({
		fleet: {
			instances: [
				{
					name: 'maple',
					contextPath: '/maple',
					clients: ['booking', 'kiosk', 'portal'].map(client),
					tokens: ['booking', 'kiosk', 'portal'].map(token),
				},
				{name: 'cedar', contextPath: '/cedar', clients: [client('intake')], tokens: []},
				{name: 'birch', contextPath: '/birch', scenario: 'rest-off', clients: [client('labs')], tokens: [token('labs')]},
				{name: 'drift', contextPath: '/drift', scenario: 'clock-offset', clients: [client('sync')], tokens: [token('sync')]},
			],
		},
	});
}

function integration(name: string, options: {authorized: boolean; tags?: string[]; secretRef?: string}): Integration {
	return {
		name,
		consumerKey: consumerKey(name),
		consumerSecret: options.secretRef ?? consumerSecret(name),
		uri: 'http://127.0.0.1:8765',
		...(options.authorized ? {accessToken: accessToken(name), tokenSecret: tokenSecret(name)} : {}),
		expectedProvider: dedicatedProviderNo,
		lifetime: -1,
		tags: options.tags ?? [],
	};
}

export function fleetInventory(simulator: RunningSimulator): Inventory {
	const base = (name: string) => simulator.instance(name).baseUrl;
	const instances: Instance[] = [
		{
			name: 'maple',
			baseUrl: base('maple'),
			integrations: [
				integration('booking', {authorized: true, tags: ['booking']}),
				integration('kiosk', {authorized: true, tags: ['kiosk']}),
				integration('portal', {authorized: true, secretRef: `env:${portalSecretEnv}`}),
			],
		},
		{name: 'cedar', baseUrl: base('cedar'), integrations: [integration('intake', {authorized: false})]},
		{name: 'birch', baseUrl: base('birch'), integrations: [integration('labs', {authorized: true})]},
		{name: 'drift', baseUrl: base('drift'), integrations: [integration('sync', {authorized: true})]},
	];
	return {instances};
}

export interface Workspace {
	readonly directory: string;
	readonly configPath: string;
	remove(): void;
}

/** A temp directory with config.json written through ConfigStore (0600, schema-checked). */
export function workspace(inventory?: Inventory): Workspace {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-commands-'));
	const configPath = path.join(directory, 'config', 'config.json');
	if (inventory) new ConfigStore(configPath).update(() => inventory);
	return {directory, configPath, remove: () => fs.rmSync(directory, {recursive: true, force: true})};
}

interface Recorded {
	readonly args: readonly string[];
	readonly text: string;
	readonly revealsSecrets: boolean;
}

const recorded: Recorded[] = [];

/** Run the built CLI with a config; output is recorded for the secret grep. */
export async function cli(
	configPath: string,
	args: readonly string[],
	options: {input?: string; env?: NodeJS.ProcessEnv; revealsSecrets?: boolean} = {},
): Promise<CliResult> {
	const result = await runCli(['--config', configPath, ...args], {
		input: options.input,
		env: {[portalSecretEnv]: consumerSecret('portal'), OSCAR_REST_CONFIG: undefined, ...options.env},
	});
	recorded.push({args, text: `${result.stdout}\n${result.stderr}`, revealsSecrets: options.revealsSecrets === true});
	return result;
}

/** No recorded output (except runs that asked for secrets) contains a secret. */
export function expectNoSecretsInAnyOutput(): void {
	for (const run of recorded) {
		if (run.revealsSecrets) continue;
		expect(run.text.includes(secretMarker), `output of "oscar-rest ${run.args.join(' ')}" contains a secret`).toBe(false);
	}
}

export function expectNoSecret(text: string): void {
	expect(text).not.toContain(secretMarker);
}
