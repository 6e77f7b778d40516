/**
 * The signal path against a listener that behaves like when-exit (conf -> atomically): on a signal
 * it sends the same signal to the process again. Whichever listener Node calls first, the first
 * SIGINT/SIGTERM must reach `stop` once and not kill the process; a later one kills it (twice Ctrl+C);
 * and a write past `ulimit -f` fails with EFBIG instead of the re-sent SIGXFSZ killing the process.
 */
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt} from './helpers/built-cli.js';

const interruptModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/commands/interrupt.js');

beforeAll(async () => {
	await ensureBuilt();
});

/** Run `body` (ESM, with onInterrupt and keepFileSizeErrors imported) in a child; `shell` wraps it (ulimit). */
async function child(body: string, shell = ''): Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string}> {
	const script = `import {onInterrupt, keepFileSizeErrors} from ${JSON.stringify(interruptModule)};\n${body}`;
	const [file, args] =
		shell === ''
			? [process.execPath, ['--input-type=module', '-e', script]]
			: ['/bin/sh', ['-c', `${shell} && exec "$0" --input-type=module -e "$1"`, process.execPath, script]];
	return new Promise((resolve, reject) => {
		const run = spawn(file, args as string[], {stdio: ['ignore', 'pipe', 'inherit']});
		let stdout = '';
		run.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		run.on('error', reject);
		run.on('close', (code, signal) => {
			resolve({code, signal, stdout});
		});
	});
}

// What when-exit does: listen once, then send the signal to the process again.
const reSender = (signal: string) => `process.once('${signal}', () => process.kill(process.pid, '${signal}'));`;

describe('onInterrupt with a dependency that re-sends the signal', () => {
	for (const signal of ['SIGINT', 'SIGTERM']) {
		for (const order of ['re-sender first', 're-sender last']) {
			it(`${signal}, ${order}: stop runs once and the process ends on its own terms`, async () => {
				const body = [
					order === 're-sender first' ? reSender(signal) : '',
					'let calls = 0;',
					`const stopListening = onInterrupt(() => { calls++; });`,
					order === 're-sender last' ? reSender(signal) : '',
					`process.kill(process.pid, '${signal}');`,
					'setTimeout(() => { stopListening(); console.log(`stopped ${calls}`); process.exitCode = 130; }, 200);',
				].join('\n');
				const result = await child(body);
				expect(result.signal).toBeNull();
				expect(result.code).toBe(130);
				expect(result.stdout.trim()).toBe('stopped 1');
			});
		}
	}

	it('a second signal, after the first was handled, ends the process at once', async () => {
		const body = [
			reSender('SIGINT'),
			'onInterrupt(() => { console.log("stopping"); setTimeout(() => process.kill(process.pid, "SIGINT"), 100); });',
			'process.kill(process.pid, "SIGINT");',
			'setTimeout(() => console.log("still running"), 5000);',
		].join('\n');
		const result = await child(body);
		expect(result.signal).toBe('SIGINT');
		expect(result.stdout.trim()).toBe('stopping');
	});
});

describe('keepFileSizeErrors', () => {
	it('a write past ulimit -f fails with EFBIG even when a dependency re-sends SIGXFSZ', async () => {
		const body = [
			'keepFileSizeErrors();',
			reSender('SIGXFSZ'),
			'const {writeFile} = await import("node:fs/promises");',
			'const file = `/tmp/oscar-rest-efbig-${process.pid}`;',
			'try { await writeFile(file, "x".repeat(8192)); console.log("written"); } catch (error) { console.log(error.code); }',
			'(await import("node:fs")).rmSync(file, {force: true});',
		].join('\n');
		const result = await child(body, 'ulimit -f 1');
		expect(result.signal).toBeNull();
		expect(result.stdout.trim()).toBe('EFBIG');
	});
});
