// Bundles the CLI compiled by tsc (dist/cli.js) in place: dist/cli.js becomes an ESM bundle with
// code splitting (lazy chunks in dist/chunks/ for each command and the dashboard UI). Node then
// loads a few large files instead of hundreds of small ones, which roughly halves cold start.
// The other files in dist/ stay as tsc wrote them, for the scripts that import single modules.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

/** Bundle `entry` into `outdir` the way the CLI is shipped (the benchmark's baseline uses it too). */
export async function bundle(entry, outdir) {
	// Chunk names carry a hash: leave no chunk of an earlier build behind.
	fs.rmSync(path.join(outdir, 'chunks'), {recursive: true, force: true});
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
		// React picks its build with `process.env.NODE_ENV === 'production'`: set at run time only,
		// both builds are still in the bundle and parsed at start (727 KiB of development code).
		// Defined here, the development branches are dead code and left out.
		define: {'process.env.NODE_ENV': '"production"'},
		// CommonJS dependencies in an ESM bundle still call require() for Node's built-ins.
		banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	await bundle(path.join(root, 'dist/cli.js'), path.join(root, 'dist'));
}
