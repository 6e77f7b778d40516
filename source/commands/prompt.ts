/**
 * Read one secret line: from a TTY without echo, or the first line of piped stdin
 * (so `printf '%s\n' "$SECRET" | oscar-rest add integration ...` works in scripts).
 */
import {UserError} from './context.js';

export async function readSecretLine(
	stdin: NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (mode: boolean) => void},
	stderr: NodeJS.WritableStream,
	label: string,
): Promise<string> {
	if (stdin.isTTY && typeof stdin.setRawMode === 'function') return readHiddenLine(stdin as NodeJS.ReadStream, stderr, label);
	let text = '';
	for await (const chunk of stdin) {
		text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
		if (text.includes('\n')) break;
	}

	const line = text.split(/\r?\n/)[0] ?? '';
	if (line === '') throw new UserError(`no ${label} given: pipe it on stdin, or use a --*-env / --*-file option.`);
	return line;
}

/** One line typed on a terminal without echo (raw mode); Ctrl+C cancels (exit 130). Empty only with `allowEmpty`. */
export async function readHiddenLine(
	stdin: NodeJS.ReadStream,
	stderr: NodeJS.WritableStream,
	label: string,
	options: {allowEmpty?: boolean} = {},
): Promise<string> {
	stderr.write(`${label} (input hidden): `);
	stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	stdin.resume();
	return new Promise((resolve, reject) => {
		let value = '';
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') {
					finish();
					if (value === '' && options.allowEmpty !== true) reject(new UserError(`no ${label} given.`));
					else resolve(value);
					return;
				}

				if (char === '\u0003') {
					finish();
					reject(new UserError('cancelled.', 'interrupted'));
					return;
				}

				if (char === '\u007F' || char === '\b') value = value.slice(0, -1);
				else value += char;
			}
		};

		const finish = () => {
			stdin.off('data', onData);
			stdin.setRawMode(false);
			stdin.pause();
			stderr.write('\n');
		};

		stdin.on('data', onData);
	});
}
