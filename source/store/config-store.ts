/**
 * The inventory on disk: a JSON file (tab-indented, conf's layout and `__internal__` version marker),
 * validated by a schema precompiled at build time, written by conf (atomically, 0600) under a lock
 * shared by processes, re-read under that lock before every change, in a 0700 directory. A damaged
 * file is refused WITHOUT being touched (it is copied to a backup and named in the error); nothing
 * ever silently starts empty over the user's data.
 *
 * Reads do not use conf: its constructor compiled the schema with ajv (~130 ms) and read the file
 * several times, and importing it evaluated ajv (~60 ms at every start). They parse the file once
 * and validate it once with the precompiled validator; conf is loaded on the first write only and
 * constructed without a schema (config-writer.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import {describeFileError} from '../core/file-errors.js';
import {findInventoryProblems, InventoryError} from '../core/inventory-ops.js';
import {describeJsonSyntax} from '../core/json-position.js';
import type {Instance, Integration, Inventory} from '../core/model.js';
import {backupFile, ensurePrivateDirectory} from './atomic-file.js';
import {permissionProblems, tightenPermissions} from './file-permissions.js';
import {type ConfigData, configFormatVersion, describeSchemaViolation, migrateV0ToV1, recordedVersion} from './config-schema.js';
import {validate as generatedValidate} from './config-validator.generated.js';
import {ConfigWriter} from './config-writer.js';
import {LockTimeoutError, withFileLock} from './file-lock.js';

export type ConfigErrorCode = 'corrupt' | 'schema' | 'permissions' | 'io' | 'locked' | 'version';

/** The config file cannot be used. The message names the file, the problem and the backup, if one was made. */
export class ConfigError extends Error {
	constructor(
		message: string,
		readonly code: ConfigErrorCode,
		readonly file: string,
		readonly backup?: string,
	) {
		super(message);
		this.name = 'ConfigError';
	}
}

export interface ConfigStoreOptions {
	/** How long update() waits for another process's lock (default 10 s). */
	readonly lockTimeoutMs?: number;
	/** A lock older than this is considered abandoned (default 30 s). */
	readonly staleLockMs?: number;
	/**
	 * Told about a config file or directory that others can read (once per message per store): the
	 * commands print it on stderr, like ssh does for a private key that is not private.
	 */
	readonly onWarning?: (message: string) => void;
}

const needsMigration = Symbol('needs-migration');
type Loaded = Inventory | undefined | typeof needsMigration;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareVersions(a: string, b: string): number | undefined {
	const parse = (version: string) => /^(\d+)\.(\d+)\.(\d+)$/.exec(version)?.slice(1).map(Number);
	const left = parse(a);
	const right = parse(b);
	if (!left || !right) return undefined;
	for (let index = 0; index < 3; index++) {
		const difference = (left[index] ?? 0) - (right[index] ?? 0);
		if (difference !== 0) return Math.sign(difference);
	}

	return 0;
}

/**
 * A JSON.parse failure, described without quoting the file's text (it holds secrets): Node's own
 * message quotes the text around the error, so the position comes from our scanner instead.
 */
function describeJsonError(raw: string): string {
	if (raw.trim() === '') return 'the file is empty';
	return describeJsonSyntax(raw);
}

function normalizeIntegration(integration: Integration): Integration {
	return {...integration, tags: [...(integration.tags ?? [])]};
}

function normalizeInventory(data: Record<string, unknown>): Inventory {
	const instances = (Array.isArray(data.instances) ? data.instances : []) as Instance[];
	return {
		instances: instances.map(instance => ({...instance, integrations: (instance.integrations ?? []).map(normalizeIntegration)})),
	};
}

/** ajv's standalone validator: a function with the last call's errors on it. */
const validate = generatedValidate as unknown as ((data: unknown) => boolean) & {
	errors?: Array<{instancePath: string; message?: string}> | null;
};

/**
 * The schema check, with the precompiled validator (built from config-schema.ts at build time):
 * undefined when valid, else conf's "Config schema violation: ..." message, which
 * describeSchemaViolation turns into readable lines.
 */
function schemaViolation(data: unknown): string | undefined {
	if (validate(data)) return undefined;
	const errors = validate.errors ?? [];
	return `Config schema violation: ${errors.map(({instancePath, message = ''}) => `\`${instancePath.slice(1)}\` ${message}`).join('; ')}`;
}

/** The file as written: plain JSON, undefined fields dropped. */
function toFileData(inventory: Inventory): ConfigData {
	return {
		instances: JSON.parse(JSON.stringify(inventory.instances)) as unknown,
		__internal__: {migrations: {version: configFormatVersion}},
	};
}

/** The inventory file. One instance per path; cheap to create (nothing is read or loaded until asked). */
export class ConfigStore {
	readonly path: string;
	readonly lockPath: string;
	readonly #options: ConfigStoreOptions;
	readonly #warned = new Set<string>();
	readonly #writer: ConfigWriter;

	constructor(configPath: string, options: ConfigStoreOptions = {}) {
		this.path = path.resolve(configPath);
		this.lockPath = `${this.path}.lock`;
		this.#options = options;
		this.#writer = new ConfigWriter(this.path);
	}

	/** The inventory on disk. A missing (or empty) file is an empty inventory; nothing is created. */
	load(): Inventory {
		this.#warnAboutPermissions();
		const loaded = this.#loadUnlocked();
		if (loaded !== needsMigration) return loaded ?? {instances: []};
		ensurePrivateDirectory(path.dirname(this.path));
		return this.#withLock(() => this.#loadMigrating()) ?? {instances: []};
	}

	/**
	 * Change the inventory safely against other processes: take the lock, re-read the file, apply
	 * `mutate` (pure: it may run on newer data than the caller last saw), validate, write atomically
	 * (0600), release. Errors thrown by `mutate` leave the file untouched.
	 */
	update(mutate: (inventory: Inventory) => Inventory): Inventory {
		const directory = path.dirname(this.path);
		try {
			ensurePrivateDirectory(directory);
		} catch (error) {
			throw this.#ioError(error, `cannot create the directory ${directory}`);
		}

		return this.#withLock(() => {
			const current = this.#loadMigrating();
			const next = normalizeInventory(mutate(current ?? {instances: []}) as unknown as Record<string, unknown>);
			const problems = findInventoryProblems(next);
			if (problems.length > 0) throw new InventoryError(`Cannot save: ${problems.join('; ')}.`, 'duplicate');
			const data = toFileData(next);
			const violation = schemaViolation(data);
			if (violation) throw new InventoryError(`Cannot save: ${describeSchemaViolation(violation, data).join('; ')}.`, 'invalid');
			// An empty file is an empty inventory here; conf's first read would refuse it as invalid JSON.
			if (current === undefined) fs.rmSync(this.path, {force: true});
			try {
				this.#writer.write(data);
			} catch (error) {
				throw this.#ioError(error, 'cannot be written');
			}

			// conf wrote the file 0600; a directory others can read is tightened too (file-permissions.ts says when).
			tightenPermissions(this.path);
			return next;
		});
	}

	/** Warn about a file (or dedicated directory) others can read; once per message per store. */
	#warnAboutPermissions(): void {
		const warn = this.#options.onWarning;
		if (!warn) return;
		for (const message of permissionProblems(this.path)) {
			if (this.#warned.has(message)) continue;
			this.#warned.add(message);
			warn(message);
		}
	}

	#withLock<T>(action: () => T): T {
		try {
			return withFileLock(this.lockPath, action, {timeoutMs: this.#options.lockTimeoutMs, staleMs: this.#options.staleLockMs});
		} catch (error) {
			if (error instanceof LockTimeoutError) {
				throw new ConfigError(`${this.path} is being changed by another process: ${error.message}`, 'locked', this.path);
			}

			// fs failures of the lock file itself (not errors thrown by the action, which pass through)
			if (
				error instanceof Error &&
				typeof (error as NodeJS.ErrnoException).syscall === 'string' &&
				String((error as NodeJS.ErrnoException).path).startsWith(this.lockPath)
			) {
				throw this.#ioError(error, 'cannot be locked');
			}

			throw error;
		}
	}

	#ioError(error: unknown, what: string): ConfigError {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EACCES' || code === 'EPERM') {
			return new ConfigError(
				`${this.path} ${what}: permission denied. The file should belong to you with mode 600 and its directory 700.`,
				'permissions',
				this.path,
			);
		}

		return new ConfigError(`${this.path} ${what}: ${describeFileError(error)}.`, 'io', this.path);
	}

	#readRaw(): string | undefined {
		try {
			return fs.readFileSync(this.path, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			if ((error as NodeJS.ErrnoException).code === 'EISDIR') {
				throw new ConfigError(`${this.path} is a directory, not a config file.`, 'io', this.path);
			}

			throw this.#ioError(error, 'cannot be read');
		}
	}

	/** Copy the bad file aside (never modifying it) and build the error that names both. */
	#refuse(code: 'corrupt' | 'schema', problem: string): ConfigError {
		let backup: string | undefined;
		let note: string;
		try {
			backup = backupFile(this.path, 'corrupt');
			note = `The file was left untouched; a copy is at ${backup}.`;
		} catch (error) {
			note = `The file was left untouched (a backup copy could not be made: ${(error as NodeJS.ErrnoException).code ?? 'error'}).`;
		}

		return new ConfigError(
			`${this.path} ${problem}\n${note}\nFix the file (or restore an earlier copy) and run again.`,
			code,
			this.path,
			backup,
		);
	}

	#schemaError(lines: readonly string[]): ConfigError {
		return this.#refuse('schema', `does not match the expected format:\n${lines.map(line => `  - ${line}`).join('\n')}`);
	}

	#parse(raw: string): unknown {
		try {
			return JSON.parse(raw) as unknown;
		} catch {
			throw this.#refuse('corrupt', `is not valid JSON: ${describeJsonError(raw)}.`);
		}
	}

	/** undefined = no file (or an empty one); needsMigration = an older format to convert under the lock. */
	#loadUnlocked(): Loaded {
		const raw = this.#readRaw();
		if (raw === undefined || raw.trim() === '') return undefined;
		const data = this.#parse(raw);
		if (!isPlainObject(data)) {
			throw this.#schemaError(['the top level must be an object like {"instances": [...]}']);
		}

		const version = recordedVersion(data);
		if (version === undefined) return needsMigration;
		const order = compareVersions(version, configFormatVersion);
		if (order === undefined) throw this.#schemaError([`__internal__ > migrations > version "${version}" is not a version number`]);
		if (order > 0) {
			throw new ConfigError(
				`${this.path} was written by a newer oscar-rest (file format ${version}; this one reads ${configFormatVersion}). Upgrade oscar-rest; the file was not changed.`,
				'version',
				this.path,
			);
		}

		if (order < 0) return needsMigration;
		// Parsed once, validated once: conf is not involved in reading.
		const violation = schemaViolation(data);
		if (violation) throw this.#schemaError(describeSchemaViolation(violation, data));
		return this.#checked(data);
	}

	#checked(store: Record<string, unknown>): Inventory {
		const inventory = normalizeInventory(store);
		const problems = findInventoryProblems(inventory);
		if (problems.length > 0) throw this.#schemaError(problems);
		return inventory;
	}

	/** Under the lock: load, converting an older format first. */
	#loadMigrating(): Inventory | undefined {
		const loaded = this.#loadUnlocked();
		if (loaded !== needsMigration) return loaded;
		this.#migrate();
		const again = this.#loadUnlocked();
		if (again === needsMigration)
			throw new ConfigError(`${this.path} could not be converted to format ${configFormatVersion}.`, 'io', this.path);
		return again;
	}

	/**
	 * Convert an older format (v0: keyed objects, see config-schema.ts): only data that converts AND
	 * validates replaces the original, after a `.pre-<version>-<time>.bak` backup, written like every
	 * other change (atomically, by conf). A failure leaves the original as it was.
	 */
	#migrate(): void {
		const raw = this.#readRaw() ?? '';
		const data = this.#parse(raw);
		if (!isPlainObject(data)) throw this.#schemaError(['the top level must be an object like {"instances": [...]}']);
		const migrated: ConfigData = {
			...data,
			...(data.instances === undefined ? {} : {instances: migrateV0ToV1(data.instances)}),
			__internal__: {...(isPlainObject(data.__internal__) ? data.__internal__ : {}), migrations: {version: configFormatVersion}},
		};
		const violation = schemaViolation(migrated);
		if (violation) throw this.#schemaError(describeSchemaViolation(violation, migrated));
		this.#checked(migrated);
		backupFile(this.path, `pre-${configFormatVersion}`);
		try {
			this.#writer.write(migrated);
		} catch (error) {
			throw this.#ioError(error, `cannot be converted to format ${configFormatVersion}`);
		}
	}
}
