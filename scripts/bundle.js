// Bundles the CLI compiled by tsc (dist/cli.js) in place: dist/cli.js becomes an ESM bundle with
// code splitting (lazy chunks in dist/chunks/ for each command and the dashboard UI). Node then
// loads a few large files instead of hundreds of small ones, which roughly halves cold start.
// The other files in dist/ stay as tsc wrote them, for the scripts that import single modules.
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

/** Bundle `entry` into `outdir` the way the CLI is shipped (the benchmark's baseline uses it too). */
export async function bundle(entry, outdir) {
	await build({
		entryPoints: [entry],
		outdir,
		entryNames: '[name]',
		chunkNames: 'chunks/[name]-[hash]',
		allowOverwrite: true,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		logLevel: 'warning',
		// Ink imports the React devtools only when DEV is set: never bundle them.
		external: ['react-devtools-core'],
		// CommonJS dependencies in an ESM bundle still call require() for Node's built-ins.
		banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	await bundle(path.join(root, 'dist/cli.js'), path.join(root, 'dist'));
}
