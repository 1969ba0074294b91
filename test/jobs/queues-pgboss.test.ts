/** pg-boss on PostgreSQL: the shared queue contract. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/jobs/pgboss-queue.js';
import { dropPgSchemas, TEST_PG_URL } from '../helpers/test-db.js';
import { queueContract, waitFor } from './queue-contract.js';

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

afterAll(async () => {
  await dropPgSchemas(pgSchemas);
});

describe('pg-boss affinity across instances', () => {
  it("runs one key's jobs on one instance at a time, in both of its groups, and frees the key when they end", async () => {
    const schema = `tq_${randomBytes(5).toString('hex')}`;
    pgSchemas.push(schema);
    const a = new PgBossQueue(TEST_PG_URL, { schema });
    const b = new PgBossQueue(TEST_PG_URL, { schema });
    try {
      await a.start();
      await b.start();
      const runningOn = new Map<string, number>();
      let overlaps = 0;
      const done: Array<{ n: number; on: string }> = [];
      const handler = (on: string) => async (p: { n: number }) => {
        runningOn.set(on, (runningOn.get(on) ?? 0) + 1);
        if ([...runningOn.values()].filter((c) => c > 0).length > 1) overlaps++;
        await new Promise((r) => setTimeout(r, 150));
        runningOn.set(on, runningOn.get(on)! - 1);
        done.push({ n: p.n, on });
      };
      await a.work('aff', handler('a'), { concurrency: 3, groupConcurrency: 1 });
      await b.work('aff', handler('b'), { concurrency: 3, groupConcurrency: 1 });
      for (let n = 0; n < 10; n++) await a.send('aff', { n }, { group: n % 2 ? 'k:live' : 'k:bulk', affinity: 'k' });
      await waitFor(() => done.length === 10, 45_000);
      expect(overlaps).toBe(0);
      expect(new Set(done.map((d) => d.n)).size).toBe(10);
      // Once the key is free, either instance may take it.
      const lock = await new pg.Client({ connectionString: TEST_PG_URL });
      await lock.connect();
      try {
        const held = await lock.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted`);
        const before = held.rows[0].n as number;
        for (let n = 10; n < 12; n++) await b.send('aff', { n }, { group: 'k:bulk', affinity: 'k' });
        await waitFor(() => done.length === 12, 30_000);
        await new Promise((r) => setTimeout(r, 200));
        const after = await lock.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted`);
        expect(after.rows[0].n).toBeLessThanOrEqual(before);
      } finally {
        await lock.end();
      }
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 90_000);
});
