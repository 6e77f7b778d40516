/**
 * The audit rules as pure functions: one table of cases per rule, with the boundaries (lifetime
 * -2/-1/0/1, tokens per client 2/3/4, expiry at issued + lifetime = now), and the properties every
 * finding has: catalogue severity and fix, sanitized server text, no secret anywhere.
 */
import util from 'node:util';
import {describe, expect, it} from 'vitest';
import {
	type AdminClient,
	type AdminToken,
	type AuditInput,
	type AuditIntegration,
	areNearDuplicateNames,
	auditFindings,
	clientSummaries,
	isSafeCallbackUri,
	isTokenExpired,
	manyTokensThreshold,
	nearDuplicateGroups,
} from '../../../source/core/admin/index.js';
import {diagnosis} from '../../../source/core/diagnoses.js';
import {SecretValue} from '../../../source/core/secret-value.js';

const now = 1_800_000_000;
const secret = 'client-secret-do-not-show';

function client(id: number, overrides: Partial<Omit<AdminClient, 'secret'>> & {secret?: string} = {}): AdminClient {
	const {secret: value, ...rest} = overrides;
	return {
		id,
		name: `Client ${id}`,
		key: `key${String(id).padStart(13, '0')}`,
		secret: new SecretValue(value ?? `${secret}-${id}`),
		uri: 'http://127.0.0.1:8765',
		lifetime: -1,
		...rest,
	};
}

function token(
	id: number,
	clientId: number,
	overrides: Partial<Omit<AdminToken, 'token' | 'tokenSecret'>> & {token?: string} = {},
): AdminToken {
	const {token: value, ...rest} = overrides;
	return {
		id,
		clientId,
		token: new SecretValue(value ?? `access-token-${id}`),
		tokenSecret: new SecretValue(`token-secret-do-not-show-${id}`),
		providerNo: '999001',
		issued: now - 100,
		lifetime: -1,
		scopes: '',
		...rest,
	};
}

function integration(id: string, key: string, overrides: Partial<AuditIntegration> = {}): AuditIntegration {
	return {id, consumerKey: key, expectedProvider: '999001', ...overrides};
}

function audit(input: Partial<AuditInput>) {
	return auditFindings({dialect: 'carlos', clients: [], tokens: [], integrations: [], nowSeconds: now, ...input});
}

const codes = (input: Partial<AuditInput>) => audit(input).map(finding => finding.code);

/** One healthy client with its integration and token: no finding on CARLOS. */
const healthy = {
	clients: [client(1)],
	tokens: [token(1, 1)],
	integrations: [integration('maple/booking', client(1).key, {accessToken: 'access-token-1', consumerSecret: `${secret}-1`})],
};

describe('auditFindings', () => {
	it('finds nothing wrong with a healthy client on CARLOS; on classic only that the admin API is open', () => {
		expect(codes(healthy)).toEqual([]);
		expect(codes({...healthy, dialect: 'classic'})).toEqual(['admin-api-open']);
	});

	it('lifetime: 0, none and below -1 are critical on classic; seconds warn where the integration expects -1; CARLOS ignores it', () => {
		const cases: Array<[number | null, number | undefined, string[]]> = [
			[-2, undefined, ['rest-client-lifetime-zero']],
			[-1, undefined, []],
			[0, undefined, ['rest-client-lifetime-zero']],
			[null, undefined, ['rest-client-lifetime-zero']],
			[1, undefined, ['rest-client-lifetime-short']],
			[3600, -1, ['rest-client-lifetime-short']],
			[3600, 3600, []], // the integration knows its tokens are short-lived
		];
		for (const [lifetime, expects, expected] of cases) {
			const input = {...healthy, clients: [client(1, {lifetime})], integrations: [{...healthy.integrations[0]!, lifetime: expects}]};
			const found = codes({...input, dialect: 'classic'}).filter(code => code.startsWith('rest-client-lifetime'));
			expect(found, `lifetime ${lifetime}, expecting ${expects}`).toEqual(expected);
			expect(codes({...input, dialect: 'carlos'}).filter(code => code.startsWith('rest-client-lifetime'))).toEqual([]);
		}

		const short = audit({...healthy, dialect: 'classic', clients: [client(1, {lifetime: 3600})]}).find(
			finding => finding.code === 'rest-client-lifetime-short',
		)!;
		expect(short.summary).toBe(
			'REST client "Client 1" (#1) gives tokens 3600 s (1 h), but maple/booking expects tokens that never expire (-1).',
		);
		// A shadow client with seconds warns as unused, not as short.
		expect(codes({dialect: 'classic', clients: [client(2, {lifetime: 3600})]})).toEqual(['rest-client-unused', 'admin-api-open']);
	});

	it('URI: blank is critical; neither https nor loopback warns; oob, https and every loopback form are fine', () => {
		const cases: Array<[string, string[]]> = [
			['', ['rest-client-uri-blank']],
			['   ', ['rest-client-uri-blank']],
			['http://booking.example.com/oauth', ['rest-client-uri-insecure']],
			['http://10.0.0.5:8765', ['rest-client-uri-insecure']],
			['myapp://callback', ['rest-client-uri-insecure']],
			['https://booking.example.com/oauth', []],
			['http://127.0.0.1:8765', []],
			['http://127.0.0.2:1', []],
			['http://localhost:8765/cb', []],
			['http://[::1]:8765', []],
			['oob', []],
		];
		for (const [uri, expected] of cases) {
			expect(
				codes({...healthy, clients: [client(1, {uri})]}).filter(code => code.startsWith('rest-client-uri')),
				JSON.stringify(uri),
			).toEqual(expected);
			expect(isSafeCallbackUri(uri), uri).toBe(expected.length === 0);
		}
	});

	it('names: the same after case and punctuation, or one letter apart, group together; a digit apart does not', () => {
		const cases: Array<[string, string, boolean]> = [
			['Booking App', 'booking-app', true],
			['Booking App', 'BOOKING APP ', true],
			['Reminder', 'Reminders', true],
			['Bookings App', 'Booking App', true],
			['Kiosk 1', 'Kiosk 2', false],
			['Lab Sync', 'Lab Sync 2', false],
			['Fax', 'Fix', false], // too short to say
			['Booking App', 'Kiosk', false],
			['', '', false],
		];
		for (const [left, right, expected] of cases) expect(areNearDuplicateNames(left, right), `${left} / ${right}`).toBe(expected);
		const groups = nearDuplicateGroups(['Booking App', 'Kiosk', 'booking app', 'Booking-Apps', 'Kiosk 2'], name => name);
		expect(groups).toEqual([['Booking App', 'booking app', 'Booking-Apps']]);
		const found = audit({clients: [client(1, {name: 'Booking App'}), client(2, {name: 'Kiosk'}), client(3, {name: 'booking-app'})]}).filter(
			finding => finding.code === 'rest-client-name-duplicate',
		);
		expect(found).toHaveLength(1);
		expect(found[0]!.clients).toEqual([1, 3]);
		expect(found[0]!.summary).toBe('REST clients "Booking App" (#1), "booking-app" (#3) have the same or nearly the same name.');
	});

	it('tokens: bound to another provider than the dedicated user, to none, or expired', () => {
		const input = {
			...healthy,
			tokens: [
				token(1, 1),
				token(2, 1, {providerNo: '100001'}),
				token(3, 1, {providerNo: null}),
				token(4, 1, {providerNo: '  '}),
				token(5, 1, {lifetime: 100, issued: now - 100}), // expires exactly now: still valid
				token(6, 1, {lifetime: 100, issued: now - 101}),
			],
		};
		const found = audit(input);
		const byCode = (code: string) => found.filter(finding => finding.code === code).map(finding => finding.tokens[0]);
		expect(byCode('server-token-wrong-user')).toEqual([2]);
		expect(byCode('server-token-no-provider')).toEqual([3, 4]);
		expect(byCode('server-token-expired')).toEqual([6]);
		expect(found.find(finding => finding.code === 'server-token-wrong-user')!.summary).toBe(
			'Access token #2 of "Client 1" (#1) acts as provider 100001, not as maple/booking\'s dedicated user 999001.',
		);
		expect(isTokenExpired(token(7, 1, {lifetime: 0, issued: now}), now)).toBe(false);
		expect(isTokenExpired(token(7, 1, {lifetime: 0, issued: now - 1}), now)).toBe(true);
		expect(isTokenExpired(token(7, 1, {lifetime: -1, issued: 0}), now)).toBe(false);
	});

	it('orphan tokens: tokens whose client was deleted, one finding per deleted client, naming who still holds one', () => {
		const cases: Array<[string, AdminToken[], Array<[number[], number[], string[]]>]> = [
			['every token has its client', [token(1, 1)], []],
			['one token of a deleted client', [token(1, 1), token(2, 7)], [[[7], [2], []]]],
			['two tokens of one deleted client', [token(1, 1), token(2, 7), token(3, 7, {providerNo: '100001'})], [[[7], [2, 3], []]]],
			[
				'tokens of two deleted clients',
				[token(2, 7), token(3, 8)],
				[
					[[7], [2], []],
					[[8], [3], []],
				],
			],
			['the inventory still holds it', [token(1, 7)], [[[7], [1], ['maple/booking']]]],
		];
		for (const [name, tokens, expected] of cases) {
			const found = audit({...healthy, tokens}).filter(finding => finding.code === 'server-token-orphan');
			expect(
				found.map(finding => [finding.clients, finding.tokens, finding.integrations]),
				name,
			).toEqual(expected);
		}

		const [two] = audit({...healthy, tokens: [token(1, 1), token(2, 7), token(3, 7, {providerNo: '100001'})]}).filter(
			finding => finding.code === 'server-token-orphan',
		);
		expect(two).toMatchObject({
			severity: 'warning',
			scope: 'token',
			summary: '2 access tokens of deleted REST client #7 are still stored.',
		});
		expect(two!.evidence).toContainEqual({label: 'Providers', value: '999001, 100001'});
		const [held] = audit({...healthy, tokens: [token(1, 7)]}).filter(finding => finding.code === 'server-token-orphan');
		expect(held!.summary).toBe('1 access token of deleted REST client #7 is still stored (held by maple/booking).');
		// A wrong-user rule cannot judge an orphan (no client, no dedicated user): only the orphan finding.
		expect(codes({...healthy, tokens: [token(1, 1), token(2, 7, {providerNo: '100001'})]})).toEqual(['server-token-orphan']);
	});

	it('a dedicated user given by name cannot be compared with a providerNo: no wrong-user finding', () => {
		const named = {
			...healthy,
			integrations: [{...healthy.integrations[0]!, expectedProvider: 'Booking App'}],
			tokens: [token(1, 1, {providerNo: '100001'})],
		};
		expect(codes(named)).toEqual([]);
		const none = {
			...healthy,
			integrations: [{...healthy.integrations[0]!, expectedProvider: undefined}],
			tokens: [token(1, 1, {providerNo: '100001'})],
		};
		expect(codes(none)).toEqual([]);
	});

	it('many tokens for one client: from 3 on', () => {
		expect(manyTokensThreshold).toBe(3);
		for (const [count, expected] of [
			[2, false],
			[3, true],
			[4, true],
		] as const) {
			const tokens = Array.from({length: count}, (_, index) => token(index + 1, 1));
			expect(codes({...healthy, tokens}).includes('rest-client-many-tokens'), `${count} tokens`).toBe(expected);
		}

		const many = audit({...healthy, tokens: [token(1, 1), token(2, 1, {providerNo: '100001'}), token(3, 1)]}).find(
			finding => finding.code === 'rest-client-many-tokens',
		)!;
		expect(many.evidence).toContainEqual({label: 'Held by the inventory', value: '#1'});
		expect(many.evidence).toContainEqual({label: 'Providers', value: '999001, 100001'});
	});

	it('shadow clients, integrations whose client or token is gone, and a secret that differs', () => {
		const input = {
			clients: [client(1), client(2, {name: 'Old Kiosk'})],
			tokens: [token(1, 1, {token: 'another-token'})],
			integrations: [
				integration('maple/booking', client(1).key, {accessToken: 'access-token-1', consumerSecret: 'mistyped-secret'}),
				integration('maple/typo', 'typokey000000001'),
				integration('maple/new', ''), // not registered yet: no key to look for
				integration('maple/unresolved', client(1).key), // secret could not be resolved: not compared
			],
		};
		const found = audit(input);
		expect(found.map(finding => [finding.code, finding.integrations, finding.clients])).toEqual([
			['rest-client-missing', ['maple/typo'], []],
			['rest-client-secret-mismatch', ['maple/booking'], [1]],
			['server-token-missing', ['maple/booking'], [1]],
			['rest-client-unused', [], [2]],
		]);
		expect(found[0]!.summary).toBe('maple/typo: OSCAR has no REST client with its key typokey000000001.');
	});

	it('orders findings worst first, takes severity, title and fix from the catalogue, and shows no secret', () => {
		const found = audit({
			dialect: 'classic',
			clients: [client(1, {lifetime: 0, uri: ''}), client(2, {name: 'Client 1 '})],
			tokens: [token(1, 1, {providerNo: null, lifetime: 5, issued: now - 10}), token(2, 2), token(3, 2), token(4, 2)],
			integrations: [integration('maple/booking', client(1).key, {accessToken: 'access-token-1', consumerSecret: 'wrong'})],
		});
		const severities = found.map(finding => finding.severity);
		expect(severities).toEqual(
			[...severities].sort(
				(left, right) => ['critical', 'unknown', 'warning', 'ok'].indexOf(left) - ['critical', 'unknown', 'warning', 'ok'].indexOf(right),
			),
		);
		for (const finding of found) {
			const entry = diagnosis(finding.code);
			expect(entry.title, finding.code).not.toBe('Unknown diagnosis');
			expect(finding).toMatchObject({severity: entry.severity, title: entry.title, step: entry.step});
			expect(finding.fix, finding.code).toHaveLength(entry.fix.length);
			expect(finding.evidence.length, finding.code).toBeGreaterThan(0);
		}

		const shown = `${JSON.stringify(found)} ${util.inspect(found, {depth: 6})}`;
		for (const value of [secret, 'token-secret-do-not-show', 'access-token-1']) expect(shown).not.toContain(value);
	});

	it('fills the fix steps: the integration concerned, else the instance; no placeholder left', () => {
		const found = audit({
			instance: 'maple',
			baseUrl: 'https://emr.maple.example/oscar',
			clients: [client(1, {lifetime: 0}), client(2, {name: 'Shadow'})],
			tokens: [token(1, 1, {providerNo: '100001'}), token(2, 9)],
			integrations: [
				integration('maple/booking', client(1).key, {accessToken: 'access-token-1'}),
				integration('maple/typo', 'typokey000000001'),
			],
			dialect: 'classic',
		});
		const fixOf = (code: string) => found.find(finding => finding.code === code)!.fix.join('\n');
		expect(fixOf('server-token-wrong-user')).toContain('oscar-rest connect maple/booking');
		expect(fixOf('rest-client-lifetime-zero')).toContain('oscar-rest admin register maple/booking (then');
		expect(fixOf('rest-client-missing')).toContain('oscar-rest admin register maple/typo');
		expect(fixOf('rest-client-unused')).toContain('oscar-rest add integration maple/NAME --key KEY');
		expect(fixOf('server-token-orphan')).toContain('oscar-rest admin register maple/NAME');
		for (const finding of found) expect(finding.fix.join('\n'), finding.code).not.toMatch(/\{\w+\}|INSTANCE/);
	});

	it('passes server text through safeLine: an escape sequence in a name or URI arrives escaped', () => {
		const hostile = client(1, {name: 'Evil\u001B]52;c;AAAA\u0007App', uri: 'http://x.example/\u001B[2J'});
		const text = JSON.stringify([
			audit({clients: [hostile]}),
			clientSummaries({dialect: 'carlos', clients: [hostile], tokens: [], integrations: [], nowSeconds: now}),
		]);
		expect(text.includes('\u001B')).toBe(false);
		expect(text).toContain('\\\\x1b]52');
	});
});
