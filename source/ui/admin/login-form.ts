/**
 * The OSCAR administrator login as a form (username, then password and PIN masked), shared by the
 * dashboard's admin view and the wizard's "steps 4-8 for me". It opens empty every time: the login
 * is typed for one session and never stored; once submitted the form is dropped and only the
 * credentials object travels, to the one login request. No Ink here.
 */
import {rejectControlCharacters} from '../../core/validate.js';
import type {AdminCredentials} from '../../oscar/admin-session.js';
import {editField, moveFocus, type FormEdit, type FormState} from '../forms/form-model.js';
import {commandInScope} from '../keymap.js';

/** An empty login form for `instance` (its name, for the title). */
export function adminLoginForm(instance: string): FormState {
	return {
		kind: 'admin-login',
		mode: 'add',
		instance,
		fields: [
			{name: 'username', label: 'Username', placeholder: 'an OSCAR administrator'},
			{name: 'password', label: 'Password', secret: true, placeholder: 'hidden as you type'},
			{name: 'pin', label: 'PIN', secret: true, placeholder: 'second-level passcode; empty if none'},
		],
		values: {username: '', password: '', pin: ''},
		initial: {username: '', password: '', pin: ''},
		focus: 0,
		caret: 0,
		errors: {},
	};
}

export type LoginResult =
	{readonly ok: true; readonly credentials: AdminCredentials} | {readonly ok: false; readonly errors: Readonly<Record<string, string>>};

/** The credentials the form holds, or what is missing (the PIN may be empty: not every OSCAR asks for one). */
export function loginCredentials(form: FormState): LoginResult {
	const errors: Record<string, string> = {};
	for (const field of form.fields) {
		try {
			rejectControlCharacters(form.values[field.name] ?? '', field.name, field.label);
		} catch (error) {
			errors[field.name] = error instanceof Error ? error.message : String(error);
		}
	}

	const username = (form.values.username ?? '').trim();
	const password = form.values.password ?? '';
	if (username === '' && !errors.username) errors.username = "type the administrator's username";
	if (password === '' && !errors.password) errors.password = 'type the password';
	if (Object.keys(errors).length > 0) return {ok: false, errors};
	return {ok: true, credentials: {username, password, pin: form.values.pin ?? ''}};
}

/** What a key does to the login form where no keymap dispatcher runs (the wizard). */
export type LoginKeyResult = {readonly kind: 'form'; readonly form: FormState} | {readonly kind: 'submit' | 'cancel' | 'none'};

/**
 * One key in the login form, by the keymap's login scope (the same keys as in the dashboard's
 * admin view): next and previous field, log in, cancel, edit; other text is typed into the field.
 */
export function loginFormKey(
	form: FormState,
	key: {readonly name: string; readonly input: string; readonly ctrl: boolean; readonly meta: boolean},
): LoginKeyResult {
	const command = key.name === 'paste' ? undefined : commandInScope('login', key.name);
	switch (command) {
		case 'loginNext': {
			return {kind: 'form', form: moveFocus(form, 1)};
		}

		case 'loginPrev': {
			return {kind: 'form', form: moveFocus(form, -1)};
		}

		case 'loginSubmit': {
			return {kind: 'submit'};
		}

		case 'loginCancel': {
			return {kind: 'cancel'};
		}

		case 'loginBackspace': {
			return {kind: 'form', form: editField(form, {type: 'backspace'})};
		}

		case 'loginLeft': {
			return {kind: 'form', form: editField(form, {type: 'left'})};
		}

		case 'loginRight': {
			return {kind: 'form', form: editField(form, {type: 'right'})};
		}

		default: {
			const edit = typed(key);
			return edit ? {kind: 'form', form: editField(form, edit)} : {kind: 'none'};
		}
	}
}

/** Text for the field: a bracketed paste, or the character a key types. */
function typed(key: {readonly name: string; readonly input: string; readonly ctrl: boolean; readonly meta: boolean}): FormEdit | undefined {
	if (key.name === 'paste') return {type: 'paste', text: key.input};
	if (key.input === '' || key.ctrl || key.meta) return undefined;
	return {type: 'insert', text: key.input};
}

/** The form with the errors of a refused submit, the focus on the first field with one. */
export function withLoginErrors(form: FormState, errors: Readonly<Record<string, string>>): FormState {
	const first = form.fields.findIndex(field => field.name in errors);
	const moved = first >= 0 ? moveFocus(form, first - form.focus) : form;
	return {...moved, errors};
}
