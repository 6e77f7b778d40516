/**
 * What `oscar-rest exporter` serves on /metrics: the textfile format's series (same names and
 * labels, see prometheus.ts) for the last COMPLETED run, plus the exporter's own: how long that run
 * took, when it finished, how many integrations it checked, how many have each diagnosis code,
 * the interval and shard. Built once per run; a scrape only sends the text.
 */
import type {InstanceReport, IntegrationReport} from '../core/report.js';
import {addSample, family, integrationFamilies, renderFamilies} from './prometheus.js';

export interface CompletedRun {
	/** Epoch ms. */
	readonly startedAt: number;
	readonly finishedAt: number;
	readonly reports: readonly IntegrationReport[];
	readonly instances: ReadonlyMap<string, InstanceReport>;
	/** The run was cut short (the exporter is stopping); its results are partial. */
	readonly cancelled: boolean;
}

export interface ExporterInfo {
	readonly intervalSeconds: number;
	/** 1-based shard and shard count (1/1 when the fleet is not split). */
	readonly shard: {readonly index: number; readonly count: number};
	readonly runs: number;
	readonly version: string;
}

/** The metric names this module writes (besides the textfile ones): examples and tests check against them. */
export const exporterMetricNames = [
	'oscar_rest_exporter_run_duration_seconds',
	'oscar_rest_exporter_last_run_timestamp_seconds',
	'oscar_rest_exporter_integrations_checked',
	'oscar_rest_diagnosis_count',
	'oscar_rest_exporter_runs_total',
	'oscar_rest_exporter_interval_seconds',
	'oscar_rest_exporter_shard_info',
] as const;

export function formatExporterMetrics(run: CompletedRun | undefined, info: ExporterInfo): string {
	const families = run ? integrationFamilies(run.reports, {now: run.finishedAt, instances: run.instances}) : [];
	const duration = family('oscar_rest_exporter_run_duration_seconds', 'How long the last completed check run took, in seconds.');
	const finished = family(
		'oscar_rest_exporter_last_run_timestamp_seconds',
		'When the last completed check run ended, in seconds since the Unix epoch. Alert when it is older than a few intervals (stale).',
	);
	const checked = family('oscar_rest_exporter_integrations_checked', 'Integrations checked by the last completed run.');
	const codes = family('oscar_rest_diagnosis_count', 'Integrations whose last check has this primary diagnosis code.');
	const runs = family('oscar_rest_exporter_runs_total', 'Check runs completed since the exporter started.', 'counter');
	const interval = family('oscar_rest_exporter_interval_seconds', 'The configured time between two check runs, in seconds.');
	const shard = family('oscar_rest_exporter_shard_info', 'The part of the fleet this exporter checks (--shard K/N), and its version.');
	if (run) {
		addSample(duration, {}, (run.finishedAt - run.startedAt) / 1000);
		addSample(finished, {}, run.finishedAt / 1000);
		addSample(checked, {}, run.reports.length);
		const counts = new Map<string, number>();
		for (const report of run.reports) counts.set(report.code, (counts.get(report.code) ?? 0) + 1);
		for (const [code, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) addSample(codes, {code}, count);
	}

	addSample(runs, {}, info.runs);
	addSample(interval, {}, info.intervalSeconds);
	addSample(shard, {shard: String(info.shard.index), shards: String(info.shard.count), version: info.version}, 1);
	return renderFamilies([...families, duration, finished, checked, codes, runs, interval, shard]);
}
