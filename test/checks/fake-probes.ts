/**
 * Controllable probe functions for the engine's SCHEDULING tests (limits, cancel, generations,
 * batching). They answer instantly, on the next macrotask, or when the test releases them; they
 * count how many run at once, overall and per host. No network is involved or imitated.
 */
import type {InstanceReport, IntegrationReport, Severity} from '../../source/core/report.js';
import {hostKey} from '../../source/checks/limiter.js';
import type {InstanceTarget, IntegrationTarget, ProbeFunctions, ProbeOptions} from '../../source/oscar/probes/types.js';

type Mode = 'instant' | 'next-tick' | 'manual';

interface Parked {
	readonly kind: 'instance' | 'integration';
	readonly key: string;
	readonly settle: () => void;
	readonly fail: (error: Error) => void;
}

export class FakeProbes implements ProbeFunctions {
	mode: Mode;
	/** When false, a parked probe ignores its abort signal (a misbehaving request). */
	honourAbort = true;
	severityOf: (id: string) => Severity = () => 'ok';
	throwFor: ((integration: IntegrationTarget) => Error | undefined) | undefined;
	active = 0;
	maxActive = 0;
	maxPerHost = 0;
	readonly activePerHost = new Map<string, number>();
	readonly instanceCalls: string[] = [];
	readonly integrationCalls: string[] = [];
	readonly integrationTargets: IntegrationTarget[] = [];
	readonly instanceReports = new Map<string, InstanceReport>();
	readonly receivedInstanceReports: InstanceReport[] = [];
	readonly signals: AbortSignal[] = [];
	readonly parked: Parked[] = [];

	constructor(mode: Mode = 'instant') {
		this.mode = mode;
	}

	probeInstance = async (target: InstanceTarget, options?: ProbeOptions): Promise<InstanceReport> => {
		this.instanceCalls.push(target.name);
		const report: InstanceReport = {
			instance: target.name,
			baseUrl: target.baseUrl,
			checkedAt: 1_700_000_000_000,
			restModule: 'on',
			skewSeconds: 2,
			probes: [{probe: 'rest-module', code: 'rest-module-on', severity: 'ok', evidence: [{label: 'HTTP status', value: '400'}]}],
			latencyMs: 5,
		};
		this.instanceReports.set(target.name, report);
		await this.occupy('instance', target.name, hostKey(target.baseUrl), options);
		return report;
	};

	probeIntegration = async (
		instance: InstanceReport,
		target: InstanceTarget,
		integration: IntegrationTarget,
		options?: ProbeOptions,
	): Promise<IntegrationReport> => {
		this.integrationCalls.push(integration.id);
		this.integrationTargets.push(integration);
		this.receivedInstanceReports.push(instance);
		await this.occupy('integration', integration.id, hostKey(target.baseUrl), options);
		const error = this.throwFor?.(integration);
		if (error) throw error;
		const severity = this.severityOf(integration.id);
		return {
			id: integration.id,
			instance: integration.instance,
			integration: integration.name,
			severity,
			code: severity === 'ok' ? 'ok' : 'token-revoked',
			summary: severity === 'ok' ? 'Healthy.' : 'Token unknown to OSCAR.',
			checkedAt: 1_700_000_000_000,
			deep: options?.deep === true,
			restModule: instance.restModule,
			skewSeconds: instance.skewSeconds,
			credentials: 'ok',
			token: severity === 'ok' ? 'ok' : 'invalid',
			expiresAt: null,
			latencyMs: 7,
			probes: [...instance.probes, {probe: 'token', code: severity === 'ok' ? 'token-ok' : 'token-revoked', severity, evidence: []}],
		};
	};

	/** Release the oldest parked probe (or the one with `key`). */
	release(key?: string): void {
		const index = key === undefined ? 0 : this.parked.findIndex(item => item.key === key);
		const item = this.parked[index];
		if (!item) throw new Error(`nothing parked${key ? ` for ${key}` : ''}`);
		this.parked.splice(index, 1);
		item.settle();
	}

	releaseAll(): void {
		while (this.parked.length > 0) this.release();
	}

	private async occupy(kind: Parked['kind'], key: string, host: string, options: ProbeOptions | undefined): Promise<void> {
		if (options?.signal) this.signals.push(options.signal);
		this.active++;
		this.maxActive = Math.max(this.maxActive, this.active);
		const perHost = (this.activePerHost.get(host) ?? 0) + 1;
		this.activePerHost.set(host, perHost);
		this.maxPerHost = Math.max(this.maxPerHost, perHost);
		try {
			if (this.mode === 'next-tick') {
				await new Promise<void>(resolve => {
					setImmediate(resolve);
				});
			} else if (this.mode === 'manual') {
				await new Promise<void>((resolve, reject) => {
					const entry: Parked = {kind, key, settle: resolve, fail: reject};
					this.parked.push(entry);
					if (this.honourAbort) {
						options?.signal?.addEventListener(
							'abort',
							() => {
								const index = this.parked.indexOf(entry);
								if (index !== -1) this.parked.splice(index, 1);
								reject(new Error('aborted by signal'));
							},
							{once: true},
						);
					}
				});
			}
		} finally {
			this.active--;
			this.activePerHost.set(host, (this.activePerHost.get(host) ?? 1) - 1);
		}
	}
}
