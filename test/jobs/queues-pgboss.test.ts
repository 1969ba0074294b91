/** pg-boss on PostgreSQL: the shared queue contract. */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { PgBossQueue } from '../../src/jobs/pgboss-queue.js';
import { dropPgSchemas, TEST_PG_URL } from '../helpers/test-db.js';
import { queueContract } from './queue-contract.js';

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
