/**
 * The command an audit finding's fix names, ready to copy: the first `...` span of its fix steps
 * (fix-commands.ts fills HOST, PORT, URL), with the row id the catalogue leaves as `ID` filled in
 * when the finding concerns exactly one client or one token, so the SQL runs as copied. Pure.
 */
import {fixCommands} from '../fix-commands.js';
import type {AuditFinding} from './audit.js';

/** The server row the finding's `ID` stands for: its one token (token findings) or its one client. */
function rowId(finding: AuditFinding): number | undefined {
	const ids = finding.scope === 'token' ? finding.tokens : finding.clients;
	return ids.length === 1 ? ids[0] : undefined;
}

/** The finding's fix command with `ID` filled in where the finding names one row; undefined when its fix has none. */
export function auditFixCommand(finding: AuditFinding, target: {readonly baseUrl: string}): string | undefined {
	const command = fixCommands(finding.fix, target)[0];
	if (command === undefined) return undefined;
	const id = rowId(finding);
	return id === undefined ? command : command.replace(/\bID\b/g, String(id));
}
