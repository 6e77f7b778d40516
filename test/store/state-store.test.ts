import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {IntegrationReport, Severity} from '../../source/core/report.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {StateStore, statePathFor} from '../../source/store/state-store.js';
import {addInstance} from '../../source/core/inventory-ops.js';
import {makeTempDir, mode} from './helpers.js';

let dir: string;
let cleanup: () => void;
let configPath: string;
beforeEach(() => {
	({dir, cleanup} = makeTempDir());
	configPath = path.join(dir, 'cfg', 'config.json');
});
afterEach(() => cleanup());

function report(id: string, severity: Severity, checkedAt: number, code = severity === 'ok' ? 'ok' : 'connection-refused'): IntegrationReport {
	const [instance = '', integration = ''] = id.split('/');
	return {
		id, instance, integration, severity, code, summary: code, checkedAt, deep: false, restModule: 'on',
		credentials: 'unchecked', token: 'ok',
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
		for (let index = 0; index < 25; index++) state.record([report('a/b', 'ok', 1000 + index), report('a/c', 'warning', 1000 + index, 'token-expiring')]);
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
