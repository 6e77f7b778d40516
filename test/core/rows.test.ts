import {describe, expect, it} from 'vitest';
import type {Inventory} from '../../source/core/model.js';
import type {IntegrationReport, Severity} from '../../source/core/report.js';
import {
	buildRows,
	columnsForWidth,
	countSeverities,
	filterRows,
	fitCell,
	formatAgo,
	formatExpiry,
	formatLatency,
	formatSkew,
	contentWidths,
	groupRows,
	headerText,
	nextSortKey,
	rowPrefixWidth,
	rowText,
	sortRows,
	type ContentWidths,
} from '../../source/core/rows.js';

const now = Date.UTC(2026, 0, 10, 12, 0, 0);

const inventory: Inventory = {
	instances: [
		{
			name: 'west',
			baseUrl: 'https://west.example/oscar',
			insecureTls: true,
			integrations: [
				{name: 'booking', consumerKey: 'k1', consumerSecret: 's', accessToken: 't', tags: ['prod', 'web']},
				{name: 'kiosk', consumerKey: 'k2', consumerSecret: 's', tags: ['lobby']},
			],
		},
		{
			name: 'east',
			baseUrl: 'https://east.example/oscar',
			integrations: [{name: 'reminders', consumerKey: 'k3', consumerSecret: 's', accessToken: 't', tags: ['prod']}],
		},
		{name: 'empty', baseUrl: 'http://empty.example/oscar', integrations: []},
	],
};

function report(id: string, severity: Severity, extra: Partial<IntegrationReport> = {}): IntegrationReport {
	const [instance = '', integration = ''] = id.split('/');
	return {
		id,
		instance,
		integration,
		severity,
		code: severity === 'ok' ? 'ok' : 'clock-skew',
		summary: 's',
		checkedAt: now - 12_000,
		deep: false,
		restModule: 'on',
		skewSeconds: 412,
		credentials: 'unchecked',
		token: 'ok',
		probes: [],
		...extra,
	};
}

const results = new Map<string, IntegrationReport>([
	['west/booking', report('west/booking', 'critical', {latencyMs: 900, identity: {providerNo: '999998', name: 'ABCD'}, expiresAt: null})],
	[
		'east/reminders',
		report('east/reminders', 'ok', {
			code: 'ok',
			latencyMs: 120,
			skewSeconds: -3,
			expiresAt: now / 1000 + 3 * 86_400 + 60,
			checkedAt: now - 5 * 60_000,
		}),
	],
]);

const rows = buildRows({
	inventory,
	results,
	inFlight: new Set(['west/kiosk']),
	now,
	brokenSince: id => (id === 'west/booking' ? now - 3_600_000 : undefined),
});

describe('formatting', () => {
	it('formats skew, expiry, age and latency', () => {
		expect(formatSkew(412)).toBe('+412 s');
		expect(formatSkew(-3.4)).toBe('-3 s');
		expect(formatSkew(0)).toBe('0 s');
		expect(formatSkew(undefined)).toBe('?');
		expect(formatExpiry(null, now)).toBe('never');
		expect(formatExpiry(undefined, now)).toBe('?');
		expect(formatExpiry(now / 1000 - 1, now)).toBe('expired');
		expect(formatExpiry(now / 1000 + 3 * 86_400 + 5, now)).toBe('in 3 d');
		expect(formatExpiry(now / 1000 + 7200, now)).toBe('in 2 h');
		expect(formatExpiry(now / 1000 + 90, now)).toBe('in 2 min');
		expect(formatAgo(now - 12_000, now)).toBe('12 s ago');
		expect(formatAgo(now - 180_000, now)).toBe('3 min ago');
		expect(formatAgo(undefined, now)).toBe('never');
		expect(formatLatency(120.4)).toBe('120 ms');
		expect(formatLatency(2340)).toBe('2.3 s');
		expect(formatLatency(undefined)).toBe('-');
	});

	it('pads and cuts cells to their width', () => {
		expect(fitCell('abc', 5)).toBe('abc  ');
		expect(fitCell('abc', 5, 'right')).toBe('  abc');
		expect(fitCell('abcdefgh', 5)).toBe('abcd…');
	});
});

describe('buildRows', () => {
	it('makes one row per integration with status icon, word and colour', () => {
		expect(rows.map(row => row.id)).toEqual(['west/booking', 'west/kiosk', 'east/reminders']);
		const booking = rows[0]!;
		expect(booking.cells.status).toBe('✖ CRIT');
		expect(booking.status.color).toBe('error');
		expect(booking.cells.skew).toBe('+412 s');
		expect(booking.cells.actingAs).toBe('999998 ABCD');
		expect(booking.cells.expiry).toBe('never');
		expect(booking.cells.latency).toBe('900 ms');
		expect(booking.cells.checked).toBe('12 s ago');
		expect(booking.brokenSince).toBe(now - 3_600_000);
		expect(booking.insecureTls).toBe(true);
		const reminders = rows[2]!;
		expect(reminders.cells.status).toBe('✔ OK');
		expect(reminders.cells.expiry).toBe('in 3 d');
		expect(reminders.cells.skew).toBe('-3 s');
		expect(reminders.cells.checked).toBe('5 min ago');
	});

	it('shows a row being checked, and a never-checked row without a token as missing', () => {
		const kiosk = rows[1]!;
		expect(kiosk.checking).toBe(true);
		expect(kiosk.cells.status).toBe('… CHECKING');
		expect(kiosk.severity).toBeNull();
		expect(kiosk.cells.token).toBe('missing');
		expect(kiosk.cells.checked).toBe('never');
	});

	it('counts severities, never-checked apart', () => {
		expect(countSeverities(rows)).toEqual({ok: 1, warning: 0, critical: 1, unknown: 0, unchecked: 1});
	});
});

describe('columnsForWidth', () => {
	const widthOf = (columns: ReturnType<typeof columnsForWidth>, id: string): number | undefined =>
		columns.find(column => column.id === id)?.width;
	// width (as the dashboard passes it: terminal columns - 1), measured content -> columns and the widths that matter
	const cases: Array<[string, number, ContentWidths, string[], Record<string, number>]> = [
		[
			'60 columns: the name keeps its width, PROBLEM takes what is left',
			59,
			{name: 20},
			['name', 'status', 'problem'],
			{name: 20, problem: 23},
		],
		[
			'60 columns with long names: the name keeps 40, PROBLEM is dropped rather than the name cut',
			59,
			{name: 40},
			['name', 'status'],
			{name: 40},
		],
		['60 columns, names just short enough for an 8-column PROBLEM', 59, {name: 35}, ['name', 'status', 'problem'], {name: 35, problem: 8}],
		[
			'80 columns: name, status, problem, last checked',
			79,
			{name: 20, actingAs: 1},
			['name', 'status', 'problem', 'checked'],
			{name: 20, problem: 25},
		],
		[
			'80 columns, room left over widens PROBLEM to its longest title',
			79,
			{name: 11, problem: 30, actingAs: 40},
			['name', 'status', 'problem', 'token', 'checked'],
			{name: 13, problem: 30},
		],
		[
			'160 columns: ACTING AS whole while INTEGRATION has 40',
			159,
			{name: 40, actingAs: 24},
			['name', 'status', 'problem', 'skew', 'token', 'actingAs', 'expiry', 'latency', 'checked'],
			{name: 40, actingAs: 24},
		],
		[
			'160 columns, very long names: capped at 40 first, grown with what is left',
			159,
			{name: 60, actingAs: 10, problem: 25},
			['name', 'status', 'problem', 'rest', 'credentials', 'skew', 'token', 'actingAs', 'expiry', 'latency', 'checked'],
			{name: 43, actingAs: 11},
		],
		[
			'ACTING AS is capped at 32',
			200,
			{name: 20, actingAs: 60},
			['name', 'status', 'problem', 'rest', 'credentials', 'skew', 'token', 'actingAs', 'expiry', 'latency', 'checked'],
			{actingAs: 32, name: 20},
		],
		[
			'no measured content: the name (28 by default) takes the rest of the line',
			79,
			{},
			['name', 'status', 'problem'],
			{name: 38, problem: 25},
		],
		['40 columns: name and status only, the name shrinks to fit', 39, {name: 40}, ['name', 'status'], {name: 24}],
	];
	for (const [what, width, content, ids, widths] of cases) {
		it(what, () => {
			const columns = columnsForWidth(width, content);
			expect(columns.map(column => column.id)).toEqual(ids);
			for (const [id, expected] of Object.entries(widths)) expect(widthOf(columns, id), id).toBe(expected);
			const used = rowPrefixWidth + columns.reduce((total, column) => total + column.width, 0) + columns.length - 1;
			expect(used).toBeLessThanOrEqual(width);
		});
	}

	it('shows the column of the sort in use right after the status', () => {
		expect(columnsForWidth(59, {name: 20}, 'latency').map(column => column.id)).toEqual(['name', 'status', 'problem', 'latency']);
		expect(columnsForWidth(79, {name: 20}, 'latency').map(column => column.id)).toEqual(['name', 'status', 'problem', 'latency']);
		expect(columnsForWidth(59, {name: 20}, 'checked').map(column => column.id)).toEqual(['name', 'status', 'problem', 'checked']);
	});

	it('measures the longest name, title and acting-as of the rows', () => {
		expect(contentWidths(rows)).toEqual({name: 'reminders'.length, problem: rows[0]!.cells.problem.length, actingAs: '999998 ABCD'.length});
		expect(rows[0]!.cells.problem.length).toBeGreaterThan('not checked'.length);
	});

	it('never makes a line wider than the terminal', () => {
		for (const width of [60, 80, 100, 120, 160, 200]) {
			const columns = columnsForWidth(width, contentWidths(rows));
			expect(rowPrefixWidth + rowText(rows[0]!, columns).length).toBeLessThanOrEqual(width);
			expect(rowPrefixWidth + headerText(columns).length).toBe(rowPrefixWidth + rowText(rows[0]!, columns).length);
		}
	});
});

describe('headerText', () => {
	const columns = columnsForWidth(79, {name: 20});
	it('marks the sorted column with its direction', () => {
		expect(headerText(columns, 'name')).toMatch(/^INTEGRATION ↑ +STATUS /);
		expect(headerText(columns, 'status')).toMatch(/STATUS ↓ +PROBLEM/);
		expect(headerText(columns, 'checked')).toMatch(/CHECKED ↑$/);
	});

	it('says the sort at the end when its column is not shown', () => {
		expect(headerText(columns, 'latency')).toMatch(/CHECKED {2}\(sorted by latency, slowest first\)$/);
		expect(headerText(columns, 'latency')).not.toContain('↓');
	});
});

describe('actingAs cell', () => {
	it('shows control characters from the server escaped', () => {
		const hostile = new Map([
			['east/reminders', report('east/reminders', 'ok', {identity: {providerNo: '1', name: 'Dr \u001B]52;c;ZXZpbA==\u0007X'}})],
		]);
		const [row] = buildRows({inventory: {instances: [inventory.instances[1]!]}, results: hostile, now});
		expect(row!.cells.actingAs).toBe('1 Dr \\x1b]52;c;ZXZpbA==\\x07X');
	});
});

describe('filterRows', () => {
	it('matches name, instance, status word, code and tags; all terms must match', () => {
		expect(filterRows(rows, 'kio').map(row => row.id)).toEqual(['west/kiosk']);
		expect(filterRows(rows, 'east').map(row => row.id)).toEqual(['east/reminders']);
		expect(filterRows(rows, 'crit').map(row => row.id)).toEqual(['west/booking']);
		expect(filterRows(rows, 'clock-skew').map(row => row.id)).toEqual(['west/booking']);
		expect(filterRows(rows, 'tag:prod').map(row => row.id)).toEqual(['west/booking', 'east/reminders']);
		expect(filterRows(rows, 'tag:prod west').map(row => row.id)).toEqual(['west/booking']);
		expect(filterRows(rows, 'tag:pro')).toEqual([]);
		expect(filterRows(rows, '  ')).toHaveLength(3);
	});
});

describe('sortRows', () => {
	it('sorts by name, severity (worst first), latency (slowest first) and last checked (oldest first)', () => {
		expect(sortRows(rows, 'name').map(row => row.id)).toEqual(['east/reminders', 'west/booking', 'west/kiosk']);
		expect(sortRows(rows, 'status').map(row => row.id)).toEqual(['west/booking', 'east/reminders', 'west/kiosk']);
		expect(sortRows(rows, 'latency').map(row => row.id)).toEqual(['west/booking', 'east/reminders', 'west/kiosk']);
		expect(sortRows(rows, 'checked').map(row => row.id)).toEqual(['west/kiosk', 'east/reminders', 'west/booking']);
	});

	it('cycles the sort keys', () => {
		expect(nextSortKey('name')).toBe('status');
		expect(nextSortKey('checked')).toBe('name');
	});
});

describe('groupRows', () => {
	it('groups under instances, keeps empty instances when not filtering', () => {
		const items = groupRows(inventory, sortRows(rows, 'name'), {filtered: false});
		expect(items.map(item => item.key)).toEqual([
			'instance:east',
			'east/reminders',
			'instance:west',
			'west/booking',
			'west/kiosk',
			'instance:empty',
		]);
	});

	it('hides the rows of a collapsed group under its line, which keeps the count and the ids', () => {
		const items = groupRows(inventory, sortRows(rows, 'name'), {filtered: false, collapsed: new Set(['west'])});
		expect(items.map(item => item.key)).toEqual(['instance:east', 'east/reminders', 'instance:west', 'instance:empty']);
		expect(items[2]).toMatchObject({collapsed: true, rowCount: 2, rowIds: ['west/booking', 'west/kiosk']});
	});

	it('puts the group with the worst row first under a status sort, and hides empty groups when filtering', () => {
		const items = groupRows(inventory, sortRows(filterRows(rows, 'tag:prod'), 'status'), {filtered: true});
		expect(items.map(item => item.key)).toEqual(['instance:west', 'west/booking', 'instance:east', 'east/reminders']);
	});
});
