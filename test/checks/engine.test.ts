import {describe, expect, it, vi} from 'vitest';
import {createChecksEngine} from '../../source/checks/engine.js';
import type {Integration, Inventory} from '../../source/core/model.js';
import type {IntegrationReport} from '../../source/core/report.js';
import {resolveSecret} from '../../source/store/secrets.js';
import {FakeProbes} from './fake-probes.js';

/** The store's resolution with an empty environment: inline secrets resolve, env: references fail. */
const noEnvironment = (ref: string) => resolveSecret(ref, {});

const consumerSecret = 'CONSUMER-SECRET-zq81x';
const tokenSecret = 'TOKEN-SECRET-wv27k';

function integration(name: string, patch: Partial<Integration> = {}): Integration {
	return {name, consumerKey: `key${name}`, consumerSecret, accessToken: `tok-${name}`, tokenSecret, tags: [], ...patch};
}

/** `spec`: instance name -> [baseUrl, number of integrations]. */
function inventoryOf(spec: Record<string, [string, number]>): Inventory {
	return {
		instances: Object.entries(spec).map(([name, [baseUrl, count]]) => ({
			name,
			baseUrl,
			integrations: Array.from({length: count}, (_, index) => integration(`app${index}`)),
		})),
	};
}

function idsOf(inventory: Inventory): string[] {
	return inventory.instances.flatMap(instance => instance.integrations.map(item => `${instance.name}/${item.name}`));
}

describe('checks engine scheduling', () => {
	it('never exceeds the global and per-host limits, and reaches them', async () => {
		const inventory = inventoryOf({
			a: ['http://127.0.0.1:9001/oscar', 12],
			b: ['http://127.0.0.1:9001/oscar15', 12], // same host:port as a: shares its per-host budget
			c: ['http://127.0.0.1:9002/oscar', 12],
			d: ['https://clinic.example/oscar', 12],
			e: ['https://clinic.example:443/kaiemr', 12], // same as d once the default port is filled in
		});
		const probes = new FakeProbes('next-tick');
		const engine = createChecksEngine({
			resolveSecret: noEnvironment,
			inventory: () => inventory,
			probes,
			concurrency: 5,
			perHostConcurrency: 2,
		});
		await engine.check({ids: idsOf(inventory)});
		expect(probes.maxActive).toBe(5);
		expect(probes.maxPerHost).toBe(2);
		expect(engine.getSnapshot().results.size).toBe(60);
		expect(engine.getSnapshot().progress).toMatchObject({total: 60, done: 60, failures: 0, cancelled: false});
	});

	it('runs the instance probe once per instance and shares its report with every integration', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 5], b: ['http://127.0.0.1:9002/oscar', 3]});
		const probes = new FakeProbes('instant');
		const engine = createChecksEngine({resolveSecret: noEnvironment, inventory: () => inventory, probes});
		await engine.check({ids: idsOf(inventory), deep: true});
		expect(probes.instanceCalls.sort()).toEqual(['a', 'b']);
		expect(probes.integrationCalls).toHaveLength(8);
		for (const received of probes.receivedInstanceReports) {
			expect(received).toBe(probes.instanceReports.get(received.instance));
		}

		const snapshot = engine.getSnapshot();
		expect(snapshot.instances.get('a')).toBe(probes.instanceReports.get('a'));
		expect([...snapshot.results.values()].every(report => report.deep)).toBe(true);
	});

	it('only checks the requested ids and ignores ids that are not configured', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 3]});
		const probes = new FakeProbes('instant');
		const engine = createChecksEngine({resolveSecret: noEnvironment, inventory: () => inventory, probes});
		await engine.check({ids: ['a/app1', 'nowhere/x', 'a/app1']});
		expect(probes.integrationCalls).toEqual(['a/app1']);
		expect([...engine.getSnapshot().results.keys()]).toEqual(['a/app1']);
		expect(engine.getSnapshot().progress?.total).toBe(1);
	});

	it('resolves secrets at use and hands the resolved values to the probe only', async () => {
		const inventory: Inventory = {
			instances: [
				{
					name: 'a',
					baseUrl: 'http://127.0.0.1:9001/oscar',
					integrations: [integration('env-app', {consumerSecret: 'env:OSCAR_TEST_CONSUMER', tokenSecret: 'env:OSCAR_TEST_TOKEN'})],
				},
			],
		};
		const probes = new FakeProbes('instant');
		const engine = createChecksEngine({
			inventory: () => inventory,
			probes,
			resolveSecret: ref => resolveSecret(ref, {OSCAR_TEST_CONSUMER: 'ENV-CONSUMER-qq19', OSCAR_TEST_TOKEN: 'ENV-TOKEN-pp42'}),
		});
		await engine.check({ids: ['a/env-app']});
		expect(probes.integrationTargets[0]).toMatchObject({
			consumerSecret: 'ENV-CONSUMER-qq19',
			tokenSecret: 'ENV-TOKEN-pp42',
			accessToken: 'tok-env-app',
		});
		const serialized = JSON.stringify([...engine.getSnapshot().results.values()]);
		expect(serialized).not.toContain('ENV-CONSUMER-qq19');
		expect(serialized).not.toContain('ENV-TOKEN-pp42');
	});

	it('reports secret-unavailable (naming the reference, not a value) without probing the integration', async () => {
		const inventory: Inventory = {
			instances: [
				{
					name: 'a',
					baseUrl: 'http://127.0.0.1:9001/oscar',
					integrations: [
						integration('no-env', {consumerSecret: 'env:OSCAR_TEST_MISSING_SECRET'}),
						integration('no-file', {tokenSecret: 'file:/nonexistent/oscar-rest-test/token-secret'}),
						integration('fine'),
					],
				},
			],
		};
		const probes = new FakeProbes('instant');
		const engine = createChecksEngine({inventory: () => inventory, probes, resolveSecret: ref => resolveSecret(ref, {})});
		await engine.check({ids: ['a/no-env', 'a/no-file', 'a/fine']});
		const results = engine.getSnapshot().results;
		const noEnv = results.get('a/no-env');
		const noFile = results.get('a/no-file');
		expect(noEnv).toMatchObject({code: 'secret-unavailable', severity: 'unknown', restModule: 'on', skewSeconds: 2});
		expect(noEnv?.summary).toContain('OSCAR_TEST_MISSING_SECRET');
		expect(noFile).toMatchObject({code: 'secret-unavailable', severity: 'unknown'});
		expect(noFile?.summary).toContain('/nonexistent/oscar-rest-test/token-secret');
		expect(JSON.stringify(noFile)).not.toContain(consumerSecret);
		expect(probes.integrationCalls).toEqual(['a/fine']);
		expect(engine.getSnapshot().progress).toMatchObject({done: 3, failures: 2, failing: {critical: 0, warning: 0, unknown: 2}});
	});

	it('turns a probe that throws into a check-error report with secrets redacted', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 2]});
		const probes = new FakeProbes('instant');
		probes.throwFor = target =>
			target.name === 'app1' ? new Error(`exploded near ${target.consumerSecret} and ${target.tokenSecret}`) : undefined;
		const engine = createChecksEngine({resolveSecret: noEnvironment, inventory: () => inventory, probes});
		await engine.check({ids: idsOf(inventory)});
		const failed = engine.getSnapshot().results.get('a/app1');
		expect(failed).toMatchObject({code: 'check-error', severity: 'unknown'});
		expect(failed?.summary).toContain('exploded near');
		expect(JSON.stringify(failed)).not.toContain(consumerSecret);
		expect(JSON.stringify(failed)).not.toContain(tokenSecret);
		expect(engine.getSnapshot().results.get('a/app0')?.severity).toBe('ok');
	});

	it('publishes which ids changed since the previous snapshot, with new collection identities only when they changed', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 3]});
		const probes = new FakeProbes('manual');
		const engine = createChecksEngine({resolveSecret: noEnvironment, inventory: () => inventory, probes, batchMs: 0});
		const snapshots: Array<ReturnType<typeof engine.getSnapshot>> = [];
		engine.subscribe(() => snapshots.push(engine.getSnapshot()));
		const run = engine.check({ids: idsOf(inventory)});
		await vi.waitFor(() => {
			expect(probes.parked.map(item => item.key)).toEqual(['a']);
			expect(snapshots.length).toBeGreaterThan(0);
		});
		const started = snapshots.at(-1)!;
		expect([...(started.changed ?? [])].sort()).toEqual(['a/app0', 'a/app1', 'a/app2']);
		probes.release(); // the instance probe
		await vi.waitFor(() => {
			expect(probes.parked).toHaveLength(3);
			expect(snapshots.at(-1)!.instances.size).toBe(1);
		});
		const probed = snapshots.at(-1)!;
		expect(probed.instances).not.toBe(started.instances);
		expect(probed.results).toBe(started.results);
		expect(probed.inFlight).toBe(started.inFlight);
		probes.release(); // one integration
		await vi.waitFor(() => {
			expect(snapshots.at(-1)!.results.size).toBe(1);
		});
		const one = snapshots.at(-1)!;
		expect([...(one.changed ?? [])]).toHaveLength(1);
		expect(one.results.has([...one.changed!][0]!)).toBe(true);
		expect(one.results).not.toBe(probed.results);
		expect(one.inFlight).not.toBe(probed.inFlight);
		expect(one.instances).toBe(probed.instances);
		while (probes.parked.length > 0) probes.release();
		await run;
		expect([...engine.getSnapshot().results.keys()].sort()).toEqual(idsOf(inventory));
	});

	it('does not start an id that is already in flight', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 2]});
		const probes = new FakeProbes('manual');
		const engine = createChecksEngine({resolveSecret: noEnvironment, inventory: () => inventory, probes});
		const first = engine.check({ids: ['a/app0']});
		await vi.waitFor(() => {
			expect(probes.parked.map(item => item.key)).toEqual(['a']);
		});
		const published = engine.getSnapshot();
		const second = engine.check({ids: ['a/app0', 'a/app1']});
		await vi.waitFor(() => {
			// The next published snapshot (its collections are live views, not copies).
			expect(engine.getSnapshot()).not.toBe(published);
			expect(new Set(engine.getSnapshot().inFlight)).toEqual(new Set(['a/app0', 'a/app1']));
		});
		expect(engine.getSnapshot().progress).toMatchObject({total: 1});
		const runId = engine.getSnapshot().progress?.runId;
		await engine.check({ids: ['a/app0']}); // everything in flight: nothing to do, ends at once
		expect(engine.getSnapshot().progress?.runId).toBe(runId);
		while (probes.parked.length > 0 || probes.integrationCalls.length < 2) {
			await vi.waitFor(() => {
				expect(probes.parked.length).toBeGreaterThan(0);
			});
			probes.release();
		}

		await Promise.all([first, second]);
		expect(probes.integrationCalls.sort()).toEqual(['a/app0', 'a/app1']);
		expect(engine.getSnapshot().inFlight.size).toBe(0);
		expect(engine.getSnapshot().results.size).toBe(2);
	});

	it('cancel aborts every outstanding request, starts nothing more and ends the run', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 4], b: ['http://127.0.0.1:9002/oscar', 4]});
		const probes = new FakeProbes('manual');
		probes.honourAbort = false; // even a request that ignores its signal must not keep the run alive
		const reported: IntegrationReport[] = [];
		const engine = createChecksEngine({
			resolveSecret: noEnvironment,
			inventory: () => inventory,
			probes,
			concurrency: 3,
			onReports: reports => reported.push(...reports),
		});
		const run = engine.check({ids: idsOf(inventory)});
		await vi.waitFor(() => {
			expect(probes.parked).toHaveLength(2); // both instance probes
		});
		probes.release('a');
		await vi.waitFor(() => {
			expect(probes.parked).toHaveLength(3); // b's instance probe + two of a's integrations (global limit 3)
		});
		const started = probes.instanceCalls.length + probes.integrationCalls.length;
		engine.cancel();
		await run;
		expect(probes.signals.length).toBeGreaterThan(0);
		expect(probes.signals.every(signal => signal.aborted)).toBe(true);
		probes.releaseAll(); // the ignoring requests finish late: their results must be dropped
		await engine.check({ids: []});
		expect(probes.instanceCalls.length + probes.integrationCalls.length).toBe(started);
		const snapshot = engine.getSnapshot();
		expect(snapshot.results.size).toBe(0);
		expect(snapshot.inFlight.size).toBe(0);
		expect(reported).toHaveLength(0);
	});

	it('marks the cancelled run in its progress', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 3]});
		const probes = new FakeProbes('manual');
		const engine = createChecksEngine({resolveSecret: noEnvironment, inventory: () => inventory, probes});
		const run = engine.check({ids: idsOf(inventory)});
		await vi.waitFor(() => {
			expect(probes.parked).toHaveLength(1);
		});
		probes.release();
		await vi.waitFor(() => {
			expect(probes.parked).toHaveLength(3);
		});
		probes.release('a/app0');
		await vi.waitFor(() => {
			expect(engine.getSnapshot().results.has('a/app0')).toBe(true);
		});
		engine.cancel();
		await run;
		expect(engine.getSnapshot().progress).toMatchObject({total: 3, done: 1, cancelled: true});
		expect(engine.getSnapshot().results.has('a/app0')).toBe(true); // finished work is kept
	});

	it('drops results of an older generation and frees their ids for a new check', async () => {
		let inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 2]});
		const probes = new FakeProbes('manual');
		probes.honourAbort = false;
		const reported: IntegrationReport[] = [];
		const engine = createChecksEngine({
			resolveSecret: noEnvironment,
			inventory: () => inventory,
			probes,
			onReports: reports => reported.push(...reports),
		});
		const old = engine.check({ids: ['a/app0']});
		await vi.waitFor(() => {
			expect(probes.parked).toHaveLength(1);
		});
		probes.release();
		await vi.waitFor(() => {
			expect(probes.parked.map(item => item.key)).toEqual(['a/app0']);
		});
		engine.bumpGeneration();
		probes.release('a/app0'); // the stale answer arrives after the inventory changed
		await old;
		expect(engine.getSnapshot().results.has('a/app0')).toBe(false);
		expect(engine.getSnapshot().generation).toBe(1);
		expect(reported).toHaveLength(0);

		probes.mode = 'instant';
		await engine.check({ids: ['a/app0', 'a/app1']});
		expect(engine.getSnapshot().results.size).toBe(2);
		expect(reported.map(report => report.id).sort()).toEqual(['a/app0', 'a/app1']);

		inventory = {instances: [{...inventory.instances[0]!, integrations: [inventory.instances[0]!.integrations[1]!]}]};
		engine.bumpGeneration();
		await engine.check({ids: []});
		expect([...engine.getSnapshot().results.keys()]).toEqual(['a/app1']);
	});

	it('batches notifications: 1,000 quick results cause far fewer than 1,000 renders', async () => {
		const inventory = inventoryOf(
			Object.fromEntries(
				Array.from({length: 10}, (_, index) => [`i${index}`, [`http://127.0.0.1:${9100 + index}/oscar`, 100] as [string, number]]),
			),
		);
		const probes = new FakeProbes('next-tick');
		probes.severityOf = id => (id.endsWith('app7') ? 'critical' : 'ok');
		let notifications = 0;
		let onReportsCalls = 0;
		let reportCount = 0;
		const engine = createChecksEngine({
			resolveSecret: noEnvironment,
			inventory: () => inventory,
			probes,
			concurrency: 16,
			perHostConcurrency: 4,
			batchMs: 50,
			onReports(reports) {
				onReportsCalls++;
				reportCount += reports.length;
			},
		});
		const snapshots = new Set<object>();
		engine.subscribe(() => {
			notifications++;
			snapshots.add(engine.getSnapshot());
		});
		await engine.check({ids: idsOf(inventory)});
		expect(reportCount).toBe(1000);
		expect(notifications).toBeGreaterThanOrEqual(1);
		expect(notifications).toBeLessThan(100);
		expect(onReportsCalls).toBeLessThanOrEqual(notifications);
		expect(snapshots.size).toBe(notifications); // a new immutable snapshot per notification
		const final = engine.getSnapshot();
		expect(final).toBe(engine.getSnapshot());
		expect(final.progress).toMatchObject({
			total: 1000,
			done: 1000,
			failures: 10,
			failing: {critical: 10, warning: 0, unknown: 0},
			cancelled: false,
		});
		expect(final.results.size).toBe(1000);
		expect(final.inFlight.size).toBe(0);
		expect(Object.isFrozen(final)).toBe(true);
	});

	it('unsubscribed and disposed listeners hear nothing more', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 2]});
		const engine = createChecksEngine({resolveSecret: noEnvironment, inventory: () => inventory, probes: new FakeProbes('instant')});
		let calls = 0;
		const unsubscribe = engine.subscribe(() => {
			calls++;
		});
		await engine.check({ids: ['a/app0']});
		const afterFirst = calls;
		expect(afterFirst).toBeGreaterThan(0);
		unsubscribe();
		await engine.check({ids: ['a/app1']});
		expect(calls).toBe(afterFirst);
		engine.dispose();
		await expect(engine.check({ids: ['a/app0']})).rejects.toThrow(/disposed/);
	});

	it('surfaces an onReports failure from check()', async () => {
		const inventory = inventoryOf({a: ['http://127.0.0.1:9001/oscar', 1]});
		const engine = createChecksEngine({
			resolveSecret: noEnvironment,
			inventory: () => inventory,
			probes: new FakeProbes('instant'),
			onReports() {
				throw new Error('disk full');
			},
		});
		await expect(engine.check({ids: ['a/app0']})).rejects.toThrow('disk full');
	});

	it('rejects nonsense limits with a clear error', () => {
		expect(() => createChecksEngine({resolveSecret: noEnvironment, inventory: () => ({instances: []}), concurrency: 0})).toThrow(
			/concurrency must be an integer >= 1/,
		);
		expect(() => createChecksEngine({resolveSecret: noEnvironment, inventory: () => ({instances: []}), perHostConcurrency: 1.5})).toThrow(
			/perHostConcurrency/,
		);
	});
});
