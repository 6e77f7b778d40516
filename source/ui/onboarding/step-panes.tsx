/**
 * The selected step as lines wrapped to the width it gets: what the step asks, who does it, what
 * oscar-rest checks, then the step's own tools (the e-mail, the REST-client fields, the key and
 * secret, the authorization). URLs, commands and keys break at any character and never lose one;
 * server-sent text (probe details, identity names, findings) passes `safeLine` first. Pure: all
 * state arrives as arguments from the wizard.
 */
import {stepInfo, type StepId} from '../../core/onboarding/steps.js';
import type {StepProgress} from '../../core/onboarding/progress.js';
import type {HostEmail} from '../../core/onboarding/host-email.js';
import type {RestClientFields, UriCheck} from '../../core/onboarding/rest-client-fields.js';
import {safeLine} from '../../core/untrusted-text.js';
import type {Theme} from '../theme.js';
import {plain, wrapped, type StyledLine} from '../layout/lines.js';
import type {AuthorizationView} from './use-authorization.js';
import type {FieldState} from './field-model.js';
import {stepStyle} from './step-list.js';
import type {RegisterView} from './use-admin-register.js';

export interface CredentialsView {
	readonly key: string;
	/** Held for the masked field and saving; shown only when `revealed`. */
	readonly secret: string;
	readonly secretSaved: boolean;
	readonly revealed: boolean;
	readonly messages: readonly {tone: 'warning' | 'error' | 'success' | 'muted'; text: string}[];
}

export interface PaneProps {
	readonly step: StepId;
	/** The step's progress as shown (proven steps already verified). */
	readonly status: StepProgress | undefined;
	/** Something is being checked for this step right now ("probing the REST module"). */
	readonly busy?: string;
	readonly email: HostEmail;
	readonly emailNote: string | undefined;
	readonly probeNote: string | undefined;
	readonly canProbe: boolean;
	readonly fields: RestClientFields;
	readonly uriCheck: UriCheck | undefined;
	readonly registeredUri: string | undefined;
	readonly credentials: CredentialsView;
	/** The open paste field (mode 'nav': none); it is drawn under the pane, always in view. */
	readonly field: FieldState;
	readonly authorization: AuthorizationView;
	readonly sshHint: string | undefined;
	/**
	 * What became of step 9's token: saved, waiting for the user to save it flagged or discard it
	 * (it acts as the wrong user), saved flagged, or discarded.
	 */
	readonly tokenState?: 'saved' | 'pending' | 'flagged' | 'discarded';
	/** Seconds left before the authorization gives up, while it waits. */
	readonly secondsLeft?: number;
	/** Steps 4-8 with an admin login (`m`): where it stands. */
	readonly register?: RegisterView;
	/** `m` is wired (the dashboard passed the admin services). */
	readonly canRegister?: boolean;
}

/** The pane's lines and where the step's tools start (the wizard scrolls there when they change). */
export interface PaneLines {
	readonly lines: StyledLine[];
	/** The first lines (the step's title and status) stay in view while the rest scrolls. */
	readonly pinned: number;
	readonly toolsStart: number;
}

const labelWidth = 10;

/** "Label     value", the value wrapped under itself; URLs and keys break anywhere. */
function labelled(
	label: string,
	value: string,
	width: number,
	options: {anywhere?: boolean; color?: 'accent' | 'success'} = {},
): StyledLine[] {
	return wrapped(value, width, {
		indent: label.padEnd(labelWidth),
		continuation: ' '.repeat(labelWidth),
		indentStyle: {dim: true},
		...(options.anywhere ? {breakAt: 'anywhere' as const} : {}),
		...(options.color ? {style: {color: options.color}} : {}),
	});
}

function iconLine(icon: string, text: string, width: number, color: 'error' | 'warning' | 'success'): StyledLine[] {
	return wrapped(text, width, {indent: `${icon} `, style: {color}});
}

/** The step's title, its status and what is being checked: they stay in view while the pane scrolls. */
function headLines({step, status, busy}: Pick<PaneProps, 'step' | 'status' | 'busy'>, width: number, theme: Theme): StyledLine[] {
	const info = stepInfo(step);
	const style = stepStyle(status?.status ?? 'pending', theme);
	const lines: StyledLine[] = [...wrapped(`Step ${info.id}: ${info.title} (${info.who})`, width, {style: {bold: true}})];
	lines.push(
		...wrapped(status?.note ? `${theme.glyphs.separator} ${safeLine(status.note)}` : '', width, {
			indent: `${style.icon} ${style.word} `,
			indentStyle: {color: style.color},
			style: {dim: true},
			continuation: '  ',
		}),
	);
	if (busy) lines.push(...wrapped(`checking: ${busy}`, width, {indent: `${theme.status('checking').icon} `, style: {color: 'accent'}}));
	return lines;
}

function instructionLines(step: StepId, width: number, theme: Theme): StyledLine[] {
	const info = stepInfo(step);
	const lines: StyledLine[] = [[]];
	for (const todo of info.todo) lines.push(...wrapped(todo, width, {indent: `${theme.glyphs.bullet} `}));
	if (info.check !== '') lines.push(...wrapped(`Checked by oscar-rest: ${info.check}`, width, {style: {dim: true}}));
	return lines;
}

function emailLines(props: PaneProps, width: number, theme: Theme): StyledLine[] {
	const {email, emailNote, probeNote, canProbe} = props;
	const lines: StyledLine[] = [];
	if (probeNote) lines.push(...wrapped(safeLine(probeNote), width, {indent: 'REST probe: '}));
	else if (canProbe) lines.push(plain('r: probe the REST module now', {dim: true}));
	lines.push(plain('E-mail to the hosting provider', {bold: true}));
	lines.push(...labelled('Subject', email.subject, width));
	lines.push(...labelled('Line', email.moduleLine, width, {anywhere: true}));
	for (const warning of email.warnings) lines.push(...iconLine(theme.status('warning').icon, warning, width, 'warning'));
	lines.push(
		...(emailNote
			? wrapped(emailNote, width, {style: {color: 'success'}})
			: wrapped('c: copy the whole e-mail (and save it to a file)', width, {style: {dim: true}})),
	);
	return lines;
}

function clientFieldLines(props: PaneProps, width: number, theme: Theme): StyledLine[] {
	const {fields, step, uriCheck, registeredUri} = props;
	const lines: StyledLine[] = [...labelled('Page', fields.adminUrl, width, {anywhere: true})];
	if (step < 6) return lines;
	lines.push(...labelled('Name', fields.name, width, {anywhere: true}));
	lines.push(...labelled('URI', fields.uri, width, {anywhere: true}));
	lines.push(...labelled('Lifetime', String(fields.lifetime), width));
	lines.push(...wrapped(fields.lifetimeNote, width, {style: {dim: true}}));
	lines.push(...wrapped(`oscar-rest will send the callback ${fields.callback}`, width, {style: {dim: true}}));
	if (uriCheck && !uriCheck.ok) lines.push(...iconLine(theme.status('critical').icon, uriCheck.message, width, 'error'));
	if (uriCheck?.ok && registeredUri)
		lines.push(...iconLine(theme.status('ok').icon, `The saved URI ${registeredUri} accepts that callback.`, width, 'success'));
	return lines;
}

function secretText(credentials: CredentialsView, theme: Theme): string {
	if (credentials.secret !== '') return credentials.revealed ? credentials.secret : `${theme.glyphs.mask.repeat(8)} (hidden: v reveals)`;
	return credentials.secretSaved ? 'saved in the configuration, hidden (s replaces it)' : '(not set: press s)';
}

function credentialLines(props: PaneProps, width: number, theme: Theme): StyledLine[] {
	const {credentials, field} = props;
	const lines: StyledLine[] = [];
	if (field.mode !== 'key')
		lines.push(
			...labelled('Key', credentials.key === '' ? '(not set: press k)' : credentials.key, width, {anywhere: credentials.key !== ''}),
		);
	if (field.mode !== 'secret')
		lines.push(...labelled('Secret', secretText(credentials, theme), width, {anywhere: credentials.revealed && credentials.secret !== ''}));
	for (const message of credentials.messages) {
		if (message.tone === 'muted') {
			lines.push(...wrapped(message.text, width, {style: {dim: true}}));
		} else {
			const icon = theme.status(message.tone === 'success' ? 'ok' : message.tone === 'error' ? 'critical' : 'warning').icon;
			lines.push(...iconLine(icon, safeLine(message.text), width, message.tone));
		}
	}

	return lines;
}

function authorizeLines(props: PaneProps, width: number, theme: Theme): StyledLine[] {
	const view = props.authorization;
	const ok = theme.status('ok').icon;
	const bad = theme.status('critical').icon;
	switch (view.phase) {
		case 'idle': {
			return [plain('a: start the authorization', {dim: true})];
		}

		case 'starting': {
			return wrapped('Starting the callback and asking OSCAR for a request token…'.replace('…', theme.glyphs.ellipsis), width);
		}

		case 'waiting': {
			const lines: StyledLine[] = [];
			if (view.callbackUrl) lines.push(...labelled('Callback', `listening on ${view.callbackUrl}`, width, {anywhere: true}));
			if (view.warning) lines.push(...iconLine(theme.status('warning').icon, safeLine(view.warning), width, 'warning'));
			if (view.url) {
				lines.push(...wrapped('Open in a NEW PRIVATE/INCOGNITO window, log in as the dedicated user:', width, {style: {bold: true}}));
				lines.push(...wrapped(safeLine(view.url), width, {breakAt: 'anywhere', style: {color: 'accent'}}));
			}

			if (props.secondsLeft !== undefined) {
				const left = Math.max(0, props.secondsLeft);
				lines.push(
					...wrapped(`Waiting for the browser: ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left (Esc cancels)`, width),
				);
			}

			if (props.sshHint) {
				lines.push(...wrapped('Browser on another machine? On it run:', width, {style: {dim: true}}));
				lines.push(...wrapped(props.sshHint, width, {indent: '  ', breakAt: 'anywhere'}));
			}

			if (props.field.mode !== 'paste')
				lines.push(
					...wrapped('p: paste the address the browser ended on (if the callback cannot be reached)', width, {style: {dim: true}}),
				);
			if (view.pasteMessage) lines.push(...iconLine(bad, safeLine(view.pasteMessage), width, 'error'));
			return lines;
		}

		case 'exchanging': {
			return wrapped(`Verifier received (${view.source}); exchanging it for the access token${theme.glyphs.ellipsis}`, width);
		}

		case 'done': {
			const lines: StyledLine[] = [];
			const saved = props.tokenState ?? 'saved';
			if (saved === 'pending')
				lines.push(...iconLine(bad, 'Authorized, but the token is NOT saved yet: it acts as the wrong user.', width, 'error'));
			else if (saved === 'discarded')
				lines.push(
					...iconLine(bad, 'The token was discarded: nothing was saved. Authorize again in a private window (a).', width, 'error'),
				);
			else if (saved === 'flagged')
				lines.push(...iconLine(bad, 'Authorized; the access token is saved, flagged token-wrong-user.', width, 'error'));
			else lines.push(...iconLine(ok, 'Authorized; the access token is saved.', width, 'success'));
			if (view.identity)
				lines.push(
					...labelled('Acts as', `${safeLine(view.identity.name ?? '?')} (provider ${safeLine(view.identity.providerNo)})`, width),
				);
			if (view.identityMatches === true) lines.push(...iconLine(ok, 'That is the dedicated user.', width, 'success'));
			for (const finding of view.findings) {
				lines.push(...iconLine(bad, `${finding.code}: ${safeLine(finding.message)}`, width, 'error'));
				for (const fix of finding.fix) lines.push(...wrapped(safeLine(fix), width, {indent: `  ${theme.glyphs.arrow} `}));
			}

			return lines;
		}

		case 'failed': {
			return iconLine(bad, `${view.code}: ${safeLine(view.message)} (a: try again)`, width, 'error');
		}
	}
}

/** What `m` (steps 4-8 with an admin login) offers, is doing, or ended with. */
function registerLines(props: PaneProps, width: number, theme: Theme): StyledLine[] {
	const view = props.register ?? {phase: 'idle'};
	const icon = (kind: 'ok' | 'critical' | 'warning') => theme.status(kind).icon;
	switch (view.phase) {
		case 'idle': {
			if (props.canRegister !== true) return [];
			const {fields} = props;
			return wrapped(
				`m: do steps 4-8 for me with an admin login: registers "${fields.name}", URI ${fields.uri}, lifetime ${fields.lifetime} (step 6's values), then stores and proves the key and secret.`,
				width,
				{style: {color: 'accent'}},
			);
		}

		case 'login': {
			return wrapped(
				'Log in below as an OSCAR administrator: used for this registration only, never stored; the session is logged out at the end.',
				width,
				{style: {dim: true}},
			);
		}

		case 'working': {
			return wrapped(`${view.activity}${theme.glyphs.ellipsis} (Esc cancels; the session is logged out)`, width, {
				indent: `${theme.status('checking').icon} `,
				style: {color: 'accent'},
			});
		}

		case 'name-in-use': {
			// The details are in the question under the pane, always in view.
			return iconLine(
				icon('warning'),
				'OSCAR already has a REST client of that name: nothing was changed, and the session is logged out. Adopt it or leave it (the question below).',
				width,
				'warning',
			);
		}

		case 'failed': {
			const {failure} = view;
			return [
				...iconLine(icon('critical'), `${failure.headline} (${failure.code}): ${failure.message}`, width, 'error'),
				...failure.evidence.flatMap(item =>
					wrapped(`${item.label}: ${item.value}`, width, {indent: '    ', continuation: '      ', style: {dim: true}}),
				),
				...wrapped(`Nothing of the login was kept, and no admin session is open.${failure.retry ? ' m: try again' : ''}`, width, {
					style: {dim: true},
				}),
			];
		}

		case 'done': {
			const {outcome} = view;
			const lifetime = outcome.lifetime === null ? '(none)' : String(outcome.lifetime);
			const lines: StyledLine[] = [
				...iconLine(
					icon('ok'),
					`Steps 4-8 done with an admin login: ${outcome.adopted ? 'adopted the' : 'registered the'} REST client "${outcome.name}" (#${outcome.clientId}), key ${outcome.key}, URI ${outcome.uri || '(blank)'}, lifetime ${lifetime}; the key and secret are saved (the secret is not shown); logged out.`,
					width,
					'success',
				),
			];
			lines.push(
				...(outcome.proof.ok
					? iconLine(icon('ok'), 'OSCAR accepted them: a signed request-token call succeeded.', width, 'success')
					: iconLine(
							icon('critical'),
							`${outcome.proof.code}: OSCAR rejected the new key and secret: ${outcome.proof.message}`,
							width,
							'error',
						)),
			);
			for (const warning of outcome.warnings) lines.push(...iconLine(icon('warning'), warning, width, 'warning'));
			return lines;
		}
	}
}

function toolLines(props: PaneProps, width: number, theme: Theme): StyledLine[] {
	if (props.step === 3) return emailLines(props, width, theme);
	const register = registerLines(props, width, theme);
	const withRegister = (lines: StyledLine[]) => (register.length === 0 ? lines : [...register, [], ...lines]);
	if (props.step >= 4 && props.step <= 7) return withRegister(clientFieldLines(props, width, theme));
	if (props.step === 8) return withRegister(credentialLines(props, width, theme));
	if (props.step === 9)
		return props.register?.phase === 'done'
			? [...register, [], ...authorizeLines(props, width, theme)]
			: authorizeLines(props, width, theme);
	return [];
}

/** The whole pane at `width`: title and status, instructions, a blank line, then the step's tools. */
export function paneLines(props: PaneProps, width: number, theme: Theme): PaneLines {
	const head = headLines(props, width, theme);
	const lines = [...head, ...instructionLines(props.step, width, theme)];
	const tools = toolLines(props, width, theme);
	if (tools.length === 0) return {lines, pinned: head.length, toolsStart: lines.length};
	lines.push([]);
	return {lines: [...lines, ...tools], pinned: head.length, toolsStart: lines.length};
}
