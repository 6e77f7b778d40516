import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/** A fresh temp directory, removed by the returned cleanup. */
export function makeTempDir(): {dir: string; cleanup: () => void} {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-store-'));
	return {dir, cleanup: () => fs.rmSync(dir, {recursive: true, force: true})};
}

export function mode(file: string): number {
	return fs.statSync(file).mode & 0o777;
}

const repo = path.resolve(import.meta.dirname, '../..');

/**
 * Transpile the store's modules (no type check) to plain ESM in `outDir`, with `node_modules` linked,
 * so child processes run the real ConfigStore without depending on a full `npm run build` of the
 * whole (concurrently edited) project.
 */
export function buildStoreModules(outDir: string): void {
	// config-store.ts and every module it imports, followed through relative imports.
	const pending = ['store/config-store.ts'];
	const done = new Set<string>();
	while (pending.length > 0) {
		const file = pending.pop()!;
		if (done.has(file)) continue;
		done.add(file);
		const source = fs.readFileSync(path.join(repo, 'source', file), 'utf8');
		for (const match of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
			pending.push(path.posix.join(path.posix.dirname(file), `${match[1]!}.ts`));
		}

		const output = ts.transpileModule(source, {
			compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true},
			fileName: file,
		});
		const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
		fs.mkdirSync(path.dirname(target), {recursive: true});
		fs.writeFileSync(target, output.outputText);
	}

	fs.writeFileSync(path.join(outDir, 'package.json'), '{"type": "module"}\n');
	fs.symlinkSync(path.join(repo, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
}
