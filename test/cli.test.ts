import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/run-cli.js';

describe('oscar-rest CLI dispatch', () => {
	it('prints usage on --help and exits 0', async () => {
		const result = await runCli(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('oscar-rest check');
	});

	it('rejects an unknown command with a hint, on stderr, exit 64', async () => {
		const result = await runCli(['frobnicate']);
		expect(result.code).toBe(64);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain('unknown command "frobnicate"');
		expect(result.stderr).toContain('oscar-rest --help');
	});

	it('prints the package version', async () => {
		const result = await runCli(['--version']);
		expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});
});
