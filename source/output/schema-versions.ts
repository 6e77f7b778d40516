/**
 * The version of each documented JSON document, in one place. Each has a JSON Schema beside it
 * (check-schema.json, list-schema.json) whose `schemaVersion` const a test holds equal to this.
 * Fields may be added within a version; renaming or removing one needs a new version.
 */
export const schemaVersions = {
	/** `oscar-rest check --json` (check-schema.json). */
	check: 1,
	/** `oscar-rest list --json` (list-schema.json). */
	list: 1,
} as const;
