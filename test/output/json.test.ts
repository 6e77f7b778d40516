import {describe, expect, it} from 'vitest';
import {formatJson, formatJsonChunks, toCheckJson} from '../../source/output/json.js';
import {safeJson} from '../../source/core/untrusted-text.js';
import {fleetReports, instanceReport, now, plantedSecrets, report} from './fixtures.js';
import {schemaValidator} from './helpers/json-schema.js';

const validator = () => schemaValidator('check-schema.json');

const tool = {name: 'oscar-rest', version: '0.1.0'};

describe('check --json', () => {
	it('conforms to the published schema (draft 2020-12) for every status and expiry kind', () => {
		const reports = [
			...fleetReports(),
			report('east', 'unknown-one', 'unknown', {expiresAt: undefined, identity: undefined, latencyMs: undefined, skewSeconds: undefined}),
		];
		const instances = new Map([
			['north', instanceReport('north')],
			['south', instanceReport('south', {fingerprint: undefined, skewSeconds: undefined})],
		]);
		const document = JSON.parse(formatJson(reports, {generatedAt: now, tool, instances})) as unknown;
		const validate = validator();
		expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
	});

	it('summarizes, converts times to ISO and flattens evidence', () => {
		const reports = fleetReports();
		const document = toCheckJson(reports, {generatedAt: now, tool});
		expect(document.schemaVersion).toBe(1);
		expect(document.generatedAt).toBe(new Date(now).toISOString());
		expect(document.summary).toEqual({total: 16, ok: 12, warning: 1, critical: 3, unknown: 0});
		const warning = document.integrations.find(item => item.id === 'north/reminders')!;
		expect(warning.expiresAt).toBe(new Date((Math.floor(now / 1000) + 3 * 86_400) * 1000).toISOString());
		expect(warning.tokenExpiry).toBe('known');
		const ok = document.integrations.find(item => item.id === 'north/app0')!;
		expect(ok).toMatchObject({
			status: 'ok',
			expiresAt: null,
			tokenExpiry: 'never',
			latencyMs: 250,
			skewSeconds: 3,
			checkedAt: new Date(now - 1000).toISOString(),
		});
		expect(ok.evidence).toContainEqual({probe: 'rest-module', label: 'HTTP status', value: '400'});
		expect(ok.evidence).toHaveLength(reports[0]!.probes.flatMap(probe => probe.evidence).length);
		const unknown = toCheckJson([report('x', 'y', 'unknown', {expiresAt: undefined})], {generatedAt: now, tool}).integrations[0]!;
		expect(unknown).toMatchObject({expiresAt: null, tokenExpiry: 'unknown'});
	});

	it('the schema rejects a document that breaks it (the validator is real)', () => {
		const document = JSON.parse(formatJson(fleetReports(), {generatedAt: now, tool})) as {integrations: Array<Record<string, unknown>>};
		document.integrations[0]!.status = 'fine';
		expect(validator()(document)).toBe(false);
	});

	it('redacts resolved secrets wherever they slipped in', () => {
		const text = formatJson(fleetReports(), {generatedAt: now, tool, secrets: plantedSecrets});
		for (const secret of plantedSecrets) expect(text).not.toContain(secret);
		expect(text).toContain('oauth_token=\\"tok\\"'); // the rest of the evidence is intact
	});

	it('is written in pieces that together are exactly safeJson of the document', () => {
		const instances = new Map([['north', instanceReport('north')]]);
		// Server text with the controls JSON.stringify leaves raw (CSI as C1, a bidi override): the pieces escape them too.
		const hostile = [...fleetReports().slice(0, 2), report('north', 'odd', 'critical', {summary: 'refused \u009b2J by \u202Egnirts'})];
		for (const [reports, secrets] of [
			[fleetReports(), []],
			[fleetReports(), plantedSecrets],
			[[], []],
			[fleetReports().slice(0, 1), []],
			[hostile, []],
		] as const) {
			const options = {generatedAt: now, tool, instances, secrets};
			const whole = `${safeJson(toCheckJson(reports, options), 2)}\n`;
			const pieces = [...formatJsonChunks(reports, options)];
			expect(pieces.join('')).toBe(whole);
			expect(formatJson(reports, options)).toBe(whole);
			if (reports.length > 1) expect(pieces.length).toBe(reports.length + 2);
			expect(pieces.join('')).not.toMatch(/[\u009b\u202e]/);
		}
	});
});
