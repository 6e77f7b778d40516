/**
 * Runs the admin audit for the admin view: log in with the credentials the form handed over, read
 * the REST clients and tokens, compare them with the inventory, log out (withAdminSession logs out
 * whatever happens: an error, Esc, quitting, the view unmounting). The session exists only while
 * the audit runs; the credentials go to the one login request and are kept nowhere. Progress and
 * the outcome reach the reducer as 'admin' actions of the run, so a late answer of a run the user
 * already left is dropped.
 */
import {useEffect, useRef} from 'react';
import {auditInstance, auditIntegrations, withAdminSession} from '../../core/admin/index.js';
import type {Inventory} from '../../core/model.js';
import type {AdminCredentials} from '../../oscar/admin-session.js';
import type {Action} from '../state/dashboard-state.js';
import {describeAdminFailure} from './admin-failure.js';
import type {AdminServices} from './admin-services.js';
import type {AdminAction} from './admin-state.js';

export interface AdminAuditControl {
	/** Start run `run` on `instance` (the view already shows it as started). */
	start(run: number, instance: string, credentials: AdminCredentials): void;
	/** Cancel the running audit: its request is aborted and the session logged out. */
	cancel(): void;
}

export function useAdminAudit(options: {
	readonly services: AdminServices | undefined;
	readonly inventory: () => Inventory;
	readonly dispatch: (action: Action) => void;
	readonly now: () => number;
}): AdminAuditControl {
	const latest = useRef(options);
	latest.current = options;
	const running = useRef<{run: number; controller: AbortController} | undefined>(undefined);
	// Quitting (or anything that unmounts the dashboard) cancels the audit; its session is logged out.
	useEffect(() => () => running.current?.controller.abort(), []);

	const start = (run: number, name: string, credentials: AdminCredentials): void => {
		const {services, dispatch, now} = latest.current;
		const update = (action: AdminAction): void => {
			if (running.current?.run === run) dispatch({type: 'admin', run, update: action});
		};

		running.current?.controller.abort();
		const controller = new AbortController();
		running.current = {run, controller};
		const instance = latest.current.inventory().instances.find(candidate => candidate.name === name);
		if (!services || !instance) {
			update({
				type: 'failed',
				failure: describeAdminFailure(new Error(services ? `${name} is no longer configured.` : 'The admin audit is not available here.')),
			});
			running.current = undefined;
			return;
		}

		const {signal} = controller;
		const audit = async () =>
			withAdminSession(
				async () => services.login(instance, credentials, signal),
				async api => {
					update({type: 'activity', activity: 'reading the REST clients and access tokens'});
					const report = await auditInstance(api, {
						target: {name: instance.name, baseUrl: instance.baseUrl, dialect: instance.dialect ?? 'classic'},
						integrations: auditIntegrations(instance, ref => services.resolveSecret(ref)),
						signal,
						now,
					});
					update({type: 'activity', activity: 'logging out'});
					return report;
				},
			);

		audit()
			.then(
				report => {
					update({type: 'report', report});
				},
				(error: unknown) => {
					if (!signal.aborted) {
						update({type: 'failed', failure: describeAdminFailure(error)});
					} else if (running.current === undefined) {
						// Cancelled with Esc: the session is logged out by now.
						dispatch({type: 'status', status: {text: `Admin audit of ${name} cancelled; the session was logged out.`, tone: 'info'}});
					}
				},
			)
			.finally(() => {
				if (running.current?.run === run) running.current = undefined;
			});
	};

	const cancel = (): void => {
		const current = running.current;
		running.current = undefined;
		current?.controller.abort();
	};

	return {start, cancel};
}
