/**
 * The admin audit of one OSCAR instance: list the REST clients and access tokens through an admin
 * session and turn them into findings. The session is opened and closed by `withAdminSession`, so
 * the logout happens whatever goes wrong; the UI and `oscar-rest admin audit` share both.
 */
import type {Dialect} from '../model.js';
import {type Severity, worstSeverity} from '../report.js';
import {type AuditClientSummary, type AuditFinding, type AuditIntegration, auditFindings, clientSummaries} from './audit.js';
import type {AdminApi, AdminCallOptions} from './types.js';

export interface AuditTarget {
	readonly name: string;
	readonly baseUrl: string;
	readonly dialect: Dialect;
}

/** The audit of one instance. Holds no secret: clients without their secrets, tokens only counted. */
export interface AuditReport {
	readonly instance: string;
	readonly baseUrl: string;
	readonly dialect: Dialect;
	readonly adminUser: string;
	/** Epoch ms (this machine). */
	readonly checkedAt: number;
	/** Epoch ms by the server's Date header, when it sent one. */
	readonly serverTime?: number;
	readonly clients: readonly AuditClientSummary[];
	readonly tokenCount: number;
	readonly integrationCount: number;
	readonly findings: readonly AuditFinding[];
	/** The worst finding's severity (ok when there is none). */
	readonly severity: Severity;
}

/** Open a session, use it, and log out afterwards even when `use` fails or is cancelled. */
export async function withAdminSession<T>(open: () => Promise<AdminApi>, use: (api: AdminApi) => Promise<T>): Promise<T> {
	const api = await open();
	try {
		return await use(api);
	} finally {
		await api.logout();
	}
}

export async function auditInstance(
	api: AdminApi,
	options: {
		readonly target: AuditTarget;
		readonly integrations: readonly AuditIntegration[];
		readonly now?: () => number;
	} & AdminCallOptions,
): Promise<AuditReport> {
	const now = options.now ?? Date.now;
	const call = options.signal ? {signal: options.signal} : {};
	const clients = await api.listClients(call);
	const tokens = await api.listTokens(call);
	const serverTime = tokens.serverTime ?? clients.serverTime;
	const input = {
		dialect: options.target.dialect,
		clients: clients.rows,
		tokens: tokens.rows,
		integrations: options.integrations,
		nowSeconds: Math.floor((serverTime ?? now()) / 1000),
		instance: options.target.name,
		baseUrl: options.target.baseUrl,
	};
	const findings = auditFindings(input);
	return {
		instance: options.target.name,
		baseUrl: options.target.baseUrl,
		dialect: options.target.dialect,
		adminUser: api.username,
		checkedAt: now(),
		...(serverTime === undefined ? {} : {serverTime}),
		clients: clientSummaries(input),
		tokenCount: tokens.rows.length,
		integrationCount: options.integrations.length,
		findings,
		severity: worstSeverity(findings.map(finding => finding.severity)),
	};
}
