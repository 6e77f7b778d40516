/**
 * The command an audit finding's fix names, ready to copy: the first `...` span of its fix steps
 * (fix-commands.ts fills HOST, PORT, URL). The row id is already in the steps (withFilledFix), so
 * what `y` copies is what the screen shows. Pure.
 */
import {fixCommands} from '../fix-commands.js';
import type {AuditFinding} from './audit.js';

/** The finding's fix command; undefined when its fix has none. */
export function auditFixCommand(finding: AuditFinding, target: {readonly baseUrl: string}): string | undefined {
	return fixCommands(finding.fix, target)[0];
}
