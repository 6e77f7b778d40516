import {describe, expect, it} from 'vitest';
import {listWindow, positionText} from '../../source/ui/components/row-list.js';
import type {ListItem} from '../../source/core/rows.js';

/** A list of groups: 'g' a group line, 'r' a row. */
function items(shape: string): ListItem[] {
	return [...shape].map((kind, index) =>
		kind === 'g'
			? {
					kind: 'instance',
					key: `g${index}`,
					instance: {name: `g${index}`, baseUrl: 'https://x', integrations: []},
					rowCount: 0,
					rowIds: [],
					collapsed: false,
				}
			: {kind: 'row', key: `r${index}`, row: {} as never},
	);
}

describe('listWindow', () => {
	const list = items('grrrrrrrrrgrrrrr'); // group at 0 and 10
	it('shows the top of the list as it is', () => {
		expect(listWindow(0, 0, 5, list)).toEqual({start: 0, end: 5});
	});

	it('pins the group line on top when the window starts inside its group, the cursor still inside', () => {
		for (let cursor = 0; cursor < list.length; cursor++) {
			let previous = 0;
			const window = listWindow(previous, cursor, 5, list);
			previous = window.start;
			expect(cursor, `cursor ${cursor}`).toBeGreaterThanOrEqual(window.start);
			expect(cursor).toBeLessThan(window.end);
			const lines = (window.sticky === undefined ? 0 : 1) + window.end - window.start;
			expect(lines).toBeLessThanOrEqual(5);
			if (list[window.start]!.kind === 'row') expect(window.sticky).toBe(window.start >= 10 ? 10 : 0);
		}
	});

	it('moves as little as possible', () => {
		expect(listWindow(2, 4, 5, list)).toMatchObject({start: 2, sticky: 0});
	});
});

describe('positionText', () => {
	it('says where the window is and how much is above and below', () => {
		expect(positionText(0, 17, 21)).toBe('  1-17 of 21  ↓ 4 more');
		expect(positionText(4, 21, 21)).toBe('  5-21 of 21  ↑ 4 above');
		expect(positionText(3, 10, 21)).toBe('  4-10 of 21  ↓ 11 more  ↑ 3 above');
	});
});
