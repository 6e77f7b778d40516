import {mkdtemp, readFile, readdir, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {escapeLabelValue, formatPrometheus, writeAtomically} from '../../source/output/prometheus.js';
import {fleetReports, instanceReport, now, plantedSecrets, report} from './fixtures.js';
import {parsePrometheus, type Sample} from './prometheus-parser.js';

function find(samples: readonly Sample[], name: string, labels: Record<string, string>): Sample[] {
	return samples.filter(sample => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

describe('prometheus textfile output', () => {
	it('is valid exposition format with one series per integration and per instance', () => {
		const reports = fleetReports();
		const instances = new Map([
			['north', instanceReport('north', {skewSeconds: -12.5})],
			['south', instanceReport('south')],
		]);
		const text = formatPrometheus(reports, {now, instances});
		const {samples, types} = parsePrometheus(text);
		for (const type of types.values()) expect(type).toBe('gauge');
		expect(find(samples, 'oscar_rest_up', {})).toHaveLength(16);
		expect(find(samples, 'oscar_rest_up', {oscar_instance: 'north', integration: 'app0'})[0]?.value).toBe(1);
		expect(find(samples, 'oscar_rest_up', {oscar_instance: 'south', integration: 'kiosk'})[0]?.value).toBe(0);
		const kioskStatus = find(samples, 'oscar_rest_status', {oscar_instance: 'south', integration: 'kiosk'});
		expect(kioskStatus).toHaveLength(4);
		expect(kioskStatus.filter(sample => sample.value === 1).map(sample => sample.labels.status)).toEqual(['critical']);
		expect(find(samples, 'oscar_rest_diagnosis_info', {integration: 'kiosk'})[0]?.labels.code).toBe('rest-module-off');
		expect(find(samples, 'oscar_rest_latency_seconds', {integration: 'kiosk'})[0]?.value).toBeCloseTo(0.43);
		expect(find(samples, 'oscar_rest_check_timestamp_seconds', {integration: 'kiosk'})[0]?.value).toBe((now - 1000) / 1000);
		const skews = find(samples, 'oscar_rest_clock_skew_seconds', {});
		expect(skews.map(sample => [sample.labels.oscar_instance, sample.value]).sort()).toEqual([
			['north', -12.5],
			['south', 3],
		]);
	});

	it('gives seconds to token expiry only when the expiry is known', () => {
		const reports = [
			report('a', 'never', 'ok', {expiresAt: null}),
			report('a', 'unknown', 'ok', {expiresAt: undefined}),
			report('a', 'soon', 'warning', {expiresAt: Math.floor(now / 1000) + 3600}),
			report('a', 'past', 'critical', {expiresAt: Math.floor(now / 1000) - 60}),
		];
		const {samples} = parsePrometheus(formatPrometheus(reports, {now}));
		const expiry = find(samples, 'oscar_rest_token_expiry_seconds', {});
		expect(expiry.map(sample => [sample.labels.integration, sample.value])).toEqual([
			['soon', 3600],
			['past', -60],
		]);
	});

	it('escapes label values so odd names round-trip', () => {
		const odd = 'we"ird\\name\nline2';
		expect(escapeLabelValue(odd)).toBe('we\\"ird\\\\name\\nline2');
		const text = formatPrometheus([report(odd, 'app', 'ok')], {now});
		const {samples} = parsePrometheus(text);
		expect(find(samples, 'oscar_rest_up', {oscar_instance: odd, integration: 'app'})).toHaveLength(1);
	});

	it('writes no duplicate series when a report is passed twice, and no secrets', () => {
		const reports = [...fleetReports(), report('north', 'app0', 'critical')];
		const text = formatPrometheus(reports, {now});
		const {samples} = parsePrometheus(text);
		expect(find(samples, 'oscar_rest_up', {oscar_instance: 'north', integration: 'app0'})).toEqual([expect.objectContaining({value: 0})]);
		for (const secret of plantedSecrets) expect(text).not.toContain(secret);
	});

	it('the parser rejects broken text (it is a real check)', () => {
		expect(() => parsePrometheus('oscar_rest_up{instance="a"} 1\n')).toThrow(/before its HELP and TYPE/);
		const valid = formatPrometheus([report('a', 'b', 'ok')], {now});
		expect(() => parsePrometheus(`${valid}oscar_rest_up{instance="a",integration="b"} 1\n`)).toThrow(/not contiguous|duplicate/);
		expect(() => parsePrometheus(valid.replace('instance="a"', 'instance="a\nb"'))).toThrow();
	});

	it('an empty run writes an empty file', () => {
		expect(formatPrometheus([], {now})).toBe('');
	});
});

describe('writeAtomically', () => {
	let directory: string | undefined;
	afterEach(async () => {
		if (directory) await rm(directory, {recursive: true, force: true});
		directory = undefined;
	});

	it('replaces the file via a temp file in the same directory and leaves no temp behind', async () => {
		directory = await mkdtemp(path.join(os.tmpdir(), 'oscar-rest-prom-'));
		const file = path.join(directory, 'oscar_rest.prom');
		await writeFile(file, 'old\n');
		await writeAtomically(file, 'new content\n');
		expect(await readFile(file, 'utf8')).toBe('new content\n');
		expect(await readdir(directory)).toEqual(['oscar_rest.prom']);
		expect((await stat(file)).mode & 0o777).toBe(0o644);
	});

	it('fails clearly when the directory does not exist, leaving nothing', async () => {
		directory = await mkdtemp(path.join(os.tmpdir(), 'oscar-rest-prom-'));
		const file = path.join(directory, 'missing', 'oscar_rest.prom');
		await expect(writeAtomically(file, 'x\n')).rejects.toMatchObject({code: 'ENOENT'});
		expect(await readdir(directory)).toEqual([]);
	});
});
