import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {IntegrationReport, Severity} from '../../source/core/report.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {StateStore, statePathFor} from '../../source/store/state-store.js';
import {addInstance} from '../../source/core/inventory-ops.js';
import {buildStoreModules, makeTempDir, mode} from './helpers.js';

let dir: string;
let cleanup: () => void;
let configPath: string;
beforeEach(() => {
	({dir, cleanup} = makeTempDir());
	configPath = path.join(dir, 'cfg', 'config.json');
});
afterEach(() => cleanup());

function report(
	id: string,
	severity: Severity,
	checkedAt: number,
	code = severity === 'ok' ? 'ok' : 'connection-refused',
): IntegrationReport {
	const [instance = '', integration = ''] = id.split('/');
	return {
		id,
		instance,
		integration,
		severity,
		code,
		summary: code,
		checkedAt,
		deep: false,
		restModule: 'on',
		credentials: 'unchecked',
		token: 'ok',
		probes: [{probe: 'token', code, severity, evidence: [{label: 'HTTP status', value: '401'}]}],
	};
}

describe('StateStore', () => {
	it('lives next to the config as <name>.state.json', () => {
		expect(statePathFor('/x/y/config.json')).toBe('/x/y/config.state.json');
		expect(statePathFor('/x/y/oscar')).toBe('/x/y/oscar.state.json');
		expect(new StateStore(configPath).path).toBe(path.join(dir, 'cfg', 'config.state.json'));
	});

	it('is empty before anything is recorded', () => {
		const state = new StateStore(configPath);
		expect(state.latest().size).toBe(0);
		expect(state.history('a/b')).toEqual([]);
		expect(state.brokenSince('a/b')).toBeUndefined();
		expect(state.getOnboarding('a/b')).toEqual({});
	});

	it('keeps the latest report, the last 20 in history, and 0600/0700 permissions', () => {
		const state = new StateStore(configPath);
		for (let index = 0; index < 25; index++)
			state.record([report('a/b', 'ok', 1000 + index), report('a/c', 'warning', 1000 + index, 'token-expiring')]);
		const again = new StateStore(configPath);
		expect(again.latest().get('a/b')?.checkedAt).toBe(1024);
		expect(again.latest().get('a/b')?.probes).toHaveLength(1);
		const history = again.history('a/b');
		expect(history).toHaveLength(20);
		expect(history[0]?.checkedAt).toBe(1005);
		expect(history.at(-1)?.checkedAt).toBe(1024);
		expect(history[0]?.probes).toEqual([]);
		expect(mode(again.path)).toBe(0o600);
		expect(mode(path.dirname(again.path))).toBe(0o700);
	});

	it('tracks when the current failure streak began', () => {
		const state = new StateStore(configPath);
		state.record([report('a/b', 'ok', 100)]);
		expect(state.brokenSince('a/b')).toBeUndefined();
		state.record([report('a/b', 'critical', 200)]);
		state.record([report('a/b', 'unknown', 300, 'token-skipped-skew')]);
		state.record([report('a/b', 'critical', 400)]);
		expect(state.brokenSince('a/b')).toBe(200);
		state.record([report('a/b', 'warning', 500, 'token-expiring')]);
		expect(state.brokenSince('a/b')).toBeUndefined();
		state.record([report('a/b', 'critical', 600)]);
		expect(state.brokenSince('a/b')).toBe(600);
	});

	it('does not let an older report replace a newer one', () => {
		const state = new StateStore(configPath);
		state.record([report('a/b', 'ok', 500)]);
		state.record([report('a/b', 'critical', 400)]);
		expect(state.latest().get('a/b')?.severity).toBe('ok');
		expect(state.brokenSince('a/b')).toBeUndefined();
		expect(state.history('a/b').map(entry => entry.checkedAt)).toEqual([400, 500]);
	});

	it('stores onboarding progress per step', () => {
		const state = new StateStore(configPath);
		state.setOnboarding('a/b', {1: {status: 'done', at: 10}, 3: {status: 'failed', at: 11, note: 'REST module off'}});
		state.setOnboardingStep('a/b', 3, 'verified', undefined, 12);
		state.setOnboardingStep('a/b', 9, 'pending', 'waiting for the admin', 13);
		expect(new StateStore(configPath).getOnboarding('a/b')).toEqual({
			1: {status: 'done', at: 10},
			3: {status: 'verified', at: 12},
			9: {status: 'pending', at: 13, note: 'waiting for the admin'},
		});
		state.forget('a/b');
		expect(state.getOnboarding('a/b')).toEqual({});
	});

	it('never touches config.json', () => {
		const config = new ConfigStore(configPath);
		config.update(inventory => addInstance(inventory, {name: 'a', baseUrl: 'https://a.example/oscar'}));
		const before = fs.readFileSync(configPath);
		const mtime = fs.statSync(configPath).mtimeMs;
		const state = new StateStore(configPath);
		state.record([report('a/b', 'critical', 1)]);
		state.setOnboardingStep('a/b', 1, 'done');
		expect(fs.readFileSync(configPath).equals(before)).toBe(true);
		expect(fs.statSync(configPath).mtimeMs).toBe(mtime);
	});

	it('sets a corrupt state file aside with a warning and starts fresh', () => {
		const state0 = new StateStore(configPath);
		fs.mkdirSync(path.dirname(state0.path), {recursive: true});
		fs.writeFileSync(state0.path, '{"version": 1, "integrations": {"a/b": ');
		const warnings: string[] = [];
		const state = new StateStore(configPath, {onWarning: message => warnings.push(message)});
		expect(state.latest().size).toBe(0);
		expect(state.latest().size).toBe(0);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('starting fresh');
		const backups = fs.readdirSync(path.dirname(state.path)).filter(name => name.startsWith('config.state.json.corrupt-'));
		expect(backups).toHaveLength(1);
		expect(fs.readFileSync(path.join(path.dirname(state.path), backups[0]!), 'utf8')).toBe('{"version": 1, "integrations": {"a/b": ');
		state.record([report('a/b', 'ok', 1)]);
		expect(new StateStore(configPath).latest().get('a/b')?.severity).toBe('ok');
	});
});

/** A realistic report: probes with evidence, as a quick check writes them. */
function fullReport(id: string, checkedAt: number, severity: Severity = 'ok'): IntegrationReport {
	const base = report(id, severity, checkedAt);
	return {
		...base,
		latencyMs: 52,
		probes: [
			{
				probe: 'rest-module',
				code: 'rest-module-on',
				severity: 'ok',
				evidence: [
					{label: 'HTTP status', value: '400'},
					{label: 'URL', value: `https://${id.split('/')[0]}.example/oscar/ws/oauth/initiate`},
				],
			},
			{
				probe: 'clock-skew',
				code: 'clock-ok',
				severity: 'ok',
				evidence: [
					{label: 'Date header', value: 'Mon, 01 Dec 2025 10:00:00 GMT'},
					{label: 'Skew', value: '+0 s'},
				],
			},
			{
				probe: 'token',
				code: severity === 'ok' ? 'token-ok' : 'token-revoked',
				severity,
				evidence: [
					{label: 'HTTP status', value: severity === 'ok' ? '200' : '401'},
					{label: 'Provider', value: '999998'},
				],
			},
		],
	};
}

function fleet(count: number, checkedAt: number, severity: Severity = 'ok'): IntegrationReport[] {
	return Array.from({length: count}, (_, index) => fullReport(`clinic-${Math.floor(index / 5)}/app-${index % 5}`, checkedAt, severity));
}

describe('StateStore at scale', () => {
	it('converts a version-1 file (history inside) into the snapshot and the history log, losing nothing', () => {
		const state0 = new StateStore(configPath);
		fs.mkdirSync(path.dirname(state0.path), {recursive: true});
		const history = Array.from({length: 20}, (_, index) => ({...report('a/b', 'ok', 100 + index), probes: []}));
		fs.writeFileSync(
			state0.path,
			`${JSON.stringify({
				version: 1,
				integrations: {
					'a/b': {latest: report('a/b', 'critical', 200), history, brokenSince: 150, onboarding: {3: {status: 'done', at: 5}}},
					'a/c': {history: [], onboarding: {1: {status: 'verified', at: 6, note: 'proved'}}},
				},
			})}\n`,
		);
		const state = new StateStore(configPath);
		expect(state.latest().get('a/b')?.checkedAt).toBe(200);
		expect(state.brokenSince('a/b')).toBe(150);
		expect(state.getOnboarding('a/c')).toEqual({1: {status: 'verified', at: 6, note: 'proved'}});
		expect(state.history('a/b').map(entry => entry.checkedAt)).toEqual(history.map(entry => entry.checkedAt));
		expect(fs.readFileSync(state.path, 'utf8').split('\n')[0]).toMatch(/^\{"state":2,"journal":"/);
		for (const file of [state.path, state.journalPath, state.historyPath]) expect(mode(file)).toBe(0o600);
		// Converted once: a second store reads the new format as it is.
		const again = new StateStore(configPath);
		expect(again.latest().get('a/b')?.severity).toBe('critical');
		expect(again.io.snapshots).toBe(0);
		expect(again.history('a/b')).toHaveLength(20);
	});

	it('saves in O(changed reports): one report after 1,000 reads and writes bytes, not the file', () => {
		const writer = new StateStore(configPath);
		writer.record(fleet(1000, 1000));
		writer.record(fleet(1000, 2000));
		const snapshotBytes = fs.statSync(writer.path).size;
		expect(snapshotBytes).toBeGreaterThan(500_000);
		// A headless run: no view loaded, so nothing is read but two header lines.
		const headless = new StateStore(configPath);
		headless.record([fullReport('clinic-0/app-0', 3000)]);
		expect(headless.io.bytesRead).toBeLessThan(2048);
		expect(headless.io.bytesWritten).toBeLessThan(4096);
		// The dashboard: after its first load, 50 saves read only what others appended.
		const dashboard = new StateStore(configPath);
		expect(dashboard.latest().get('clinic-0/app-0')?.checkedAt).toBe(3000);
		const afterLoad = dashboard.io.bytesRead;
		for (let batch = 0; batch < 50; batch++) {
			dashboard.record([fullReport(`clinic-${batch}/app-1`, 4000 + batch)]);
			expect(dashboard.brokenSince(`clinic-${batch}/app-1`)).toBeUndefined();
		}

		expect(dashboard.io.bytesRead - afterLoad).toBeLessThan(50 * 2048);
		expect(dashboard.io.snapshots).toBe(0);
		expect(new StateStore(configPath).latest().get('clinic-49/app-1')?.checkedAt).toBe(4049);
	});

	it('folds the journal into the snapshot once it outgrows it, so a run of N costs O(N) in total', () => {
		const state = new StateStore(configPath, {journalMinBytes: 64 * 1024});
		let written = 0;
		for (let run = 0; run < 6; run++) {
			const before = state.io.bytesWritten;
			for (let batch = 0; batch < 10; batch++) state.record(fleet(200, run * 10 + batch).slice(batch * 20, (batch + 1) * 20));
			written = state.io.bytesWritten - before;
		}

		// A run of 200 reports writes its journal and history lines plus at most ~2 snapshots, never one per batch.
		const snapshotBytes = fs.statSync(state.path).size;
		expect(written).toBeLessThan(4 * snapshotBytes);
		expect(state.io.snapshots).toBeGreaterThan(1);
		expect(fs.statSync(state.journalPath).size).toBeLessThanOrEqual(Math.max(64 * 1024, 1.5 * snapshotBytes) + 20 * 2048);
		expect(new StateStore(configPath).latest().size).toBe(200);
	});

	it('writes a save of every integration it holds (a full headless run) as one snapshot, not as journal lines folded at once', () => {
		const state = new StateStore(configPath, {journalMinBytes: 1024});
		state.record(fleet(200, 1));
		expect(state.latest().size).toBe(200); // loaded, as a headless run loads it for the proofs
		const before = {...state.io};
		const historyBefore = fs.statSync(state.historyPath).size;
		const run = fleet(200, 2, 'critical');
		state.record(run);
		expect(state.io.snapshots - before.snapshots).toBe(1);
		expect(fs.readFileSync(state.journalPath, 'utf8').trim().split('\n')).toHaveLength(1); // its header only
		// Written once: the snapshot, the history lines and the journal's header, no journal lines.
		const once = fs.statSync(state.path).size + (fs.statSync(state.historyPath).size - historyBefore) + fs.statSync(state.journalPath).size;
		expect(state.io.bytesWritten - before.bytesWritten).toBeLessThanOrEqual(once);
		expect(state.brokenSince(run[7]!.id)).toBe(2);
		const again = new StateStore(configPath);
		for (const report of run) expect(again.latest().get(report.id)).toEqual(report);
		expect(again.brokenSince(run[7]!.id)).toBe(2);
		// A save of part of the fleet still appends to the journal.
		again.record(fleet(200, 3).slice(0, 10));
		expect(again.io.snapshots).toBe(0);
		expect(fs.readFileSync(state.journalPath, 'utf8').trim().split('\n')).toHaveLength(11);
	});

	it('bounds the history by entries per integration and by bytes, keeping the newest', () => {
		const maxBytes = 256 * 1024;
		const state = new StateStore(configPath, {historyMaxBytes: maxBytes});
		for (let run = 0; run < 40; run++) state.record(fleet(100, 1000 + run));
		expect(fs.statSync(state.historyPath).size).toBeLessThanOrEqual(maxBytes + 100 * 1024);
		const history = state.history('clinic-0/app-0');
		expect(history.length).toBeGreaterThan(0);
		expect(history.length).toBeLessThan(20);
		expect(history.at(-1)?.checkedAt).toBe(1039);
		expect(history.every(entry => entry.probes.length === 0)).toBe(true);
	});

	it('compacts the same way from the files (a headless run) as from a loaded state (the dashboard)', () => {
		const steps: Array<(state: StateStore) => void> = [
			state => state.record([fullReport('a/b', 100), fullReport('a/c', 100, 'critical')]),
			state => state.setOnboardingStep('a/d', 3, 'done', 'module on', 50),
			state => state.record([fullReport('a/c', 200, 'unknown'), fullReport('a/b', 90, 'critical')]),
			state => state.setOnboardingStep('a/b', 9, 'verified', undefined, 60),
			state => state.forget('a/c'),
			state => state.record([fullReport('a/c', 300, 'critical'), fullReport('a/d', 310)]),
			state => state.record([fullReport('a/c', 400, 'critical'), fullReport('a/b', 400, 'warning')]),
		];
		const describe = (configFile: string) => {
			const reader = new StateStore(configFile);
			return [...new Set([...reader.latest().keys(), 'a/d'])].sort().map(id => ({
				id,
				latest: reader.latest().get(id)?.checkedAt,
				code: reader.latest().get(id)?.code,
				brokenSince: reader.brokenSince(id),
				onboarding: reader.getOnboarding(id),
			}));
		};

		const headlessConfig = path.join(dir, 'headless', 'config.json');
		for (const step of steps) step(new StateStore(headlessConfig, {journalMinBytes: 1})); // a new process each time, compacting every save
		const viewConfig = path.join(dir, 'view', 'config.json');
		const dashboard = new StateStore(viewConfig, {journalMinBytes: 1});
		dashboard.latest();
		for (const step of steps) step(dashboard);
		expect(describe(headlessConfig)).toEqual(describe(viewConfig));
		expect(describe(headlessConfig)).toEqual([
			{id: 'a/b', latest: 400, code: 'connection-refused', brokenSince: undefined, onboarding: {9: {status: 'verified', at: 60}}},
			{id: 'a/c', latest: 400, code: 'connection-refused', brokenSince: 300, onboarding: {}},
			{id: 'a/d', latest: 310, code: 'ok', brokenSince: undefined, onboarding: {3: {status: 'done', at: 50, note: 'module on'}}},
		]);
	});

	it("keeps the latest reports' evidence as text in the snapshot, read only when asked for", () => {
		const state = new StateStore(configPath, {journalMinBytes: 1});
		const original = fleet(10, 500);
		state.record(original);
		const line = fs.readFileSync(state.path, 'utf8').split('\n')[1]!;
		expect(typeof (JSON.parse(line) as {probes: unknown}).probes).toBe('string');
		const loaded = new StateStore(configPath).latest();
		for (const report of original) expect(loaded.get(report.id)).toEqual(report);
		// Written again (a compaction from a loaded state) without having been read: still the same.
		const dashboard = new StateStore(configPath, {journalMinBytes: 1});
		dashboard.latest();
		for (let round = 0; round < 5 && dashboard.io.snapshots === 0; round++)
			dashboard.record([fullReport(`z/${round}`, 1), ...fleet(10, 600 + round).slice(0, 4)]);
		expect(dashboard.io.snapshots).toBeGreaterThan(0);
		const again = new StateStore(configPath).latest();
		expect(again.get(original[5]!.id)).toEqual(original[5]);
		expect(again.get(original[0]!.id)?.checkedAt).toBeGreaterThan(600);
		expect(JSON.parse(JSON.stringify(again.get(original[6]!.id)))).toEqual(original[6]);
	});

	it('catches up with another writer, also across its compactions', () => {
		const reader = new StateStore(configPath);
		const writer = new StateStore(configPath, {journalMinBytes: 8 * 1024});
		writer.record([fullReport('a/b', 1)]);
		expect(reader.latest().get('a/b')?.checkedAt).toBe(1);
		writer.record([fullReport('a/b', 2, 'critical')]);
		expect(reader.brokenSince('a/b')).toBe(2);
		for (let index = 0; index < 30; index++) writer.record(fleet(10, 10 + index));
		expect(writer.io.snapshots).toBeGreaterThan(1);
		expect(reader.latest().size).toBe(11);
		reader.record([fullReport('a/b', 100)]);
		expect(writer.brokenSince('a/b')).toBeUndefined();
		expect(writer.latest().get('a/b')?.checkedAt).toBe(100);
	});

	it('keeps a save made after a compaction that was cut short (a journal of the old generation is skipped and replaced)', () => {
		const state = new StateStore(configPath, {journalMinBytes: 1});
		state.record(fleet(10, 1));
		expect(state.io.snapshots).toBe(2);
		// The crash: the new snapshot is in place, the journal is still the previous generation's
		// (its changes are already in the snapshot; one that is not proves it is not replayed).
		fs.writeFileSync(
			state.journalPath,
			`${JSON.stringify({journal: 'previous'})}\n${JSON.stringify({report: fullReport('stale/x', 1)})}\n`,
		);
		const after = new StateStore(configPath);
		expect(after.latest().size).toBe(10);
		after.record([fullReport('z/z', 50)]);
		const reader = new StateStore(configPath);
		expect(reader.latest().get('z/z')?.checkedAt).toBe(50);
		expect(reader.latest().has('stale/x')).toBe(false);
		expect(reader.latest().size).toBe(11);
	});

	it('skips a torn last line and keeps it apart from the next save', () => {
		const state = new StateStore(configPath);
		state.record([fullReport('a/b', 1)]);
		fs.appendFileSync(state.journalPath, '{"report":{"id":"a/c","checked');
		expect(new StateStore(configPath).latest().has('a/c')).toBe(false);
		state.record([fullReport('a/d', 2)]);
		const reader = new StateStore(configPath);
		expect([...reader.latest().keys()].sort()).toEqual(['a/b', 'a/d']);
		expect(reader.warnings).toHaveLength(1);
		expect(reader.warnings[0]).toContain('damaged line');
	});

	it('loses nothing when two processes save at once (and both compact)', async () => {
		const build = makeTempDir();
		try {
			buildStoreModules(build.dir);
			const fixture = path.resolve(import.meta.dirname, 'fixtures/record-reports.mjs');
			const children = ['left', 'right'].map(prefix =>
				spawn(process.execPath, [fixture, build.dir, configPath, prefix, '60'], {stdio: ['pipe', 'pipe', 'inherit']}),
			);
			const waitFor = (child: (typeof children)[number], word: string) =>
				new Promise<void>((resolve, reject) => {
					const lines = readline.createInterface({input: child.stdout!});
					lines.on('line', line => {
						if (line === word) {
							lines.close();
							resolve();
						}
					});
					child.on('exit', code => reject(new Error(`child exited with ${code} before "${word}"`)));
				});
			await Promise.all(children.map(child => waitFor(child, 'ready')));
			const done = children.map(child => new Promise<number | null>(resolve => child.on('exit', resolve)));
			for (const child of children) child.stdin!.write('go\n');
			expect(await Promise.all(done)).toEqual([0, 0]);
			const state = new StateStore(configPath);
			const latest = state.latest();
			for (const prefix of ['left', 'right']) {
				for (let index = 0; index < 60; index++) expect(latest.get(`${prefix}/app-${index}`)?.checkedAt).toBe(1000 + index);
			}

			expect(latest.size).toBe(121);
			expect(state.history('shared/app')).toHaveLength(20);
			for (const file of [state.path, state.journalPath, state.historyPath]) expect(mode(file)).toBe(0o600);
		} finally {
			build.cleanup();
		}
	});
});
