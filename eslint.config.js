// Lint: typescript-eslint recommended, plus the layer rules. Each folder of source/ is a layer and
// imports only the layers below it (the README's "Layout" says why); Ink and React stay in the UI,
// so headless commands never load them, and the core stays pure (no network, files or processes).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The layers and root files of source/, and what each may import. */
const layers = {
	core: {allowed: [], rule: 'source/core is the pure domain: it imports no other layer of the project'},
	oscar: {allowed: ['core'], rule: 'source/oscar (the protocol) imports only core'},
	checks: {allowed: ['oscar', 'core'], rule: 'source/checks (the engine) imports only oscar and core'},
	onboarding: {allowed: ['oscar', 'callback', 'core'], rule: 'source/onboarding imports only oscar, callback and core'},
	store: {allowed: ['core'], rule: 'source/store imports only core'},
	output: {allowed: ['core'], rule: 'source/output imports only core'},
	callback: {allowed: ['core'], rule: 'source/callback imports only core'},
	simulator: {
		allowed: ['core'],
		rule: "source/simulator imports only core (never oscar: its signature checks must not share the client's code)",
	},
	ui: {
		allowed: ['core', 'oscar', 'checks', 'onboarding', 'store', 'output', 'callback'],
		rule: 'source/ui never imports commands, app.tsx or cli.ts (they sit on top of it)',
	},
	commands: {
		allowed: ['core', 'oscar', 'checks', 'onboarding', 'store', 'output', 'callback', 'simulator', 'ui', 'app', 'version'],
		rule: 'source/commands never imports cli.ts (it dispatches to them)',
	},
};
const everything = [...Object.keys(layers), 'app', 'cli', 'version'];
const withoutInk = new Set(['core', 'oscar', 'checks', 'onboarding', 'store', 'output', 'callback', 'simulator', 'commands']);

const ink = [
	{name: 'ink', message: 'Only source/ui and app.tsx may import Ink: headless commands must never load it.'},
	{name: 'react', message: 'Only source/ui and app.tsx may import React: headless commands must never load it.'},
];
const coreIo = [
	'node:fs',
	'node:fs/promises',
	'fs',
	'node:http',
	'node:https',
	'node:net',
	'node:tls',
	'node:child_process',
	'got',
	'conf',
].map(name => ({name, message: 'source/core is pure: no network, files or processes. Put I/O in a layer above and pass values in.'}));

/** An import path that climbs `depth` folders to source/ and names one of `targets` (a folder or a root file). */
function climbing(depth, targets) {
	return `^(?:\\.\\./){${depth}}(?:${targets.join('|')})(?:/|\\.js$)`;
}

/** One config block per layer and folder depth: a relative import's target depends on how deep the file sits. */
function layerBlocks(maxDepth) {
	const blocks = [];
	for (const [layer, {allowed, rule}] of Object.entries(layers)) {
		const forbidden = everything.filter(name => name !== layer && !allowed.includes(name));
		for (let depth = 1; depth <= maxDepth; depth++) {
			const pattern = climbing(depth, forbidden);
			blocks.push({
				files: [`source/${layer}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
				rules: {
					'no-restricted-imports': [
						'error',
						{
							paths: [...(withoutInk.has(layer) ? ink : []), ...(layer === 'core' ? coreIo : [])],
							patterns: [
								{regex: pattern, message: `Layer rule: ${rule}.`},
								...(withoutInk.has(layer) ? [{group: ['ink-*'], message: 'Only source/ui may import Ink components.'}] : []),
							],
						},
					],
					// The same rule for lazy `import()`, which no-restricted-imports does not see.
					'no-restricted-syntax': [
						'error',
						{
							selector: `ImportExpression > Literal.source[value=/${pattern.replaceAll('/', '\\/')}/]`,
							message: `Layer rule: ${rule}.`,
						},
					],
				},
			});
		}
	}

	return blocks;
}

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'media/**', 'coverage/**']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			// Prettier wraps code at 140; what it cannot wrap (long strings, templates, patterns) is exempt.
			'max-len': [
				'error',
				{code: 160, tabWidth: 4, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true},
			],
		},
	},
	...layerBlocks(3),
);
