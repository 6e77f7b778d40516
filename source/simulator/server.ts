/**
 * startSimulator: a fleet of simulated OSCAR instances on 127.0.0.1. Plain-HTTP instances share one
 * port (told apart by context path) unless `portPerInstance` is set; TLS instances each get their own
 * port and certificate.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {defaultFleet, resolveSpec} from './defaults.js';
import {html, queryFields, send} from './http-util.js';
import {tomcat404} from './pages.js';
import {route} from './router.js';
import {InstanceRuntime, type SimRequest} from './runtime.js';
import {CertificateAuthority, type LeafKind} from './tls.js';
import {type ResolvedSpec, type RunningInstance, type RunningSimulator, type SimulatorOptions, SimulatorError} from './types.js';

/** Requests bodies larger than this get 413 (nothing OSCAR-like needs more). */
const maxRequestBody = 1024 * 1024;

let sharedCa: CertificateAuthority | undefined;

/** One CA per process: generating RSA keys is the slow part of starting a simulator. */
function certificateAuthority(): CertificateAuthority {
	sharedCa ??= new CertificateAuthority();
	return sharedCa;
}

interface Listener {
	readonly server: http.Server;
	readonly scheme: 'http' | 'https';
	readonly runtimes: InstanceRuntime[];
	port: number;
}

function leafKind(spec: ResolvedSpec): LeafKind {
	switch (spec.scenario) {
		case 'tls-self-signed':
			return 'self-signed';
		case 'tls-expired':
			return 'expired';
		case 'tls-wrong-host':
			return 'wrong-host';
		default:
			return 'valid';
	}
}

function listen(server: http.Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => {
			reject(
				new SimulatorError(
					'listen',
					error.code === 'EADDRINUSE'
						? `Port ${port} on 127.0.0.1 is already in use: pick another with --port (0 picks a free one).`
						: `Cannot listen on 127.0.0.1:${port}: ${error.message}`,
				),
			);
		};

		server.once('error', onError);
		server.listen({port, host: '127.0.0.1'}, () => {
			server.off('error', onError);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

function servedPathOf(spec: ResolvedSpec): string {
	if (spec.scenario !== 'wrong-context-path') return spec.contextPath;
	return spec.servedPath ?? `${spec.contextPath}15`;
}

/** The instance whose served context path is the longest prefix of the request path. */
function match(runtimes: readonly InstanceRuntime[], requestPath: string): InstanceRuntime | undefined {
	let best: InstanceRuntime | undefined;
	for (const runtime of runtimes) {
		const context = runtime.servedPath;
		if ((requestPath === context || requestPath.startsWith(`${context}/`)) && (!best || context.length > best.servedPath.length))
			best = runtime;
	}

	return best;
}

/** Start the simulator; resolves once every listener is bound. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	const fleet = options.fleet ?? defaultFleet();
	if (!fleet || !Array.isArray(fleet.instances) || fleet.instances.length === 0) {
		throw new SimulatorError('fleet', 'The fleet needs at least one instance: {"instances": [{"name": "oscar"}]}.');
	}

	const baseClock = options.now ?? Date.now;
	const startSeconds = Math.floor(baseClock() / 1000);
	const specs = fleet.instances.map(spec => resolveSpec(spec, options, startSeconds));
	const names = new Set<string>();
	for (const spec of specs) {
		if (names.has(spec.name)) throw new SimulatorError('fleet', `Two instances are named "${spec.name}": names must be unique.`);
		names.add(spec.name);
	}

	const plainSpecs = specs.filter(spec => !spec.tls);
	const claimed = new Map<string, string>();
	for (const spec of options.portPerInstance ? [] : plainSpecs) {
		for (const claimedPath of new Set([spec.contextPath, servedPathOf(spec)])) {
			const other = claimed.get(claimedPath);
			if (other !== undefined) {
				throw new SimulatorError(
					'fleet',
					`Instances "${other}" and "${spec.name}" both use the context path ${claimedPath} on the shared port: give one another contextPath.`,
				);
			}

			claimed.set(claimedPath, spec.name);
		}
	}

	const ca = certificateAuthority();
	const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-sim-'));
	const caFile = path.join(tempDir, 'ca.pem');
	fs.writeFileSync(caFile, ca.pem, {mode: 0o644});

	let count = 0;
	const timers = new Set<NodeJS.Timeout>();
	const listeners: Listener[] = [];
	const runtimes = new Map<string, InstanceRuntime>();

	const handle = (listener: Listener, request: http.IncomingMessage, response: http.ServerResponse) => {
		count++;
		const target = request.url ?? '/';
		const requestPath = target.split('?')[0]!;
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxRequestBody) tooLarge = true;
			else chunks.push(chunk);
		});
		request.on('error', () => {
			response.destroy();
		});
		request.on('end', () => {
			const runtime = match(listener.runtimes, requestPath);
			if (!runtime) {
				send(response, Date.now(), html(404, tomcat404(requestPath)));
				options.log?.(`- ${request.method ?? 'GET'} ${requestPath} -> 404 (no instance here)`);
				return;
			}

			const host = request.headers.host ?? `127.0.0.1:${listener.port}`;
			const publicOrigin = `${listener.scheme}://${host}`;
			const tomcatOrigin =
				runtime.spec.scenario === 'proxy-mismatch'
					? (runtime.spec.internalOrigin ?? `https://${new URL(publicOrigin).hostname}:8443`)
					: publicOrigin;
			const simRequest: SimRequest = {
				method: (request.method ?? 'GET').toUpperCase(),
				target,
				relativePath: requestPath.slice(runtime.servedPath.length),
				query: queryFields(target),
				headers: request.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				publicOrigin,
				tomcatOrigin,
			};
			const answer = () => {
				let status = 0;
				try {
					if (tooLarge) {
						send(response, runtime.now(), {status: 413});
					} else {
						const result = route(runtime, simRequest);
						if ('stream' in result) result.stream(response);
						else send(response, runtime.spec.dateHeader === false ? undefined : runtime.now(), result);
					}

					status = response.statusCode;
				} catch (error) {
					send(response, runtime.now(), {status: 500});
					status = 500;
					options.log?.(`${runtime.spec.name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
				}

				runtime.state.log.push({method: simRequest.method, path: requestPath, status, at: Date.now()});
				options.log?.(`${runtime.spec.name} ${simRequest.method} ${requestPath} -> ${response.headersSent ? status : 'held open'}`);
			};

			if (runtime.spec.latencyMs > 0) {
				const timer = setTimeout(() => {
					timers.delete(timer);
					if (!response.destroyed) answer();
				}, runtime.spec.latencyMs);
				timers.add(timer);
			} else {
				answer();
			}
		});
	};

	const makeListener = (scheme: 'http' | 'https', tls?: {cert: string; key: string}): Listener => {
		const listener: Listener = {
			server: undefined as unknown as http.Server,
			scheme,
			runtimes: [],
			port: 0,
		};
		const onRequest = (request: http.IncomingMessage, response: http.ServerResponse) => {
			handle(listener, request, response);
		};

		const server = tls ? https.createServer({cert: tls.cert, key: tls.key}, onRequest) : http.createServer(onRequest);
		server.keepAliveTimeout = 5000;
		(listener as {server: http.Server}).server = server;
		listeners.push(listener);
		return listener;
	};

	try {
		const basePort = options.port ?? 0;
		if (options.portPerInstance) {
			for (const [index, spec] of plainSpecs.entries()) {
				const listener = makeListener('http');
				listener.port = await listen(listener.server, basePort === 0 ? 0 : basePort + index);
				const runtime = new InstanceRuntime(spec, 'http', servedPathOf(spec), baseClock);
				listener.runtimes.push(runtime);
				runtimes.set(spec.name, runtime);
			}
		} else if (plainSpecs.length > 0) {
			const listener = makeListener('http');
			listener.port = await listen(listener.server, basePort);
			for (const spec of plainSpecs) {
				const runtime = new InstanceRuntime(spec, 'http', servedPathOf(spec), baseClock);
				listener.runtimes.push(runtime);
				runtimes.set(spec.name, runtime);
			}
		}

		let offset = options.portPerInstance ? plainSpecs.length : plainSpecs.length > 0 ? 1 : 0;
		for (const spec of specs.filter(candidate => candidate.tls)) {
			const listener = makeListener('https', ca.leaf(leafKind(spec)));
			listener.port = await listen(listener.server, basePort === 0 ? 0 : basePort + offset);
			offset++;
			const runtime = new InstanceRuntime(spec, 'https', servedPathOf(spec), baseClock);
			listener.runtimes.push(runtime);
			runtimes.set(spec.name, runtime);
		}
	} catch (error) {
		await closeListeners(listeners, timers);
		fs.rmSync(tempDir, {recursive: true, force: true});
		throw error;
	}

	const instances: RunningInstance[] = specs.map(spec => {
		const runtime = runtimes.get(spec.name)!;
		const listener = listeners.find(candidate => candidate.runtimes.includes(runtime))!;
		const origin = `${listener.scheme}://127.0.0.1:${listener.port}`;
		return {
			name: spec.name,
			baseUrl: `${origin}${spec.contextPath}`,
			servedUrl: `${origin}${runtime.servedPath}`,
			...(spec.tls ? {caFile} : {}),
			spec,
			state: runtime.state,
			setClockOffset: (seconds: number) => {
				runtime.setClockOffset(seconds);
			},
			expireSessions: () => {
				runtime.state.sessions.clear();
			},
			now: () => runtime.now(),
		};
	});

	let closed: Promise<void> | undefined;
	return {
		instances,
		caFile,
		instance(name: string) {
			const found = instances.find(candidate => candidate.name === name);
			if (!found) throw new SimulatorError('fleet', `No simulated instance is named "${name}".`);
			return found;
		},
		requestCount: () => count,
		close() {
			closed ??= closeListeners(listeners, timers).then(() => {
				fs.rmSync(tempDir, {recursive: true, force: true});
			});
			return closed;
		},
	};
}

async function closeListeners(listeners: readonly Listener[], timers: Set<NodeJS.Timeout>): Promise<void> {
	for (const timer of timers) clearTimeout(timer);
	timers.clear();
	await Promise.all(
		listeners.map(
			async listener =>
				new Promise<void>(resolve => {
					if (!listener.server.listening) {
						resolve();
						return;
					}

					listener.server.close(() => {
						resolve();
					});
					listener.server.closeAllConnections();
				}),
		),
	);
}
