import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {ConfigStore} from '../../source/store/config-store.js';
import {normalizeBaseUrl} from '../../source/core/base-url.js';
import {validateConsumerKey} from '../../source/core/validate.js';
import {addInstance, addIntegration} from '../../source/core/inventory-ops.js';
import {keys} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';

let dir: string;
let store: ConfigStore;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-ui-forms-'));
	store = new ConfigStore(path.join(dir, 'config.json'));
});

afterEach(() => {
	cleanup();
	fs.rmSync(dir, {recursive: true, force: true});
});

function messageOf(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}

	throw new Error('expected the validator to throw');
}

function seed(): void {
	store.update(inventory =>
		addIntegration(addInstance(inventory, {name: 'clinic', baseUrl: 'https://clinic.example/oscar', integrations: []}), 'clinic', {
			name: 'booking',
			consumerKey: 'abcdefgh12345678',
			consumerSecret: 'zz-seeded-SECRET-5150',
			tags: [],
		}),
	);
}

const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('instance form', () => {
	it("shows the CLI's base URL error inline, then saves a valid instance to the config file", async () => {
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('Nothing to show');
		await app.press('i');
		await app.waitFor('Add an OSCAR instance');
		await app.press('clinic');
		await app.waitFor('clinic');
		await app.press(keys.tab);
		await app.press('ftp://oscar example/oscar');
		await app.waitFor('ftp://oscar example/oscar');
		await app.press(keys.enter);
		const expected = messageOf(() => normalizeBaseUrl('ftp://oscar example/oscar'));
		await app.waitFor(`✖ ${expected}`.slice(0, 60));
		expect(flat(app.frame())).toContain(flat(expected));
		expect(store.load().instances).toHaveLength(0);

		for (let n = 0; n < 'ftp://oscar example/oscar'.length; n++) await app.press(keys.backspace);
		await app.waitForNot('ftp://');
		await app.press('https://oscar.example.org/oscar/');
		await app.waitFor('https://oscar.example.org/oscar/');
		await app.press(keys.enter);
		await app.waitFor('Added instance clinic');
		expect(store.load().instances.map(instance => [instance.name, instance.baseUrl])).toEqual([
			['clinic', normalizeBaseUrl('https://oscar.example.org/oscar/')],
		]);
		await app.waitFor(/^›.*clinic/m);
	});

	it('Esc on an untouched form closes it; with typed changes it asks first, n goes back, y discards', async () => {
		seed();
		const before = fs.readFileSync(store.path, 'utf8');
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('booking');
		await app.press('e');
		await app.waitFor('Edit instance clinic');
		await app.press(keys.escape);
		await app.waitFor('Cancelled: nothing was saved');
		await app.press('e');
		await app.waitFor('Edit instance clinic');
		await app.press('-renamed');
		await app.waitFor('clinic-renamed');
		await app.press(keys.escape);
		await app.waitFor('Discard what you typed in this form?');
		await app.press('n');
		await app.waitFor('clinic-renamed');
		expect(app.frame()).toContain('Edit instance clinic');
		await app.press('x');
		await app.waitFor('clinic-renamedx');
		await app.press(keys.escape);
		await app.waitFor('Discard what you typed');
		await app.press('y');
		await app.waitFor('Cancelled: nothing was saved');
		expect(fs.readFileSync(store.path, 'utf8')).toBe(before);
	});
});

describe('integration form', () => {
	it('shows the validate error for a client key with an inner space, and masks the secret', async () => {
		seed();
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('booking');
		await app.press('n');
		await app.waitFor('Add an integration to clinic');
		await app.press('kiosk');
		await app.waitFor('kiosk');
		await app.press(keys.tab, 'abcd efgh12345678');
		await app.waitFor('abcd efgh12345678');
		await app.press(keys.tab, 'zz-typed-SECRET-7781');
		await app.waitFor('********************');
		expect(app.frame()).not.toContain('zz-typed-SECRET-7781');
		await app.press(keys.enter);
		const expected = messageOf(() => validateConsumerKey('abcd efgh12345678'));
		await app.waitFor(`✖ ${expected}`.slice(0, 60));
		expect(flat(app.frame())).toContain(flat(expected));
		expect(store.load().instances[0]!.integrations.map(integration => integration.name)).toEqual(['booking']);
		expect(app.frame()).not.toContain('zz-typed-SECRET-7781');
	});

	it('saves a valid integration', async () => {
		seed();
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('booking');
		await app.press('n');
		await app.waitFor('Add an integration to clinic');
		await app.press('kiosk');
		await app.waitFor('kiosk');
		await app.press(keys.tab, 'abcdefgh87654321');
		await app.waitFor('abcdefgh87654321');
		await app.press(keys.tab, 'zz-typed-SECRET-7781');
		await app.waitFor('********************');
		await app.press(keys.enter);
		await app.waitFor('Added integration clinic/kiosk');
		const saved = store.load().instances[0]!.integrations.find(integration => integration.name === 'kiosk');
		expect(saved?.consumerKey).toBe('abcdefgh87654321');
		expect(saved?.consumerSecret).toBe('zz-typed-SECRET-7781');
		expect(app.frame()).not.toContain('zz-typed-SECRET-7781');
	});
});

describe('secrets in the edit form', () => {
	const token = 'tok-SEEDED-access-0042';

	it('pre-fills the access token masked; ctrl+r shows the secret fields in clear and hides them again; saving keeps it', async () => {
		seed();
		store.update(inventory => ({
			instances: inventory.instances.map(instance => ({
				...instance,
				integrations: instance.integrations.map(integration => ({...integration, accessToken: token})),
			})),
		}));
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('booking');
		await app.press(keys.down);
		await app.waitFor(/^›.*booking/m);
		await app.press('e');
		await app.waitFor('Edit integration clinic/booking');
		expect(app.frame()).toMatch(new RegExp(`Access token +\\*{${token.length}}$`, 'm'));
		expect(app.frame()).not.toContain(token);
		// A secret typed into the form is revealed with it.
		await app.press(keys.tab, keys.tab, 'zz-typed-SECRET-7781');
		await app.waitFor(/Client secret +\*{20}/);
		await app.press(keys.ctrlR);
		await app.waitFor('Secrets shown in clear: ctrl+r hides them.');
		expect(app.frame()).toMatch(new RegExp(`Access token +${token}$`, 'm'));
		expect(app.frame()).toContain('zz-typed-SECRET-7781');
		await app.press(keys.ctrlR);
		await app.waitForNot('Secrets shown in clear');
		expect(app.frame()).not.toContain(token);
		expect(app.frame()).not.toContain('zz-typed-SECRET-7781');
		await app.press(keys.enter);
		await app.waitFor('Saved integration clinic/booking');
		expect(store.load().instances[0]!.integrations[0]).toMatchObject({accessToken: token, consumerSecret: 'zz-typed-SECRET-7781'});
	});

	it('ctrl+r in a form without secrets says why it does nothing', async () => {
		seed();
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('booking');
		await app.press('i');
		await app.waitFor('Add an OSCAR instance');
		await app.press(keys.ctrlR);
		await app.waitFor('this form has no secret fields');
	});
});

describe('remove', () => {
	it('asks first: n keeps, y removes from the config', async () => {
		seed();
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('booking');
		await app.press(keys.down);
		await app.waitFor(/^›.*booking/m);
		await app.press('D');
		await app.waitFor('Remove integration clinic/booking from the config?');
		await app.press('n');
		await app.waitFor('Kept: nothing was removed');
		expect(store.load().instances[0]!.integrations).toHaveLength(1);
		await app.press('D');
		await app.waitFor('Remove integration clinic/booking');
		await app.press('y');
		await app.waitFor('Removed clinic/booking');
		expect(store.load().instances[0]!.integrations).toHaveLength(0);
	});
});

describe('form fields', () => {
	it('a yes/no field is a toggle: Space switches it, y and n set it, other letters type nothing', async () => {
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('Nothing to show');
		await app.press('i', 'clinic', keys.tab, 'clinic.example/oscar', keys.tab, keys.tab);
		await app.waitFor(/› Skip TLS verification +\[ \] no/);
		await app.press(keys.space);
		await app.waitFor(/› Skip TLS verification +\[x\] yes/);
		await app.press('n');
		await app.waitFor(/Skip TLS verification +\[ \] no/);
		await app.press('maybe');
		await app.waitFor(/Skip TLS verification +\[x\] yes/);
		await app.press('x', keys.backspace);
		await app.waitFor(/Skip TLS verification +\[x\] yes/);
		await app.press(keys.enter);
		await app.waitFor('Added instance clinic');
		expect(store.load().instances[0]).toMatchObject({name: 'clinic', insecureTls: true});
	});

	it('shows what a URL without a scheme will be saved as, before saving', async () => {
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('Nothing to show');
		await app.press('i', 'clinic', keys.tab, 'clinic.example/oscar/');
		await app.waitFor('→ will be saved as https://clinic.example/oscar');
		await app.press(keys.enter);
		await app.waitFor('Added instance clinic');
		expect(store.load().instances[0]!.baseUrl).toBe('https://clinic.example/oscar');
	});

	it('refuses a CA file that does not exist or holds no PEM certificate, and takes a PEM one', async () => {
		const notPem = path.join(dir, 'ca.der');
		fs.writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
		const pem = path.join(dir, 'ca.pem');
		fs.writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n');
		const app = await renderApp({store, columns: 220, rows: 40});
		await app.waitFor('Nothing to show');
		await app.press('i', 'clinic', keys.tab, 'https://clinic.example/oscar', keys.tab, path.join(dir, 'missing.pem'), keys.enter);
		await app.waitFor(`✖ CA file ${path.join(dir, 'missing.pem')} does not exist.`);
		await app.waitFor(/› CA file \(PEM\)/);
		for (let n = 0; n < 'missing.pem'.length; n++) await app.press(keys.backspace);
		await app.press('ca.der', keys.enter);
		await app.waitFor(`✖ CA file ${notPem} holds no PEM certificate`);
		expect(store.load().instances).toHaveLength(0);
		for (let n = 0; n < 'ca.der'.length; n++) await app.press(keys.backspace);
		await app.press('ca.pem', keys.enter);
		await app.waitFor('Added instance clinic');
		expect(store.load().instances[0]!.caFile).toBe(pem);
	});

	it('a name already taken puts the cursor on the name, with the reason under it', async () => {
		seed();
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('booking');
		await app.press('i', 'other', keys.tab, 'https://other.example/oscar');
		await app.waitFor('https://other.example/oscar');
		await app.press(keys.backspace, keys.backspace, keys.backspace, keys.backspace, keys.backspace);
		await app.press(keys.shiftTab);
		await app.waitFor(/› Name +other/);
		for (let n = 0; n < 'other'.length; n++) await app.press(keys.backspace);
		await app.press('clinic', keys.tab, keys.tab);
		await app.waitFor(/› CA file/);
		await app.press(keys.enter);
		await app.waitFor(/› Name +clinic/);
		expect(app.frame()).toMatch(/✖ .*clinic/);
		expect(store.load().instances).toHaveLength(1);
	});

	it('refuses a control character in any text field at submit, naming the field and the position', async () => {
		store.update(inventory =>
			addIntegration(addInstance(inventory, {name: 'clinic', baseUrl: 'https://clinic.example/oscar', integrations: []}), 'clinic', {
				name: 'booking',
				consumerKey: 'abcdefgh12345678',
				consumerSecret: 'zz-seeded-SECRET-5150',
				expectedProvider: 'Dr\u001B[2JX',
				tags: [],
			}),
		);
		const app = await renderApp({store, columns: 200, rows: 40});
		await app.waitFor('booking');
		await app.press(keys.down);
		await app.waitFor(/^›.*booking/m);
		await app.press('e');
		await app.waitFor('Edit integration clinic/booking');
		// Shown escaped, never sent to the terminal.
		expect(app.frame()).toContain('Dr\\x1b[2JX');
		expect(app.rawFrame()).not.toContain('\u001B[2J');
		await app.press(keys.enter);
		await app.waitFor('Acts as provider contains a non-printable control character (U+001B) at position 3');
		await app.waitFor(/› Acts as provider/);
	});
});
