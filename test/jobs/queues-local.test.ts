/** The in-process queue on SQLite: the shared queue contract, its singleton rule, and cron across instances. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { LocalQueue } from '../../src/jobs/local-queue.js';
import { queueContract, waitFor } from './queue-contract.js';

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
});

describe('local queue: a finished job makes room at once', () => {
  it('runs the next waiting job when one ends, not at the next poll, even when it ends during a tick', async () => {
    const database = openDatabase(`sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'daka-qn-')), 'q.sqlite')}`);
    await migrateToLatest(database);
    // A poll far beyond the test's timeout: only the queue's own re-arming can run the jobs.
    const queue = new LocalQueue(database.db, { pollMs: 10 * 60_000 });
    try {
      await queue.start();
      const done: number[] = [];
      await queue.work<{ n: number }>('quick', async ({ n }) => {
        // A few queries, as real jobs make: it ends at a different point of the tick under way.
        for (let k = 0; k < n % 25; k++) await database.db.selectFrom('jobs').select('id').limit(1).execute();
        done.push(n);
      });
      // Queues looked at after it make every tick longer, so short jobs end while one runs.
      for (let i = 0; i < 20; i++) await queue.work(`idle-${i}`, async () => {});
      for (let n = 0; n < 30; n++) await queue.send('quick', { n });
      await waitFor(() => done.length === 30, 15_000);
      expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    } finally {
      await queue.stop();
      await database.close();
    }
  }, 30_000);
});
