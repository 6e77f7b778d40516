/** Shared by headless commands: open the config and turn domain errors into user errors. */
import {ConfigError, ConfigStore} from '../store/config-store.js';
import {SecretError} from '../store/secrets.js';
import {InventoryError} from '../core/inventory-ops.js';
import {ValidationError} from '../core/validate.js';
import {BaseUrlError} from '../core/base-url.js';
import type {ExitName} from '../core/exit-codes.js';
import type {Inventory} from '../core/model.js';
import {safeText} from '../core/untrusted-text.js';
import {UserError} from './context.js';

/**
 * The config store of a command. Its warnings (a config file others can read) go to `stderr`,
 * escaped: the path is the user's, but it is printed to a terminal.
 */
export function openStore(configPath: string, stderr: NodeJS.WritableStream = process.stderr): ConfigStore {
	return new ConfigStore(configPath, {onWarning: message => stderr.write(`warning: ${safeText(message)}\n`)});
}

/** Load the inventory; a corrupt file stops with its message (exit 'config', or `failWith`, e.g. check's 'unknown'). */
export function loadInventory(store: ConfigStore, failWith: ExitName = 'config'): Inventory {
	try {
		return store.load();
	} catch (error) {
		throw toUserError(error, failWith);
	}
}

/** Run a store update; domain errors (duplicate, not found, invalid input) become usage errors. */
export function updateInventory(store: ConfigStore, mutate: (inventory: Inventory) => Inventory): Inventory {
	try {
		return store.update(mutate);
	} catch (error) {
		throw toUserError(error, 'usage');
	}
}

/** Errors whose message is written for the user (and never contains a secret) pass through as UserErrors. */
export function toUserError(error: unknown, exit: ExitName = 'usage'): unknown {
	if (error instanceof ConfigError) return new UserError(error.message, exit === 'usage' ? 'config' : exit);
	if (
		error instanceof InventoryError ||
		error instanceof ValidationError ||
		error instanceof BaseUrlError ||
		error instanceof SecretError
	) {
		return new UserError(error.message, exit);
	}

	return error;
}
