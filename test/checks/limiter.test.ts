import {describe, expect, it} from 'vitest';
import {AbortedError, Limiter, hostKey} from '../../source/checks/limiter.js';

describe('hostKey', () => {
	it('fills in default ports so the same server shares one budget', () => {
		expect(hostKey('https://clinic.example/oscar')).toBe('clinic.example:443');
		expect(hostKey('https://clinic.example:443/kaiemr')).toBe('clinic.example:443');
		expect(hostKey('http://clinic.example/oscar')).toBe('clinic.example:80');
		expect(hostKey('https://clinic.example:8443/oscar')).toBe('clinic.example:8443');
	});
});

describe('Limiter', () => {
	it('serves a waiter for a free host before one for a full host (no head-of-line blocking)', async () => {
		const limiter = new Limiter(2, 1);
		const order: string[] = [];
		let releaseA!: () => void;
		const a1 = limiter.run(
			'a',
			undefined,
			async () =>
				new Promise<void>(resolve => {
					releaseA = resolve;
				}),
		);
		const a2 = limiter.run('a', undefined, async () => {
			order.push('a2');
		});
		const b1 = limiter.run('b', undefined, async () => {
			order.push('b1');
		});
		await b1;
		expect(order).toEqual(['b1']);
		releaseA();
		await Promise.all([a1, a2]);
		expect(order).toEqual(['b1', 'a2']);
		expect(limiter.running).toBe(0);
	});

	it('a waiter whose signal aborts never runs', async () => {
		const limiter = new Limiter(1, 1);
		let release!: () => void;
		const first = limiter.run(
			'a',
			undefined,
			async () =>
				new Promise<void>(resolve => {
					release = resolve;
				}),
		);
		const controller = new AbortController();
		let ran = false;
		const second = limiter.run('a', controller.signal, async () => {
			ran = true;
		});
		controller.abort();
		await expect(second).rejects.toBeInstanceOf(AbortedError);
		release();
		await first;
		expect(ran).toBe(false);
		expect(limiter.running).toBe(0);
	});

	it('serves waiters of different hosts in arrival order as slots free up', async () => {
		const limiter = new Limiter(1, 1);
		const order: string[] = [];
		let release!: () => void;
		let started!: () => void;
		const running = new Promise<void>(resolve => {
			started = resolve;
		});
		const first = limiter.run(
			'a',
			undefined,
			async () =>
				new Promise<void>(resolve => {
					release = resolve;
					started();
				}),
		);
		const waiting = ['b1', 'a2', 'c1', 'b2'].map(async name =>
			limiter.run(name[0]!, undefined, async () => {
				order.push(name);
			}),
		);
		await running;
		release();
		await Promise.all([first, ...waiting]);
		expect(order).toEqual(['b1', 'a2', 'c1', 'b2']);
		expect(limiter.running).toBe(0);
	});

	it('rejects every waiter of an aborted signal, and keeps serving the others', async () => {
		const limiter = new Limiter(4, 2);
		const blockers: Array<() => void> = [];
		const running = Array.from({length: 4}, async (_, index) =>
			limiter.run(
				`h${index % 2}`,
				undefined,
				async () =>
					new Promise<void>(resolve => {
						blockers.push(resolve);
					}),
			),
		);
		const controller = new AbortController();
		let ran = 0;
		const cancelled = Array.from({length: 5000}, async (_, index) =>
			limiter.run(`h${index % 50}`, controller.signal, async () => {
				ran++;
			}),
		);
		const kept = Array.from({length: 100}, async (_, index) =>
			limiter.run(`h${index % 7}`, undefined, async () => {
				ran++;
			}),
		);
		controller.abort();
		const outcomes = await Promise.allSettled(cancelled);
		expect(outcomes.every(outcome => outcome.status === 'rejected' && outcome.reason instanceof AbortedError)).toBe(true);
		for (const release of blockers) release();
		await Promise.all([...running, ...kept]);
		expect(ran).toBe(100);
		expect(limiter.running).toBe(0);
	});
});
