/**
 * The latest-results half of the state: what each integration looks like now (latest report, when
 * its failure streak began, onboarding progress), as operations that are appended to a journal and
 * replayed over a snapshot. Replaying is idempotent (a report older than the stored one changes
 * nothing), so a journal replayed twice over its own snapshot gives the same state.
 */
import type {OnboardingStep} from '../core/diagnoses.js';
import type {IntegrationReport} from '../core/report.js';

export type OnboardingStatus = 'pending' | 'done' | 'verified' | 'failed';

/** One onboarding step's state: `done` = the user says so, `verified` = a check proved it. */
export interface OnboardingStepProgress {
	readonly status: OnboardingStatus;
	readonly at: number; // epoch ms
	readonly note?: string;
}

export type OnboardingProgress = Readonly<Partial<Record<OnboardingStep, OnboardingStepProgress>>>;

export interface IntegrationState {
	latest?: IntegrationReport;
	brokenSince?: number;
	onboarding?: Partial<Record<OnboardingStep, OnboardingStepProgress>>;
}

/** One change, as one journal line. */
export type JournalOp =
	| {readonly report: IntegrationReport}
	| {readonly onboarding: {readonly id: string; readonly progress: OnboardingProgress}}
	| {readonly forget: string};

/** Broken = critical or unknown. Warnings (token expiring, not authorized yet) do not start a streak. */
export function isFailure(report: IntegrationReport): boolean {
	return report.severity === 'critical' || report.severity === 'unknown';
}

const steps: readonly OnboardingStep[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const statuses: readonly OnboardingStatus[] = ['pending', 'done', 'verified', 'failed'];

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The valid steps of a stored onboarding object (anything else is dropped). */
export function parseOnboarding(value: unknown): Partial<Record<OnboardingStep, OnboardingStepProgress>> | undefined {
	if (!isObject(value)) return undefined;
	const onboarding: Partial<Record<OnboardingStep, OnboardingStepProgress>> = {};
	for (const step of steps) {
		const progress = value[String(step)];
		if (isObject(progress) && statuses.includes(progress.status as OnboardingStatus) && typeof progress.at === 'number') {
			onboarding[step] = progress as unknown as OnboardingStepProgress;
		}
	}

	return onboarding;
}

function isReport(value: unknown): value is IntegrationReport {
	return isObject(value) && typeof value.id === 'string' && typeof value.checkedAt === 'number' && typeof value.severity === 'string';
}

/** Apply one operation. Reports older than the stored one do not replace it. */
export function applyOp(entries: Map<string, IntegrationState>, op: JournalOp): void {
	if ('report' in op) {
		const {report} = op;
		const entry = entries.get(report.id) ?? {};
		if (!entry.latest || report.checkedAt >= entry.latest.checkedAt) {
			entry.latest = report;
			if (isFailure(report)) entry.brokenSince ??= report.checkedAt;
			else delete entry.brokenSince;
		}

		entries.set(report.id, entry);
	} else if ('onboarding' in op) {
		const entry = entries.get(op.onboarding.id) ?? {};
		entry.onboarding = {...op.onboarding.progress};
		entries.set(op.onboarding.id, entry);
	} else {
		entries.delete(op.forget);
	}
}

/** An operation as one journal line (a report's probes as JSON text, as in the snapshot). */
export function journalLine(op: JournalOp): string {
	if (!('report' in op)) return JSON.stringify(op);
	const {latest, probes} = splitReport(op.report);
	return JSON.stringify({report: latest, probes});
}

/** A journal line back to an operation; undefined for a line that is not one (skipped). */
export function parseOp(line: string): JournalOp | undefined {
	let data: unknown;
	try {
		data = JSON.parse(line);
	} catch {
		return undefined;
	}

	if (!isObject(data)) return undefined;
	if (isObject(data.report) && typeof data.probes === 'string') {
		const report = withLazyProbes(data.report, data.probes);
		return isReport(report) ? {report} : undefined;
	}

	if (isReport(data.report)) return {report: data.report};
	if (typeof data.forget === 'string') return {forget: data.forget};
	if (isObject(data.onboarding) && typeof data.onboarding.id === 'string') {
		return {onboarding: {id: data.onboarding.id, progress: parseOnboarding(data.onboarding.progress) ?? {}}};
	}

	return undefined;
}

/** The JSON text of a stored report's probes, for reports whose probes were not read yet. */
const probesTexts = new WeakMap<object, string>();

/**
 * A stored report whose probes (most of its size: every probe's evidence) stay JSON text until
 * something reads them: the dashboard's rows need the summary of 1,000 reports at start, only the
 * detail pane needs one report's evidence.
 */
function withLazyProbes(report: Record<string, unknown>, text: string): IntegrationReport {
	probesTexts.set(report, text);
	Object.defineProperty(report, 'probes', {
		configurable: true,
		enumerable: true,
		get(this: Record<string, unknown>) {
			const value = JSON.parse(text) as unknown;
			Object.defineProperty(this, 'probes', {value, configurable: true, enumerable: true, writable: true});
			probesTexts.delete(this);
			return value;
		},
	});
	return report as unknown as IntegrationReport;
}

/** A report without its probes, and its probes as JSON text (without reading lazy ones). */
function splitReport(report: IntegrationReport): {latest: Record<string, unknown>; probes: string} {
	const latest: Record<string, unknown> = {};
	for (const key of Object.keys(report)) {
		if (key !== 'probes') latest[key] = (report as unknown as Record<string, unknown>)[key];
	}

	return {latest, probes: probesTexts.get(report) ?? JSON.stringify(report.probes)};
}

/** One snapshot line: an integration's whole state; the latest report's probes as JSON text. */
export function snapshotLine(id: string, entry: IntegrationState): string {
	if (!entry.latest) return JSON.stringify({id, brokenSince: entry.brokenSince, onboarding: entry.onboarding});
	const {latest, probes} = splitReport(entry.latest);
	return JSON.stringify({id, latest, probes, brokenSince: entry.brokenSince, onboarding: entry.onboarding});
}

/** A snapshot line back to an entry; undefined when the line is damaged. */
export function parseSnapshotLine(line: string): {id: string; entry: IntegrationState} | undefined {
	let data: unknown;
	try {
		data = JSON.parse(line);
	} catch {
		return undefined;
	}

	if (!isObject(data) || typeof data.id !== 'string') return undefined;
	return {id: data.id, entry: entryFrom(data)};
}

/** An entry from stored data (the snapshot's lines, or a version-1 file's objects). */
export function entryFrom(data: Record<string, unknown>): IntegrationState {
	const entry: IntegrationState = {};
	if (isObject(data.latest) && typeof data.probes === 'string') {
		const latest = withLazyProbes(data.latest, data.probes);
		if (isReport(latest)) entry.latest = latest;
	} else if (isReport(data.latest)) {
		entry.latest = data.latest;
	}

	if (typeof data.brokenSince === 'number') entry.brokenSince = data.brokenSince;
	const onboarding = parseOnboarding(data.onboarding);
	if (onboarding) entry.onboarding = onboarding;
	return entry;
}
