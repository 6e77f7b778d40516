/**
 * The config file's writer: conf, which writes atomically through `atomically` (a temp file next to
 * the config, fsync, rename; mode 0600; a symlinked config keeps its link and its target is
 * replaced). It is loaded on the first write, never before: reads parse and validate the file
 * themselves with the precompiled validator, so a command that only reads, and the dashboard's
 * first frame, never load conf, ajv or atomically (importing them cost ~60 ms and ~15 MB at start).
 *
 * conf is constructed WITHOUT a schema or migrations: the store has validated the data (and
 * converted an older file) before it asks for a write, so conf compiles nothing.
 */
import {createRequire} from 'node:module';
import path from 'node:path';
import type Conf from 'conf';
import {privateFileMode} from './atomic-file.js';
import type {ConfigData} from './config-schema.js';

type ConfClass = typeof Conf;

let confClass: ConfClass | undefined;

/**
 * conf, required on first use. Synchronously: the store writes inside a synchronous update(), under
 * a file lock. Node 20.19 and later (this package's engines) load an ES module with require().
 */
function loadConf(): ConfClass {
	confClass ??= (createRequire(import.meta.url)('conf') as {default: ConfClass}).default;
	return confClass;
}

/** Writes one config file through conf; nothing is loaded until the first write. */
export class ConfigWriter {
	readonly #file: string;
	#conf: Conf<ConfigData> | undefined;

	constructor(file: string) {
		this.#file = file;
	}

	/** Replace the file with `data` (tab-indented JSON, as conf writes it), atomically and 0600. */
	write(data: ConfigData): void {
		this.#conf ??= this.#open();
		this.#conf.store = data;
	}

	#open(): Conf<ConfigData> {
		const ConfClass = loadConf();
		const fileName = path.basename(this.#file);
		const json = fileName.endsWith('.json');
		return new ConfClass<ConfigData>({
			cwd: path.dirname(this.#file),
			configName: json ? fileName.slice(0, -'.json'.length) : fileName,
			fileExtension: json ? 'json' : '',
			projectSuffix: '',
			configFileMode: privateFileMode,
			// Host and integration names hold dots: keys are never paths.
			accessPropertiesByDotNotation: false,
			// Never: it would start empty over the user's data (the store refuses a damaged file first anyway).
			clearInvalidConfig: false,
			watch: false,
		});
	}
}
