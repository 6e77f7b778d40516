import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const cliPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');

export interface CliResult {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Run the BUILT CLI (npm test builds first) as a child process and collect its output. */
export async function runCli(
	args: readonly string[],
	options: {env?: NodeJS.ProcessEnv; input?: string; cwd?: string} = {},
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args], {
			cwd: options.cwd,
			env: {...process.env, NO_COLOR: '1', ...options.env},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', code => {
			resolve({code, stdout, stderr});
		});
		child.stdin.end(options.input ?? '');
	});
}
