/**
 * Pure operations on the inventory: every change the CLI, the dashboard and import make goes through
 * these, so duplicates and missing names get the same error everywhere. They return new objects and
 * never touch the disk (ConfigStore.update applies them under its lock).
 */
import {type Instance, type Integration, type Inventory, integrationId} from './model.js';
import {hasWildcard, parseSelector, quoteSelector, SelectorSyntaxError} from './selectors.js';
import {validateName} from './validate.js';

type InventoryErrorCode = 'duplicate' | 'not-found' | 'invalid';

/** A change that conflicts with the inventory; the message names the instance/integration. */
export class InventoryError extends Error {
	constructor(
		message: string,
		readonly code: InventoryErrorCode,
	) {
		super(message);
		this.name = 'InventoryError';
	}
}

/** A new instance; its integrations default to none. */
type NewInstance = Omit<Instance, 'integrations'> & {readonly integrations?: readonly Integration[]};
/** A new integration; tags default to none. */
type NewIntegration = Omit<Integration, 'tags'> & {readonly tags?: readonly string[]};
/**
 * Fields to change. A key present with the value `undefined` REMOVES that optional field
 * (e.g. `{accessToken: undefined, tokenSecret: undefined}` forgets a token).
 */
type IntegrationPatch = {readonly [K in keyof Integration]?: Integration[K] | undefined};
type InstancePatch = {readonly [K in keyof Omit<Instance, 'integrations'>]?: Instance[K] | undefined};

/** Split `instance/integration`; undefined when the id is not of that form. */
export function parseIntegrationId(id: string): {instance: string; integration: string} | undefined {
	const parts = id.split('/');
	if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
	return {instance: parts[0]!, integration: parts[1]!};
}

function knownList(names: readonly string[]): string {
	if (names.length === 0) return 'none is configured';
	const shown = names.slice(0, 10).join(', ');
	return `known: ${shown}${names.length > 10 ? `, ... (${names.length} in all)` : ''}`;
}

function requireInstance(inventory: Inventory, name: string): Instance {
	const instance = inventory.instances.find(candidate => candidate.name === name);
	if (!instance) {
		throw new InventoryError(`No instance named "${name}" (${knownList(inventory.instances.map(item => item.name))}).`, 'not-found');
	}

	return instance;
}

function parseIdOrThrow(id: string): {instance: string; integration: string} {
	const parsed = parseIntegrationId(id);
	if (!parsed)
		throw new InventoryError(`"${id}" is not an integration id: write it as INSTANCE/INTEGRATION, e.g. clinic-a/booking.`, 'invalid');
	return parsed;
}

function withTags(integration: NewIntegration): Integration {
	return {...integration, name: validateName(integration.name, 'integration'), tags: [...(integration.tags ?? [])]};
}

function applyPatch<T extends object>(base: T, patch: object): T {
	const result: Record<string, unknown> = {...(base as Record<string, unknown>)};
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) delete result[key];
		else result[key] = value;
	}

	return result as T;
}

function replaceInstance(inventory: Inventory, name: string, next: Instance): Inventory {
	return {...inventory, instances: inventory.instances.map(instance => (instance.name === name ? next : instance))};
}

/**
 * Problems a schema cannot express: duplicate instance names, duplicate integration names within an
 * instance. Returns readable messages (empty when fine); ConfigStore refuses files that have any.
 */
export function findInventoryProblems(inventory: Inventory): string[] {
	const problems: string[] = [];
	const instanceNames = new Set<string>();
	for (const instance of inventory.instances) {
		if (instanceNames.has(instance.name)) problems.push(`instance "${instance.name}" is listed twice`);
		instanceNames.add(instance.name);
		const integrationNames = new Set<string>();
		for (const integration of instance.integrations) {
			if (integrationNames.has(integration.name))
				problems.push(`integration "${integrationId(instance.name, integration.name)}" is listed twice`);
			integrationNames.add(integration.name);
		}
	}

	return problems;
}

/** Add an instance (with any integrations it carries). Duplicate name: InventoryError 'duplicate'. */
export function addInstance(inventory: Inventory, instance: NewInstance): Inventory {
	const name = validateName(instance.name, 'instance');
	if (inventory.instances.some(candidate => candidate.name === name)) {
		throw new InventoryError(`Instance "${name}" already exists.`, 'duplicate');
	}

	const integrations = (instance.integrations ?? []).map(withTags);
	const added: Instance = {...instance, name, integrations};
	const problems = findInventoryProblems({instances: [added]});
	if (problems.length > 0) throw new InventoryError(`Instance "${name}": ${problems.join('; ')}.`, 'duplicate');
	return {...inventory, instances: [...inventory.instances, added]};
}

/** Change fields of an instance (not its integrations). Renaming keeps integration ids consistent. */
export function updateInstance(inventory: Inventory, name: string, patch: InstancePatch): Inventory {
	const instance = requireInstance(inventory, name);
	const next = applyPatch(instance, patch);
	const nextName = validateName(next.name ?? '', 'instance');
	if (nextName !== name && inventory.instances.some(candidate => candidate.name === nextName)) {
		throw new InventoryError(`Instance "${nextName}" already exists.`, 'duplicate');
	}

	return replaceInstance(inventory, name, {...next, name: nextName, integrations: instance.integrations});
}

/** Add an integration to an existing instance. */
export function addIntegration(inventory: Inventory, instanceName: string, integration: NewIntegration): Inventory {
	const instance = requireInstance(inventory, instanceName);
	const added = withTags(integration);
	if (instance.integrations.some(candidate => candidate.name === added.name)) {
		throw new InventoryError(`Integration "${integrationId(instance.name, added.name)}" already exists.`, 'duplicate');
	}

	return replaceInstance(inventory, instance.name, {...instance, integrations: [...instance.integrations, added]});
}

/** Change fields of an integration; `name` in the patch renames it. */
export function updateIntegration(inventory: Inventory, id: string, patch: IntegrationPatch): Inventory {
	const found = findIntegration(inventory, id);
	if (!found) throw notFound(inventory, id);
	const {instance, integration} = found;
	const next = applyPatch(integration, patch);
	const nextName = validateName(next.name ?? '', 'integration');
	if (nextName !== integration.name && instance.integrations.some(candidate => candidate.name === nextName)) {
		throw new InventoryError(`Integration "${integrationId(instance.name, nextName)}" already exists.`, 'duplicate');
	}

	const updated: Integration = {...next, name: nextName, tags: [...(next.tags ?? [])]};
	return replaceInstance(inventory, instance.name, {
		...instance,
		integrations: instance.integrations.map(candidate => (candidate.name === integration.name ? updated : candidate)),
	});
}

/** Remove an instance AND its integrations. */
export function removeInstance(inventory: Inventory, name: string): Inventory {
	requireInstance(inventory, name);
	return {...inventory, instances: inventory.instances.filter(instance => instance.name !== name)};
}

export function removeIntegration(inventory: Inventory, id: string): Inventory {
	const found = findIntegration(inventory, id);
	if (!found) throw notFound(inventory, id);
	const {instance, integration} = found;
	return replaceInstance(inventory, instance.name, {
		...instance,
		integrations: instance.integrations.filter(candidate => candidate.name !== integration.name),
	});
}

export function findIntegration(inventory: Inventory, id: string): {instance: Instance; integration: Integration} | undefined {
	const parsed = parseIntegrationId(id);
	if (!parsed) return undefined;
	const instance = inventory.instances.find(candidate => candidate.name === parsed.instance);
	const integration = instance?.integrations.find(candidate => candidate.name === parsed.integration);
	return instance && integration ? {instance, integration} : undefined;
}

function notFound(inventory: Inventory, id: string): InventoryError {
	const parsed = parseIdOrThrow(id);
	const instance = requireInstance(inventory, parsed.instance);
	return new InventoryError(
		`No integration named "${parsed.integration}" on instance "${instance.name}" (${knownList(instance.integrations.map(item => item.name))}).`,
		'not-found',
	);
}

/** Every integration id, in inventory order. */
export function allIntegrationIds(inventory: Inventory): string[] {
	return inventory.instances.flatMap(instance => instance.integrations.map(integration => integrationId(instance.name, integration.name)));
}

/**
 * Ids matching any of the selectors (`instance`, `instance/integration`, `tag:NAME`, globs with * and ?),
 * in inventory order without repeats. No selectors = everything. A selector that matches nothing is an
 * error naming it: a typo must not silently check less than the user asked for.
 */
export function selectIntegrations(inventory: Inventory, selectors: readonly string[]): string[] {
	if (selectors.length === 0) return allIntegrationIds(inventory);
	const chosen = new Set<string>();
	for (const raw of selectors) {
		let selector;
		try {
			selector = parseSelector(raw);
		} catch (error) {
			if (error instanceof SelectorSyntaxError) throw new InventoryError(error.message, 'invalid');
			throw error;
		}

		let matchedInstances = 0;
		let matches = 0;
		for (const instance of inventory.instances) {
			if (selector.kind !== 'tag' && !selector.instance!.test(instance.name)) continue;
			matchedInstances++;
			for (const integration of instance.integrations) {
				const hit =
					selector.kind === 'tag'
						? integration.tags.some(tag => selector.tag!.test(tag))
						: selector.kind === 'instance' || selector.integration!.test(integration.name);
				if (!hit) continue;
				matches++;
				chosen.add(integrationId(instance.name, integration.name));
			}
		}

		if (matches === 0) throw noMatch(inventory, selector.text, selector.kind, matchedInstances, hasWildcard(selector));
	}

	return allIntegrationIds(inventory).filter(id => chosen.has(id));
}

function noMatch(
	inventory: Inventory,
	text: string,
	kind: 'instance' | 'integration' | 'tag',
	matchedInstances: number,
	wildcard: boolean,
): InventoryError {
	if (kind === 'tag') {
		const tags = [
			...new Set(inventory.instances.flatMap(instance => instance.integrations.flatMap(integration => integration.tags))),
		].sort();
		return new InventoryError(
			`Selector ${quoteSelector(text)} matches no integration (tags in use: ${tags.length > 0 ? tags.join(', ') : 'none'}).`,
			'not-found',
		);
	}

	if (kind === 'instance' && matchedInstances > 0) {
		return new InventoryError(
			`Selector ${quoteSelector(text)} matches ${matchedInstances === 1 ? 'an instance that has' : 'instances that have'} no integrations yet.`,
			'not-found',
		);
	}

	if (kind === 'integration' && matchedInstances > 0) {
		return new InventoryError(
			`Selector ${quoteSelector(text)} matches no integration: the instance part matches but no integration name does.`,
			'not-found',
		);
	}

	const what = wildcard ? 'matches no instance' : 'names no configured instance';
	return new InventoryError(
		`Selector ${quoteSelector(text)} ${what} (${knownList(inventory.instances.map(instance => instance.name))}).`,
		'not-found',
	);
}
