/**
 * `oscar-rest admin audit` as text: one block per finding (status icon and word, code, the line
 * that names the client or token, evidence, numbered fix), the REST clients in a table (no secret),
 * and a counts line. Colour only when asked; the icon and the word are always there.
 */
import {type AuditReport, plural} from '../core/admin/index.js';
import type {Severity} from '../core/report.js';
import {safeLine} from '../core/untrusted-text.js';
import {paint, statusLabel, statusTheme} from './status-theme.js';

export interface AuditTextOptions {
	readonly color?: boolean;
}

function pad(text: string, size: number): string {
	return text + ' '.repeat(Math.max(0, size - [...text].length));
}

/** "14 findings: 6 critical, 8 warning" (zero counts left out). */
export function findingCounts(report: AuditReport): string {
	const counts: Record<Severity, number> = {critical: 0, unknown: 0, warning: 0, ok: 0};
	for (const finding of report.findings) counts[finding.severity]++;
	const parts = (['critical', 'unknown', 'warning'] as const)
		.filter(severity => counts[severity] > 0)
		.map(severity => `${counts[severity]} ${severity}`);
	const total = report.findings.length;
	return total === 0 ? 'No findings' : `${plural(total, 'finding')}: ${parts.join(', ')}`;
}

function clientTable(report: AuditReport): string[] {
	if (report.clients.length === 0) return ['(OSCAR has no REST clients)'];
	const header = ['ID', 'NAME', 'KEY', 'URI', 'LIFETIME', 'TOKENS', 'USED BY'];
	const rows = report.clients.map(client => [
		`#${client.id}`,
		client.name,
		client.key,
		client.uri === '' ? '(blank)' : client.uri,
		client.lifetime === null ? '(none)' : String(client.lifetime),
		String(client.tokens),
		client.usedBy.length === 0 ? '-' : client.usedBy.join(', '),
	]);
	const widths = header.map((title, index) => Math.max([...title].length, ...rows.map(row => [...row[index]!].length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, index) => (index === cells.length - 1 ? cell : pad(cell, widths[index]!)))
			.join('  ')
			.trimEnd();
	return [line(header), ...rows.map(line)];
}

export function formatAuditText(report: AuditReport, options: AuditTextOptions = {}): string {
	const color = options.color === true;
	const dialect = report.dialect === 'carlos' ? 'CARLOS' : 'classic OSCAR';
	const lines = [
		`Admin audit of ${report.instance} (${dialect}, ${report.baseUrl}) as ${safeLine(report.adminUser)}`,
		`${plural(report.clients.length, 'REST client')}, ${plural(report.tokenCount, 'access token')}, ${plural(report.integrationCount, 'integration')} in the inventory`,
		'',
	];
	for (const finding of report.findings) {
		const theme = statusTheme[finding.severity];
		lines.push(`${paint(statusLabel(finding.severity), theme.color, color)}  ${finding.code}  ${finding.summary}`);
		for (const item of finding.evidence) lines.push(`    ${item.label}: ${item.value}`);
		lines.push('    Fix:');
		for (const [index, step] of finding.fix.entries()) lines.push(`      ${index + 1}. ${step}`);
		if (finding.step !== null) lines.push(`    Onboarding step ${finding.step} repairs it.`);
		lines.push('');
	}

	lines.push('REST clients (secrets are never shown)', ...clientTable(report).map(line => `  ${line}`), '');
	lines.push(`${findingCounts(report)}. Nothing was changed on OSCAR.`);
	return `${lines.join('\n')}\n`;
}
