/**
 * An add/edit form: one line per field (secrets masked with *), the focused field marked with its
 * cursor, errors inline under their field. Enter saves, Esc cancels without touching the config.
 * Keys reach the fields through the dashboard's single dispatcher (burst-safe, see use-commands).
 */
import React from 'react';
import {Box, Text} from 'ink';
import {safeLine} from '../../core/untrusted-text.js';
import {fieldNotes, formTitle, type FormState} from '../forms/form-model.js';
import {useTheme} from '../theme.js';

/** A field's text with a visible cursor (inverse), masked for secrets; placeholder when empty. */
export function FieldText({value, caret, focused, secret, placeholder}: {
	readonly value: string;
	readonly caret: number;
	readonly focused: boolean;
	readonly secret?: boolean;
	readonly placeholder?: string;
}) {
	// A value from the config file may hold control characters (refused at submit): show them escaped.
	const chars = [...value].map(char => (secret ? '*' : safeLine(char)));
	if (chars.length === 0) {
		return focused
			? <Text><Text inverse> </Text><Text dimColor>{placeholder ?? ''}</Text></Text>
			: <Text dimColor>{placeholder ?? ''}</Text>;
	}

	if (!focused) return <Text>{chars.join('')}</Text>;
	const at = Math.min(Math.max(caret, 0), chars.length);
	return (
		<Text>
			{chars.slice(0, at).join('')}
			<Text inverse>{chars[at] ?? ' '}</Text>
			{chars.slice(at + 1).join('')}
		</Text>
	);
}

export function FormView({form}: {readonly form: FormState}) {
	const theme = useTheme();
	const labelWidth = Math.max(...form.fields.map(field => field.label.length)) + 1;
	// What a value becomes when saved ("https://..." for a URL typed without a scheme).
	const notes = fieldNotes(form);
	return (
		<Box flexDirection="column">
			<Text bold>{formTitle(form)}</Text>
			{form.formError ? <Text color={theme.color('error')}>{`✖ ${form.formError}`}</Text> : null}
			{form.fields.map((field, index) => {
				const focused = index === form.focus;
				const error = form.errors[field.name];
				return (
					<Box key={field.name} flexDirection="column">
						<Text wrap="truncate">
							<Text bold={focused}>{`${focused ? '›' : ' '} ${field.label.padEnd(labelWidth)} `}</Text>
							{field.toggle
								? <Text inverse={focused}>{form.values[field.name] === 'yes' ? '[x] yes' : '[ ] no'}</Text>
								: <FieldText value={form.values[field.name] ?? ''} caret={form.caret} focused={focused} secret={field.secret} placeholder={field.placeholder} />}
							{field.toggle && focused ? <Text dimColor>  Space switches</Text> : null}
						</Text>
						{notes[field.name] ? <Text dimColor>{`    → ${notes[field.name]!}`}</Text> : null}
						{error ? <Text color={theme.color('error')}>{`    ✖ ${error}`}</Text> : null}
					</Box>
				);
			})}
		</Box>
	);
}
