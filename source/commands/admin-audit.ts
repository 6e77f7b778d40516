/**
 * `oscar-rest admin audit INSTANCE [--json]`: log in as an OSCAR administrator, read the REST clients
 * and access tokens behind the REST Clients page, compare them with the inventory and report what is
 * wrong, in the catalogue's shape. Reads only: nothing is changed on OSCAR, nothing of the login is
 * kept, and no secret from the listing is shown or stored (they are only compared).
 */
import {type AuditReport, auditInstance, auditIntegrations, plural, withAdminSession} from '../core/admin/index.js';
import type {Instance} from '../core/model.js';
import {adminLogin, adminTargetFor} from '../oscar/admin-session.js';
import {closeIdleConnections} from '../oscar/http.js';
import {formatAuditJson} from '../output/admin-audit-json.js';
import {formatAuditText} from '../output/admin-audit-text.js';
import {exitNameForSeverity, type ExitName} from '../core/exit-codes.js';
import {shouldColor} from '../output/status-theme.js';
import {resolveSecret} from '../store/secrets.js';
import {version} from '../version.js';
import {parseCommandArgs} from './args.js';
import {type CommandContext, UserError} from './context.js';
import {adminLoginHelp, adminLoginOptions, askAdminCredentials, interruptSignal, reportAdminFailure, timeoutFlag} from './admin-login.js';
import {loadInventory, openStore} from './open-store.js';

export const auditHelp = `Usage: oscar-rest admin audit INSTANCE [--json] [--user NAME --password-stdin] [--timeout SECONDS]

Log in to OSCAR as an administrator, read the REST clients and access tokens behind
Administration > Integrations > REST Clients ({base}/admin/api/clientManage.json), compare them
with the inventory and report what is wrong: lifetime 0 or not -1, a blank or clear-text URI,
duplicate names, clients no integration uses, integrations whose client or token is gone, tokens
bound to the wrong provider or to none, expired tokens, tokens of deleted clients, many tokens
for one client, and on classic OSCAR that the endpoint hands every secret to any logged-in user.

Nothing is changed on OSCAR. Nothing of the login is kept. Secrets in OSCAR's answer are never
shown or stored: the audit only compares them with the inventory's.

Options
  --json                one JSON document on stdout (schemaVersion 1, source/output/admin-audit-schema.json)
${adminLoginHelp}

Exit codes
  0 no finding, 1 warnings, 2 critical findings (--json: 0 whenever the audit completed)
  64 bad arguments, 69 OSCAR unreachable or without the admin API (404), 75 the session ended
  mid-way (run it again), 76 an answer no OSCAR gives, 77 login refused or not an administrator,
  70 internal error, 78 unreadable config, 130 cancelled

Examples
  oscar-rest admin audit maple
  printf '%s\\n%s\\n' "$ADMIN_PASSWORD" "$ADMIN_PIN" | oscar-rest admin audit maple --user oscaradmin --password-stdin --json
`;

function findInstance(instances: readonly Instance[], name: string): Instance {
	const instance = instances.find(candidate => candidate.name === name);
	if (!instance)
		throw new UserError(`admin audit: there is no instance "${name}". See "oscar-rest list", or add it with "oscar-rest add instance".`);
	return instance;
}

export default async function audit(context: CommandContext): Promise<ExitName> {
	const {values, positionals, help} = parseCommandArgs('admin audit', context.argv, {...adminLoginOptions, json: {type: 'boolean'}});
	if (help) {
		context.stdout.write(auditHelp);
		return 'ok';
	}

	const [name] = positionals;
	if (name === undefined || positionals.length > 1)
		throw new UserError('admin audit needs one INSTANCE, e.g. "oscar-rest admin audit maple".');
	const timeoutMs = timeoutFlag('admin audit', values.timeout);
	const instance = findInstance(loadInventory(openStore(context.configPath)).instances, name);
	const credentials = await askAdminCredentials(context, {
		command: 'admin audit',
		label: `${instance.name} (${instance.baseUrl})`,
		...(values.user === undefined ? {} : {user: values.user}),
		passwordStdin: values['password-stdin'] === true,
	});
	const target = adminTargetFor(instance);
	const interrupt = interruptSignal();
	let report: AuditReport;
	try {
		context.stderr.write(`Logging in to ${instance.baseUrl} as ${credentials.username}…\n`);
		report = await withAdminSession(
			async () => adminLogin(target, credentials, {signal: interrupt.signal, ...(timeoutMs === undefined ? {} : {timeoutMs})}),
			async api =>
				auditInstance(api, {
					target: {name: instance.name, baseUrl: instance.baseUrl, dialect: target.dialect},
					integrations: auditIntegrations(instance, ref => resolveSecret(ref, context.env)),
					signal: interrupt.signal,
				}),
		);
	} catch (error) {
		return reportAdminFailure(context, error);
	} finally {
		interrupt.dispose();
		closeIdleConnections();
	}

	context.stderr.write(
		`Read ${plural(report.clients.length, 'REST client')} and ${plural(report.tokenCount, 'access token')}; logged out.\n`,
	);
	if (values.json) {
		context.stdout.write(formatAuditJson(report, {tool: {name: 'oscar-rest', version}, generatedAt: Date.now()}));
		return 'ok';
	}

	context.stdout.write(formatAuditText(report, {color: shouldColor(context.stdout, context.env)}));
	return exitNameForSeverity(report.severity);
}
