/**
 * The inventory as a file, for clinics and vendors moving many integrations at once: CSV or JSON.
 *
 * CSV columns (header row required, any order, names case-insensitive):
 *   instance,baseUrl,caFile,integration,consumerKey,consumerSecret,uri,callback,accessToken,tokenSecret,
 *   expectedProvider,lifetime,issuedAt,tags   (tags separated by ';')
 * optional extra columns: dialect, insecureTls, signatureMethod, transport (export writes them only when used).
 * A row with an empty `integration` declares an instance without integrations. `notes` travel in JSON only.
 *
 * JSON: the inventory shape `{"instances": [{"name", "baseUrl", ..., "integrations": [...]}]}`.
 */

/** The two file formats of import and export. */
export type ImportFormat = 'csv' | 'json';

export const baseColumns = [
	'instance',
	'baseUrl',
	'caFile',
	'integration',
	'consumerKey',
	'consumerSecret',
	'uri',
	'callback',
	'accessToken',
	'tokenSecret',
	'expectedProvider',
	'lifetime',
	'issuedAt',
	'tags',
] as const;
export const extraColumns = ['dialect', 'insecureTls', 'signatureMethod', 'transport'] as const;
export type Column = (typeof baseColumns)[number] | (typeof extraColumns)[number];
export const allColumns: readonly Column[] = [...baseColumns, ...extraColumns];
/** The columns an integration row fills (the instance's own are the rest). */
const instanceOnly: ReadonlySet<Column> = new Set(['instance', 'baseUrl', 'caFile', 'integration', 'dialect', 'insecureTls']);
export const integrationColumns: readonly Column[] = allColumns.filter(column => !instanceOnly.has(column));
