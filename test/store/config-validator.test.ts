import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {generateValidator, generatedPath} from '../../scripts/compile-validator.js';
import {validate} from '../../source/store/config-validator.generated.js';

describe('the precompiled config validator', () => {
	it('is generated from the current schema (npm run build regenerates it)', async () => {
		expect(fs.readFileSync(generatedPath, 'utf8')).toBe(await generateValidator());
	});

	it('checks the file as conf did: unknown keys, names, required fields, with every error', () => {
		expect(
			validate({
				instances: [{name: 'a', baseUrl: 'https://a.example/oscar', integrations: [{name: 'b', consumerKey: 'k', consumerSecret: 's'}]}],
			}),
		).toBe(true);
		expect(validate({instance: []})).toBe(false);
		expect(validate({instances: [{name: 'bad name', baseUrl: 'ftp://x', integrations: [{name: 'b'}]}]})).toBe(false);
		const errors = (validate as unknown as {errors: Array<{instancePath: string}>}).errors;
		expect(errors.map(error => error.instancePath)).toEqual(
			expect.arrayContaining(['/instances/0/name', '/instances/0/baseUrl', '/instances/0/integrations/0']),
		);
	});
});
