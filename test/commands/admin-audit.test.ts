/**
 * `oscar-rest admin audit` as users and scripts run it (the BUILT CLI) against the simulator's demo
 * fleet: every audit finding found where the demo seeded it, in both dialects; the JSON document
 * validates against its schema; and a refused login, a non-admin on CARLOS, a session that expires
 * mid-audit and an OSCAR without the endpoint each end with a clear message and their exit code.
 * The admin password, the PIN and every secret OSCAR lists are grepped absent from every output
 * and from the files next to the config. The interactive prompts run in a real terminal (tmux).
 */
import fs from 'node:fs';
import path from 'node:path';
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Ajv2020} from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {allDiagnoses} from '../../source/core/diagnoses.js';
import {ConfigStore} from '../../source/store/config-store.js';
import {demoFleet, demoInventory, startSimulator, type RunningSimulator} from '../../source/simulator/index.js';
import {cliPath, runCli, type CliResult} from '../helpers/run-cli.js';
import {startTmux} from '../helpers/tmux.js';
import {ensureBuilt} from './helpers/built-cli.js';
import {type Workspace, workspace} from './helpers/fleet.js';

const schema = JSON.parse(readFileSync(new URL('../../source/output/admin-audit-schema.json', import.meta.url), 'utf8')) as object;
const admin = {username: 'oscaradmin', password: 'Clinic-Admin-2024!', pin: '8642'};
const doctor = {username: 'drsmith', password: 'Dr-Smith-2024!', pin: '1357'};
const auditCodes = allDiagnoses.map(entry => entry.code).filter(code => /^(?:rest-client-|server-token-|admin-api-)/.test(code));

interface AuditDocument {
	summary: {status: string; clients: number; tokens: number; findings: number; critical: number};
	instance: {name: string; dialect: string};
	clients: Array<{id: number; name: string; key: string; usedBy: string[]}>;
	findings: Array<{code: string; status: string; summary: string; clients: number[]; tokens: number[]; integrations: string[]}>;
}

let simulator: RunningSimulator;
let legacy: RunningSimulator;
let space: Workspace;
/** Set by a test: expire this instance's sessions right after its first clientManage answer. */
let expireAfterFirstList: string | undefined;
const outputs: string[] = [];

beforeAll(async () => {
	await ensureBuilt();
	simulator = await startSimulator({
		fleet: demoFleet(),
		latencyMs: 0,
		log(line) {
			const name = expireAfterFirstList;
			if (name !== undefined && line.startsWith(`${name} GET `) && line.includes('/admin/api/clientManage.json -> 200')) {
				expireAfterFirstList = undefined;
				simulator.instance(name).expireSessions();
			}
		},
	});
	legacy = await startSimulator({fleet: {instances: [{name: 'legacy', contextPath: '/oscar', adminApi: false}]}});
	space = workspace();
	const inventory = demoInventory(simulator);
	new ConfigStore(space.configPath).update(() => ({
		instances: [...inventory.instances, {name: 'legacy', baseUrl: legacy.instance('legacy').baseUrl, integrations: []}],
	}));
});

afterAll(async () => {
	await simulator?.close();
	await legacy?.close();
	// Nothing of the login or of OSCAR's secrets in any output, or in any file next to the config.
	const files = fs
		.readdirSync(path.dirname(space.configPath))
		.map(name => fs.readFileSync(path.join(path.dirname(space.configPath), name), 'utf8'));
	for (const text of [...outputs, ...files]) {
		for (const secret of serverSecrets()) expect(text.includes(secret), `a secret of the server in: ${text.slice(0, 200)}`).toBe(false);
		for (const value of [admin.password, doctor.password]) expect(text).not.toContain(value);
	}

	space?.remove();
});

/** Client secrets, access tokens and token secrets on the servers, minus what the demo inventory itself holds. */
function serverSecrets(): string[] {
	const held = new Set(
		demoInventory(simulator).instances.flatMap(instance =>
			instance.integrations.flatMap(integration => [integration.consumerSecret, integration.accessToken, integration.tokenSecret]),
		),
	);
	return simulator.instances
		.flatMap(instance => [
			...[...instance.state.clients.values()].map(client => client.secret),
			...[...instance.state.accessTokens.values()].flatMap(token => [token.token, token.secret]),
		])
		.filter(value => !held.has(value));
}

async function audit(
	instance: string,
	options: {login?: {username: string; password: string; pin: string}; args?: string[]} = {},
): Promise<CliResult> {
	const login = options.login ?? admin;
	const result = await runCli(
		['--config', space.configPath, 'admin', 'audit', instance, '--user', login.username, '--password-stdin', ...(options.args ?? [])],
		{
			input: `${login.password}\n${login.pin}\n`,
		},
	);
	outputs.push(result.stdout, result.stderr);
	return result;
}

async function auditJson(instance: string): Promise<AuditDocument> {
	const result = await audit(instance, {args: ['--json']});
	expect(result.code, result.stderr).toBe(0);
	const document = JSON.parse(result.stdout) as AuditDocument;
	const ajv = new Ajv2020({strict: true, allErrors: true});
	const plugin = addFormatsModule as unknown as {default?: (ajv: Ajv2020) => Ajv2020} & ((ajv: Ajv2020) => Ajv2020);
	(plugin.default ?? plugin)(ajv);
	const validate = ajv.compile(schema);
	expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
	return document;
}

const found = (document: AuditDocument, code: string) => document.findings.filter(finding => finding.code === code);

describe('oscar-rest admin audit on the demo fleet', () => {
	it('finds every seeded problem, in both dialects, and together every audit finding there is', async () => {
		const maple = await auditJson('maple-family');
		const carlos = await auditJson('carlos-east');
		const northside = await auditJson('northside');
		const riverside = await auditJson('riverside');
		expect(maple.instance).toEqual(expect.objectContaining({name: 'maple-family', dialect: 'classic'}));
		expect(carlos.instance.dialect).toBe('carlos');

		const idOf = (name: string) => maple.clients.find(client => client.name === name)!.id;
		const at = (document: AuditDocument, code: string) => found(document, code).map(finding => [finding.clients, finding.integrations]);
		expect(at(maple, 'rest-client-lifetime-zero')).toEqual([[[idOf('Old Kiosk')], []]]);
		expect(at(maple, 'rest-client-uri-blank')).toEqual([[[idOf('Old Kiosk')], []]]);
		expect(at(maple, 'rest-client-lifetime-short')).toEqual([[[idOf('Kiosk')], ['maple-family/kiosk']]]);
		expect(at(maple, 'rest-client-uri-insecure')).toEqual([[[idOf('booking app')], []]]);
		expect(at(maple, 'rest-client-name-duplicate')).toEqual([[[idOf('Booking App'), idOf('booking app')], ['maple-family/booking-app']]]);
		expect(found(maple, 'rest-client-unused').map(finding => finding.clients[0])).toEqual([
			idOf('Reminders'),
			idOf('Old Kiosk'),
			idOf('booking app'),
		]);
		expect(at(maple, 'rest-client-missing')).toEqual([[[], ['maple-family/reminders']]]);
		expect(at(maple, 'server-token-wrong-user')).toEqual([[[idOf('Intake Forms')], ['maple-family/intake-forms']]]);
		expect(at(maple, 'server-token-missing')).toEqual([[[idOf('Lab Sync')], ['maple-family/lab-sync']]]);
		expect(found(maple, 'rest-client-many-tokens')[0]).toMatchObject({
			clients: [idOf('Booking App')],
			integrations: ['maple-family/booking-app'],
		});
		expect(found(maple, 'rest-client-many-tokens')[0]!.tokens).toHaveLength(4);
		expect(found(maple, 'admin-api-open')).toHaveLength(1);
		// Tokens of a deleted client (Fax Gateway): its id is not in the client list, the tokens are.
		expect(found(maple, 'server-token-orphan')).toHaveLength(1);
		expect(found(maple, 'server-token-orphan')[0]!.tokens).toHaveLength(2);
		expect(maple.clients.map(client => client.id)).not.toContain(found(maple, 'server-token-orphan')[0]!.clients[0]);
		expect(maple.summary).toMatchObject({status: 'critical', clients: 7});

		expect(found(carlos, 'server-token-no-provider')[0]!.integrations).toEqual(['carlos-east/fax-relay']);
		expect(found(carlos, 'server-token-expired')).toHaveLength(1);
		expect(found(carlos, 'admin-api-open')).toEqual([]);
		expect(found(carlos, 'rest-client-lifetime-zero')).toEqual([]);
		expect(found(carlos, 'server-token-orphan').map(finding => finding.tokens.length)).toEqual([1]);
		expect(carlos.clients.map(client => client.id)).not.toContain(found(carlos, 'server-token-orphan')[0]!.clients[0]);
		expect(found(northside, 'rest-client-secret-mismatch')[0]!.integrations).toEqual(['northside/booking-app']);
		expect(found(riverside, 'server-token-expired')[0]!.integrations).toEqual(['riverside/reminders']);

		const every = new Set([maple, carlos, northside, riverside].flatMap(document => document.findings.map(finding => finding.code)));
		expect(auditCodes).toHaveLength(15);
		expect(auditCodes.filter(code => !every.has(code))).toEqual([]);
		// The audit reads: it changed nothing and left no session open.
		for (const name of ['maple-family', 'carlos-east', 'northside', 'riverside']) {
			expect(simulator.instance(name).state.sessions.size, name).toBe(0);
			expect(
				simulator.instance(name).state.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('clientManage.json')),
			).toEqual([]);
		}
	});

	it('as text: findings worst first with evidence and numbered fixes, the client table, and the exit code of the worst', async () => {
		const maple = await audit('maple-family');
		expect(maple.code).toBe(2);
		expect(maple.stdout).toMatch(/^Admin audit of maple-family \(classic OSCAR, http:\/\/127\.0\.0\.1:\d+\/oscar\) as oscaradmin$/m);
		expect(maple.stdout.indexOf('✖ CRIT')).toBeLessThan(maple.stdout.indexOf('▲ WARN'));
		expect(maple.stdout).toContain('✖ CRIT  rest-client-lifetime-zero  REST client "Old Kiosk"');
		expect(maple.stdout).toContain("      1. Give the client lifetime -1 in OSCAR's database");
		expect(maple.stdout).toMatch(/^ {2}ID +NAME +KEY +URI +LIFETIME +TOKENS +USED BY$/m);
		expect(maple.stdout).toMatch(/findings: \d+ critical, \d+ warning\. Nothing was changed on OSCAR\.$/m);
		expect(maple.stderr).toContain('logged out');
		const summit = await audit('lakeshore');
		expect(summit.code).toBe(1); // classic, healthy clients: only the open admin API
		expect(summit.stdout).toContain('▲ WARN  admin-api-open');
	});

	it('a refused login: exit 77, what to check on stderr, nothing on stdout, no session', async () => {
		const result = await audit('maple-family', {login: {...admin, pin: 'wrong-pin-x7'}});
		expect(result.code).toBe(77);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain('✖ login-failed: OSCAR at');
		expect(result.stderr).toContain(
			'refused the login of "oscaradmin" (Invalid Credentials): check the username, the password and the PIN',
		);
		expect(result.stderr).not.toContain('wrong-pin-x7');
	});

	it('a user without the _admin privilege on CARLOS: exit 77, "not-admin", logged out', async () => {
		const result = await audit('carlos-east', {login: doctor});
		expect(result.code).toBe(77);
		expect(result.stderr).toContain('✖ not-admin: "drsmith" is logged in but may not use the REST Clients admin API');
		expect(result.stderr).toContain('_admin privilege');
		expect(result.stderr).toContain('HTTP status: 403');
		expect(simulator.instance('carlos-east').state.sessions.size).toBe(0);
	});

	it('a session that expires mid-audit: exit 75 and "run it again"', async () => {
		expireAfterFirstList = 'summit';
		const result = await audit('summit');
		expect(expireAfterFirstList).toBeUndefined();
		expect(result.code).toBe(75);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(
			/✖ session-expired: OSCAR ended the admin session of "oscaradmin" during listTokens \(it sent the request to http:\/\/127\.0\.0\.1:\d+\/summit\/logout\.jsp\): log in again and run it again\./,
		);
	});

	it('an OSCAR without the endpoint (older versions): exit 69 and what to do instead', async () => {
		const result = await audit('legacy');
		expect(result.code).toBe(69);
		expect(result.stderr).toContain('✖ endpoint-missing:');
		expect(result.stderr).toContain('has no REST Clients admin API (404 on admin/api/clientManage.json)');
		expect(result.stderr).toContain('Administration > Integrations > REST Clients by hand');
	});

	it('refuses to run without a way to ask for the login, and names the fix', async () => {
		const cases: Array<[string[], string, RegExp]> = [
			[['maple-family'], '', /no terminal to ask for it: use --user NAME --password-stdin/],
			[['maple-family', '--password-stdin'], 'x\n', /--password-stdin needs --user NAME/],
			[['maple-family', '--user', 'oscaradmin', '--password-stdin'], '', /no password on stdin/],
			[['nowhere', '--user', 'oscaradmin', '--password-stdin'], 'x\n', /there is no instance "nowhere"/],
			[[], '', /admin audit needs one INSTANCE/],
			[['maple-family', '--timeout', 'soon'], '', /--timeout must be a whole number of seconds/],
		];
		for (const [args, input, message] of cases) {
			const result = await runCli(['--config', space.configPath, 'admin', 'audit', ...args], {input});
			outputs.push(result.stdout, result.stderr);
			expect(result.code, args.join(' ')).toBe(64);
			expect(result.stderr, args.join(' ')).toMatch(message);
		}

		const help = await runCli(['admin', 'audit', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('--password-stdin');
		expect(help.stdout).toContain('Examples');
	});
});

describe('the interactive login in a real terminal', () => {
	async function terminal() {
		const command = `${process.execPath} ${cliPath} --config ${space.configPath} admin audit maple-family; echo "exit=$?"`;
		return startTmux(['sh', '-c', command], {columns: 100, rows: 40, env: {NO_COLOR: '1', HOME: space.directory}});
	}

	it('asks the username with echo, the password and PIN without, and prints the audit', async () => {
		const session = await terminal();
		try {
			await session.waitFor(screen => screen.includes('Username:'));
			await session.send(admin.username, {literal: true});
			await session.send('Enter');
			const asked = await session.waitFor(screen => screen.includes('Password (input hidden):'));
			expect(asked).toContain('Username: oscaradmin');
			await session.send(admin.password, {literal: true});
			await session.send('Enter');
			const pinAsked = await session.waitFor(screen => screen.includes('PIN (second-level passcode; Enter if none) (input hidden):'));
			expect(pinAsked).not.toContain(admin.password);
			await session.send(admin.pin, {literal: true});
			await session.send('Enter');
			const loggingIn = await session.waitFor(screen => screen.includes('Logging in to'));
			// Nothing is echoed after a hidden prompt.
			expect(loggingIn).not.toMatch(/\(input hidden\): *\S/);
			expect(loggingIn).not.toContain(admin.password);
			const screen = await session.waitFor(text => text.includes('exit='), 30_000);
			expect(screen).toContain('exit=2');
			expect(screen).not.toContain(admin.password);
			expect(screen).toContain('Nothing was changed on OSCAR.');
			outputs.push(asked, pinAsked, loggingIn, screen);
		} finally {
			await session.kill();
		}
	});

	it('Ctrl+C at the password prompt cancels with exit 130 and sends nothing', async () => {
		const logins = simulator.instance('maple-family').state.log.filter(entry => entry.path.endsWith('/login.do')).length;
		const session = await terminal();
		try {
			await session.waitFor(screen => screen.includes('Username:'));
			await session.send(admin.username, {literal: true});
			await session.send('Enter');
			await session.waitFor(screen => screen.includes('Password (input hidden):'));
			await session.send('C-c');
			const screen = await session.waitFor(text => text.includes('exit='));
			expect(screen).toContain('exit=130');
			expect(screen).toContain('cancelled.');
		} finally {
			await session.kill();
		}

		expect(simulator.instance('maple-family').state.log.filter(entry => entry.path.endsWith('/login.do'))).toHaveLength(logins);
	});
});
