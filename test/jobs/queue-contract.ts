/**
 * The behaviour every job queue shares (the in-process SQLite queue and pg-boss), as a test body
 * each queue's own file runs, so the two run side by side instead of one after the other.
 */
import { describe, it } from 'vitest';
import type { JobQueue } from '../../src/jobs/queue.js';

export const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** The behaviour both implementations must share. */
export interface QueueUnderTest {
  queue: JobQueue;
  /** A second instance on the same store, as another process would run it (closed by close()). */
  twin(): Promise<JobQueue>;
  close(): Promise<void>;
}

export function queueContract(name: string, make: () => Promise<QueueUnderTest>) {
  // Each test has queues of its own and mostly waits (delays, retries, polls): side by side, the
  // file takes as long as its longest test instead of the sum of them.
  describe.concurrent(`${name} queue contract`, () => {
    it('runs jobs, honours delays, and gives up on a failing job after the limit', async ({ expect }) => {
      const { queue, close } = await make();
      try {
        await queue.start();
        const seen: string[] = [];
        await queue.work<{ v: string }>('echo', async (p) => {
          seen.push(p.v);
        });
        const t0 = Date.now();
        await queue.send('echo', { v: 'now' });
        await queue.send('echo', { v: 'later' }, { delayMs: 1200 });
        await waitFor(() => seen.includes('now'), 10_000);
        expect(seen).not.toContain('later');
        await waitFor(() => seen.includes('later'), 15_000);
        expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);


        const dead: number[] = [];
        await queue.work('always-fails', async () => {
          dead.push(1);
          throw new Error('never works');
        });
        await queue.send('always-fails', {}, { retryLimit: 1, retryDelayMs: 1000, retryBackoff: false });
        await waitFor(() => dead.length === 2, 20_000);
        await new Promise((r) => setTimeout(r, 2500));
        expect(dead.length).toBe(2);
      } finally {
        await close();
      }
    }, 90_000);

    it('retries a failing job on the exponential schedule: 1 s, 2 s, 4 s', async ({ expect }) => {
      const { queue, close } = await make();
      try {
        await queue.start();
        const attempts: number[] = [];
        await queue.work<{ failTimes: number }>('flaky', async (p) => {
          attempts.push(performance.now());
          if (attempts.length <= p.failTimes) throw new Error(`boom ${attempts.length}`);
        });
        await queue.send('flaky', { failTimes: 3 }, { retryLimit: 3, retryDelayMs: 1000, retryBackoff: true });
        await waitFor(() => attempts.length === 4, 60_000);
        const waits = attempts.slice(1).map((at, i) => at - attempts[i]);
        // A job never runs before it is due, so the lower bounds hold on any machine; a fixed delay
        // (1 s, 1 s, 1 s) fails the second and third. pg-boss adds up to as much again as jitter;
        // the upper bounds only catch a schedule that is far off.
        waits.forEach((wait, i) => {
          expect(wait, `wait before retry ${i + 1}`).toBeGreaterThanOrEqual(1000 * 2 ** i - 100);
          expect(wait, `wait before retry ${i + 1}`).toBeLessThan(2 * 1000 * 2 ** i + 10_000);
        });
      } finally {
        await close();
      }
    }, 90_000);

    it('queues one job when many senders on two instances send one singleton key at once', async ({ expect }) => {
      const { queue, twin, close } = await make();
      try {
        await queue.start();
        const other = await twin();
        await other.start();
        const sends = Array.from({ length: 16 }, (_, i) => (i % 2 ? other : queue).send('race', { n: i }, { singletonKey: 'one', delayMs: 60_000 }));
        const ids = await Promise.all(sends);
        expect(ids.filter((id) => id !== null)).toHaveLength(1);
        // The key is free again for another key, and still taken for this one.
        expect(await other.send('race', { n: 99 }, { singletonKey: 'two', delayMs: 60_000 })).not.toBeNull();
        expect(await queue.send('race', { n: 100 }, { singletonKey: 'one', delayMs: 60_000 })).toBeNull();
      } finally {
        await close();
      }
    }, 30_000);
    it('runs higher priorities first, and one busy group never takes every slot', async ({ expect }) => {
      const { queue, close } = await make();
      try {
        await queue.start();
        for (const [v, priority] of [['bulk-1', 0], ['bulk-2', 0], ['live', 10], ['tick', 5]] as const) await queue.send('prio', { v }, { priority });
        const order: string[] = [];
        await queue.work<{ v: string }>('prio', async (p) => {
          order.push(p.v);
        });
        await waitFor(() => order.length === 4, 20_000);
        expect(order.slice(0, 2)).toEqual(['live', 'tick']);

        // Group "slow" has four jobs of 1.5 s; a concurrency of 3 and a group limit of 1 leave
        // room for group "fast", sent last.
        const running = new Map<string, number>();
        let maxSlow = 0;
        const done: Array<{ g: string; at: number }> = [];
        await queue.work<{ g: string; ms: number }>(
          'groups',
          async (p) => {
            running.set(p.g, (running.get(p.g) ?? 0) + 1);
            maxSlow = Math.max(maxSlow, running.get('slow') ?? 0);
            await new Promise((r) => setTimeout(r, p.ms));
            running.set(p.g, running.get(p.g)! - 1);
            done.push({ g: p.g, at: Date.now() });
          },
          { concurrency: 3, groupConcurrency: 1 },
        );
        const t0 = Date.now();
        for (let i = 0; i < 4; i++) await queue.send('groups', { g: 'slow', ms: 1500 }, { group: 'slow' });
        await queue.send('groups', { g: 'fast', ms: 10 }, { group: 'fast' });
        await waitFor(() => done.some((d) => d.g === 'fast'), 20_000);
        const fastAt = done.find((d) => d.g === 'fast')!.at - t0;
        expect(done.filter((d) => d.g === 'slow').length).toBeLessThanOrEqual(1);
        expect(fastAt).toBeLessThan(4_000);
        await waitFor(() => done.length === 5, 30_000);
        expect(maxSlow).toBe(1);
      } finally {
        await close();
      }
    }, 60_000);

    it('drops a second singleton job while the first waits', async ({ expect }) => {
      const { queue, close } = await make();
      try {
        await queue.start();
        const a = await queue.send('single', { n: 1 }, { singletonKey: 'k', delayMs: 60_000 });
        const b = await queue.send('single', { n: 2 }, { singletonKey: 'k', delayMs: 60_000 });
        expect(a).not.toBeNull();
        expect(b).toBeNull();
      } finally {
        await close();
      }
    }, 30_000);
  });
}
