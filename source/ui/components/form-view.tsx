/**
 * An add/edit form: one row per field (secrets masked), the focused field marked with its cursor,
 * errors inline under their field. Labels wrap in their column and long values (URLs, paths, keys)
 * continue on the next line instead of running off the screen; a form taller than its space
 * scrolls so the focused field stays in view. Enter saves, Esc cancels without touching the config.
 * Keys reach the fields through the dashboard's single dispatcher (burst-safe, see use-commands).
 */
import React from 'react';
import {Text} from 'ink';
import {cellWidth, graphemes, wrapText} from '../../core/text-wrap.js';
import {safeLine} from '../../core/untrusted-text.js';
import {fieldNotes, formTitle, showsSecrets, type FormState} from '../forms/form-model.js';
import {useTheme, type Theme} from '../theme.js';
import {besides, scrollWindow, wrapped, type Segment, type StyledLine} from '../layout/lines.js';
import {LineView} from '../layout/line-view.js';

/** A field's text with a visible cursor (inverse), masked for secrets; placeholder when empty. One line (the filter bar). */
export function FieldText({
	value,
	caret,
	focused,
	secret,
	placeholder,
}: {
	readonly value: string;
	readonly caret: number;
	readonly focused: boolean;
	readonly secret?: boolean;
	readonly placeholder?: string;
}) {
	// A value from the config file may hold control characters (refused at submit): show them escaped.
	const chars = [...value].map(char => (secret ? '*' : safeLine(char)));
	if (chars.length === 0) {
		return focused ? (
			<Text>
				<Text inverse> </Text>
				<Text dimColor>{placeholder ?? ''}</Text>
			</Text>
		) : (
			<Text dimColor>{placeholder ?? ''}</Text>
		);
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

/**
 * A field value as lines of at most `width` cells, broken at any character (a URL or a key is one
 * word), with the caret cell in inverse when focused; the placeholder (dim) when empty.
 */
export function fieldLines(options: {
	value: string;
	caret: number;
	focused: boolean;
	secret?: boolean;
	placeholder?: string;
	width: number;
}): StyledLine[] {
	const {focused, width} = options;
	// A value from the config file may hold control characters (refused at submit): show them escaped.
	const chars = [...options.value].map(char => (options.secret ? '*' : safeLine(char)));
	if (chars.length === 0) {
		const placeholder = wrapText(options.placeholder ?? '', Math.max(1, width - (focused ? 1 : 0)));
		return placeholder.map((text, index) => [...(index === 0 && focused ? [{text: ' ', inverse: true}] : []), {text, dim: true}]);
	}

	const at = Math.min(Math.max(options.caret, 0), chars.length);
	// The caret after the last character is a cell of its own.
	const cells: Segment[] = graphemes(chars.join('')).map((text, index) => ({text, ...(focused && index === at ? {inverse: true} : {})}));
	if (focused && at >= cells.length) cells.push({text: ' ', inverse: true});
	const lines: Segment[][] = [[]];
	let used = 0;
	for (const cell of cells) {
		const size = Math.max(1, cellWidth(cell.text));
		if (used + size > width && used > 0) {
			lines.push([]);
			used = 0;
		}

		lines.at(-1)!.push(cell);
		used += size;
	}

	return lines;
}

/** Every line of the form at `width`, and the index of the focused field's first line. */
export function formLines(form: FormState, width: number, theme: Theme): {lines: StyledLine[]; focusLine: number; focusEnd: number} {
	const {glyphs} = theme;
	const widest = Math.max(...form.fields.map(field => cellWidth(field.label)));
	const labelWidth = Math.min(widest + 1, Math.max(8, Math.floor(width * 0.4)));
	const valueWidth = Math.max(1, width - 2 - labelWidth - 1);
	const clear = showsSecrets(form);
	const lines: StyledLine[] = [...wrapped(formTitle(form), width, {style: {bold: true}})];
	if (clear)
		lines.push(
			...wrapped('Secrets shown in clear: ctrl+r hides them.', width, {indent: `${theme.glyphs.warning} `, style: {color: 'warning'}}),
		);
	if (form.formError) lines.push(...wrapped(form.formError, width, {indent: `${theme.status('critical').icon} `, style: {color: 'error'}}));
	// What a value becomes when saved ("https://..." for a URL typed without a scheme).
	const notes = fieldNotes(form);
	let focusLine = 0;
	let focusEnd = 0;
	form.fields.forEach((field, index) => {
		const focused = index === form.focus;
		const label = wrapText(field.label, labelWidth - 1).map((text, at): StyledLine => [
			{text: at === 0 && focused ? `${glyphs.cursor} ` : '  ', bold: focused},
			{text, bold: focused},
		]);
		const value: StyledLine[] = field.toggle
			? [
					[
						{text: form.values[field.name] === 'yes' ? '[x] yes' : '[ ] no', inverse: focused},
						...(focused ? [{text: '  Space switches', dim: true}] : []),
					],
				]
			: fieldLines({
					value: form.values[field.name] ?? '',
					caret: form.caret,
					focused,
					secret: field.secret === true && !clear,
					placeholder: field.placeholder,
					width: valueWidth,
				});
		if (focused) focusLine = lines.length;
		lines.push(...besides(label, 2 + labelWidth, value));
		const note = notes[field.name];
		if (note) lines.push(...wrapped(note, width, {indent: `    ${glyphs.arrow} `, style: {dim: true}, breakAt: 'anywhere'}));
		const error = form.errors[field.name];
		if (error) lines.push(...wrapped(error, width, {indent: `    ${theme.status('critical').icon} `, style: {color: 'error'}}));
		if (focused) focusEnd = lines.length - 1;
	});
	return {lines, focusLine, focusEnd};
}

export function FormView({form, height, width}: {readonly form: FormState; readonly height: number; readonly width: number}) {
	const theme = useTheme();
	const {lines, focusLine, focusEnd} = formLines(form, width, theme);
	// Keep the focused field (and its error) in view: scroll just far enough down to show its end.
	const room = Math.max(1, height - 1);
	const offset = lines.length <= height ? 0 : Math.min(focusLine, Math.max(0, focusEnd - room + 1));
	return <LineView lines={scrollWindow(lines, height, offset, theme.glyphs).lines} />;
}
