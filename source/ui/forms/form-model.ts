/**
 * The add/edit forms as data: which fields, their starting values, and how a submitted form turns
 * into an inventory change. Validation is the CLI's (validate.ts, normalizeBaseUrl, checkCaFile), so
 * the dashboard shows the same messages. No Ink here.
 */
import type {Instance, Integration, Inventory} from '../../core/model.js';
import {integrationId} from '../../core/model.js';
import {addInstance, addIntegration, updateInstance, updateIntegration} from '../../core/inventory-ops.js';
import {
	rejectControlCharacters,
	validateAccessToken,
	validateConsumerKey,
	validateLifetime,
	validateName,
	validateSecretInput,
} from '../../core/validate.js';
import {normalizeBaseUrl} from '../../core/base-url.js';
import {describeSecret} from '../../core/secret-refs.js';
import {checkCaFile} from '../../store/ca-file.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface FieldSpec {
	readonly name: string;
	readonly label: string;
	/** Masked (until revealed); in an edit form, left empty to keep the stored value unless it is pre-filled. */
	readonly secret?: boolean;
	readonly placeholder?: string;
	/** A yes/no switch: Space flips it, y and n set it; it takes no other text. */
	readonly toggle?: boolean;
}

export interface FormState {
	/** 'admin-login': the OSCAR administrator login of the admin view and the wizard (ui/admin/login-form.ts). */
	readonly kind: 'instance' | 'integration' | 'admin-login';
	readonly mode: 'add' | 'edit';
	/** The instance the integration belongs to, or the instance being edited (its name before edits). */
	readonly instance?: string;
	/** The integration being edited (its name before edits). */
	readonly integration?: string;
	readonly fields: readonly FieldSpec[];
	readonly values: Readonly<Record<string, string>>;
	/** The values the form opened with: Esc asks before throwing away anything typed since. */
	readonly initial: Readonly<Record<string, string>>;
	readonly focus: number;
	/** Cursor position inside the focused field's value. */
	readonly caret: number;
	readonly errors: Readonly<Record<string, string>>;
	readonly formError?: string;
	/** Secret fields shown in clear (ctrl+r, explicit); never for the admin login. */
	readonly revealed?: boolean;
}

export function formTitle(form: FormState): string {
	if (form.kind === 'admin-login') return `OSCAR administrator login for ${form.instance ?? ''}`;
	if (form.kind === 'instance') return form.mode === 'add' ? 'Add an OSCAR instance' : `Edit instance ${form.instance ?? ''}`;
	return form.mode === 'add'
		? `Add an integration to ${form.instance ?? ''}`
		: `Edit integration ${form.instance ?? ''}/${form.integration ?? ''}`;
}

/** A new or pre-filled instance form. */
export function instanceForm(instance?: Instance): FormState {
	return atFirstField({
		kind: 'instance',
		mode: instance ? 'edit' : 'add',
		instance: instance?.name,
		fields: [
			{name: 'name', label: 'Name', placeholder: 'e.g. clinic-main'},
			{name: 'baseUrl', label: 'Base URL', placeholder: 'https://oscar.example.org/oscar'},
			{name: 'caFile', label: 'CA file (PEM)', placeholder: 'optional'},
			{name: 'insecureTls', label: 'Skip TLS verification', toggle: true},
		],
		values: {
			name: instance?.name ?? '',
			baseUrl: instance?.baseUrl ?? '',
			caFile: instance?.caFile ?? '',
			insecureTls: instance?.insecureTls ? 'yes' : 'no',
		},
		focus: 0,
		caret: 0,
		errors: {},
	});
}

/** A new or pre-filled integration form; secrets are never pre-filled. */
export function integrationForm(instanceName: string, integration?: Integration): FormState {
	const keep = (ref: string | undefined): string => (ref ? `empty keeps it: ${describeSecret(ref)}` : 'optional');
	return atFirstField({
		kind: 'integration',
		mode: integration ? 'edit' : 'add',
		instance: instanceName,
		integration: integration?.name,
		fields: [
			{name: 'name', label: 'Name', placeholder: 'e.g. booking'},
			{name: 'consumerKey', label: 'Client key', placeholder: '16 characters from REST Clients'},
			{
				name: 'consumerSecret',
				label: 'Client secret',
				secret: true,
				placeholder: integration ? keep(integration.consumerSecret) : 'value, env:NAME or file:PATH',
			},
			// Pre-filled (clearing it forgets the token), so masked like the secrets until revealed.
			{name: 'accessToken', label: 'Access token', secret: true, placeholder: 'optional'},
			{name: 'tokenSecret', label: 'Token secret', secret: true, placeholder: integration ? keep(integration.tokenSecret) : 'optional'},
			{name: 'uri', label: 'Registered URI', placeholder: 'optional'},
			{name: 'callback', label: 'Callback', placeholder: 'optional (defaults to the URI)'},
			{name: 'expectedProvider', label: 'Acts as provider', placeholder: 'optional: providerNo or name'},
			{name: 'lifetime', label: 'Token lifetime (s)', placeholder: '-1 never expires'},
			{name: 'tags', label: 'Tags', placeholder: 'comma-separated'},
		],
		values: {
			name: integration?.name ?? '',
			consumerKey: integration?.consumerKey ?? '',
			consumerSecret: '',
			accessToken: integration?.accessToken ?? '',
			tokenSecret: '',
			uri: integration?.uri ?? '',
			callback: integration?.callback ?? '',
			expectedProvider: integration?.expectedProvider ?? '',
			lifetime: integration?.lifetime === undefined ? '' : String(integration.lifetime),
			tags: integration?.tags.join(', ') ?? '',
		},
		focus: 0,
		caret: 0,
		errors: {},
	});
}

/** Pasted text may carry newlines or escape bytes; a one-line field keeps only printable text. */
export function stripControl(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u001F\u007F]/g, '');
}

function atFirstField(form: Omit<FormState, 'initial'>): FormState {
	return {...form, initial: form.values, caret: [...(form.values[form.fields[0]?.name ?? ''] ?? '')].length};
}

/** Something was typed since the form opened (Esc then asks before discarding it). */
export function formIsDirty(form: FormState): boolean {
	return form.fields.some(field => (form.values[field.name] ?? '') !== (form.initial[field.name] ?? ''));
}

/**
 * What a field's value will become when saved, when that differs from what was typed: a base URL
 * without a scheme is shown as "https://...", so nobody is surprised after saving.
 */
export function fieldNotes(form: FormState): Readonly<Record<string, string>> {
	const notes: Record<string, string> = {};
	const url = form.values.baseUrl;
	if (form.kind === 'instance' && url !== undefined && url.trim() !== '') {
		try {
			const normalized = normalizeBaseUrl(url);
			if (normalized !== url.trim()) notes.baseUrl = `will be saved as ${normalized}`;
		} catch {
			// Not a URL yet: the error shows at submit, while typing it would only flicker.
		}
	}

	return notes;
}

/** A yes/no field after one typed character: Space flips it, y/n set it, anything else leaves it. */
function toggled(value: string, typed: string): string {
	if (typed === ' ') return value === 'yes' ? 'no' : 'yes';
	if (/^[yY]$/.test(typed)) return 'yes';
	if (/^[nN]$/.test(typed)) return 'no';
	return value;
}

export type FormEdit =
	| {readonly type: 'insert'; readonly text: string}
	/** A bracketed paste: one line, inserted whole, or refused with the reason under the field. */
	| {readonly type: 'paste'; readonly text: string}
	| {readonly type: 'backspace' | 'left' | 'right'};

/** Typing and editing inside the focused field, at the caret (code points, so pasted text is safe). */
export function editField(form: FormState, edit: FormEdit): FormState {
	const field = form.fields[form.focus];
	if (!field) return form;
	const value = form.values[field.name] ?? '';
	if (field.toggle) {
		if (edit.type !== 'insert') return form;
		const next = toggled(value, edit.text);
		return next === value ? form : withValue(form, field.name, next, 0);
	}

	const chars = [...value];
	const caret = Math.min(Math.max(form.caret, 0), chars.length);
	switch (edit.type) {
		case 'paste': {
			// A copied line usually brings its line break along: drop it at the end, refuse any inside.
			const text = edit.text.replace(/[\r\n]+$/, '');
			try {
				rejectControlCharacters(text, field.name, `The pasted ${field.label}`);
			} catch (error) {
				return {...form, errors: {...form.errors, [field.name]: messageOf(error)}};
			}

			return editField(form, {type: 'insert', text});
		}

		case 'insert': {
			const text = [...stripControl(edit.text)];
			if (text.length === 0) return form;
			chars.splice(caret, 0, ...text);
			return withValue(form, field.name, chars.join(''), caret + text.length);
		}

		case 'backspace': {
			if (caret === 0) return form;
			chars.splice(caret - 1, 1);
			return withValue(form, field.name, chars.join(''), caret - 1);
		}

		case 'left': {
			return {...form, caret: Math.max(0, caret - 1)};
		}

		case 'right': {
			return {...form, caret: Math.min(chars.length, caret + 1)};
		}
	}
}

function withValue(form: FormState, name: string, value: string, caret: number): FormState {
	const {[name]: _cleared, ...errors} = form.errors;
	return {...form, values: {...form.values, [name]: value}, caret, errors};
}

/** Move the focus by `delta` fields (wrapping); the caret goes to the end of the new field. */
export function moveFocus(form: FormState, delta: number): FormState {
	const count = form.fields.length;
	const focus = (form.focus + delta + count) % count;
	return {...form, focus, caret: [...(form.values[form.fields[focus]?.name ?? ''] ?? '')].length};
}

type SubmitResult =
	| {
			readonly ok: true;
			readonly apply: (inventory: Inventory) => Inventory;
			readonly message: string;
			readonly warnings: readonly string[];
			/** What to check again once saved: an instance's integrations, or one integration. */
			readonly recheck: {readonly instance: string; readonly integration?: string};
	  }
	| {readonly ok: false; readonly errors: Readonly<Record<string, string>>};

function optional(value: string | undefined): string | undefined {
	const trimmed = (value ?? '').trim();
	return trimmed.length > 0 ? trimmed : undefined;
}

/** Whether the form's secret fields show in clear: only when revealed, and never the admin login's password and PIN. */
export function showsSecrets(form: FormState): boolean {
	return form.revealed === true && form.kind !== 'admin-login';
}

/** ctrl+r: the secret fields in clear, or masked again (the admin login has nothing to reveal). */
export function toggleRevealed(form: FormState): FormState {
	if (form.kind === 'admin-login' || !form.fields.some(field => field.secret)) return form;
	return {...form, revealed: form.revealed !== true};
}

/** Validate the form; on success return the inventory change to run under the store's lock. */
export function submitForm(form: FormState): SubmitResult {
	if (form.kind === 'admin-login') return {ok: false, errors: {}};
	return form.kind === 'instance' ? submitInstance(form) : submitIntegration(form);
}

/** The one control-character rule over every text field, before any field's own rules. */
function controlCharacterErrors(form: FormState): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const field of form.fields) {
		try {
			rejectControlCharacters(form.values[field.name] ?? '', field.name, field.label);
		} catch (error) {
			errors[field.name] = messageOf(error);
		}
	}

	return errors;
}

function submitInstance(form: FormState): SubmitResult {
	const errors: Record<string, string> = controlCharacterErrors(form);
	if (Object.keys(errors).length > 0) return {ok: false, errors};
	const v = form.values;
	const attempt = <T>(field: string, run: () => T): T | undefined => {
		try {
			return run();
		} catch (error) {
			errors[field] = messageOf(error);
			return undefined;
		}
	};

	const name = attempt('name', () => validateName(v.name ?? '', 'instance'));
	const baseUrl = attempt('baseUrl', () => normalizeBaseUrl(v.baseUrl ?? ''));
	const insecure = attempt('insecureTls', () => parseYesNo(v.insecureTls ?? ''));
	const caRaw = optional(v.caFile);
	const caFile = caRaw === undefined ? undefined : attempt('caFile', () => checkCaFile(caRaw));
	if (name === undefined || baseUrl === undefined || insecure === undefined || Object.keys(errors).length > 0) return {ok: false, errors};
	if (form.mode === 'add') {
		const instance = {name, baseUrl, ...(caFile ? {caFile} : {}), ...(insecure ? {insecureTls: true} : {})};
		return {
			ok: true,
			apply: inventory => addInstance(inventory, instance),
			message: `Added instance ${name}`,
			warnings: [],
			recheck: {instance: name},
		};
	}

	// An undefined field in the patch removes it (a cleared CA file, TLS verification back on).
	const patch = {name, baseUrl, caFile, insecureTls: insecure ? true : undefined};
	const original = form.instance ?? name;
	return {
		ok: true,
		apply: inventory => updateInstance(inventory, original, patch),
		message: `Saved instance ${name}`,
		warnings: [],
		recheck: {instance: name},
	};
}

function parseYesNo(raw: string): boolean {
	const value = raw.trim().toLowerCase();
	if (['', 'no', 'n', 'false'].includes(value)) return false;
	if (['yes', 'y', 'true'].includes(value)) return true;
	throw new Error(`answer yes or no, got "${raw.trim()}"`);
}

function submitIntegration(form: FormState): SubmitResult {
	const errors: Record<string, string> = controlCharacterErrors(form);
	if (Object.keys(errors).length > 0) return {ok: false, errors};
	const warnings: string[] = [];
	const v = form.values;
	const attempt = <T>(field: string, run: () => T): T | undefined => {
		try {
			return run();
		} catch (error) {
			errors[field] = messageOf(error);
			return undefined;
		}
	};

	const editing = form.mode === 'edit';
	const name = attempt('name', () => validateName(v.name ?? '', 'integration'));
	const key = attempt('consumerKey', () => validateConsumerKey(v.consumerKey ?? ''));
	const secretRaw = v.consumerSecret ?? '';
	const secret = editing && secretRaw.length === 0 ? undefined : attempt('consumerSecret', () => validateSecretInput(secretRaw));
	const tokenSecretRaw = v.tokenSecret ?? '';
	const tokenSecret =
		tokenSecretRaw.length === 0 ? undefined : attempt('tokenSecret', () => validateSecretInput(tokenSecretRaw, 'tokenSecret'));
	const lifetimeRaw = optional(v.lifetime);
	const lifetime = lifetimeRaw === undefined ? undefined : attempt('lifetime', () => validateLifetime(lifetimeRaw));
	const tokenRaw = optional(v.accessToken);
	const token = tokenRaw === undefined ? undefined : attempt('accessToken', () => validateAccessToken(tokenRaw));
	const accessToken = token?.value;
	if (Object.keys(errors).length > 0 || name === undefined || key === undefined) return {ok: false, errors};
	warnings.push(...key.warnings, ...(secret?.warnings ?? []), ...(tokenSecret?.warnings ?? []), ...(token?.warnings ?? []));

	const tags = (v.tags ?? '')
		.split(',')
		.map(tag => tag.trim())
		.filter(tag => tag.length > 0);
	const details = {
		consumerKey: key.value,
		uri: optional(v.uri),
		callback: optional(v.callback),
		accessToken,
		expectedProvider: optional(v.expectedProvider),
		lifetime,
		tags,
	};
	const instanceName = form.instance ?? '';
	if (!editing) {
		const integration: Integration = dropUndefined({
			name,
			consumerSecret: secret?.value ?? '',
			tokenSecret: tokenSecret?.value,
			...details,
		}) as unknown as Integration;
		return {
			ok: true,
			apply: inventory => addIntegration(inventory, instanceName, integration),
			message: `Added integration ${integrationId(instanceName, name)}`,
			warnings,
			recheck: {instance: instanceName, integration: name},
		};
	}

	const patch: Partial<Integration> = {
		name,
		...details,
		...(secret ? {consumerSecret: secret.value} : {}),
		...(tokenSecret ? {tokenSecret: tokenSecret.value} : {}),
	};
	const id = integrationId(instanceName, form.integration ?? name);
	return {
		ok: true,
		apply: inventory => updateIntegration(inventory, id, patch),
		message: `Saved integration ${integrationId(instanceName, name)}`,
		warnings,
		recheck: {instance: instanceName, integration: name},
	};
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
