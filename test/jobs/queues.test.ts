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
import { testClockOffsetMs } from '../helpers/test-clock.js';

const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** The behaviour both implementations must share. */
interface QueueUnderTest {
  queue: JobQueue;
  /** A second instance on the same store, as another process would run it (closed by close()). */
  twin(): Promise<JobQueue>;
  close(): Promise<void>;
}

function queueContract(name: string, make: () => Promise<QueueUnderTest>) {
  describe(`${name} queue contract`, () => {
    it('runs jobs, honours delays, and gives up on a failing job after the limit', async () => {
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

    it('retries a failing job on the exponential schedule: 1 s, 2 s, 4 s', async () => {
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

    it('queues one job when many senders on two instances send one singleton key at once', async () => {
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
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'daka-q-')), 'q.sqlite');
  const database = openDatabase(`sqlite:${file}`);
  await migrateToLatest(database);
  const queue = new LocalQueue(database.db, { pollMs: 50 });
  const others: { queue: LocalQueue; database: typeof database }[] = [];
  return {
    queue,
    async twin() {
      const d = openDatabase(`sqlite:${file}`);
      const q = new LocalQueue(d.db, { pollMs: 50 });
      others.push({ queue: q, database: d });
      return q;
    },
    async close() {
      for (const o of [{ queue, database }, ...others]) {
        await o.queue.stop();
        await o.database.close();
      }
    },
  };
});

const pgSchemas: string[] = [];
queueContract('pg-boss (PostgreSQL)', async () => {
  const schema = `tq_${randomBytes(5).toString('hex')}`;
  pgSchemas.push(schema);
  const queue = new PgBossQueue(TEST_PG_URL, { schema });
  const others: PgBossQueue[] = [];
  return {
    queue,
    async twin() {
      const q = new PgBossQueue(TEST_PG_URL, { schema });
      others.push(q);
      return q;
    },
    async close() {
      for (const q of [queue, ...others]) await q.stop();
    },
  };
});

describe('local queue: one waiting job per singleton key', () => {
  it('does not put a failed job back while a job with its key waits; the waiting one does the work', async () => {
    const database = openDatabase(`sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'daka-qk-')), 'q.sqlite')}`);
    await migrateToLatest(database);
    const queue = new LocalQueue(database.db, { pollMs: 20 });
    try {
      await queue.start();
      let twin: string | null = null;
      await queue.work('keyed', async () => {
        // While this job runs, the same key may be queued again; then this one fails.
        twin ??= await queue.send('keyed', { n: 2 }, { singletonKey: 'k', delayMs: 60_000 });
        throw new Error('boom');
      });
      const first = await queue.send('keyed', { n: 1 }, { singletonKey: 'k', retryLimit: 3, retryDelayMs: 1000 });
      expect(first).not.toBeNull();
      const row = (id: string | null) => database.db.selectFrom('jobs').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();
      await waitFor(() => twin !== null, 10_000);
      for (let i = 0; i < 200 && (await row(first)).status !== 'failed'; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await row(first)).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('not retried') });
      expect(await row(twin)).toMatchObject({ status: 'queued', singleton_key: 'k' });
    } finally {
      await queue.stop();
      await database.close();
    }
  }, 30_000);
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

  // pg-boss takes a cron's previous tick from the process clock and compares it with the database's,
  // so under DAKA_TEST_NOW (a moved process clock) it cannot run; the normal run covers it.
  it.skipIf(testClockOffsetMs() !== 0)('two pg-boss instances across a minute boundary run a tick exactly once', async () => {
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
      // A once-a-day schedule for the first minute boundary at least 10 s away: it has no tick in the
      // minute before, so every run seen up to 20 s past the boundary is a run of that one tick, and
      // two instances both running it (on either side of the boundary) count as two.
      const boundary = Math.ceil((Date.now() + 10_000) / 60_000) * 60_000;
      const at = new Date(boundary);
      await queues[0].schedule('tick', `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`, {}, { timeZone: 'UTC' });
      await new Promise((r) => setTimeout(r, boundary - Date.now() + 20_000));
      expect(runs).toHaveLength(1);
      expect(runs[0].at).toBeGreaterThanOrEqual(boundary - 1000);
    } finally {
      for (const q of queues) await q.stop();
    }
  }, 120_000);
});

afterAll(async () => {
  await dropPgSchemas(pgSchemas);
});
