// Lint: typescript-eslint recommended, plus the rule that keeps the core, protocol,
// checks, store, output and simulator free of Ink/React (headless commands must never load Ink).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noInk = {
	'no-restricted-imports': ['error', {
		paths: [
			{name: 'ink', message: 'The pure core must not import Ink; only source/ui may.'},
			{name: 'react', message: 'The pure core must not import React; only source/ui may.'},
		],
		patterns: [{group: ['ink-*', '**/ui/**'], message: 'The pure core must not depend on the UI.'}],
	}],
};

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'media/**', 'coverage/**']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
		},
	},
	{
		files: ['source/core/**', 'source/oscar/**', 'source/checks/**', 'source/store/**', 'source/output/**', 'source/simulator/**', 'source/callback/**', 'source/commands/**'],
		rules: noInk,
	},
);
