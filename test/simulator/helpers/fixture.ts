import {afterEach} from 'vitest';
import {startSimulator, type RunningInstance, type RunningSimulator, type SimulatorOptions} from '../../../source/simulator/index.js';
import {type SignInput, signedFetch} from './signer.js';

const running: RunningSimulator[] = [];

/** Start a simulator that is closed after the current test. */
export async function sim(options?: SimulatorOptions): Promise<RunningSimulator> {
	const simulator = await startSimulator(options);
	running.push(simulator);
	return simulator;
}

afterEach(async () => {
	await Promise.all(running.splice(0).map(async simulator => simulator.close()));
});

/** The instance's default client and pre-issued token, and a signer bound to its clock. */
export function creds(instance: RunningInstance) {
	const client = instance.spec.clients[0]!;
	const token = instance.spec.tokens[0]!; // undefined for a fleet without pre-issued tokens
	const now = () => Math.floor(instance.now() / 1000);
	const call = async (path: string, extra: Partial<SignInput> = {}) =>
		signedFetch({
			method: 'GET',
			url: `${instance.baseUrl}${path}`,
			consumerKey: client.key,
			consumerSecret: client.secret,
			token: token?.token,
			tokenSecret: token?.secret,
			nowSeconds: now(),
			...extra,
		});
	const initiate = async (extra: Partial<SignInput> = {}) =>
		signedFetch({
			method: 'POST',
			url: `${instance.baseUrl}/ws/oauth/initiate`,
			consumerKey: client.key,
			consumerSecret: client.secret,
			oauth: {oauth_callback: `${client.uri}/callback`},
			nowSeconds: now(),
			...extra,
		});
	return {client, token, now, call, initiate};
}

export async function expectEmpty(response: Response): Promise<void> {
	const body = await response.text();
	if (body !== '') throw new Error(`expected an empty body, got ${JSON.stringify(body.slice(0, 80))}`);
	if (response.headers.get('content-length') !== '0')
		throw new Error(`expected Content-Length 0, got ${response.headers.get('content-length')}`);
	if (response.headers.get('content-type') !== null)
		throw new Error(`expected no Content-Type, got ${response.headers.get('content-type')}`);
}
