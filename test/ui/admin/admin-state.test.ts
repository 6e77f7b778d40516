/**
 * The admin login lives in the dashboard's state only while it is typed: the reducer drops the
 * form (and the password and PIN in it) when the login is submitted, cancelled or the view moves
 * on, and the view's later states (working, report, failure, a new login, the help in front of
 * it) hold nothing of it. The same actions the dispatcher sends for the keys (form-edit,
 * form-focus, admin start, close).
 */
import {describe, expect, it} from 'vitest';
import type {AuditReport} from '../../../source/core/admin/index.js';
import {openAdmin} from '../../../source/ui/admin/admin-state.js';
import {initialState, reducer, type Action, type DashboardState} from '../../../source/ui/state/dashboard-state.js';

const login = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};

/** The admin view of clinic with the whole login typed into its form, as the keys do it. */
function typed(): DashboardState {
	const actions: Action[] = [
		{type: 'open', overlay: openAdmin('clinic')},
		{type: 'form-edit', edit: {type: 'insert', text: login.username}},
		{type: 'form-focus', delta: 1},
		{type: 'form-edit', edit: {type: 'paste', text: login.password}},
		{type: 'form-focus', delta: 1},
		{type: 'form-edit', edit: {type: 'insert', text: login.pin}},
	];
	return actions.reduce(reducer, initialState());
}

const report = {
	instance: 'clinic',
	baseUrl: 'https://clinic.example/oscar',
	dialect: 'classic',
	adminUser: login.username,
	findings: [],
	clients: [],
	tokenCount: 0,
} as unknown as AuditReport;

/** Nothing of the password or the PIN anywhere in the state. */
function holdsNoSecret(state: DashboardState): void {
	const text = JSON.stringify(state, (_key, value: unknown) => (value instanceof Set ? [...value] : value));
	expect(text).not.toContain(login.password);
	expect(text).not.toContain(login.pin);
}

describe('the admin login in the dashboard state', () => {
	it('is there while typed (the test would see it)', () => {
		const state = typed();
		expect(state.overlay?.kind === 'admin' && state.overlay.view.phase === 'login' ? state.overlay.view.form.values : {}).toEqual(login);
	});

	const start: Action = {type: 'admin', run: 1, update: {type: 'start', user: login.username}};
	const done: Action = {type: 'admin', run: 1, update: {type: 'report', report}};
	const failed: Action = {
		type: 'admin',
		run: 1,
		update: {type: 'failed', failure: {code: 'login-failed', headline: 'Login refused', message: 'refused', evidence: [], retry: true}},
	};
	/** `?` on the report: the help in front, the admin view kept behind it. */
	const help = (state: DashboardState): Action => ({
		type: 'open',
		overlay: {kind: 'help', offset: 0, ...(state.overlay?.kind === 'admin' ? {back: state.overlay} : {})},
	});

	it.each<[string, ReadonlyArray<Action | ((state: DashboardState) => Action)>]>([
		['submitted', [start]],
		['submitted, then the report', [start, done]],
		['submitted, then the report, then the help in front of it', [start, done, help]],
		['submitted, failed, then r (a new login)', [start, failed, {type: 'admin', update: {type: 'login-again'}}]],
		['cancelled (Esc)', [{type: 'close'}]],
	])('is gone once %s', (_label, steps) => {
		const state = steps.reduce((current, step) => reducer(current, typeof step === 'function' ? step(current) : step), typed());
		holdsNoSecret(state);
	});
});
