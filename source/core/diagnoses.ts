/**
 * The diagnosis catalogue: every finding the tool can report, as data. Codes are stable
 * (they appear in --json, nagios and prometheus output and in the README's table).
 */
import type {Severity} from './report.js';

/** An onboarding step 1-9 (../reference onboarding-steps), or null when no step repairs it. */
export type OnboardingStep = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface Diagnosis {
	readonly code: string;
	readonly severity: Severity;
	/** Short, for a table cell: "REST module off". */
	readonly title: string;
	/** One line: what is wrong. */
	readonly summary: string;
	readonly causes: readonly string[];
	readonly fix: readonly string[];
	readonly step: OnboardingStep | null;
}
