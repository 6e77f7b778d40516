/**
 * A tiny two-level concurrency limiter: at most `global` tasks at once, and at most `perHost`
 * per host, so a refresh of 1,000 integrations neither floods one clinic's Tomcat nor the machine.
 * Waiters are served in arrival order, skipping those whose host is full (no head-of-line blocking).
 */

/** Raised for a waiter whose signal aborted before it got a slot. */
export class AbortedError extends Error {
	readonly code = 'aborted';
	constructor() {
		super('The check was cancelled.');
		this.name = 'AbortedError';
	}
}

interface Waiter {
	readonly host: string;
	readonly start: () => void;
}

export class Limiter {
	private active = 0;
	private readonly perHostActive = new Map<string, number>();
	private readonly queue: Waiter[] = [];

	constructor(readonly global: number, readonly perHost: number) {
		if (!Number.isInteger(global) || global < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${global}`);
		if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError(`perHostConcurrency must be an integer >= 1, got ${perHost}`);
	}

	/** Tasks running now (for tests and the status line). */
	get running(): number {
		return this.active;
	}

	/**
	 * Run `task` once a slot for `host` is free. The slot is held until the task's promise settles,
	 * even if the signal aborts meanwhile (the limits hold while a cancelled request winds down).
	 * A waiter whose signal aborts before it starts never runs and rejects with AbortedError.
	 */
	async run<T>(host: string, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
		if (signal?.aborted) throw new AbortedError();
		await this.acquire(host, signal);
		let promise: Promise<T>;
		try {
			promise = task();
		} catch (error) {
			this.release(host);
			throw error;
		}

		return promise.finally(() => {
			this.release(host);
		});
	}

	private canStart(host: string): boolean {
		return this.active < this.global && (this.perHostActive.get(host) ?? 0) < this.perHost;
	}

	private take(host: string): void {
		this.active++;
		this.perHostActive.set(host, (this.perHostActive.get(host) ?? 0) + 1);
	}

	private async acquire(host: string, signal: AbortSignal | undefined): Promise<void> {
		if (this.canStart(host)) {
			this.take(host);
			return;
		}

		return new Promise<void>((resolve, reject) => {
			const onAbort = (): void => {
				const index = this.queue.indexOf(waiter);
				if (index !== -1) this.queue.splice(index, 1);
				reject(new AbortedError());
			};

			const waiter: Waiter = {
				host,
				start: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			this.queue.push(waiter);
			signal?.addEventListener('abort', onAbort, {once: true});
		});
	}

	private release(host: string): void {
		this.active--;
		const left = (this.perHostActive.get(host) ?? 1) - 1;
		if (left <= 0) this.perHostActive.delete(host);
		else this.perHostActive.set(host, left);
		this.drain();
	}

	private drain(): void {
		for (let index = 0; index < this.queue.length && this.active < this.global;) {
			const waiter = this.queue[index]!;
			if (this.canStart(waiter.host)) {
				this.queue.splice(index, 1);
				this.take(waiter.host);
				waiter.start();
			} else {
				index++;
			}
		}
	}
}

/** `host:port` of a base URL, with the scheme's default port filled in: the per-host limit's key. */
export function hostKey(baseUrl: string): string {
	try {
		const url = new URL(baseUrl);
		const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
		return `${url.hostname}:${port}`;
	} catch {
		return baseUrl;
	}
}
