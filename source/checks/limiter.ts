/**
 * A tiny two-level concurrency limiter: at most `global` tasks at once, and at most `perHost`
 * per host, so a refresh of 1,000 integrations neither floods one clinic's Tomcat nor the machine.
 * Waiters are served in arrival order, skipping those whose host is full (no head-of-line blocking).
 *
 * Built for 50,000 waiters: one FIFO per host and a heap of the hosts that could start now, keyed by
 * their oldest waiter, so starting the next task costs O(log hosts), not a scan of every waiter; and
 * one abort listener per signal, not one per waiter (removing a listener scans the signal's list).
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
	readonly sequence: number;
	readonly host: HostQueue;
	readonly start: () => void;
	readonly abort: () => void;
	settled: boolean;
}

/** A host's waiters in arrival order (array + head index: O(1) shift). */
class HostQueue {
	active = 0;
	inHeap = false;
	private items: Waiter[] = [];
	private head = 0;

	constructor(readonly key: string) {}

	push(waiter: Waiter): void {
		this.items.push(waiter);
	}

	/** The oldest waiter still waiting (aborted ones are dropped on the way). */
	peek(): Waiter | undefined {
		while (this.head < this.items.length && this.items[this.head]!.settled) this.head++;
		if (this.head > 1024 && this.head * 2 > this.items.length) {
			this.items = this.items.slice(this.head);
			this.head = 0;
		}

		return this.items[this.head];
	}

	shift(): Waiter | undefined {
		const waiter = this.peek();
		if (waiter) this.head++;
		return waiter;
	}
}

/** A binary min-heap of hosts by the sequence number of their oldest waiter. */
class HostHeap {
	private readonly items: Array<{host: HostQueue; sequence: number}> = [];

	get size(): number {
		return this.items.length;
	}

	push(host: HostQueue, sequence: number): void {
		host.inHeap = true;
		this.items.push({host, sequence});
		let index = this.items.length - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (this.items[parent]!.sequence <= sequence) break;
			[this.items[parent], this.items[index]] = [this.items[index]!, this.items[parent]!];
			index = parent;
		}
	}

	pop(): HostQueue | undefined {
		const top = this.items[0];
		if (!top) return undefined;
		const last = this.items.pop()!;
		if (this.items.length > 0) {
			this.items[0] = last;
			let index = 0;
			for (;;) {
				const left = 2 * index + 1;
				const right = left + 1;
				let smallest = index;
				if (left < this.items.length && this.items[left]!.sequence < this.items[smallest]!.sequence) smallest = left;
				if (right < this.items.length && this.items[right]!.sequence < this.items[smallest]!.sequence) smallest = right;
				if (smallest === index) break;
				[this.items[smallest], this.items[index]] = [this.items[index]!, this.items[smallest]!];
				index = smallest;
			}
		}

		top.host.inHeap = false;
		return top.host;
	}
}

export class Limiter {
	private active = 0;
	private sequence = 0;
	private readonly hosts = new Map<string, HostQueue>();
	/** Hosts with a waiter and a free per-host slot: the candidates for the next global slot. */
	private readonly ready = new HostHeap();
	private readonly watched = new WeakMap<AbortSignal, Set<Waiter>>();

	constructor(
		readonly global: number,
		readonly perHost: number,
	) {
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
		const queue = await this.acquire(host, signal);
		let promise: Promise<T>;
		try {
			promise = task();
		} catch (error) {
			this.release(queue);
			throw error;
		}

		return promise.finally(() => {
			this.release(queue);
		});
	}

	private queueFor(host: string): HostQueue {
		let queue = this.hosts.get(host);
		if (!queue) {
			queue = new HostQueue(host);
			this.hosts.set(host, queue);
		}

		return queue;
	}

	private async acquire(host: string, signal: AbortSignal | undefined): Promise<HostQueue> {
		const queue = this.queueFor(host);
		if (this.active < this.global && queue.active < this.perHost && queue.peek() === undefined) {
			this.active++;
			queue.active++;
			return queue;
		}

		return new Promise<HostQueue>((resolve, reject) => {
			const waiter: Waiter = {
				sequence: this.sequence++,
				host: queue,
				settled: false,
				start: () => {
					waiter.settled = true;
					this.watched.get(signal!)?.delete(waiter);
					resolve(queue);
				},
				abort: () => {
					waiter.settled = true; // dropped from its queue lazily
					reject(new AbortedError());
				},
			};
			queue.push(waiter);
			if (signal) this.watch(signal, waiter);
			if (!queue.inHeap && queue.active < this.perHost) this.ready.push(queue, queue.peek()!.sequence);
			this.drain();
		});
	}

	/** One listener per signal for all its waiters. */
	private watch(signal: AbortSignal, waiter: Waiter): void {
		let waiters = this.watched.get(signal);
		if (!waiters) {
			const set = new Set<Waiter>();
			waiters = set;
			this.watched.set(signal, set);
			signal.addEventListener(
				'abort',
				() => {
					for (const each of set) each.abort();
					set.clear();
				},
				{once: true},
			);
		}

		waiters.add(waiter);
	}

	private release(queue: HostQueue): void {
		this.active--;
		queue.active--;
		const next = queue.peek();
		if (next && !queue.inHeap) this.ready.push(queue, next.sequence);
		else if (!next && queue.active === 0) this.hosts.delete(queue.key);
		this.drain();
	}

	private drain(): void {
		while (this.active < this.global && this.ready.size > 0) {
			const queue = this.ready.pop()!;
			if (queue.active >= this.perHost) continue; // pushed again when one of its tasks ends
			const waiter = queue.shift();
			if (!waiter) {
				if (queue.active === 0) this.hosts.delete(queue.key);
				continue;
			}

			this.active++;
			queue.active++;
			const next = queue.peek();
			if (next && queue.active < this.perHost) this.ready.push(queue, next.sequence);
			waiter.start();
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
