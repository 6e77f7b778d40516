import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * The package version, read once from package.json. It is looked up from this file's folder
 * upwards, because the module runs from source/, dist/ and the bundle in dist/bundle/.
 */
function readVersion(): string {
	let folder = path.dirname(fileURLToPath(import.meta.url));
	for (let depth = 0; depth < 4; depth++) {
		const candidate = path.join(folder, 'package.json');
		if (fs.existsSync(candidate)) {
			const data = JSON.parse(fs.readFileSync(candidate, 'utf8')) as {name?: string; version?: string};
			if (data.name === 'oscar-rest-dashboard' && data.version) return data.version;
		}

		folder = path.dirname(folder);
	}

	return '0.0.0';
}

export const version: string = readVersion();
