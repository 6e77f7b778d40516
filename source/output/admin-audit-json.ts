/**
 * `oscar-rest admin audit --json`: a documented, versioned document (schema in
 * admin-audit-schema.json). Adding a field is allowed within schemaVersion 1; renaming or removing
 * one is not. It holds no secret: clients without their secrets, tokens by server row id only.
 */
import type {AuditReport} from '../core/admin/index.js';
import type {Severity} from '../core/report.js';
import {safeJson} from '../core/untrusted-text.js';

export const auditJsonSchemaVersion = 1;

export function auditJson(
	report: AuditReport,
	options: {readonly tool: {readonly name: string; readonly version: string}; readonly generatedAt: number},
): unknown {
	const counts: Record<Severity, number> = {ok: 0, warning: 0, critical: 0, unknown: 0};
	for (const finding of report.findings) counts[finding.severity]++;
	return {
		schemaVersion: auditJsonSchemaVersion,
		generatedAt: new Date(options.generatedAt).toISOString(),
		tool: options.tool,
		instance: {name: report.instance, baseUrl: report.baseUrl, dialect: report.dialect},
		adminUser: report.adminUser,
		serverTime: report.serverTime === undefined ? null : new Date(report.serverTime).toISOString(),
		summary: {
			status: report.severity,
			clients: report.clients.length,
			tokens: report.tokenCount,
			integrations: report.integrationCount,
			findings: report.findings.length,
			critical: counts.critical,
			warning: counts.warning,
			unknown: counts.unknown,
		},
		clients: report.clients.map(client => ({...client, usedBy: [...client.usedBy]})),
		findings: report.findings.map(finding => ({
			code: finding.code,
			status: finding.severity,
			title: finding.title,
			summary: finding.summary,
			scope: finding.scope,
			clients: finding.clients,
			tokens: finding.tokens,
			integrations: finding.integrations,
			evidence: finding.evidence,
			fix: finding.fix,
			step: finding.step,
		})),
	};
}

/** The document as text: safeJson keeps every string but no raw control character. */
export function formatAuditJson(report: AuditReport, options: Parameters<typeof auditJson>[1]): string {
	return `${safeJson(auditJson(report, options), 2)}\n`;
}
