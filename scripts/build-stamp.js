// Build once, then only when something changed: `npm ci` builds in `prepare`, and `npm run demo` and
// `npm test` start from the built files as long as they are current, instead of spending 30-50 s
// rebuilding the same thing. "Current" is decided by content, not by dates: a hash of everything
// the build reads (source/, the bundle script, the tsconfigs, the lock file) is stored next to the
// output by `npm run build`, and compared here.
//
//   node scripts/build-stamp.js           build when dist/ is missing or stale, else say it is current
//                                         (`npm run demo` calls ensureBuilt() itself: one process less)
//   node scripts/build-stamp.js --start   the build's first step: forget the old stamp, note the hash of what is built
//   node scripts/build-stamp.js --write   the build's last step: that hash becomes the stamp (an edit made
//                                         while the build ran makes the next check build again)
import {spawnSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist', '.build-hash');
const nextStampFile = `${stampFile}.next`;
const inputs = [
	'source',
	'scripts/bundle.js',
	'scripts/compile-validator.js',
	'patches',
	'tsconfig.json',
	'tsconfig.build.json',
	'package.json',
	'package-lock.json',
];

/** Every file under `entry` (or `entry` itself), relative to `base`, sorted. */
function filesOf(base, entry) {
	const absolute = path.join(base, entry);
	if (!fs.existsSync(absolute)) return [];
	if (!fs.statSync(absolute).isDirectory()) return [entry];
	return fs
		.readdirSync(absolute, {recursive: true, withFileTypes: true})
		.filter(dirent => dirent.isFile())
		.map(dirent => path.relative(base, path.join(dirent.parentPath ?? dirent.path, dirent.name)))
		.sort();
}

/** The hash of every input's path and content under `from` (the project by default). */
export function sourceHash(from = root) {
	const hash = crypto.createHash('sha256');
	for (const file of inputs.flatMap(entry => filesOf(from, entry))) {
		hash.update(`${file}\0`);
		hash.update(fs.readFileSync(path.join(from, file)));
		hash.update('\0');
	}

	return hash.digest('hex');
}

function storedHash() {
	try {
		return fs.readFileSync(stampFile, 'utf8').trim();
	} catch {
		return undefined;
	}
}

/** Build when dist/ is missing or stale; true when dist/ is current afterwards. */
export function ensureBuilt() {
	if (fs.existsSync(path.join(root, 'dist', 'cli.js')) && storedHash() === sourceHash()) {
		process.stderr.write('dist/ is current: not rebuilding (npm run build forces it).\n');
		return true;
	}

	process.stderr.write('dist/ is missing or older than the sources: building.\n');
	const [command, prefix] = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
	return spawnSync(command, [...prefix, 'run', 'build'], {cwd: root, stdio: 'inherit'}).status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (process.argv.includes('--start')) {
		fs.mkdirSync(path.dirname(stampFile), {recursive: true});
		fs.rmSync(stampFile, {force: true});
		fs.writeFileSync(nextStampFile, `${sourceHash()}\n`);
	} else if (process.argv.includes('--write')) {
		fs.renameSync(nextStampFile, stampFile);
	} else if (!ensureBuilt()) {
		process.exitCode = 1;
	}
}
