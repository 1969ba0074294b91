/**
 * The job queue a test app runs on: what production runs on that database. SQLite gets the
 * in-process LocalQueue; PostgreSQL gets pg-boss in a schema of its own (`<schema>_boss`, dropped
 * with the test database), stopped when the test database is dropped.
 */
import { sql } from 'kysely';
import { LocalQueue } from '../../src/jobs/local-queue.js';
import { PgBossQueue } from '../../src/jobs/pgboss-queue.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import type { TestDb } from './test-db.js';

export async function createTestQueue(t: TestDb): Promise<JobQueue> {
  if (t.dialect === 'sqlite' || !t.schema) return new LocalQueue(t.database.db);
  const queue = new PgBossQueue(t.url, { schema: bossSchema(t) });
  // pg-boss takes no jobs before it has started (it installs its schema then); workers are
  // registered by the tests that want jobs to run.
  await queue.start();
  t.onDrop?.(() => queue.stop());
  return queue;
}

const bossSchema = (t: TestDb) => `${t.schema}_boss`;

export type JobState = 'waiting' | 'active' | 'done' | 'failed';

export interface TestJob {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  state: JobState;
}

const BOSS_STATES: Record<string, JobState> = { created: 'waiting', retry: 'waiting', active: 'active', completed: 'done', cancelled: 'failed', failed: 'failed' };

/** Every job of a queue (or of all queues), in the order sent, whichever queue the test app runs. */
export async function listJobs(t: TestDb, queue?: string): Promise<TestJob[]> {
  if (t.dialect === 'sqlite' || !t.schema) {
    let q = t.database.db.selectFrom('jobs').select(['id', 'queue', 'payload', 'status']).orderBy('id');
    if (queue) q = q.where('queue', '=', queue);
    const rows = await q.execute();
    const state = (s: string): JobState => (s === 'queued' ? 'waiting' : (s as JobState));
    return rows.map((r) => ({ id: String(r.id), queue: r.queue, payload: JSON.parse(r.payload) as Record<string, unknown>, state: state(r.status) }));
  }
  // pg-boss's own queues (cron fan-out and the like) start with "__pgboss".
  const { rows } = await sql<{ id: string; name: string; data: Record<string, unknown>; state: string }>`
    select id, name, data, state from ${sql.table(`${bossSchema(t)}.job`)}
    where left(name, 8) <> '__pgboss' and (${queue ?? null}::text is null or name = ${queue ?? null})
    order by created_on, id`.execute(t.database.db);
  // The queue carries a job's fairness group and affinity inside pg-boss's data; the handler never sees them, and neither do tests.
  const payloadOf = (data: Record<string, unknown> | null) => {
    const { __group: _group, __affinity: _affinity, ...payload } = data ?? {};
    return payload;
  };
  return rows.map((r) => ({ id: r.id, queue: r.name, payload: payloadOf(r.data), state: BOSS_STATES[r.state] ?? 'failed' }));
}

/** Waits until no job waits or runs (jobs scheduled for later count as waiting). */
export async function waitForIdleQueue(t: TestDb, timeoutMs = 30_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const busy = (await listJobs(t)).filter((j) => j.state === 'waiting' || j.state === 'active');
    if (!busy.length) return;
    if (performance.now() > until) throw new Error(`jobs still busy: ${busy.length} (${[...new Set(busy.map((j) => j.queue))].join(', ')})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
