/** A strict JSON Schema (draft 2020-12) validator for the documented outputs in source/output/. */
import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** The schema file `source/output/NAME`, parsed. */
export function outputSchema(name: 'check-schema.json' | 'list-schema.json'): {properties: {schemaVersion: {const: number}}} {
	return JSON.parse(readFileSync(new URL(`../../../source/output/${name}`, import.meta.url), 'utf8')) as {
		properties: {schemaVersion: {const: number}};
	};
}

export function schemaValidator(name: 'check-schema.json' | 'list-schema.json') {
	const ajv = new Ajv2020({strict: true, allErrors: true});
	// ajv-formats is CommonJS: under NodeNext its default import is the module object.
	const plugin = addFormatsModule as unknown as {default?: (ajv: Ajv2020) => Ajv2020} & ((ajv: Ajv2020) => Ajv2020);
	(plugin.default ?? plugin)(ajv);
	return ajv.compile(outputSchema(name));
}
