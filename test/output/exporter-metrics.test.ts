import {describe, expect, it} from 'vitest';
import {exporterMetricNames, formatExporterMetrics} from '../../source/output/exporter-metrics.js';
import {formatPrometheus} from '../../source/output/prometheus.js';
import {fleetReports, instanceReport, now, plantedSecrets, report} from './fixtures.js';
import {parsePrometheus} from './prometheus-parser.js';

const info = {intervalSeconds: 60, shard: {index: 2, count: 3}, runs: 7, version: '1.2.3'};

describe('exporter metrics', () => {
	it("carry exactly the textfile series for the run, plus the exporter's own", () => {
		const reports = fleetReports();
		const instances = new Map([['north', instanceReport('north')]]);
		const text = formatExporterMetrics({startedAt: now - 4500, finishedAt: now, reports, instances, cancelled: false}, info);
		const textfile = formatPrometheus(reports, {now, instances});
		expect(text.startsWith(textfile)).toBe(true);
		const {samples, types} = parsePrometheus(text);
		for (const name of exporterMetricNames) expect(types.has(name), name).toBe(true);
		expect(types.get('oscar_rest_exporter_runs_total')).toBe('counter');
		const one = (name: string) => samples.find(sample => sample.name === name)?.value;
		expect(one('oscar_rest_exporter_run_duration_seconds')).toBe(4.5);
		expect(one('oscar_rest_exporter_last_run_timestamp_seconds')).toBe(now / 1000);
		expect(one('oscar_rest_exporter_integrations_checked')).toBe(reports.length);
		expect(samples.find(sample => sample.name === 'oscar_rest_exporter_shard_info')?.labels).toEqual({
			shard: '2',
			shards: '3',
			version: '1.2.3',
		});
		const counts = samples.filter(sample => sample.name === 'oscar_rest_diagnosis_count');
		expect(counts.reduce((sum, sample) => sum + sample.value, 0)).toBe(reports.length);
		for (const secret of plantedSecrets) expect(text).not.toContain(secret);
	});

	it("before the first run: only the exporter's own series, no run figures", () => {
		const {samples} = parsePrometheus(formatExporterMetrics(undefined, info));
		expect(samples.map(sample => sample.name).sort()).toEqual([
			'oscar_rest_exporter_interval_seconds',
			'oscar_rest_exporter_runs_total',
			'oscar_rest_exporter_shard_info',
		]);
	});

	it("label values from the config or a server pass the untrusted-text rule, then the format's escaping", () => {
		const hostile = 'clinic\u001B]52;c;ZXZpbA==\u0007"x\\y\nz\u202E';
		const text = formatExporterMetrics(
			{
				startedAt: now - 1,
				finishedAt: now,
				reports: [report(hostile, 'app', 'critical', {code: 'odd\u001B[2Jcode'})],
				instances: new Map(),
				cancelled: false,
			},
			info,
		);
		// eslint-disable-next-line no-control-regex -- the point: no raw control character in the text
		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F\u202E]/);
		const {samples} = parsePrometheus(text);
		const up = samples.find(sample => sample.name === 'oscar_rest_up')!;
		expect(up.labels.oscar_instance).toBe('clinic\\x1b]52;c;ZXZpbA==\\x07"x\\y\nz\\u202e');
		expect(samples.find(sample => sample.name === 'oscar_rest_diagnosis_count')?.labels.code).toBe('odd\\x1b[2Jcode');
	});
});
