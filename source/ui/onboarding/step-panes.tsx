/**
 * The right column (what the selected step asks, who does it, what oscar-rest checks) and, under
 * the panes, the step's own tools (e-mail, REST-client fields, key/secret fields, authorization).
 * Pure views: all state arrives as props from the wizard.
 */
import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import {stepInfo, type StepId} from '../../core/onboarding/steps.js';
import type {StepProgress} from '../../core/onboarding/progress.js';
import type {HostEmail} from '../../core/onboarding/host-email.js';
import type {RestClientFields, UriCheck} from '../../core/onboarding/rest-client-fields.js';
import {useTheme} from '../theme.js';
import {stepStatusStyle} from './step-list.js';
import {FieldText} from '../components/form-view.js';
import type {AuthorizationView} from './use-authorization.js';
import type {FieldState} from './field-model.js';


export interface CredentialsView {
	readonly key: string;
	/** Held for the masked field and saving; shown only when `revealed`. */
	readonly secret: string;
	readonly secretSaved: boolean;
	readonly revealed: boolean;
	readonly messages: readonly {tone: 'warning' | 'error' | 'success' | 'muted'; text: string}[];
}

interface PaneProps {
	readonly step: StepId;
	readonly status: StepProgress | undefined;
	readonly email: HostEmail;
	readonly emailNote: string | undefined;
	readonly probeNote: string | undefined;
	readonly canProbe: boolean;
	readonly fields: RestClientFields;
	readonly uriCheck: UriCheck | undefined;
	readonly registeredUri: string | undefined;
	readonly credentials: CredentialsView;
	/** The open paste field (mode 'nav': none); its keys arrive through the wizard's one listener. */
	readonly field: FieldState;
	/** The wizard is the active overlay: only then does the field show its cursor. */
	readonly focus: boolean;
	readonly authorization: AuthorizationView;
	readonly sshHint: string | undefined;
	readonly now: () => number;
}

function Line({label, value}: {readonly label: string; readonly value: string}) {
	return <Text><Text dimColor>{label.padEnd(10)}</Text>{value}</Text>;
}

function Countdown({deadline, now}: {readonly deadline: number; readonly now: () => number}) {
	const [, tick] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => tick(count => count + 1), 1000);
		return () => clearInterval(timer);
	}, []);
	const left = Math.max(0, Math.ceil((deadline - now()) / 1000));
	const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
	return <Text>Waiting for the browser: {text} left (Esc cancels)</Text>;
}

function EmailSection({email, note, probeNote, canProbe}: {readonly email: HostEmail; readonly note: string | undefined; readonly probeNote: string | undefined; readonly canProbe: boolean}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" marginTop={1}>
			{probeNote ? <Text>REST probe: {probeNote}</Text> : (canProbe ? <Text dimColor>r: probe the REST module now</Text> : null)}
			<Text bold>E-mail to the hosting provider</Text>
			<Line label="Subject" value={email.subject}/>
			<Line label="Line" value={email.moduleLine}/>
			{email.warnings.map(warning => <Text key={warning} color={theme.color('warning')}>▲ {warning}</Text>)}
			{note ? <Text color={theme.color('success')}>{note}</Text> : <Text dimColor>c: copy the whole e-mail (and save it to a file)</Text>}
		</Box>
	);
}

function ClientFieldsSection({fields, step, uriCheck, registeredUri}: {readonly fields: RestClientFields; readonly step: StepId; readonly uriCheck: UriCheck | undefined; readonly registeredUri: string | undefined}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" marginTop={1}>
			<Line label="Page" value={fields.adminUrl}/>
			{step >= 6 ? (
				<>
					<Line label="Name" value={fields.name}/>
					<Line label="URI" value={fields.uri}/>
					<Line label="Lifetime" value={String(fields.lifetime)}/>
					<Text dimColor>{fields.lifetimeNote}</Text>
					<Text dimColor>oscar-rest will send the callback {fields.callback}</Text>
					{uriCheck && !uriCheck.ok ? <Text color={theme.color('error')}>✖ {uriCheck.message}</Text> : null}
					{uriCheck?.ok && registeredUri ? <Text color={theme.color('success')}>✔ The saved URI {registeredUri} accepts that callback.</Text> : null}
				</>
			) : null}
		</Box>
	);
}

function secretLine(credentials: CredentialsView): string {
	if (credentials.secret !== '') return credentials.revealed ? credentials.secret : `${'•'.repeat(8)} (hidden: v reveals)`;
	return credentials.secretSaved ? 'saved in the configuration, hidden (s replaces it)' : '(not set: press s)';
}

const placeholder = 'paste, then Enter';

function CredentialsSection({credentials, field, focus}: Pick<PaneProps, 'credentials' | 'field' | 'focus'>) {
	const theme = useTheme();
	const {mode} = field;
	return (
		<Box flexDirection="column" marginTop={1}>
			{mode === 'key'
				? <Text>Client Key:    <FieldText value={field.value} caret={field.caret} focused={focus} placeholder={placeholder}/></Text>
				: <Line label="Key" value={credentials.key === '' ? '(not set: press k)' : credentials.key}/>}
			{mode === 'secret'
				? (
					<Text>Client Secret: <FieldText value={field.value} caret={field.caret} focused={focus} secret={!credentials.revealed} placeholder={placeholder}/></Text>
				)
				: <Line label="Secret" value={secretLine(credentials)}/>}
			{credentials.messages.map(message => (
				<Text key={message.text} color={message.tone === 'muted' ? undefined : theme.color(message.tone === 'success' ? 'success' : (message.tone === 'error' ? 'error' : 'warning'))} dimColor={message.tone === 'muted'}>
					{message.tone === 'error' ? '✖ ' : (message.tone === 'warning' ? '▲ ' : (message.tone === 'success' ? '✔ ' : ''))}{message.text}
				</Text>
			))}
		</Box>
	);
}

function AuthorizeSection({authorization, field, sshHint, now, focus}: Pick<PaneProps, 'authorization' | 'field' | 'sshHint' | 'now' | 'focus'>) {
	const theme = useTheme();
	const view = authorization;
	return (
		<Box flexDirection="column" marginTop={1}>
			{view.phase === 'idle' ? <Text dimColor>a: start the authorization</Text> : null}
			{view.phase === 'starting' ? <Text>Starting the callback and asking OSCAR for a request token…</Text> : null}
			{view.phase === 'waiting' ? (
				<>
					{view.callbackUrl ? <Line label="Callback" value={`listening on ${view.callbackUrl}`}/> : null}
					{view.warning ? <Text color={theme.color('warning')}>▲ {view.warning}</Text> : null}
					{view.url ? (
						<>
							<Text bold>Open in a NEW PRIVATE/INCOGNITO window, log in as the dedicated user:</Text>
							<Text color={theme.color('accent')}>{view.url}</Text>
						</>
					) : null}
					{view.deadline ? <Countdown deadline={view.deadline} now={now}/> : null}
					{sshHint ? <Text dimColor>Browser on another machine? On it run: {sshHint}</Text> : null}
					{field.mode === 'paste'
						? <Text>Redirected address or verifier: <FieldText value={field.value} caret={field.caret} focused={focus} placeholder={placeholder}/></Text>
						: <Text dimColor>p: paste the address the browser ended on (if the callback cannot be reached)</Text>}
					{view.pasteMessage ? <Text color={theme.color('error')}>✖ {view.pasteMessage}</Text> : null}
				</>
			) : null}
			{view.phase === 'exchanging' ? <Text>Verifier received ({view.source}); exchanging it for the access token…</Text> : null}
			{view.phase === 'done' ? (
				<>
					<Text color={theme.color('success')}>✔ Authorized; the access token is saved.</Text>
					{view.identity ? <Line label="Acts as" value={`${view.identity.name ?? '?'} (provider ${view.identity.providerNo})`}/> : null}
					{view.identityMatches === true ? <Text color={theme.color('success')}>✔ That is the dedicated user.</Text> : null}
					{view.findings.map(finding => (
						<Box key={finding.code} flexDirection="column">
							<Text color={theme.color('error')}>✖ {finding.code}: {finding.message}</Text>
							{finding.fix.map(fix => <Text key={fix}>  → {fix}</Text>)}
						</Box>
					))}
				</>
			) : null}
			{view.phase === 'failed' ? <Text color={theme.color('error')}>✖ {view.code}: {view.message} (a: try again)</Text> : null}
		</Box>
	);
}

/** The bordered pane: the step's instructions and status. */
export function StepPane({step, status}: Pick<PaneProps, 'step' | 'status'>) {
	const info = stepInfo(step);
	const style = stepStatusStyle[status?.status ?? 'pending'];
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1} flexGrow={1}>
			<Text bold>Step {info.id}: {info.title} <Text dimColor>({info.who})</Text></Text>
			<Text>
				<Text color={theme.color(style.color)}>{style.icon} {style.word}</Text>
				{status?.note ? <Text dimColor> · {status.note}</Text> : null}
			</Text>
			<Box flexDirection="column" marginTop={1}>
				{info.todo.map(line => <Text key={line}>• {line}</Text>)}
			</Box>
			{info.check === '' ? null : <Text dimColor>Checked by oscar-rest: {info.check}</Text>}
		</Box>
	);
}

/**
 * The step's tools, full width under the panes: URLs, commands and messages people copy must not
 * be cut by a box border when they wrap.
 */
export function StepSection(props: PaneProps) {
	if (props.step === 3) return <EmailSection email={props.email} note={props.emailNote} probeNote={props.probeNote} canProbe={props.canProbe}/>;
	if (props.step >= 4 && props.step <= 7) return <ClientFieldsSection fields={props.fields} step={props.step} uriCheck={props.uriCheck} registeredUri={props.registeredUri}/>;
	if (props.step === 8) return <CredentialsSection {...props}/>;
	if (props.step === 9) return <AuthorizeSection {...props}/>;
	return null;
}
