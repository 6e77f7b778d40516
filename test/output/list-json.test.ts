import {describe, expect, it} from 'vitest';
import type {Inventory} from '../../source/core/model.js';
import {formatListJson, toListJson} from '../../source/output/list-json.js';
import {schemaVersions} from '../../source/output/schema-versions.js';
import {outputSchema, schemaValidator} from './helpers/json-schema.js';

const inlineSecret = 'LIST-INLINE-SECRET-k2p9';

/** Every field the document carries, in each of its forms. */
const inventory: Inventory = {
	instances: [
		{
			name: 'maple',
			baseUrl: 'https://emr.maple.example/oscar',
			caFile: '/etc/ssl/maple-ca.pem',
			integrations: [
				{
					name: 'booking',
					consumerKey: 'abcdef0123456789',
					consumerSecret: inlineSecret,
					uri: 'http://127.0.0.1:8765',
					callback: 'http://127.0.0.1:8765/callback',
					accessToken: 'tok',
					tokenSecret: 'env:MAPLE_TOKEN_SECRET',
					expectedProvider: '999001',
					lifetime: -1,
					issuedAt: 1_700_000_000,
					tags: ['booking', 'prod'],
				},
				{name: 'kiosk', consumerKey: 'k', consumerSecret: 'file:/run/secrets/kiosk', tags: []},
			],
		},
		{name: 'cedar', baseUrl: 'http://10.0.0.5:8080/oscar', insecureTls: true, dialect: 'carlos', integrations: []},
	],
};

describe('list --json', () => {
	it('conforms to list-schema.json, every field in each of its forms', () => {
		const validate = schemaValidator('list-schema.json');
		const document = JSON.parse(formatListJson(inventory)) as unknown;
		expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
		expect(JSON.stringify(document)).not.toContain(inlineSecret);
		expect(toListJson(inventory).instances[0]!.integrations.map(item => [item.consumerSecret, item.tokenSecret, item.accessToken])).toEqual(
			[
				['inline (hidden)', 'env:MAPLE_TOKEN_SECRET', 'set'],
				['file:/run/secrets/kiosk', 'not set', 'not set'],
			],
		);
	});

	it('the schema rejects a secret value in place of where it comes from (the validator is real)', () => {
		const document = JSON.parse(formatListJson(inventory)) as {instances: Array<{integrations: Array<Record<string, unknown>>}>};
		document.instances[0]!.integrations[0]!.consumerSecret = inlineSecret;
		expect(schemaValidator('list-schema.json')(document)).toBe(false);
	});
});

describe('schema versions', () => {
	it('come from one table, which each schema file states', () => {
		expect(toListJson(inventory).schemaVersion).toBe(schemaVersions.list);
		expect(outputSchema('list-schema.json').properties.schemaVersion.const).toBe(schemaVersions.list);
		expect(outputSchema('check-schema.json').properties.schemaVersion.const).toBe(schemaVersions.check);
	});
});
