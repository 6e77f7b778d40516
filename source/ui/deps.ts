/**
 * What the dashboard needs from the outside, as narrow interfaces: tests inject a temp-dir
 * ConfigStore and a real or fake engine; the dashboard command injects the real ones.
 */
import type {Instance, Integration, Inventory} from '../core/model.js';
import type {WizardServices} from './onboarding/index.js';
import type {IntegrationReport} from '../core/report.js';
import type {ChecksEngine} from '../checks/types.js';
import type {OnboardingStep} from '../core/diagnoses.js';
import type {OnboardingProgress, StepStatus} from '../core/onboarding/progress.js';
import type {AdminServices} from './admin/admin-services.js';

/** The config file (ConfigStore satisfies it). */
export interface InventoryStore {
	load(): Inventory;
	update(mutate: (inventory: Inventory) => Inventory): Inventory;
}

/** Onboarding progress as the state file keeps it (every step stamped). */
export type SavedOnboarding = Readonly<
	Partial<Record<OnboardingStep, {readonly status: StepStatus; readonly at: number; readonly note?: string}>>
>;

/** Saved results, history and onboarding progress (StateStore satisfies it). */
export interface HistoryStore {
	latest(): ReadonlyMap<string, IntegrationReport>;
	brokenSince(id: string): number | undefined;
	getOnboarding?(id: string): OnboardingProgress;
	setOnboarding?(id: string, progress: SavedOnboarding): void;
}

export interface DashboardDeps {
	readonly store: InventoryStore;
	readonly engine: ChecksEngine;
	readonly stateStore?: HistoryStore;
	/** Auto-refresh interval in seconds (the `t` key toggles it). */
	readonly refreshSeconds?: number;
	/** Start with auto-refresh on. */
	readonly autoRefresh?: boolean;
	/** Check every integration once at start. */
	readonly checkOnStart?: boolean;
	readonly env?: NodeJS.ProcessEnv;
	/** `--ascii`: draw ASCII only, even in a UTF-8 locale (without one the theme does so anyway). */
	readonly ascii?: boolean;
	/** Epoch ms; injectable so "12 s ago" is testable. */
	readonly now?: () => number;
	/** Called after each saved edit, so the engine reads the new inventory and drops stale results. */
	readonly onInventoryChange?: (inventory: Inventory) => void;
	/** How long a status-line message stays, in ms (tests shorten it; default a few seconds). */
	readonly statusMs?: number;
	/** Protocol services for the onboarding wizard (probe, prove credentials, authorize). */
	readonly wizardServices?: (instance: Instance, integration: Integration) => WizardServices;
	/** An OSCAR administrator's session for the admin view (m); without it the key says it is not available. */
	readonly adminServices?: AdminServices;
}
