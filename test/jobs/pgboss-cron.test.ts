/**
 * pg-boss cron across instances: two instances on one schema run a tick exactly once. pg-boss
 * evaluates a schedule against the process clock and deduplicates its sends per database minute,
 * so the test uses the real clock and a real minute; it picks the tick that keeps the file short.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/jobs/pgboss-queue.js';
import { testClockOffsetMs } from '../helpers/test-clock.js';
import { dropPgSchemas, TEST_PG_URL } from '../helpers/test-db.js';

const MINUTE = 60_000;
/** How long runs are watched after the tick's sends start. */
const WATCH_MS = 15_000;
/** Farther than this, the next minute boundary is not waited for (see tickFor). */
const MAX_WAIT_MS = 35_000;

/**
 * The tick to schedule at `nowMs`: the next minute boundary when it is near, watched as both
 * instances cross it; otherwise the minute that began at most 25 s ago, whose sends are still due,
 * watched as both instances first find it due. Either way no other tick falls in the watch.
 */
function tickFor(nowMs: number): { tickMs: number; crossesBoundary: boolean } {
  const began = Math.floor(nowMs / MINUTE) * MINUTE;
  if (began + MINUTE - nowMs <= MAX_WAIT_MS) return { tickMs: began + MINUTE, crossesBoundary: true };
  return { tickMs: began, crossesBoundary: false };
}

const pgSchemas: string[] = [];

// pg-boss takes a cron's previous tick from the process clock and compares it with the database's,
// so under DAKA_TEST_NOW (a moved process clock) it cannot run; the normal run covers it.
it.skipIf(testClockOffsetMs() !== 0)('two pg-boss instances run a daily tick exactly once', async () => {
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
    // A once-a-day schedule: no other tick within a day, so every run seen is a run of this one, and
    // two instances both running it count as two. A tick that passed before the schedule is stored
    // is still due (pg-boss sends a tick for the minute after it).
    const scheduledAt = Date.now();
    const { tickMs } = tickFor(scheduledAt);
    const at = new Date(tickMs);
    await queues[0].schedule('tick', `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`, {}, { timeZone: 'UTC' });
    const dueFrom = Math.max(tickMs, scheduledAt);
    await new Promise((r) => setTimeout(r, dueFrom - Date.now() + WATCH_MS));
    expect(runs).toHaveLength(1);
    expect(runs[0].at).toBeGreaterThanOrEqual(dueFrom - 1000);
  } finally {
    for (const q of queues) await q.stop();
  }
}, 90_000);

it('picks the next minute boundary when it is near, else the minute still due', () => {
  const minute = Date.parse('2026-03-10T08:59:00Z');
  expect(tickFor(minute + 40_000)).toEqual({ tickMs: minute + MINUTE, crossesBoundary: true });
  expect(tickFor(minute + 58_000)).toEqual({ tickMs: minute + MINUTE, crossesBoundary: true });
  expect(tickFor(minute + 10_000)).toEqual({ tickMs: minute, crossesBoundary: false });
  // The minute chosen is never more than 25 s old, so its sends stay due through the watch.
  for (let s = 0; s < 60; s++) {
    const { tickMs } = tickFor(minute + s * 1000);
    expect(minute + s * 1000 - tickMs).toBeLessThanOrEqual(25_000);
    expect(Math.max(tickMs - (minute + s * 1000), 0)).toBeLessThanOrEqual(MAX_WAIT_MS);
  }
});

afterAll(async () => {
  await dropPgSchemas(pgSchemas);
});
