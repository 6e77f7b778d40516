/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium. A missing
 * browser fails the test with how to install it, instead of a bare launch error.
 */
import fs from 'node:fs';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
	const file = env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!fs.existsSync(file)) {
		throw new Error(
			`Chromium not found at ${file}: install it (Debian: apt-get install chromium), or set CHROMIUM_PATH to its executable.`,
		);
	}

	return file;
}
