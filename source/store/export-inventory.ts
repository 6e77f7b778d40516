/**
 * Export of the inventory as CSV or JSON (see inventory-file-format.ts).
 *
 * Secrets: inline secret VALUES (consumerSecret, tokenSecret) and access tokens are written as ''
 * unless `includeSecrets`. References (`env:NAME`, `file:PATH`) are exported as they are: they say
 * where a secret lives, not what it is, and keep an export re-importable on the same machine.
 */
import type {Inventory} from '../core/model.js';
import {isSecretReference} from '../core/secret-refs.js';
import {safeJson, safeText} from '../core/untrusted-text.js';
import {formatCsv, neutralizeCell} from './csv.js';
import {baseColumns, extraColumns, type Column, type ImportFormat} from './inventory-file-format.js';

interface ExportOptions {
	/** Write inline secret values and access tokens (default: blank). */
	readonly includeSecrets?: boolean;
}

function exportSecret(value: string | undefined, includeSecrets: boolean): string {
	if (value === undefined) return '';
	return includeSecrets || isSecretReference(value) ? value : '';
}

/** Numbers stay numbers in a spreadsheet (a lifetime of -1 is not a formula); every other column is text. */
const numericColumns: ReadonlySet<Column> = new Set(['lifetime', 'issuedAt']);

/**
 * A text cell is neutralised against formula injection (csv.ts), and a control character a
 * hand-edited config may hold is written escaped (`\x1b`): CSV has no escape of its own, and the
 * file is often printed to a terminal. Import refuses such characters anyway.
 */
function csvCell(column: Column, value: string): string {
	return numericColumns.has(column) ? value : neutralizeCell(safeText(value));
}

/** The inventory as CSV or JSON; see the file comment for how secrets are treated. */
export function exportInventory(inventory: Inventory, format: ImportFormat, options: ExportOptions = {}): string {
	const includeSecrets = options.includeSecrets === true;
	if (format === 'json') {
		const instances = inventory.instances.map(instance => ({
			...instance,
			integrations: instance.integrations.map(integration => {
				const copy: Record<string, unknown> = {...integration, consumerSecret: exportSecret(integration.consumerSecret, includeSecrets)};
				const token = includeSecrets ? integration.accessToken : undefined;
				const tokenSecret = exportSecret(integration.tokenSecret, includeSecrets);
				if (token === undefined) delete copy.accessToken;
				if (tokenSecret === '') delete copy.tokenSecret;
				else copy.tokenSecret = tokenSecret;
				return copy;
			}),
		}));
		// safeJson: a control character a hand-edited config may hold is written as a JSON escape, never raw.
		return `${safeJson({instances}, 2)}\n`;
	}

	const extras = extraColumns.filter(column =>
		inventory.instances.some(instance =>
			column === 'dialect' || column === 'insecureTls'
				? instance[column] !== undefined
				: instance.integrations.some(integration => integration[column] !== undefined),
		),
	);
	const header: Column[] = [...baseColumns, ...extras];
	const rows: string[][] = [header];
	for (const instance of inventory.instances) {
		const instanceFields: Partial<Record<Column, string>> = {
			instance: instance.name,
			baseUrl: instance.baseUrl,
			caFile: instance.caFile ?? '',
			dialect: instance.dialect ?? '',
			insecureTls: instance.insecureTls === undefined ? '' : String(instance.insecureTls),
		};
		if (instance.integrations.length === 0) rows.push(header.map(column => instanceFields[column] ?? ''));
		for (const integration of instance.integrations) {
			const fields: Partial<Record<Column, string>> = {
				...instanceFields,
				integration: integration.name,
				consumerKey: integration.consumerKey,
				consumerSecret: exportSecret(integration.consumerSecret, includeSecrets),
				uri: integration.uri ?? '',
				callback: integration.callback ?? '',
				accessToken: includeSecrets ? (integration.accessToken ?? '') : '',
				tokenSecret: exportSecret(integration.tokenSecret, includeSecrets),
				expectedProvider: integration.expectedProvider ?? '',
				lifetime: integration.lifetime === undefined ? '' : String(integration.lifetime),
				issuedAt: integration.issuedAt === undefined ? '' : String(integration.issuedAt),
				tags: integration.tags.join(';'),
				signatureMethod: integration.signatureMethod ?? '',
				transport: integration.transport ?? '',
			};
			rows.push(header.map(column => fields[column] ?? ''));
		}
	}

	return formatCsv(rows.map((row, index) => (index === 0 ? row : row.map((cell, position) => csvCell(header[position]!, cell)))));
}
