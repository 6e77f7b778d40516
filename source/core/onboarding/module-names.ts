/**
 * The `ModuleNames=` line of the OSCAR properties file (onboarding step 3). OSCAR splits the
 * value on "," WITHOUT trimming and loads `applicationContext<Name>.xml` for each entry, so
 * `ModuleNames=Caisi, REST` looks right and silently leaves REST off (" REST" is no module).
 */

interface MergedModuleNames {
	/** The comma-separated value, e.g. `Caisi,ERx,REST`. */
	readonly value: string;
	/** The exact line to put in the properties file. */
	readonly line: string;
	/** True when the module was already listed exactly (then only cleanup, if any, is needed). */
	readonly alreadyPresent: boolean;
	/** Problems found in the existing value, each with what the new line does about it. */
	readonly warnings: readonly string[];
}

const prefix = /^\s*ModuleNames\s*=/i;

/**
 * Add `add` to an existing ModuleNames value (or whole line): keeps the existing order, trims
 * entries (warning about the spaces, since OSCAR does not trim), drops empty entries and duplicates.
 */
export function mergeModuleNames(existing: string, add = 'REST'): MergedModuleNames {
	const module = add.trim();
	if (module === '' || /[\s,=]/.test(module)) throw new TypeError(`Not a module name: "${add}".`);
	const raw = existing.replace(/\r?\n$/, '').replace(prefix, '');
	const warnings: string[] = [];
	const names: string[] = [];
	let spaced = false;
	let empty = false;
	let duplicate = false;
	if (raw.trim() !== '') {
		for (const entry of raw.split(',')) {
			const name = entry.trim();
			if (name !== entry) spaced = true;
			if (name === '') {
				empty = true;
				continue;
			}

			if (names.includes(name)) {
				duplicate = true;
				continue;
			}

			names.push(name);
		}
	}

	if (spaced) {
		warnings.push(
			'The existing value has spaces around module names. OSCAR does not trim them ("ModuleNames=Caisi, REST" leaves REST off), so the line below has none.',
		);
	}

	if (empty) warnings.push('The existing value has empty entries (",,", or a comma at an end); the line below drops them.');
	if (duplicate) warnings.push('The existing value lists a module twice; the line below lists it once.');
	const caseVariant = names.find(name => name !== module && name.toLowerCase() === module.toLowerCase());
	if (caseVariant !== undefined) {
		warnings.push(
			`"${caseVariant}" is not "${module}": module names are case-sensitive (they name applicationContext${module}.xml). The line below adds "${module}".`,
		);
	}

	const alreadyPresent = names.includes(module);
	if (!alreadyPresent) names.push(module);
	const value = names.join(',');
	return {value, line: `ModuleNames=${value}`, alreadyPresent, warnings};
}
