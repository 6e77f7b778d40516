/**
 * The checks engine: runs probes for a set of integration ids with global and per-host limits,
 * shares one instance probe between the integrations of an instance, can be cancelled, drops
 * results that arrive after an inventory change, and publishes batched progress as an external
 * store (subscribe/getSnapshot for useSyncExternalStore; the headless `check` just awaits).
 */
import {setMaxListeners} from 'node:events';
import type {Instance, Integration, Inventory, SecretRef} from '../core/model.js';
import {integrationId} from '../core/model.js';
import type {InstanceReport, IntegrationReport} from '../core/report.js';
import {describeSecret} from '../core/secret-refs.js';
import {redact} from '../core/redact.js';
import {AbortedError, Limiter, hostKey} from './limiter.js';
import {KeySetView, MapView} from './live-views.js';
import type {InstanceTarget, IntegrationTarget, ProbeFunctions, ProbeOptions} from '../oscar/probes/types.js';
import {checkErrorReport, secretUnavailableReport, type SyntheticInput, type UnavailableSecret} from './synthetic-reports.js';
import type {CheckProgress, CheckRequest, ChecksEngine, EngineSnapshot} from './types.js';

export interface ChecksEngineOptions {
	/** Read at the start of every run, so a run checks the inventory as it is then. */
	readonly inventory: () => Inventory;
	/**
	 * A secret's value from its stored form (inline, `env:NAME`, `file:PATH`). Injected, because
	 * resolving reads the environment and files: the commands wire the store's `resolveSecret`.
	 * A throw becomes a `secret-unavailable` report whose reason is the error's message.
	 */
	readonly resolveSecret: (ref: SecretRef) => string;
	/** Probes running at once, all hosts together (default 16). */
	readonly concurrency?: number;
	/** Probes running at once against one host:port (default 4). */
	readonly perHostConcurrency?: number;
	/** Per phase, passed to the probes. */
	readonly timeoutMs?: number;
	/** Finished reports, in batches (at most one call per batch interval, plus one at the end of a run). */
	readonly onReports?: (reports: IntegrationReport[]) => void;
	/** Minimum time between two notifications of listeners (default 50 ms). */
	readonly batchMs?: number;
	/** Clock for the reports the engine writes itself (epoch ms). */
	readonly now?: () => number;
	/**
	 * The reports recorded by earlier runs (the state file), read once per run: the probes take the
	 * proof of a configuration and an authorization's finding from the newest report they know.
	 */
	readonly previousReports?: () => ReadonlyMap<string, IntegrationReport>;
	/**
	 * ONLY for unit tests of the scheduling logic (limits, cancel, generations): controllable
	 * probe functions. Production code leaves it out and gets source/oscar/probes.
	 */
	readonly probes?: ProbeFunctions;
}

export type ChecksEngineWithGeneration = ChecksEngine & {
	/** Call after every inventory change: runs of older generations are cancelled and their late results dropped. */
	bumpGeneration(): void;
};

interface Run {
	readonly id: number;
	readonly generation: number;
	readonly deep: boolean;
	readonly controller: AbortController;
	total: number;
	done: number;
	failures: number;
	failing: Record<'critical' | 'warning' | 'unknown', number>;
	cancelled: boolean;
	/** Rejections of the probes racing this run's cancellation (see abortable). */
	readonly aborters: Set<() => void>;
}

interface Group {
	readonly instance: Instance;
	readonly integrations: Integration[];
}

const emptyResults: ReadonlyMap<string, IntegrationReport> = new Map();
const noChanges: ReadonlySet<string> = new Set();
/** Instances being checked at once (each under the per-host limit; together under the global one). */
const groupsInFlight = 256;

async function loadRealProbes(): Promise<ProbeFunctions> {
	// Loaded on first use: the probes pull in the HTTP stack, which commands that never check skip.
	const module = await import('../oscar/probes/index.js');
	return {
		probeInstance: module.probeInstance,
		probeIntegration: module.probeIntegration,
		releaseInstance: target => {
			module.releaseIdleConnections(target.baseUrl);
		},
	};
}

/** The more recent of two reports of the same integration. */
function newest(a: IntegrationReport | undefined, b: IntegrationReport | undefined): IntegrationReport | undefined {
	if (a === undefined || b === undefined) return a ?? b;
	return b.checkedAt > a.checkedAt ? b : a;
}

/**
 * Race a probe against the run's cancellation: a cancelled run ends at once even if a probe is slow
 * to react. The run keeps one set of pending rejections and one abort listener, not one listener per
 * probe (a signal's listeners are a list: 10,000 of them make each removal a scan).
 */
async function abortable<T>(run: Run, promise: Promise<T>): Promise<T> {
	if (run.controller.signal.aborted) {
		promise.catch(() => undefined);
		throw new AbortedError();
	}

	return new Promise<T>((resolve, reject) => {
		const onAbort = (): void => {
			reject(new AbortedError());
		};

		run.aborters.add(onAbort);
		promise.then(
			value => {
				run.aborters.delete(onAbort);
				resolve(value);
			},
			(error: unknown) => {
				run.aborters.delete(onAbort);
				reject(error);
			},
		);
	});
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

class Engine implements ChecksEngineWithGeneration {
	private readonly limiter: Limiter;
	private readonly batchMs: number;
	private readonly now: () => number;
	private readonly listeners = new Set<() => void>();
	private readonly results = new Map<string, IntegrationReport>();
	private readonly instances = new Map<string, InstanceReport>();
	/** Integration id -> the run checking it. */
	private readonly inFlight = new Map<string, Run>();
	private readonly runs = new Set<Run>();
	private readonly pendingReports: IntegrationReport[] = [];
	/** Ids whose result or in-flight state changed since the last snapshot (handed to the next one). */
	private changed = new Set<string>();
	private resultsChanged = false;
	private instancesChanged = false;
	private inFlightChanged = false;
	private generation = 0;
	private runCounter = 0;
	private latestRun: Run | undefined;
	private snapshot: EngineSnapshot;
	private dirty = false;
	private timer: NodeJS.Timeout | undefined;
	private lastEmit = Number.NEGATIVE_INFINITY;
	private pendingError: unknown;
	private disposed = false;
	private probes: Promise<ProbeFunctions> | undefined;

	constructor(private readonly options: ChecksEngineOptions) {
		this.limiter = new Limiter(options.concurrency ?? 16, options.perHostConcurrency ?? 4);
		this.batchMs = options.batchMs ?? 50;
		if (!Number.isFinite(this.batchMs) || this.batchMs < 0) throw new RangeError(`batchMs must be >= 0, got ${this.batchMs}`);
		this.now = options.now ?? Date.now;
		this.snapshot = Object.freeze({
			generation: 0,
			results: new MapView(this.results),
			instances: new MapView(this.instances),
			inFlight: new KeySetView(this.inFlight),
			progress: null,
			changed: noChanges,
			sequence: 0,
		});
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	getSnapshot = (): EngineSnapshot => this.snapshot;

	async check(request: CheckRequest): Promise<void> {
		if (this.disposed) throw new Error('The checks engine was disposed.');
		const inventory = this.options.inventory();
		const run: Run = {
			id: ++this.runCounter,
			generation: this.generation,
			deep: request.deep === true,
			controller: new AbortController(),
			total: 0,
			done: 0,
			failures: 0,
			failing: {critical: 0, warning: 0, unknown: 0},
			cancelled: false,
			aborters: new Set(),
		};
		// The running requests (up to the global limit) and the limiter listen to this signal.
		setMaxListeners(0, run.controller.signal);
		run.controller.signal.addEventListener(
			'abort',
			() => {
				for (const reject of run.aborters) reject();
				run.aborters.clear();
			},
			{once: true},
		);
		const wanted = new Set(request.ids);
		const groups: Group[] = [];
		for (const instance of inventory.instances) {
			const integrations = instance.integrations.filter(integration => {
				const id = integrationId(instance.name, integration.name);
				return wanted.has(id) && !this.inFlight.has(id);
			});
			if (integrations.length === 0) continue;
			for (const integration of integrations) {
				const id = integrationId(instance.name, integration.name);
				this.inFlight.set(id, run);
				this.changed.add(id);
			}

			this.inFlightChanged = true;
			groups.push({instance, integrations});
			run.total += integrations.length;
		}

		const recorded = this.options.previousReports?.() ?? emptyResults;
		this.runs.add(run);
		// A request whose ids are all in flight (or unknown) does not hide the progress of the run doing the work.
		if (run.total > 0 || !this.latestRun) this.latestRun = run;
		this.markDirty();
		try {
			await this.runGroups(run, groups, recorded);
		} finally {
			this.runs.delete(run);
			this.releaseAll(run);
			this.markDirty();
			this.flush();
		}

		if (this.pendingError !== undefined) {
			const error = this.pendingError;
			this.pendingError = undefined;
			throw error;
		}
	}

	cancel(): void {
		for (const run of this.runs) this.stop(run);
		this.markDirty();
	}

	bumpGeneration(): void {
		this.generation++;
		for (const run of this.runs) {
			if (run.generation < this.generation) this.stop(run);
		}

		// Forget results of integrations and instances that are no longer configured.
		const inventory = this.options.inventory();
		const ids = new Set<string>();
		const names = new Set<string>();
		for (const instance of inventory.instances) {
			names.add(instance.name);
			for (const integration of instance.integrations) ids.add(integrationId(instance.name, integration.name));
		}

		for (const id of this.results.keys()) {
			if (ids.has(id)) continue;
			this.results.delete(id);
			this.changed.add(id);
			this.resultsChanged = true;
		}

		for (const name of this.instances.keys()) {
			if (names.has(name)) continue;
			this.instances.delete(name);
			this.instancesChanged = true;
		}

		this.markDirty();
	}

	dispose(): void {
		for (const run of this.runs) this.stop(run);
		this.disposed = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.listeners.clear();
	}

	private stop(run: Run): void {
		run.cancelled = true;
		run.controller.abort();
		this.releaseAll(run);
	}

	private releaseAll(run: Run): void {
		for (const [id, owner] of this.inFlight) {
			if (owner !== run) continue;
			this.inFlight.delete(id);
			this.changed.add(id);
			this.inFlightChanged = true;
		}
	}

	private current(run: Run): boolean {
		return !run.cancelled && run.generation === this.generation && !this.disposed;
	}

	/**
	 * Run the instances' groups, at most `groupsInFlight` at once, in inventory order. Starting all
	 * of them at once queued every instance probe of the fleet before any integration probe, and
	 * held 10,000 waiting integration checks (and their instance reports) in memory at once; a few
	 * hundred groups keep every host limit busy without that.
	 */
	private async runGroups(run: Run, groups: readonly Group[], recorded: ReadonlyMap<string, IntegrationReport>): Promise<void> {
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < groups.length && !run.controller.signal.aborted) await this.runGroup(run, groups[next++]!, recorded);
		};

		await Promise.all(Array.from({length: Math.min(groups.length, groupsInFlight)}, async () => worker()));
	}

	private async runGroup(run: Run, group: Group, recorded: ReadonlyMap<string, IntegrationReport>): Promise<void> {
		const {instance} = group;
		const signal = run.controller.signal;
		const host = hostKey(instance.baseUrl);
		const target: InstanceTarget = {
			name: instance.name,
			baseUrl: instance.baseUrl,
			caFile: instance.caFile,
			insecureTls: instance.insecureTls,
			dialect: instance.dialect,
		};
		const probeOptions: ProbeOptions = {signal, timeoutMs: this.options.timeoutMs, deep: run.deep};
		const synthetic = (integration: Integration, instanceReport?: InstanceReport): SyntheticInput => ({
			id: integrationId(instance.name, integration.name),
			instance: instance.name,
			integration: integration.name,
			deep: run.deep,
			checkedAt: this.now(),
			instanceReport,
		});

		let probes: ProbeFunctions;
		let instanceReport: InstanceReport;
		try {
			probes = await this.loadProbes();
			instanceReport = await abortable(
				run,
				this.limiter.run(host, signal, async () => probes.probeInstance(target, probeOptions)),
			);
		} catch (error) {
			if (signal.aborted) return;
			for (const integration of group.integrations) {
				const input = synthetic(integration);
				this.complete(run, input.id, checkErrorReport(input, errorMessage(error)));
			}

			return;
		}

		if (this.current(run)) {
			this.instances.set(instance.name, instanceReport);
			this.instancesChanged = true;
			this.markDirty();
		}

		try {
			await this.runIntegrations(run, group, target, instanceReport, probes, probeOptions, synthetic, recorded);
		} finally {
			// Done with this instance for this run: its pooled connections would only sit idle.
			probes.releaseInstance?.(target);
		}
	}

	private async runIntegrations(
		run: Run,
		group: Group,
		target: InstanceTarget,
		instanceReport: InstanceReport,
		probes: ProbeFunctions,
		probeOptions: ProbeOptions,
		synthetic: (integration: Integration, instanceReport?: InstanceReport) => SyntheticInput,
		recorded: ReadonlyMap<string, IntegrationReport>,
	): Promise<void> {
		const {instance} = group;
		const signal = run.controller.signal;
		const host = hostKey(instance.baseUrl);
		await Promise.all(
			group.integrations.map(async integration => {
				if (signal.aborted) return;
				const id = integrationId(instance.name, integration.name);
				const resolved = this.resolveSecrets(integration);
				if ('unavailable' in resolved) {
					this.complete(run, id, secretUnavailableReport(synthetic(integration, instanceReport), resolved.unavailable));
					return;
				}

				const integrationTarget: IntegrationTarget = {
					id,
					instance: instance.name,
					name: integration.name,
					consumerKey: integration.consumerKey,
					consumerSecret: resolved.consumerSecret,
					accessToken: integration.accessToken,
					tokenSecret: resolved.tokenSecret,
					uri: integration.uri,
					callback: integration.callback,
					expectedProvider: integration.expectedProvider,
					lifetime: integration.lifetime,
					issuedAt: integration.issuedAt,
					signatureMethod: integration.signatureMethod,
					transport: integration.transport,
				};
				try {
					const previous = newest(this.results.get(id), recorded.get(id));
					// The last check isolated a failure (a refused token, or rejected credentials): do not
					// create request tokens again on every refresh (the probe re-isolates if the configuration changed).
					const alreadyIsolated =
						previous !== undefined &&
						previous.credentials !== 'unchecked' &&
						(previous.token === 'invalid' || previous.credentials !== 'ok');
					const options: ProbeOptions = {
						...probeOptions,
						...(previous ? {previous} : {}),
						...(alreadyIsolated && !run.deep ? {escalate: false} : {}),
					};
					const report = await abortable(
						run,
						this.limiter.run(host, signal, async () => probes.probeIntegration(instanceReport, target, integrationTarget, options)),
					);
					this.complete(run, id, report);
				} catch (error) {
					if (signal.aborted) return;
					const secrets = [resolved.consumerSecret, resolved.tokenSecret].filter((value): value is string => Boolean(value));
					this.complete(run, id, checkErrorReport(synthetic(integration, instanceReport), redact(errorMessage(error), secrets)));
				}
			}),
		);
	}

	private async loadProbes(): Promise<ProbeFunctions> {
		this.probes ??= this.options.probes ? Promise.resolve(this.options.probes) : loadRealProbes();
		return this.probes;
	}

	/** Secrets are resolved at use, held only for this check, and never put into a report. */
	private resolveSecrets(integration: Integration): {consumerSecret: string; tokenSecret?: string} | {unavailable: UnavailableSecret} {
		const {resolveSecret} = this.options;
		let consumerSecret: string;
		try {
			consumerSecret = resolveSecret(integration.consumerSecret);
		} catch (error) {
			return {unavailable: {field: 'consumer secret', reference: describeSecret(integration.consumerSecret), reason: errorMessage(error)}};
		}

		if (integration.tokenSecret === undefined) return {consumerSecret};
		try {
			return {consumerSecret, tokenSecret: resolveSecret(integration.tokenSecret)};
		} catch (error) {
			return {
				unavailable: {
					field: 'token secret',
					reference: describeSecret(integration.tokenSecret),
					reason: redact(errorMessage(error), [consumerSecret]),
				},
			};
		}
	}

	private complete(run: Run, id: string, report: IntegrationReport): void {
		if (this.inFlight.get(id) === run) {
			this.inFlight.delete(id);
			this.changed.add(id);
			this.inFlightChanged = true;
		}

		if (!this.current(run)) return; // cancelled, or the inventory changed since the run started
		this.results.set(id, report);
		this.changed.add(id);
		this.resultsChanged = true;
		this.pendingReports.push(report);
		run.done++;
		if (report.severity !== 'ok') {
			run.failures++;
			run.failing[report.severity]++;
		}
		this.markDirty();
	}

	private markDirty(): void {
		this.dirty = true;
		if (this.timer || this.disposed) return;
		const wait = Math.max(0, this.lastEmit + this.batchMs - Date.now());
		this.timer = setTimeout(() => {
			this.flush();
		}, wait);
		this.timer.unref();
	}

	private flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (!this.dirty || this.disposed) return;
		this.dirty = false;
		this.lastEmit = Date.now();
		this.snapshot = this.buildSnapshot();
		const reports = this.pendingReports.splice(0);
		if (reports.length > 0 && this.options.onReports) {
			try {
				this.options.onReports(reports);
			} catch (error) {
				this.pendingError ??= error;
			}
		}

		for (const listener of [...this.listeners]) listener();
	}

	/**
	 * The next snapshot: O(1), whatever the fleet size. Collections are live read-only views; a view
	 * gets a new identity only when its collection changed since the last snapshot.
	 */
	private buildSnapshot(): EngineSnapshot {
		const run = this.latestRun;
		const previous = this.snapshot;
		const progress: CheckProgress | null = run
			? Object.freeze({
					runId: run.id,
					total: run.total,
					done: run.done,
					failures: run.failures,
					failing: Object.freeze({...run.failing}),
					deep: run.deep,
					cancelled: run.cancelled,
				})
			: null;
		const changed = this.changed;
		this.changed = new Set();
		const snapshot: EngineSnapshot = Object.freeze({
			generation: this.generation,
			results: this.resultsChanged ? new MapView(this.results) : previous.results,
			instances: this.instancesChanged ? new MapView(this.instances) : previous.instances,
			inFlight: this.inFlightChanged ? new KeySetView(this.inFlight) : previous.inFlight,
			progress,
			changed: changed.size > 0 ? changed : noChanges,
			sequence: (previous.sequence ?? 0) + 1,
		});
		this.resultsChanged = false;
		this.instancesChanged = false;
		this.inFlightChanged = false;
		return snapshot;
	}
}

/**
 * Create the engine. Results and instance reports stay in memory (the caller records them via
 * `onReports`); listeners hear at most one notification per `batchMs`, and each snapshot says which
 * integrations changed since the previous one.
 */
export function createChecksEngine(options: ChecksEngineOptions): ChecksEngineWithGeneration {
	return new Engine(options);
}
