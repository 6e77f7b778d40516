/**
 * Steps 4-8 done with an admin login (`m` on steps 4-8): plan the REST client with exactly step
 * 6's values, ask the login (the admin view's form), then, inside one admin session, create the
 * client (or adopt the one of that name, when the user says so), read it back, store its key and
 * secret, prove them with a signed request-token call, and log out. Refusals (a secret kept as an
 * env:/file: reference, a callback the URI does not accept) come before anything is sent. The
 * login is typed for one session and kept nowhere; the session ends with the registration, also
 * when it fails, is cancelled (Esc) or the wizard closes.
 */
import {useRef} from 'react';
import {
	type AdminApi,
	type AdminClient,
	AdminApiError,
	type RegisterOutcome,
	type RegisterPlan,
	RegisterError,
	planRegistration,
	registerIntegration,
	withAdminSession,
} from '../../core/admin/index.js';
import {integrationId, type Instance, type Integration} from '../../core/model.js';
import {markFailed, markVerified, type OnboardingProgress} from '../../core/onboarding/progress.js';
import type {RestClientFields} from '../../core/onboarding/rest-client-fields.js';
import type {StepId} from '../../core/onboarding/steps.js';
import {safeLine} from '../../core/untrusted-text.js';
import type {FormState} from '../forms/form-model.js';
import {describeAdminFailure, type AdminFailure} from '../admin/admin-failure.js';
import {adminLoginForm, loginCredentials, loginFormKey, withLoginErrors} from '../admin/login-form.js';
import {useLiveState} from './use-live-state.js';
import type {WizardKey} from './use-wizard-input.js';
import type {WizardServices} from './wizard-services.js';

export type RegisterView =
	| {readonly phase: 'idle'}
	| {readonly phase: 'login'; readonly form: FormState; readonly adopt: boolean}
	| {readonly phase: 'working'; readonly activity: string}
	/** OSCAR has a client of that name: the wizard asks whether to adopt it. */
	| {readonly phase: 'name-in-use'; readonly message: string}
	| {readonly phase: 'failed'; readonly failure: AdminFailure}
	| {readonly phase: 'done'; readonly outcome: RegisterSummary};

/** What a registration ended with, without any secret. */
export interface RegisterSummary {
	readonly adopted: boolean;
	readonly name: string;
	readonly clientId: number;
	readonly key: string;
	readonly uri: string;
	readonly lifetime: number | null;
	readonly proof: {readonly ok: true} | {readonly ok: false; readonly code: string; readonly message: string};
	/** The client's own findings (lifetime, URI) and the key's warnings. */
	readonly warnings: readonly string[];
}

export interface AdminRegisterOptions {
	readonly instance: Instance;
	readonly integration: Integration;
	/** Step 6's values: what the client is registered with. */
	readonly fields: RestClientFields;
	readonly services: WizardServices;
	/** Store the client's key and secret for the integration; returns warnings about the key; throws when it cannot. */
	readonly onRegister?: (plan: RegisterPlan, client: AdminClient) => readonly string[] | Promise<readonly string[]>;
	readonly update: (transition: (current: OnboardingProgress) => OnboardingProgress) => void;
	readonly setStep: (step: StepId) => void;
	readonly now: () => number;
	/** Aborted when the wizard closes. */
	readonly signal: AbortSignal;
	/** Something new to show in the step's tools. */
	readonly onActivity: () => void;
}

const idle: RegisterView = {phase: 'idle'};

/** What Esc during steps 4-8 did: while the logout is still in flight, then once it was answered. */
function cancelledText(loggedOut: boolean): string {
	return loggedOut
		? 'Cancelled; the admin session, if one was open, was logged out. If OSCAR had already created the client, m registers it again by adopting it.'
		: 'Cancelled; logging out of the admin session…';
}

/** The registration plan for the integration: name, URI and lifetime exactly as step 6 shows them. */
export function wizardPlan(instance: Instance, integration: Integration, fields: RestClientFields): RegisterPlan {
	return planRegistration({
		baseUrl: instance.baseUrl,
		dialect: instance.dialect ?? 'classic',
		id: integrationId(instance.name, integration.name),
		name: fields.name,
		uri: fields.uri,
		lifetime: String(fields.lifetime),
		existing: {consumerSecret: integration.consumerSecret, ...(integration.callback ? {callback: integration.callback} : {})},
	});
}

/** An admin session whose calls say what they are doing. */
function narrated(api: AdminApi, say: (activity: string) => void, name: string): AdminApi {
	return {
		username: api.username,
		async listClients(call) {
			say('reading the REST clients');
			return api.listClients(call);
		},
		listTokens: async call => api.listTokens(call),
		async addClient(client, call) {
			say(`creating the REST client "${name}"`);
			return api.addClient(client, call);
		},
		deleteClient: async (id, call) => api.deleteClient(id, call),
		logout: async () => api.logout(),
	};
}

function summary(outcome: RegisterOutcome, keyWarnings: readonly string[]): RegisterSummary {
	const {client} = outcome;
	return {
		adopted: outcome.adopted,
		name: safeLine(client.name),
		clientId: client.id,
		key: safeLine(client.key),
		uri: safeLine(client.uri),
		lifetime: client.lifetime,
		proof: outcome.proof.ok ? {ok: true} : {ok: false, code: outcome.proof.code, message: safeLine(outcome.proof.message)},
		warnings: [
			...outcome.warnings.map(warning => `${warning.code}: ${safeLine(warning.summary)}`),
			...keyWarnings.map(warning => safeLine(warning)),
		],
	};
}

export function useAdminRegister(options: AdminRegisterOptions) {
	const [view, viewRef, setView] = useLiveState<RegisterView>(idle);
	const latest = useRef(options);
	latest.current = options;
	const run = useRef<AbortController | undefined>(undefined);
	const planRef = useRef<RegisterPlan | undefined>(undefined);
	const cancelled = useRef<{readonly controller: AbortController; readonly view: RegisterView} | undefined>(undefined);

	const fail = (error: unknown): void => setView({phase: 'failed', failure: describeAdminFailure(error)});

	/** `m`: plan first (a refusal is explained at once, nothing sent), then ask the login. */
	const open = (adopt = false): void => {
		const {instance, integration, fields} = latest.current;
		try {
			const planned = wizardPlan(instance, integration, fields);
			planRef.current = planned;
			setView({phase: 'login', form: adminLoginForm(instance.name), adopt});
		} catch (error) {
			if (!(error instanceof RegisterError)) throw error;
			fail(error);
		}

		latest.current.onActivity();
	};

	const succeed = (outcome: RegisterOutcome, keyWarnings: readonly string[]): void => {
		const {update, now, setStep} = latest.current;
		const at = now();
		const how = `${outcome.adopted ? 'adopted' : 'registered'} with an admin login: REST client #${outcome.client.id}`;
		update(current => {
			let next = current;
			for (const step of [4, 5, 6, 7] as const) next = markVerified(next, step, at, how);
			return outcome.proof.ok ? markVerified(next, 8, at, 'request token issued') : markFailed(next, 8, at, outcome.proof.code);
		});
		setView({phase: 'done', outcome: summary(outcome, keyWarnings)});
		setStep(outcome.proof.ok ? 9 : 8);
	};

	const submit = (form: FormState, adopt: boolean): void => {
		const result = loginCredentials(form);
		if (!result.ok) {
			setView({phase: 'login', form: withLoginErrors(form, result.errors), adopt});
			return;
		}

		const registration = planRef.current;
		const {services, onRegister, signal: wizardSignal} = latest.current;
		if (!registration || !services.admin || !onRegister) return;
		const admin = services.admin;
		const controller = new AbortController();
		const stop = () => controller.abort();
		wizardSignal.addEventListener('abort', stop);
		run.current = controller;
		const {signal} = controller;
		const say = (activity: string): void => {
			if (run.current === controller) setView({phase: 'working', activity});
		};

		// The form, and the password in it, is dropped here: only the credentials travel, to the login request.
		say(`logging in as ${safeLine(result.credentials.username)}`);
		let keyWarnings: readonly string[] = [];
		withAdminSession(
			async () => admin.login(result.credentials, signal),
			async api => {
				const outcome = await registerIntegration(
					narrated(api, say, registration.name),
					registration,
					{adopt, signal},
					{
						async save(client) {
							say('storing the key and secret');
							keyWarnings = await onRegister(registration, client);
						},
						async prove(client, planned) {
							say('proving them with a signed request-token call');
							return admin.prove(client, planned, signal);
						},
					},
				);
				say('logging out');
				return outcome;
			},
		)
			.then(
				outcome => {
					if (run.current === controller) succeed(outcome, keyWarnings);
				},
				(error: unknown) => {
					if (run.current !== controller || wizardSignal.aborted) return;
					const nameInUse = (error instanceof RegisterError || error instanceof AdminApiError) && error.code === 'name-in-use';
					if (nameInUse) setView({phase: 'name-in-use', message: safeLine(error.message)});
					else fail(error);
				},
			)
			.finally(() => {
				wizardSignal.removeEventListener('abort', stop);
				if (run.current === controller) run.current = undefined;
				// A cancelled run settles after its logout was answered: only now is "logged out" true.
				const was = cancelled.current;
				if (was?.controller === controller) {
					cancelled.current = undefined;
					if (viewRef.current === was.view && !wizardSignal.aborted) fail(new AdminApiError('cancelled', cancelledText(true)));
				}

				latest.current.onActivity();
			});
	};

	/** A key while the login form is open. */
	const key = (pressed: WizardKey): void => {
		const current = viewRef.current;
		if (current.phase !== 'login') return;
		const result = loginFormKey(current.form, pressed);
		if (result.kind === 'form') setView({...current, form: result.form});
		else if (result.kind === 'submit') submit(current.form, current.adopt);
		else if (result.kind === 'cancel') setView(idle);
	};

	/** Esc while it runs: the requests are aborted and the session logged out (said once it is). */
	const cancel = (): void => {
		const current = run.current;
		run.current = undefined;
		current?.abort();
		const pending: RegisterView = {phase: 'failed', failure: describeAdminFailure(new AdminApiError('cancelled', cancelledText(false)))};
		setView(pending);
		cancelled.current = current ? {controller: current, view: pending} : undefined;
		if (!current) fail(new AdminApiError('cancelled', cancelledText(true)));
	};

	return {
		view,
		open: () => open(false),
		adopt: () => open(true),
		leave: () => setView(idle),
		key,
		cancel,
		/** The phase as the keys of one burst see it (ahead of the render). */
		phase: () => viewRef.current.phase,
	};
}
