/**
 * The wizard's screen within the space the dashboard gives it (width x height): the title on top,
 * the open field, a question, the notice and the key hints at the bottom (always in view), the
 * step list and the selected step's pane in between. The step list takes the shape that leaves
 * the pane room: a bordered column beside the pane on big terminals, a grid above it at 80x24,
 * a single line of icons at 60x20. The pane scrolls (PgUp/PgDn) when taller than its space, and
 * every line is wrapped to its column, so the result is never wider or taller than given.
 */
import {onboardingSteps, type StepId} from '../../core/onboarding/steps.js';
import type {OnboardingProgress} from '../../core/onboarding/progress.js';
import type {Theme} from '../theme.js';
import {besides, scrollWindow, type StyledLine} from '../layout/lines.js';
import {stepBoxLines, stepCellWidth, stepGridLines, stepStripLines} from './step-list.js';
import type {PaneLines} from './step-panes.js';

export type StepListShape = 'box' | 'grid' | 'strip';

export interface WizardLayoutInput {
	readonly width: number;
	readonly height: number;
	readonly title: readonly StyledLine[];
	/** Under the pane, never scrolled away: the open field, a question, the notice, the hints. */
	readonly bottom: readonly StyledLine[];
	readonly progress: OnboardingProgress;
	readonly step: StepId;
	readonly theme: Theme;
	/** The selected step's pane at a given width. */
	readonly pane: (width: number) => PaneLines;
	/** First pane line to show; 'tools' = where the step's tools start. */
	readonly offset: number | 'tools';
}

export interface WizardLayout {
	readonly lines: StyledLine[];
	readonly shape: StepListShape;
	/** The pane does not fit: PgUp/PgDn scroll it. */
	readonly scrollable: boolean;
	/** The first pane line shown, after clamping. */
	readonly start: number;
	/** Pane lines per page, for PgUp/PgDn. */
	readonly page: number;
}

const boxWidth = stepCellWidth + 4;
const boxHeight = onboardingSteps.length + 2;
/** The pane beside the box needs room for an authorize URL on one line (big terminals only). */
const minimumPaneBeside = 90;
/** Below this many pane rows under a grid, the single-line list leaves more room. */
const minimumPaneRows = 8;

export function layoutWizard(input: WizardLayoutInput): WizardLayout {
	const {width, height, theme} = input;
	const free = Math.max(1, height - input.title.length - input.bottom.length);
	const gridColumns = Math.min(3, Math.floor((width + 1) / (stepCellWidth + 1)));
	const gridRows = gridColumns > 0 ? Math.ceil(onboardingSteps.length / gridColumns) : Number.POSITIVE_INFINITY;
	let shape: StepListShape = 'strip';
	if (width - boxWidth - 1 >= minimumPaneBeside && free >= boxHeight) shape = 'box';
	else if (gridColumns >= 2 && free - gridRows >= minimumPaneRows) shape = 'grid';

	let steps: StyledLine[];
	let paneWidth = width;
	let paneHeight: number;
	if (shape === 'box') {
		steps = stepBoxLines(input.progress, input.step, theme);
		paneWidth = width - boxWidth - 1;
		paneHeight = free;
	} else {
		steps =
			shape === 'grid' ? stepGridLines(input.progress, input.step, theme, gridColumns) : stepStripLines(input.progress, input.step, theme);
		paneHeight = Math.max(1, free - steps.length);
	}

	// The pane's title and status stay; the rest scrolls under them.
	const pane = input.pane(paneWidth);
	const pinned = pane.lines.slice(0, Math.min(pane.pinned, Math.max(0, paneHeight - 2)));
	const rest = pane.lines.slice(pinned.length);
	const restHeight = Math.max(1, paneHeight - pinned.length);
	const offset = input.offset === 'tools' ? pane.toolsStart - pinned.length : input.offset;
	const view = scrollWindow(rest, restHeight, offset, theme.glyphs);
	const shown = [...pinned, ...view.lines];
	const body = shape === 'box' ? besides(steps, boxWidth, shown) : [...steps, ...shown];
	return {
		lines: [...input.title, ...body, ...input.bottom],
		shape,
		scrollable: rest.length > restHeight,
		start: view.start,
		page: Math.max(1, restHeight - 2),
	};
}
