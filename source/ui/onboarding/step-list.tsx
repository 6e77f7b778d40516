/**
 * The nine steps, each with an icon for its status (colour is never the only signal; the selected
 * step's status also shows as a word in its pane), the selected one marked with the cursor. Three
 * shapes for three sizes: a bordered column beside the pane on big terminals, a grid of two or
 * three columns at 80x24, one line of icons when even that does not fit.
 */
import {onboardingSteps, type StepId} from '../../core/onboarding/steps.js';
import {statusOf, type OnboardingProgress, type StepStatus} from '../../core/onboarding/progress.js';
import type {SemanticColor} from '../../core/status-theme.js';
import {cellWidth, padCells} from '../../core/text-wrap.js';
import type {Theme} from '../theme.js';
import {boxed, type Segment, type StyledLine} from '../layout/lines.js';

export interface StepStatusStyle {
	readonly icon: string;
	readonly word: string;
	readonly color: SemanticColor;
}

/** Icon, word and colour of a step status (Unicode icons; `stepStyle` picks the theme's). */
export const stepStatusStyle: Readonly<Record<StepStatus, StepStatusStyle>> = {
	pending: {icon: '·', word: 'to do', color: 'muted'},
	done: {icon: '✔', word: 'done', color: 'success'},
	verified: {icon: '✔', word: 'verified', color: 'success'},
	failed: {icon: '✖', word: 'failed', color: 'error'},
};

/** The style of a step status with the theme's icons (ASCII: `. + + x`). */
export function stepStyle(status: StepStatus, theme: Theme): StepStatusStyle {
	const style = stepStatusStyle[status];
	const kind = status === 'failed' ? 'critical' : status === 'pending' ? 'unchecked' : 'ok';
	return {...style, icon: theme.status(kind).icon};
}

/** The widest step title: every shape lines the titles up to it. */
const titleWidth = Math.max(...onboardingSteps.map(step => cellWidth(step.title)));

function stepCell(progress: OnboardingProgress, id: StepId, selected: StepId, theme: Theme, withTitle: boolean): Segment[] {
	const style = stepStyle(statusOf(progress, id), theme);
	const current = id === selected;
	const title = onboardingSteps.find(step => step.id === id)!.title;
	// Inverse marks the selected step where colour is on; the cursor glyph marks it everywhere.
	const mark = {bold: current, inverse: current && !theme.noColor};
	return [
		{text: current ? `${theme.glyphs.cursor} ` : '  ', ...mark},
		{text: style.icon, color: style.color, ...mark},
		{text: withTitle ? ` ${id} ${padCells(title, titleWidth)}` : `${id}`, ...mark},
	];
}

/** Width of one step with its title: cursor, icon, number and the longest title. */
export const stepCellWidth = 2 + 1 + 3 + titleWidth;

/** The bordered column ("Steps" in its top border): 11 lines, `stepCellWidth + 4` wide. */
export function stepBoxLines(progress: OnboardingProgress, selected: StepId, theme: Theme): StyledLine[] {
	return boxed(
		onboardingSteps.map(step => stepCell(progress, step.id, selected, theme, true)),
		stepCellWidth + 4,
		theme.glyphs.border,
		{title: 'Steps'},
	);
}

/** The steps in `columns` columns, filled top to bottom ("✔ 1 Dedicated user   · 4 Open REST..."). */
export function stepGridLines(progress: OnboardingProgress, selected: StepId, theme: Theme, columns: number): StyledLine[] {
	const rows = Math.ceil(onboardingSteps.length / columns);
	const lines: StyledLine[] = [];
	for (let row = 0; row < rows; row++) {
		const line: Segment[] = [];
		for (let column = 0; column < columns; column++) {
			const step = onboardingSteps[column * rows + row];
			if (!step) continue;
			if (column > 0) line.push({text: ' '});
			line.push(...stepCell(progress, step.id, selected, theme, true));
		}

		lines.push(line);
	}

	return lines;
}

/** One line: "Steps  ✔1  ✔2 ›✖3  ·4 ..." (icons and numbers; the pane names the selected step). */
export function stepStripLines(progress: OnboardingProgress, selected: StepId, theme: Theme): StyledLine[] {
	const line: Segment[] = [{text: 'Steps', bold: true}];
	for (const step of onboardingSteps) {
		const [mark, ...rest] = stepCell(progress, step.id, selected, theme, false);
		line.push({...mark!, text: step.id === selected ? ` ${theme.glyphs.cursor}` : '  '}, ...rest);
	}

	return [line];
}
