/**
 * The end-to-end frame checks catch what the corrupted wizard looked like before the layout was
 * rebuilt (frames captured from the old build at 80x24): a text line written over a box's bottom
 * border, and a box whose side was overwritten.
 */
import {describe, expect, it} from 'vitest';
import {asciiBox, brokenBoxes, overlongLines} from '../helpers/frame-checks.js';

const whole = ['╭─ Steps ──────╮ Step 1', '│ › · 1 One    │ text', '│   · 2 Two    │', '╰──────────────╯', 'after'].join('\n');

// Captured at 80x24 from the old wizard (step 7): the step list lost a row and its border.
const corrupted = [
	'╭─────────────────────────────────╮╭──────────────────────────────────────────╮',
	'│   · 1 Dedicated user      to do ││ Step 7: Add Client (Clinic admin)        │',
	'│   · 5 Add New             to do ││                                          │',
	'│ › · 7 Add Client          to do ││ • Click "Add Client".                    │',
	'╰─  · 9 OAuth authorization to do─╯╰─must start with the URI.─────────────────╯',
	'',
	'Name      booking-app0.0.1:38909/northside/admin/api/clients.jsp',
].join('\n');

describe('frame checks', () => {
	it('accept whole boxes (a title in the top border is fine)', () => {
		expect(brokenBoxes(whole)).toEqual([]);
		expect(
			brokenBoxes(
				whole
					.replaceAll(/[╭╮╰╯]/g, '+')
					.replaceAll('─', '-')
					.replaceAll('│', '|'),
				asciiBox,
			),
		).toEqual([]);
	});

	it('find text written over a bottom border', () => {
		const problems = brokenBoxes(corrupted);
		expect(problems.some(problem => /bottom edge at column \d+ is " "/.test(problem))).toBe(true);
		expect(problems.some(problem => /bottom edge at column \d+ is "m"/.test(problem))).toBe(true);
	});

	it('find a side overwritten and a stray corner', () => {
		const broken = whole.replace('│   · 2 Two    │', '│   · 2 Two    x');
		expect(brokenBoxes(broken)).toEqual(['row 3: the right edge at column 16 is "x"']);
		expect(brokenBoxes(`${whole}\n  ╯`)).toEqual(['row 6, column 3: a stray "╯" outside any whole box']);
	});

	it('measure lines in cells, wide characters as two (boundaries 79, 80, 81)', () => {
		expect(overlongLines(['x'.repeat(79), 'y'.repeat(80)].join('\n'), 80)).toEqual([]);
		expect(overlongLines('z'.repeat(81), 80)).toHaveLength(1);
		expect(overlongLines(`${'x'.repeat(78)}漢`, 80)).toEqual([]);
		expect(overlongLines(`${'x'.repeat(79)}漢`, 80)).toHaveLength(1);
	});
});
