/**
 * Tables generated into the README between marker comments (`<!-- NAME -->` ... `<!-- /NAME -->`),
 * so the documentation cannot drift from the code: scripts/readme-tables.js writes them, tests
 * compare them with the README.
 */

/** Markdown-safe table cell: backslashes and pipes escaped, line breaks flattened. */
export function markdownCell(text: string): string {
	return text
		.replaceAll('\\', '\\\\')
		.replaceAll('|', '\\|')
		.replaceAll(/\s*\n\s*/g, ' ');
}

/** The markers of a section. */
export function sectionMarkers(name: string): {readonly start: string; readonly end: string} {
	return {start: `<!-- ${name} -->`, end: `<!-- /${name} -->`};
}

/** The README has no start marker for a section: guessing where the table goes would misplace it. */
export class ReadmeSectionError extends Error {
	readonly code = 'marker-missing';
	constructor(message: string) {
		super(message);
		this.name = 'ReadmeSectionError';
	}
}

/**
 * The README with `table` placed between the section's markers (replacing what was there). A
 * missing end marker is added right after the start marker; a missing start marker is an error.
 */
export function replaceReadmeSection(readme: string, name: string, table: string): string {
	const {start: startMarker, end: endMarker} = sectionMarkers(name);
	const start = readme.indexOf(startMarker);
	if (start === -1) throw new ReadmeSectionError(`The README has no ${startMarker} marker to put the table after.`);
	const afterStart = start + startMarker.length;
	const end = readme.indexOf(endMarker, afterStart);
	const tail = end === -1 ? readme.slice(afterStart) : readme.slice(end + endMarker.length);
	return `${readme.slice(0, afterStart)}\n\n${table}\n\n${endMarker}${tail}`;
}

/** The table currently between the section's markers, or undefined when either marker is missing. */
export function readReadmeSection(readme: string, name: string): string | undefined {
	const {start: startMarker, end: endMarker} = sectionMarkers(name);
	const start = readme.indexOf(startMarker);
	if (start === -1) return undefined;
	const end = readme.indexOf(endMarker, start + startMarker.length);
	if (end === -1) return undefined;
	return readme.slice(start + startMarker.length, end).trim();
}
