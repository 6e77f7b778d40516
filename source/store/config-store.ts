/**
 * The inventory on disk, through conf (ajv schema, migrations, atomic 0600 writes) with what conf
 * leaves to us: a lock shared by processes, re-reading under that lock before every change, a 0700
 * directory, and refusing a damaged file WITHOUT touching it (it is copied to a backup and named in the
 * error). conf's `clearInvalidConfig` is never used: it would silently start empty and overwrite the
 * user's data on the next write.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {findInventoryProblems, InventoryError} from '../core/inventory-ops.js';
import {describeJsonSyntax} from '../core/json-position.js';
import type {Instance, Integration, Inventory} from '../core/model.js';
import {backupFile, ensurePrivateDirectory, privateFileMode} from './atomic-file.js';
import {permissionProblems, tightenPermissions} from './file-permissions.js';
import {
	type ConfigData, configFormatVersion, configMigrations, configRootSchema, configSchema, describeSchemaViolation,
	migrateV0ToV1, recordedVersion,
} from './config-schema.js';
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

/** The file as written: plain JSON, undefined fields dropped. */
function toFileData(inventory: Inventory): ConfigData {
	return {
		instances: JSON.parse(JSON.stringify(inventory.instances)) as unknown,
		__internal__: {migrations: {version: configFormatVersion}},
	};
}

/** The inventory file. One instance per path; cheap to create (conf is opened lazily). */
export class ConfigStore {
	readonly path: string;
	readonly lockPath: string;
	readonly #options: ConfigStoreOptions;
	readonly #warned = new Set<string>();
	#conf: Conf<ConfigData> | undefined;

	constructor(configPath: string, options: ConfigStoreOptions = {}) {
		this.path = path.resolve(configPath);
		this.lockPath = `${this.path}.lock`;
		this.#options = options;
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
			const existed = current !== undefined;
			if (!existed) fs.rmSync(this.path, {force: true}); // an empty placeholder file: nothing to keep
			try {
				this.#getConf().store = data;
			} catch (error) {
				if (!existed) fs.rmSync(this.path, {force: true}); // conf created it: leave no half-made file
				if (error instanceof Error && error.message.startsWith('Config schema violation:')) {
					throw new InventoryError(`Cannot save: ${describeSchemaViolation(error.message, data).join('; ')}.`, 'invalid');
				}

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
			if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string' && String((error as NodeJS.ErrnoException).path).startsWith(this.lockPath)) {
				throw this.#ioError(error, 'cannot be locked');
			}

			throw error;
		}
	}

	#getConf(): Conf<ConfigData> {
		this.#conf ??= this.#openConf(path.basename(this.path));
		return this.#conf;
	}

	#openConf(fileName: string): Conf<ConfigData> {
		const json = fileName.endsWith('.json');
		return new Conf<ConfigData>({
			cwd: path.dirname(this.path),
			configName: json ? fileName.slice(0, -'.json'.length) : fileName,
			fileExtension: json ? 'json' : '',
			projectSuffix: '',
			configFileMode: privateFileMode,
			accessPropertiesByDotNotation: false,
			clearInvalidConfig: false,
			watch: false,
			schema: configSchema,
			rootSchema: configRootSchema,
			projectVersion: configFormatVersion,
			migrations: configMigrations,
		});
	}

	#ioError(error: unknown, what: string): ConfigError {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EACCES' || code === 'EPERM') {
			return new ConfigError(`${this.path} ${what}: permission denied. The file should belong to you with mode 600 and its directory 700.`, 'permissions', this.path);
		}

		return new ConfigError(`${this.path} ${what}: ${code ?? (error instanceof Error ? error.message : String(error))}.`, 'io', this.path);
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

		return new ConfigError(`${this.path} ${problem}\n${note}\nFix the file (or restore an earlier copy) and run again.`, code, this.path, backup);
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
		let store: Record<string, unknown>;
		try {
			store = this.#getConf().store as Record<string, unknown>;
		} catch (error) {
			throw this.#classifyConfError(error, data);
		}

		return this.#checked(store);
	}

	#checked(store: Record<string, unknown>): Inventory {
		const inventory = normalizeInventory(store);
		const problems = findInventoryProblems(inventory);
		if (problems.length > 0) throw this.#schemaError(problems);
		return inventory;
	}

	#classifyConfError(error: unknown, data: unknown): ConfigError {
		if (error instanceof SyntaxError) return this.#refuse('corrupt', `is not valid JSON: ${describeJsonError(this.#readRaw() ?? '')}.`);
		if (error instanceof Error && error.message.includes('Config schema violation:')) {
			return this.#schemaError(describeSchemaViolation(error.message.slice(error.message.indexOf('Config schema violation:')), data));
		}

		return this.#ioError(error, 'cannot be read');
	}

	/** Under the lock: load, converting an older format first. */
	#loadMigrating(): Inventory | undefined {
		const loaded = this.#loadUnlocked();
		if (loaded !== needsMigration) return loaded;
		this.#migrate();
		const again = this.#loadUnlocked();
		if (again === needsMigration) throw new ConfigError(`${this.path} could not be converted to format ${configFormatVersion}.`, 'io', this.path);
		return again;
	}

	/**
	 * Run conf's migrations on a scratch copy next to the file; only a copy that migrates AND validates
	 * replaces the original (after a `.pre-<version>-<time>.bak` backup). A failure leaves the original as it was.
	 */
	#migrate(): void {
		const raw = this.#readRaw() ?? '';
		const data = this.#parse(raw);
		const directory = path.dirname(this.path);
		const scratchName = `.${path.basename(this.path)}.migrating-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
		const scratch = path.join(directory, scratchName);
		fs.writeFileSync(scratch, raw, {flag: 'wx', mode: privateFileMode});
		try {
			let migrated: Conf<ConfigData>;
			try {
				migrated = this.#openConf(scratchName);
			} catch (error) {
				const instances = isPlainObject(data) ? migrateV0ToV1(data.instances) : undefined;
				throw this.#classifyConfError(error, {...(isPlainObject(data) ? data : {}), instances});
			}

			this.#checked(migrated.store as Record<string, unknown>);
			backupFile(this.path, `pre-${configFormatVersion}`);
			fs.renameSync(scratch, this.path);
		} finally {
			fs.rmSync(scratch, {force: true});
		}
	}
}
