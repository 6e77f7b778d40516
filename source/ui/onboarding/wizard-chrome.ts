/**
 * The wizard's fixed lines around the pane: the title on top; at the bottom the open paste field,
 * the question being asked, the notice (why a key did nothing) and the key hints. They never
 * scroll away, so what the user is typing or must answer is always in view. Pure.
 */
import {cellWidth} from '../../core/text-wrap.js';
import type {Theme} from '../theme.js';
import {besides, lineWidth, plain, wrapped, type StyledLine} from '../layout/lines.js';
import {fieldLines, formLines} from '../components/form-view.js';
import type {FormState} from '../forms/form-model.js';
import type {FieldState} from './field-model.js';

/** "Onboarding clinic / booking  3/9 done, next: step 4": one line when it fits, wrapped when not. */
export function wizardTitleLines(name: string, progress: string, width: number): StyledLine[] {
	const line: StyledLine = [
		{text: name, bold: true},
		{text: `  ${progress}`, dim: true},
	];
	return lineWidth(line) <= width ? [line] : wrapped(`${name}  ${progress}`, width, {style: {bold: true}, continuation: '  '});
}

const fieldLabels: Readonly<Record<Exclude<FieldState['mode'], 'nav'>, string>> = {
	key: 'Client Key:    ',
	secret: 'Client Secret: ',
	paste: 'Redirected address or verifier: ',
};

const placeholder = 'paste, then Enter';

/** The open field: its label, then the value (broken anywhere, caret shown); under the label when both do not fit one line. */
function openFieldLines(field: FieldState, focus: boolean, revealed: boolean, width: number): StyledLine[] {
	if (field.mode === 'nav') return [];
	const label = fieldLabels[field.mode];
	const value = {value: field.value, caret: field.caret, focused: focus, secret: field.mode === 'secret' && !revealed, placeholder};
	const inline = width - cellWidth(label);
	const needed = Math.max(cellWidth(placeholder), cellWidth(field.value)) + 1;
	if (needed <= inline) return besides([plain(label)], cellWidth(label), fieldLines({...value, width: inline}), 0);
	return [plain(label.trimEnd()), ...fieldLines({...value, width: width - 2}).map(line => [{text: '  '}, ...line])];
}

export interface BottomInput {
	readonly field: FieldState;
	readonly focus: boolean;
	readonly revealed: boolean;
	readonly question: string | undefined;
	readonly notice: string | undefined;
	readonly hints: readonly string[];
	readonly width: number;
	readonly theme: Theme;
	/** The admin login form of steps 4-8's `m`, while it is open (password and PIN masked). */
	readonly login?: FormState;
}

export function wizardBottomLines(input: BottomInput): StyledLine[] {
	const {width, theme} = input;
	return [
		...(input.login ? formLines(input.login, width, theme).lines : []),
		...openFieldLines(input.field, input.focus, input.revealed, width),
		...(input.question
			? wrapped(input.question, width, {indent: `${theme.status('warning').icon} `, style: {bold: true, color: 'warning'}})
			: []),
		...(input.notice ? wrapped(input.notice, width, {indent: `${theme.status('warning').icon} `, style: {color: 'warning'}}) : []),
		...wrapped(input.hints.join(` ${theme.glyphs.separator} `), width, {style: {dim: true}}),
	];
}
