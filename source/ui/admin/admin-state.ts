/**
 * The admin view's state, one discriminated union inside the dashboard's overlay: the login form,
 * the audit running, its report (a finding selected, a scroll offset), or what went wrong. The
 * login lives here only while it is typed; submitting drops the form, so no state keeps it. Each
 * run has a number: results of a run the user already left (Esc, or a new login) are dropped.
 */
import type {AuditReport} from '../../core/admin/index.js';
import type {FormState} from '../forms/form-model.js';
import type {AdminFailure} from './admin-failure.js';
import {adminLoginForm} from './login-form.js';

export type AdminView =
	| {readonly phase: 'login'; readonly form: FormState}
	| {readonly phase: 'working'; readonly activity: string; readonly user: string}
	| {readonly phase: 'report'; readonly report: AuditReport; readonly selected: number; readonly offset: number}
	| {readonly phase: 'failed'; readonly failure: AdminFailure; readonly offset: number};

export interface AdminOverlay {
	readonly kind: 'admin';
	readonly instance: string;
	/** The run whose results this view shows (0: none started yet). */
	readonly run: number;
	readonly view: AdminView;
}

export type AdminAction =
	/** The login was submitted: run `run` starts (the form, and what was typed in it, is dropped). */
	| {readonly type: 'start'; readonly user: string}
	| {readonly type: 'activity'; readonly activity: string}
	| {readonly type: 'report'; readonly report: AuditReport}
	| {readonly type: 'failed'; readonly failure: AdminFailure}
	/** `r`: a fresh, empty login form. */
	| {readonly type: 'login-again'}
	| {readonly type: 'scroll'; readonly offset: number; readonly selected?: number};

/** The admin view of `instance`, opening on an empty login form. */
export function openAdmin(instance: string): AdminOverlay {
	return {kind: 'admin', instance, run: 0, view: {phase: 'login', form: adminLoginForm(instance)}};
}

/** Apply `action` of run `run` (undefined: the user's own key) to the overlay; a stale run's results are dropped. */
export function adminReducer(overlay: AdminOverlay, action: AdminAction, run?: number): AdminOverlay {
	if (action.type === 'start')
		return {...overlay, run: run ?? overlay.run + 1, view: {phase: 'working', activity: 'logging in', user: action.user}};
	if (run !== undefined && run !== overlay.run) return overlay;
	const {view} = overlay;
	switch (action.type) {
		case 'activity': {
			return view.phase === 'working' ? {...overlay, view: {...view, activity: action.activity}} : overlay;
		}

		case 'report': {
			return {...overlay, view: {phase: 'report', report: action.report, selected: 0, offset: 0}};
		}

		case 'failed': {
			return {...overlay, view: {phase: 'failed', failure: action.failure, offset: 0}};
		}

		case 'login-again': {
			return {...overlay, view: {phase: 'login', form: adminLoginForm(overlay.instance)}};
		}

		case 'scroll': {
			if (view.phase === 'report')
				return {...overlay, view: {...view, offset: Math.max(0, action.offset), selected: action.selected ?? view.selected}};
			if (view.phase === 'failed') return {...overlay, view: {...view, offset: Math.max(0, action.offset)}};
			return overlay;
		}
	}
}

/** What the keymap looks at while the admin view is open. */
export interface AdminKeyState {
	readonly phase: AdminView['phase'];
	readonly findings: number;
	readonly selected: number;
}

export function adminKeyState(overlay: AdminOverlay): AdminKeyState {
	const {view} = overlay;
	return {
		phase: view.phase,
		findings: view.phase === 'report' ? view.report.findings.length : 0,
		selected: view.phase === 'report' ? view.selected : 0,
	};
}
