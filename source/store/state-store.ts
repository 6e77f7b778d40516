/**
 * What the tool remembers between runs, kept apart from the user's config so a refresh never
 * rewrites config.json: the latest report per integration, the last N reports (history), when the
 * current failure streak began, and onboarding progress per integration.
 *
 * The file is `<config name>.state.json` next to the config (config.json -> config.state.json).
 * It is a CACHE, not user data: a corrupt state file is backed up (`.corrupt-<time>.bak`) and the tool
 * starts fresh with a warning instead of refusing to run.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {OnboardingStep} from '../core/diagnoses.js';
import type {IntegrationReport} from '../core/report.js';
import {backupFile, ensurePrivateDirectory, writeFileAtomic} from './atomic-file.js';
import {withFileLock} from './file-lock.js';

type OnboardingStatus = 'pending' | 'done' | 'verified' | 'failed';

/** One onboarding step's state: `done` = the user says so, `verified` = a check proved it. */
interface OnboardingStepProgress {
	readonly status: OnboardingStatus;
	readonly at: number; // epoch ms
	readonly note?: string;
}

type OnboardingProgress = Readonly<Partial<Record<OnboardingStep, OnboardingStepProgress>>>;

interface IntegrationState {
	latest?: IntegrationReport;
	history: IntegrationReport[];
	brokenSince?: number;
	onboarding?: Partial<Record<OnboardingStep, OnboardingStepProgress>>;
}

interface StateFile {
	version: 1;
	integrations: Record<string, IntegrationState>;
}

interface StateStoreOptions {
	/** Reports kept per integration (default 20). */
	readonly historyLimit?: number;
	/** Called once per problem (e.g. a corrupt state file that was set aside). */
	readonly onWarning?: (message: string) => void;
	readonly lockTimeoutMs?: number;
}

/** Broken = critical or unknown. Warnings (token expiring, not authorized yet) do not start a streak. */
function isFailure(report: IntegrationReport): boolean {
	return report.severity === 'critical' || report.severity === 'unknown';
}

/** Where the state of `configPath` lives. */
export function statePathFor(configPath: string): string {
	const resolved = path.resolve(configPath);
	const base = path.basename(resolved).replace(/\.json$/, '');
	return path.join(path.dirname(resolved), `${base}.state.json`);
}

const steps: readonly OnboardingStep[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const statuses: readonly OnboardingStatus[] = ['pending', 'done', 'verified', 'failed'];

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function emptyState(): StateFile {
	return {version: 1, integrations: {}};
}

/** History keeps the summary of each run (code, severity, timings) but not the probes' evidence, to stay small. */
function historyEntry(report: IntegrationReport): IntegrationReport {
	return {...report, probes: []};
}

export class StateStore {
	readonly path: string;
	readonly lockPath: string;
	/** Every warning raised so far (also passed to `onWarning`). */
	readonly warnings: string[] = [];
	readonly #historyLimit: number;
	readonly #options: StateStoreOptions;
	#cache: {key: string; state: StateFile} | undefined;
	readonly #warned = new Set<string>();

	constructor(configPath: string, options: StateStoreOptions = {}) {
		this.path = statePathFor(configPath);
		this.lockPath = `${this.path}.lock`;
		this.#historyLimit = options.historyLimit ?? 20;
		this.#options = options;
	}

	/** The newest report of every integration that has one. */
	latest(): Map<string, IntegrationReport> {
		const result = new Map<string, IntegrationReport>();
		for (const [id, entry] of Object.entries(this.#read().integrations)) {
			if (entry.latest) result.set(id, entry.latest);
		}

		return result;
	}

	/** Up to N past reports, oldest first (probes stripped; see historyEntry). */
	history(id: string): IntegrationReport[] {
		return [...(this.#read().integrations[id]?.history ?? [])];
	}

	/** When the current failure streak began (epoch ms), undefined when the integration is not failing. */
	brokenSince(id: string): number | undefined {
		return this.#read().integrations[id]?.brokenSince;
	}

	/** Store new results. Reports older than the one already stored do not replace it. */
	record(reports: readonly IntegrationReport[]): void {
		if (reports.length === 0) return;
		const ordered = [...reports].sort((a, b) => a.checkedAt - b.checkedAt);
		this.#change(state => {
			for (const report of ordered) {
				const entry = state.integrations[report.id] ?? {history: []};
				entry.history = [...entry.history, historyEntry(report)]
					.sort((a, b) => a.checkedAt - b.checkedAt)
					.slice(-this.#historyLimit);
				if (!entry.latest || report.checkedAt >= entry.latest.checkedAt) {
					entry.latest = report;
					if (isFailure(report)) entry.brokenSince ??= report.checkedAt;
					else delete entry.brokenSince;
				}

				state.integrations[report.id] = entry;
			}
		});
	}

	getOnboarding(id: string): OnboardingProgress {
		return {...this.#read().integrations[id]?.onboarding};
	}

	/** Replace the onboarding progress of one integration. */
	setOnboarding(id: string, progress: OnboardingProgress): void {
		this.#change(state => {
			const entry = state.integrations[id] ?? {history: []};
			entry.onboarding = {...progress};
			state.integrations[id] = entry;
		});
	}

	/** Set one step, keeping the others. */
	setOnboardingStep(id: string, step: OnboardingStep, status: OnboardingStatus, note?: string, at: number = Date.now()): void {
		this.#change(state => {
			const entry = state.integrations[id] ?? {history: []};
			entry.onboarding = {...entry.onboarding, [step]: note === undefined ? {status, at} : {status, at, note}};
			state.integrations[id] = entry;
		});
	}

	/** Drop everything remembered about an integration (after it is removed or renamed). */
	forget(id: string): void {
		this.#change(state => {
			delete state.integrations[id];
		});
	}

	#warn(message: string, once?: string): void {
		if (once !== undefined) {
			if (this.#warned.has(once)) return;
			this.#warned.add(once);
		}

		this.warnings.push(message);
		this.#options.onWarning?.(message);
	}

	#read(): StateFile {
		let raw: string;
		let key: string;
		try {
			const stat = fs.statSync(this.path);
			key = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
			if (this.#cache?.key === key) return this.#cache.state;
			raw = fs.readFileSync(this.path, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'ENOENT') this.#warn(`State file ${this.path} cannot be read (${code ?? 'error'}); starting without remembered results.`);
			return emptyState();
		}

		const state = this.#parse(raw);
		if (!state) {
			let where = '';
			try {
				where = ` (copy kept at ${backupFile(this.path, 'corrupt')})`;
			} catch {
				where = '';
			}

			this.#warn(`State file ${this.path} was unreadable and has been set aside${where}; starting fresh. It only holds cached check results, so no configuration was lost.`, key);
			return emptyState();
		}

		this.#cache = {key, state};
		return state;
	}

	#parse(raw: string): StateFile | undefined {
		let data: unknown;
		try {
			data = JSON.parse(raw);
		} catch {
			return undefined;
		}

		if (!isObject(data) || data.version !== 1 || !isObject(data.integrations)) return undefined;
		const integrations: Record<string, IntegrationState> = {};
		for (const [id, value] of Object.entries(data.integrations)) {
			if (!isObject(value) || !Array.isArray(value.history)) return undefined;
			const entry: IntegrationState = {history: value.history as IntegrationReport[]};
			if (isObject(value.latest)) entry.latest = value.latest as unknown as IntegrationReport;
			if (typeof value.brokenSince === 'number') entry.brokenSince = value.brokenSince;
			if (isObject(value.onboarding)) {
				const onboarding: Partial<Record<OnboardingStep, OnboardingStepProgress>> = {};
				for (const step of steps) {
					const progress = value.onboarding[String(step)];
					if (isObject(progress) && statuses.includes(progress.status as OnboardingStatus) && typeof progress.at === 'number') {
						onboarding[step] = progress as unknown as OnboardingStepProgress;
					}
				}

				entry.onboarding = onboarding;
			}

			integrations[id] = entry;
		}

		return {version: 1, integrations};
	}

	/** Lock, re-read (so two processes recording at once lose nothing), change, write atomically (0600). */
	#change(apply: (state: StateFile) => void): void {
		ensurePrivateDirectory(path.dirname(this.path));
		withFileLock(this.lockPath, () => {
			this.#cache = undefined;
			const state = structuredClone(this.#read());
			apply(state);
			writeFileAtomic(this.path, `${JSON.stringify(state)}\n`);
			this.#cache = undefined;
		}, {timeoutMs: this.#options.lockTimeoutMs});
	}
}
