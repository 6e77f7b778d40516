import {describe, expect, it} from 'vitest';
import {
	addInstance,
	addIntegration,
	allIntegrationIds,
	findIntegration,
	findInventoryProblems,
	InventoryError,
	removeInstance,
	removeIntegration,
	selectIntegrations,
	updateInstance,
	updateIntegration,
} from '../../source/core/inventory-ops.js';
import type {Inventory} from '../../source/core/model.js';
import {ValidationError} from '../../source/core/validate.js';

const key = 'ab12cd34ef56gh78';

function fleet(): Inventory {
	let inventory: Inventory = {instances: []};
	for (const [name, integrations] of [
		['clinic-a', ['booking', 'kiosk']],
		['clinic-b', ['booking', 'reminders']],
		['lab', []],
		['hospital', ['booking']],
	] as const) {
		inventory = addInstance(inventory, {name, baseUrl: `https://${name}.example/oscar`});
		for (const integration of integrations) {
			inventory = addIntegration(inventory, name, {
				name: integration,
				consumerKey: key,
				consumerSecret: 'x',
				tags: integration === 'booking' ? ['online', 'prod'] : ['prod'],
			});
		}
	}

	return inventory;
}

function inventoryError(action: () => unknown): InventoryError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(InventoryError);
		return error as InventoryError;
	}

	throw new Error('expected an InventoryError');
}

describe('inventory operations', () => {
	it('adds instances and integrations without mutating the input', () => {
		const before: Inventory = {instances: []};
		const after = addIntegration(addInstance(before, {name: 'c', baseUrl: 'https://c.example/oscar'}), 'c', {
			name: 'i',
			consumerKey: key,
			consumerSecret: 's',
		});
		expect(before.instances).toHaveLength(0);
		expect(after.instances[0]?.integrations[0]).toEqual({name: 'i', consumerKey: key, consumerSecret: 's', tags: []});
	});

	it('refuses duplicates with code duplicate', () => {
		const inventory = fleet();
		expect(inventoryError(() => addInstance(inventory, {name: 'clinic-a', baseUrl: 'https://x.example/oscar'})).code).toBe('duplicate');
		const error = inventoryError(() => addIntegration(inventory, 'clinic-a', {name: 'booking', consumerKey: key, consumerSecret: 's'}));
		expect(error.code).toBe('duplicate');
		expect(error.message).toBe('Integration "clinic-a/booking" already exists.');
		expect(inventoryError(() => updateIntegration(inventory, 'clinic-a/kiosk', {name: 'booking'})).code).toBe('duplicate');
		expect(inventoryError(() => updateInstance(inventory, 'clinic-a', {name: 'lab'})).code).toBe('duplicate');
	});

	it('validates names through validateName', () => {
		expect(() => addInstance({instances: []}, {name: 'a b', baseUrl: 'https://x/oscar'})).toThrow(ValidationError);
	});

	it('reports unknown instances and integrations with what exists', () => {
		const inventory = fleet();
		const error = inventoryError(() => addIntegration(inventory, 'clinic-z', {name: 'x', consumerKey: key, consumerSecret: 's'}));
		expect(error.code).toBe('not-found');
		expect(error.message).toContain('known: clinic-a, clinic-b, lab, hospital');
		expect(inventoryError(() => removeIntegration(inventory, 'clinic-a/nope')).message).toContain('known: booking, kiosk');
		expect(inventoryError(() => removeIntegration(inventory, 'no-slash')).code).toBe('invalid');
		expect(inventoryError(() => removeInstance(inventory, 'nope')).code).toBe('not-found');
	});

	it('updates with patches where undefined removes a field', () => {
		let inventory = updateIntegration(fleet(), 'clinic-a/booking', {accessToken: 'tok', tokenSecret: 'ts', lifetime: -1});
		expect(findIntegration(inventory, 'clinic-a/booking')?.integration).toMatchObject({
			accessToken: 'tok',
			tokenSecret: 'ts',
			lifetime: -1,
		});
		inventory = updateIntegration(inventory, 'clinic-a/booking', {accessToken: undefined, tokenSecret: undefined});
		const integration = findIntegration(inventory, 'clinic-a/booking')?.integration;
		expect(integration).not.toHaveProperty('accessToken');
		expect(integration).toHaveProperty('lifetime', -1);
		inventory = updateIntegration(inventory, 'clinic-a/booking', {name: 'booking2'});
		expect(findIntegration(inventory, 'clinic-a/booking2')).toBeDefined();
		expect(findIntegration(inventory, 'clinic-a/booking')).toBeUndefined();
	});

	it('removes instances with their integrations, and single integrations', () => {
		const inventory = fleet();
		expect(allIntegrationIds(removeInstance(inventory, 'clinic-a'))).toEqual([
			'clinic-b/booking',
			'clinic-b/reminders',
			'hospital/booking',
		]);
		expect(allIntegrationIds(removeIntegration(inventory, 'clinic-b/booking'))).toEqual([
			'clinic-a/booking',
			'clinic-a/kiosk',
			'clinic-b/reminders',
			'hospital/booking',
		]);
	});

	it('findInventoryProblems spots duplicates a schema cannot', () => {
		const inventory: Inventory = {
			instances: [
				{
					name: 'a',
					baseUrl: 'https://a/oscar',
					integrations: [
						{name: 'x', consumerKey: key, consumerSecret: 's', tags: []},
						{name: 'x', consumerKey: key, consumerSecret: 's', tags: []},
					],
				},
				{name: 'a', baseUrl: 'https://a/oscar', integrations: []},
			],
		};
		expect(findInventoryProblems(inventory)).toEqual(['integration "a/x" is listed twice', 'instance "a" is listed twice']);
	});
});

describe('selectIntegrations', () => {
	const inventory = fleet();

	it('selects everything with no selectors', () => {
		expect(selectIntegrations(inventory, [])).toHaveLength(5);
	});

	it('selects by instance, id, tag and globs, in inventory order without repeats', () => {
		expect(selectIntegrations(inventory, ['clinic-b'])).toEqual(['clinic-b/booking', 'clinic-b/reminders']);
		expect(selectIntegrations(inventory, ['hospital/booking', 'clinic-a/kiosk'])).toEqual(['clinic-a/kiosk', 'hospital/booking']);
		expect(selectIntegrations(inventory, ['clinic-*/booking'])).toEqual(['clinic-a/booking', 'clinic-b/booking']);
		expect(selectIntegrations(inventory, ['clinic-?/*', 'clinic-a'])).toEqual([
			'clinic-a/booking',
			'clinic-a/kiosk',
			'clinic-b/booking',
			'clinic-b/reminders',
		]);
		expect(selectIntegrations(inventory, ['tag:online'])).toEqual(['clinic-a/booking', 'clinic-b/booking', 'hospital/booking']);
		expect(selectIntegrations(inventory, ['*/re*'])).toEqual(['clinic-b/reminders']);
	});

	it('treats glob metacharacters of regular expressions literally', () => {
		expect(() => selectIntegrations(inventory, ['clinic.a'])).toThrow(/names no configured instance/);
	});

	it('names a selector that matches nothing', () => {
		expect(inventoryError(() => selectIntegrations(inventory, ['clinic-a', 'clinc-a'])).message).toBe(
			'Selector "clinc-a" names no configured instance (known: clinic-a, clinic-b, lab, hospital).',
		);
		expect(inventoryError(() => selectIntegrations(inventory, ['tag:nope'])).message).toContain('tags in use: online, prod');
		expect(inventoryError(() => selectIntegrations(inventory, ['lab'])).message).toContain('no integrations yet');
		expect(inventoryError(() => selectIntegrations(inventory, ['clinic-*/zzz'])).message).toContain('no integration name does');
		expect(inventoryError(() => selectIntegrations(inventory, ['x*'])).message).toContain('"x*" matches no instance');
	});

	it('rejects malformed selectors', () => {
		expect(inventoryError(() => selectIntegrations(inventory, ['a/b/c'])).code).toBe('invalid');
		expect(inventoryError(() => selectIntegrations(inventory, ['a b'])).message).toContain("contains ' '");
		expect(inventoryError(() => selectIntegrations(inventory, ['clinic-a/'])).message).toContain('empty integration part');
	});
});
