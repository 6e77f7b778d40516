/**
 * The shipped examples stay true: the scrape config and the alert rules parse, every metric a rule
 * uses is one the exporter serves (or Prometheus's own `up` for the scrape job), every label an
 * alert names exists, and the systemd unit runs the exporter hardened.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {formatExporterMetrics} from '../../source/output/exporter-metrics.js';
import {fleetReports, instanceReport, now, report} from '../output/fixtures.js';
import {parsePrometheus} from '../output/prometheus-parser.js';

const examples = path.resolve(import.meta.dirname, '../../examples');
const read = (file: string) => fs.readFileSync(path.join(examples, file), 'utf8');

interface Rule {
	readonly alert: string;
	readonly expr: string;
	readonly for?: string;
	readonly labels?: Record<string, string>;
	readonly annotations?: Record<string, string>;
}

/** Every family the exporter can serve, from a run that exercises all of them. */
function servedMetrics(): Set<string> {
	const reports = [...fleetReports(), report('north', 'expiring', 'warning', {expiresAt: Math.floor(now / 1000) + 3600})];
	const text = formatExporterMetrics(
		{startedAt: now - 1000, finishedAt: now, reports, instances: new Map([['north', instanceReport('north')]]), cancelled: false},
		{
			intervalSeconds: 60,
			shard: {index: 1, count: 3},
			runs: 1,
			version: '0.0.0',
		},
	);
	return new Set(parsePrometheus(text).types.keys());
}

const promqlWords = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset']);

/** Metric names in a PromQL expression: identifiers that are not functions, keywords, label matchers or strings. */
function metricsIn(expr: string): string[] {
	const bare = expr.replaceAll(/\{[^}]*\}/g, ' ').replaceAll(/"[^"]*"|'[^']*'/g, ' ');
	return [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
		.filter(match => match[2] === undefined && !promqlWords.has(match[1]!) && !/^\d/.test(match[1]!))
		.map(match => match[1]!);
}

describe('examples/prometheus', () => {
	const scrape = parse(read('prometheus/prometheus.yml')) as {
		rule_files: string[];
		scrape_configs: Array<{job_name: string; metrics_path: string; static_configs: Array<{targets: string[]; labels: {shard: string}}>}>;
	};
	const rules = parse(read('prometheus/alerts.yml')) as {groups: Array<{name: string; rules: Rule[]}>};
	const job = scrape.scrape_configs.find(config => config.job_name === 'oscar-rest');

	it('scrapes N exporters, one per shard K/N, and loads the alert rules', () => {
		expect(job?.metrics_path).toBe('/metrics');
		const shards = job!.static_configs.map(config => config.labels.shard);
		expect(shards).toEqual(['1/3', '2/3', '3/3']);
		for (const config of job!.static_configs) expect(config.targets).toHaveLength(1);
		for (const file of scrape.rule_files) expect(fs.existsSync(path.join(examples, 'prometheus', file))).toBe(true);
	});

	it('has the alerts the issue names, each using only metrics the exporter serves', () => {
		const all = rules.groups.flatMap(group => group.rules);
		expect(all.map(rule => rule.alert).sort()).toEqual([
			'OscarRestClockSkewNear',
			'OscarRestExporterDown',
			'OscarRestExporterStale',
			'OscarRestIntegrationCritical',
			'OscarRestTokenExpiring',
		]);
		expect(all.find(rule => rule.alert === 'OscarRestIntegrationCritical')?.for).toBe('10m');
		const served = servedMetrics();
		for (const rule of all) {
			const used = metricsIn(rule.expr);
			expect(used.length, rule.alert).toBeGreaterThan(0);
			for (const metric of used) {
				if (metric === 'up') expect(rule.expr, rule.alert).toContain(`up{job="${job!.job_name}"}`);
				else expect(served.has(metric), `${rule.alert} uses ${metric}, which the exporter does not serve`).toBe(true);
			}

			expect(['critical', 'warning']).toContain(rule.labels?.severity);
			const labelsUsed = [...JSON.stringify(rule.annotations).matchAll(/\$labels\.([a-z_]+)/g)].map(match => match[1]);
			for (const label of labelsUsed)
				expect(['oscar_instance', 'integration', 'instance', 'job', 'shard', 'status', 'code']).toContain(label);
		}
	});
});

describe('examples/systemd', () => {
	const unit = read('systemd/oscar-rest-exporter@.service');
	const directives = new Map<string, string[]>();
	for (const line of unit.split('\n')) {
		const match = /^([A-Za-z]+)=(.*)$/.exec(line);
		if (match) directives.set(match[1]!, [...(directives.get(match[1]!) ?? []), match[2]!]);
	}

	const one = (name: string) => directives.get(name)?.[0];

	it('runs one exporter per shard as an unprivileged user', () => {
		expect(one('ExecStart')).toMatch(/^\/usr\/bin\/oscar-rest exporter --shard %I /);
		expect(one('User') ?? (one('DynamicUser') === 'yes' ? 'dynamic' : undefined)).toBeDefined();
		expect(one('User')).not.toBe('root');
		expect(one('KillSignal')).toBe('SIGTERM');
	});

	it('is hardened', () => {
		for (const [name, value] of Object.entries({
			NoNewPrivileges: 'yes',
			ProtectSystem: 'strict',
			ProtectHome: 'yes',
			PrivateTmp: 'yes',
			PrivateDevices: 'yes',
			RestrictSUIDSGID: 'yes',
			ProtectKernelTunables: 'yes',
			ProtectKernelModules: 'yes',
			CapabilityBoundingSet: '',
			UMask: '0077',
		}))
			expect(one(name), name).toBe(value);
		expect(one('RestrictAddressFamilies')).toBe('AF_INET AF_INET6 AF_UNIX');
		expect(one('SystemCallFilter')).toBe('@system-service');
		// Node's JIT needs W+X memory: this one must stay off.
		expect(directives.has('MemoryDenyWriteExecute')).toBe(false);
	});
});
