import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConnectorError } from '../../../src/sources/platform/errors.js';
import {
  emptyCursor,
  isDone,
  markDone,
  planBackfill,
  runBackfill,
  type BackfillCursor,
} from '../../../src/sources/platform/backfill.js';
import { addDays, daysBetween } from '../../../src/sources/platform/zone.js';

const users = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(5, '0')}`);

describe('planBackfill', () => {
  it('uses the minimal number of calls: ceil(users/50) × ceil(days/7)', () => {
    const plan = planBackfill(users(10_000), '2026-10-01', '2026-10-31', { usersPerCall: 50, daysPerCall: 7 });
    expect(plan.batches).toHaveLength(200 * 5);
    expect(plan.batches[0]).toMatchObject({ fromDate: '2026-10-01', toDate: '2026-10-07' });
    expect(plan.batches.at(-1)).toMatchObject({ fromDate: '2026-10-29', toDate: '2026-10-31' });
    const wecom = planBackfill(users(250), '2026-10-01', '2026-10-31', { usersPerCall: 100, daysPerCall: 30 });
    expect(wecom.batches).toHaveLength(3 * 2);
  });

  it('covers every (user, date) exactly once and respects the window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 260 }),
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 31 }),
        (n, span, per, days) => {
          const ids = users(n);
          const plan = planBackfill(ids, '2026-09-01', addDays('2026-09-01', span), { usersPerCall: per, daysPerCall: days });
          const seen = new Map<string, number>();
          for (const b of plan.batches) {
            expect(b.userIds.length).toBeLessThanOrEqual(per);
            expect(daysBetween(b.fromDate, b.toDate) + 1).toBeLessThanOrEqual(days);
            for (const u of b.userIds)
              for (let d = b.fromDate; d <= b.toDate; d = addDays(d, 1)) seen.set(`${u}|${d}`, (seen.get(`${u}|${d}`) ?? 0) + 1);
          }
          expect(seen.size).toBe(n * (span + 1));
          expect([...seen.values()].every((v) => v === 1)).toBe(true);
          expect(plan.batches).toHaveLength(Math.ceil(n / per) * Math.ceil((span + 1) / days));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is deterministic regardless of input order and duplicates', () => {
    const a = planBackfill(['b', 'a', 'c'], '2026-10-01', '2026-10-10', { usersPerCall: 2, daysPerCall: 7 });
    const b = planBackfill(['c', 'a', 'b', 'a'], '2026-10-01', '2026-10-10', { usersPerCall: 2, daysPerCall: 7 });
    expect(a).toEqual(b);
    expect(() => planBackfill(['a'], '2026-10-10', '2026-10-01', { usersPerCall: 2, daysPerCall: 7 })).toThrow();
  });
});

describe('cursor', () => {
  it('compacts completed batches into a low-water mark', () => {
    const plan = planBackfill(users(5), '2026-10-01', '2026-10-01', { usersPerCall: 1, daysPerCall: 1 });
    let c = emptyCursor(plan);
    c = markDone(c, 2);
    c = markDone(c, 0);
    expect(c).toMatchObject({ doneBelow: 1, doneAbove: [2] });
    c = markDone(c, 1);
    expect(c).toMatchObject({ doneBelow: 3, doneAbove: [] });
    expect(isDone(c, 2)).toBe(true);
    expect(isDone(c, 3)).toBe(false);
  });
});

describe('runBackfill', () => {
  const plan = planBackfill(users(40), '2026-10-01', '2026-10-14', { usersPerCall: 5, daysPerCall: 7 });

  it('runs every batch once with bounded concurrency', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    for await (const p of runBackfill({
      plan,
      concurrency: 3,
      fetchBatch: async (b) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5 + (b.index % 3) * 3));
        running -= 1;
        return [b.index];
      },
    })) {
      seen.push(...p.items);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(plan.batches.map((b) => b.index));
    expect(peak).toBe(3);
  });

  it('stops on a permanent failure, keeps in-flight results, and resumes without redoing work', async () => {
    let cursor: BackfillCursor | null = null;
    const fetched: number[] = [];
    const failing = async (b: { index: number }) => {
      await new Promise((r) => setTimeout(r, 2));
      if (b.index === 7) throw new Error('boom');
      fetched.push(b.index);
      return [b.index];
    };
    await expect(
      (async () => {
        for await (const p of runBackfill({ plan, concurrency: 2, fetchBatch: failing })) cursor = p.cursor;
      })(),
    ).rejects.toThrow('boom');
    expect(cursor).not.toBeNull();
    const before = new Set(fetched);
    const resumed: number[] = [];
    for await (const p of runBackfill({
      plan,
      cursor,
      concurrency: 2,
      fetchBatch: async (b) => (resumed.push(b.index), [b.index]),
    })) {
      cursor = p.cursor;
    }
    expect(resumed.some((i) => before.has(i))).toBe(false);
    expect(new Set([...before, ...resumed]).size).toBe(plan.batches.length);
    expect(cursor!.doneBelow).toBe(plan.batches.length);
  });

  it('refuses a cursor from another plan', async () => {
    const other = planBackfill(users(3), '2026-10-01', '2026-10-02', { usersPerCall: 5, daysPerCall: 7 });
    const gen = runBackfill({ plan, cursor: emptyCursor(other), fetchBatch: async () => [] });
    await expect(gen.next()).rejects.toThrow(/different plan/);
  });
});

describe('runBackfill and passing faults', () => {
  const ids = Array.from({ length: 120 }, (_, i) => `u${i}`);
  const plan = planBackfill(ids, '2026-10-01', '2026-10-14', { usersPerCall: 50, daysPerCall: 7 });

  it('a batch that ran out of retries on a passing fault is tried again later; a fatal error fails the run', async () => {
    const failures = new Map<number, number>([[0, 2], [3, 1]]);
    const seen: number[] = [];
    for await (const p of runBackfill({
      plan,
      concurrency: 2,
      fetchBatch: async (b) => {
        const left = failures.get(b.index) ?? 0;
        if (left > 0) {
          failures.set(b.index, left - 1);
          throw new ConnectorError('CONNECTOR_UPSTREAM_ERROR', 'busy');
        }
        return [b.index];
      },
    })) seen.push(...p.items);
    expect(seen.sort((a, b) => a - b)).toEqual(plan.batches.map((b) => b.index));

    const run = async () => {
      for await (const _ of runBackfill({ plan, fetchBatch: async () => Promise.reject(new ConnectorError('CONNECTOR_QUOTA_EXHAUSTED', 'quota')) })) void _;
    };
    await expect(run()).rejects.toMatchObject({ code: 'CONNECTOR_QUOTA_EXHAUSTED' });
    const tooMany = async () => {
      for await (const _ of runBackfill({ plan, maxBatchRetries: 1, fetchBatch: async () => Promise.reject(new ConnectorError('CONNECTOR_TIMEOUT', 't')) })) void _;
    };
    await expect(tooMany()).rejects.toMatchObject({ code: 'CONNECTOR_TIMEOUT' });
  });
});
