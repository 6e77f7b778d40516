/**
 * A simulator (and a temp dir) per test, for tests whose every case needs a server set up its own
 * way: closed and removed after each test, idle keep-alive sockets closed first (a socket kept to a
 * closed server would reset the next test's first request). Plus the two things such tests build
 * from it: the probes' targets for the instance's first client and token, and a config with one
 * integration.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import type {Integration} from '../../source/core/model.js';
import {closeIdleConnections} from '../../source/oscar/http.js';
import type {InstanceTarget, IntegrationTarget} from '../../source/oscar/probes/index.js';
import {type RunningInstance, type RunningSimulator, type SimulatorOptions, startSimulator} from '../../source/simulator/index.js';
import {ConfigStore} from '../../source/store/config-store.js';

export interface SimulatorPerTest {
	/** Start this test's simulator (latency 0 unless the options say otherwise). */
	start(options?: SimulatorOptions): Promise<RunningSimulator>;
	/** This test's temp dir, removed after it. */
	tempDir(prefix: string): string;
}

/** Registers the afterEach that closes the test's simulator and removes its temp dir. */
export function simulatorPerTest(): SimulatorPerTest {
	let simulator: RunningSimulator | undefined;
	let dir = '';
	afterEach(async () => {
		closeIdleConnections();
		await simulator?.close();
		simulator = undefined;
		if (dir) fs.rmSync(dir, {recursive: true, force: true});
		dir = '';
	});
	return {
		async start(options = {}) {
			simulator = await startSimulator({latencyMs: 0, ...options});
			return simulator;
		},
		tempDir(prefix) {
			dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
			return dir;
		},
	};
}

/** The instance's first client and token as a configured integration `booking`, never expiring. */
export function bookingIntegration(running: RunningInstance, extra: Partial<Integration> = {}): Integration {
	const client = running.spec.clients[0]!;
	const token = running.spec.tokens[0]!;
	return {
		name: 'booking',
		consumerKey: client.key,
		consumerSecret: client.secret,
		uri: client.uri,
		accessToken: token.token,
		tokenSecret: token.secret,
		lifetime: -1,
		tags: [],
		...extra,
	};
}

/** The probes' targets for the same integration, acting as 999001. */
export function bookingTargets(
	running: RunningInstance,
	extra: Partial<IntegrationTarget> = {},
): {readonly target: InstanceTarget; readonly integration: IntegrationTarget} {
	const {tags: _tags, ...configured} = bookingIntegration(running);
	return {
		target: {name: running.name, baseUrl: running.baseUrl, dialect: running.spec.dialect},
		integration: {id: `${running.name}/booking`, instance: running.name, ...configured, expectedProvider: '999001', ...extra},
	};
}

/** `dir`/config.json with one instance `oscar` at `baseUrl` holding `integration`; returns its path. */
export function oneIntegrationConfig(dir: string, baseUrl: string, integration: Integration): string {
	const configPath = path.join(dir, 'config.json');
	new ConfigStore(configPath).update(() => ({instances: [{name: 'oscar', baseUrl, integrations: [integration]}]}));
	return configPath;
}
