/**
 * The add/edit forms as data: which fields, their starting values, and how a submitted form turns
 * into an inventory change. Validation is the CLI's (validate.ts, normalizeBaseUrl), so the dashboard
 * shows the same messages. No Ink here.
 */
import type {Instance, Integration, Inventory} from '../../core/model.js';
import {integrationId} from '../../core/model.js';
import {addInstance, addIntegration, updateInstance, updateIntegration} from '../../core/inventory-ops.js';
import {validateAccessToken, validateConsumerKey, validateLifetime, validateName, validateSecretInput} from '../../core/validate.js';
import {normalizeBaseUrl} from '../../core/base-url.js';
import {describeSecret} from '../../core/secret-refs.js';

interface FieldSpec {
	readonly name: string;
	readonly label: string;
	/** Masked while typed; in an edit form, left empty to keep the stored value. */
	readonly secret?: boolean;
	readonly placeholder?: string;
}

export interface FormState {
	readonly kind: 'instance' | 'integration';
	readonly mode: 'add' | 'edit';
	/** The instance the integration belongs to, or the instance being edited (its name before edits). */
	readonly instance?: string;
	/** The integration being edited (its name before edits). */
	readonly integration?: string;
	readonly fields: readonly FieldSpec[];
	readonly values: Readonly<Record<string, string>>;
	readonly focus: number;
	/** Cursor position inside the focused field's value. */
	readonly caret: number;
	readonly errors: Readonly<Record<string, string>>;
	readonly formError?: string;
}

export function formTitle(form: FormState): string {
	if (form.kind === 'instance') return form.mode === 'add' ? 'Add an OSCAR instance' : `Edit instance ${form.instance ?? ''}`;
	return form.mode === 'add' ? `Add an integration to ${form.instance ?? ''}` : `Edit integration ${form.instance ?? ''}/${form.integration ?? ''}`;
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
			{name: 'insecureTls', label: 'Skip TLS verification (yes/no)', placeholder: 'no'},
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
			{name: 'consumerSecret', label: 'Client secret', secret: true, placeholder: integration ? keep(integration.consumerSecret) : 'value, env:NAME or file:PATH'},
			{name: 'accessToken', label: 'Access token', placeholder: 'optional'},
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

function atFirstField(form: FormState): FormState {
	return {...form, caret: [...(form.values[form.fields[0]?.name ?? ''] ?? '')].length};
}

/** Typing and editing inside the focused field, at the caret (code points, so pasted text is safe). */
export function editField(form: FormState, edit: {readonly type: 'insert'; readonly text: string} | {readonly type: 'backspace' | 'left' | 'right'}): FormState {
	const field = form.fields[form.focus];
	if (!field) return form;
	const chars = [...(form.values[field.name] ?? '')];
	const caret = Math.min(Math.max(form.caret, 0), chars.length);
	switch (edit.type) {
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
	| {readonly ok: true; readonly apply: (inventory: Inventory) => Inventory; readonly message: string; readonly warnings: readonly string[]}
	| {readonly ok: false; readonly errors: Readonly<Record<string, string>>};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function optional(value: string | undefined): string | undefined {
	const trimmed = (value ?? '').trim();
	return trimmed.length > 0 ? trimmed : undefined;
}

/** Validate the form; on success return the inventory change to run under the store's lock. */
export function submitForm(form: FormState): SubmitResult {
	return form.kind === 'instance' ? submitInstance(form) : submitIntegration(form);
}

function submitInstance(form: FormState): SubmitResult {
	const errors: Record<string, string> = {};
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
	if (name === undefined || baseUrl === undefined || insecure === undefined) return {ok: false, errors};
	const caFile = optional(v.caFile);
	if (form.mode === 'add') {
		const instance = {name, baseUrl, ...(caFile ? {caFile} : {}), ...(insecure ? {insecureTls: true} : {})};
		return {ok: true, apply: inventory => addInstance(inventory, instance), message: `Added instance ${name}`, warnings: []};
	}

	// An undefined field in the patch removes it (a cleared CA file, TLS verification back on).
	const patch = {name, baseUrl, caFile, insecureTls: insecure ? true : undefined};
	const original = form.instance ?? name;
	return {ok: true, apply: inventory => updateInstance(inventory, original, patch), message: `Saved instance ${name}`, warnings: []};
}

function parseYesNo(raw: string): boolean {
	const value = raw.trim().toLowerCase();
	if (['', 'no', 'n', 'false'].includes(value)) return false;
	if (['yes', 'y', 'true'].includes(value)) return true;
	throw new Error(`answer yes or no, got "${raw.trim()}"`);
}

function submitIntegration(form: FormState): SubmitResult {
	const errors: Record<string, string> = {};
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
	const secret = editing && secretRaw.length === 0
		? undefined
		: attempt('consumerSecret', () => validateSecretInput(secretRaw));
	const tokenSecretRaw = v.tokenSecret ?? '';
	const tokenSecret = tokenSecretRaw.length === 0 ? undefined : attempt('tokenSecret', () => validateSecretInput(tokenSecretRaw, 'tokenSecret'));
	const lifetimeRaw = optional(v.lifetime);
	const lifetime = lifetimeRaw === undefined ? undefined : attempt('lifetime', () => validateLifetime(lifetimeRaw));
	const tokenRaw = optional(v.accessToken);
	const token = tokenRaw === undefined ? undefined : attempt('accessToken', () => validateAccessToken(tokenRaw));
	const accessToken = token?.value;
	if (Object.keys(errors).length > 0 || name === undefined || key === undefined) return {ok: false, errors};
	warnings.push(...key.warnings, ...(secret?.warnings ?? []), ...(tokenSecret?.warnings ?? []), ...(token?.warnings ?? []));

	const tags = (v.tags ?? '').split(',').map(tag => tag.trim()).filter(tag => tag.length > 0);
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
		const integration: Integration = dropUndefined({name, consumerSecret: secret?.value ?? '', tokenSecret: tokenSecret?.value, ...details}) as unknown as Integration;
		return {ok: true, apply: inventory => addIntegration(inventory, instanceName, integration), message: `Added integration ${integrationId(instanceName, name)}`, warnings};
	}

	const patch: Partial<Integration> = {
		name,
		...details,
		...(secret ? {consumerSecret: secret.value} : {}),
		...(tokenSecret ? {tokenSecret: tokenSecret.value} : {}),
	};
	const id = integrationId(instanceName, form.integration ?? name);
	return {ok: true, apply: inventory => updateIntegration(inventory, id, patch), message: `Saved integration ${integrationId(instanceName, name)}`, warnings};
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
