import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { LocalQueue } from '../../src/jobs/local-queue.js';
import { PgBossQueue } from '../../src/jobs/pgboss-queue.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { dropPgSchemas, TEST_PG_URL } from '../helpers/test-db.js';

const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** The behaviour both implementations must share. */
function queueContract(name: string, make: () => Promise<{ queue: JobQueue; close(): Promise<void> }>) {
  describe(`${name} queue contract`, () => {
    it('runs jobs, honours delays, retries failures with backoff and gives up after the limit', async () => {
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

        const attempts: number[] = [];
        await queue.work<{ failTimes: number }>('flaky', async (p) => {
          attempts.push(Date.now());
          if (attempts.length <= p.failTimes) throw new Error(`boom ${attempts.length}`);
        });
        await queue.send('flaky', { failTimes: 2 }, { retryLimit: 3, retryDelayMs: 1000, retryBackoff: true });
        await waitFor(() => attempts.length === 3, 30_000);
        // Backoff: the second wait is longer than the first.
        expect(attempts[2] - attempts[1]).toBeGreaterThan(attempts[1] - attempts[0] - 250);

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

    it('runs higher priorities first, and one busy group never takes every slot', async () => {
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

    it('drops a second singleton job while the first waits', async () => {
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

queueContract('local (SQLite)', async () => {
  const database = openDatabase(`sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'daka-q-')), 'q.sqlite')}`);
  await migrateToLatest(database);
  const queue = new LocalQueue(database.db, { pollMs: 50 });
  return { queue, close: async () => (await queue.stop(), await database.close()) };
});

const pgSchemas: string[] = [];
queueContract('pg-boss (PostgreSQL)', async () => {
  const schema = `tq_${randomBytes(5).toString('hex')}`;
  pgSchemas.push(schema);
  const queue = new PgBossQueue(TEST_PG_URL, { schema });
  return { queue, close: () => queue.stop() };
});

describe('cron schedules run once per tick across instances', () => {
  it('two local queues on one SQLite file fire a schedule once per minute', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'daka-cron-')), 'c.sqlite');
    const dbs = [openDatabase(`sqlite:${file}`), openDatabase(`sqlite:${file}`)];
    await migrateToLatest(dbs[0]);
    let fakeNow = Date.parse('2026-03-10T08:59:30Z');
    const queues = dbs.map((d) => new LocalQueue(d.db, { pollMs: 20, now: () => fakeNow }));
    const runs: number[] = [];
    try {
      for (const [i, q] of queues.entries()) {
        await q.start();
        await q.work('tick', async () => {
          runs.push(i);
        });
      }
      await queues[0].schedule('tick', '* * * * *', {}, { timeZone: 'Asia/Shanghai' });
      await new Promise((r) => setTimeout(r, 300));
      expect(runs.length).toBe(0);
      for (let minute = 1; minute <= 3; minute++) {
        fakeNow = Date.parse('2026-03-10T08:59:30Z') + minute * 60_000;
        await waitFor(() => runs.length >= minute, 5000);
        await new Promise((r) => setTimeout(r, 300));
        expect(runs.length).toBe(minute);
      }
    } finally {
      for (const q of queues) await q.stop();
      for (const d of dbs) await d.close();
    }
  }, 30_000);

  it('two pg-boss instances fire a schedule once per minute', async () => {
    const schema = `tc_${randomBytes(5).toString('hex')}`;
    pgSchemas.push(schema);
    const queues = [0, 1].map(() => new PgBossQueue(TEST_PG_URL, { schema, cronMonitorIntervalSeconds: 1 }));
    const runs: { instance: number; at: number }[] = [];
    try {
      for (const [i, q] of queues.entries()) {
        await q.start();
        await q.work('tick', async () => {
          runs.push({ instance: i, at: Date.now() });
        });
      }
      await queues[0].schedule('tick', '* * * * *');
      // Wait through one minute boundary, plus time for the job to be picked up. A new schedule may
      // also fire at once for the current minute's tick; either way each tick runs exactly once.
      const msToNextMinute = 60_000 - (Date.now() % 60_000);
      await new Promise((r) => setTimeout(r, msToNextMinute + 8000));
      const ticks = runs.map((r) => Math.floor(r.at / 60_000));
      expect(runs.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ticks).size).toBe(runs.length);
    } finally {
      for (const q of queues) await q.stop();
    }
  }, 90_000);
});

afterAll(async () => {
  await dropPgSchemas(pgSchemas);
});
