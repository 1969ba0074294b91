import { createHash } from 'node:crypto';
import { isPassingFault } from './fault-policy.js';
import { addDays, daysBetween } from './zone.js';

/**
 * Back-fill planning and running, platform-neutral. A plan is the minimal set of calls that
 * covers users × dates inside a platform's per-call window (DingTalk 50 users × 7 days, WeCom
 * 100 × 30); the runner executes it with bounded concurrency and reports a resumable cursor after
 * every completed batch, so a crash or a fatal error never loses finished work.
 */
export interface BackfillWindow {
  usersPerCall: number;
  daysPerCall: number;
}

export interface BackfillBatch {
  /** Position in the plan; the cursor refers to it. */
  index: number;
  userIds: string[];
  /** Inclusive, tenant-local dates. */
  fromDate: string;
  toDate: string;
}

export interface BackfillPlan {
  /** Identifies the plan's inputs; a cursor from a different plan is refused. */
  planId: string;
  batches: BackfillBatch[];
}

export function planBackfill(userIds: readonly string[], fromDate: string, toDate: string, w: BackfillWindow): BackfillPlan {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDate) || !/^\d{4}-\d{2}-\d{2}$/.test(toDate) || toDate < fromDate) {
    throw new RangeError(`bad back-fill range ${fromDate}..${toDate}`);
  }
  const users = [...new Set(userIds)].sort();
  const days = daysBetween(fromDate, toDate) + 1;
  const batches: BackfillBatch[] = [];
  // Date chunks outermost: a resumed run finishes the oldest weeks for everybody first.
  for (let d = 0; d < days; d += w.daysPerCall) {
    const from = addDays(fromDate, d);
    const to = addDays(fromDate, Math.min(days, d + w.daysPerCall) - 1);
    for (let u = 0; u < users.length; u += w.usersPerCall) {
      batches.push({ index: batches.length, userIds: users.slice(u, u + w.usersPerCall), fromDate: from, toDate: to });
    }
  }
  const planId = createHash('sha256')
    .update(JSON.stringify([users, fromDate, toDate, w.usersPerCall, w.daysPerCall]))
    .digest('hex')
    .slice(0, 16);
  return { planId, batches };
}

/**
 * Progress: every batch below `doneBelow` is complete, plus the listed ones above it (batches
 * finish out of order under concurrency). Small enough to store as JSON after every batch.
 */
export interface BackfillCursor {
  planId: string;
  doneBelow: number;
  doneAbove: number[];
  total: number;
}

export function emptyCursor(plan: BackfillPlan): BackfillCursor {
  return { planId: plan.planId, doneBelow: 0, doneAbove: [], total: plan.batches.length };
}

export function isDone(c: BackfillCursor, index: number): boolean {
  return index < c.doneBelow || c.doneAbove.includes(index);
}

export function markDone(c: BackfillCursor, index: number): BackfillCursor {
  if (isDone(c, index)) return c;
  const above = new Set(c.doneAbove);
  above.add(index);
  let below = c.doneBelow;
  while (above.has(below)) above.delete(below++);
  return { ...c, doneBelow: below, doneAbove: [...above].sort((a, b) => a - b) };
}

export const cursorComplete = (c: BackfillCursor): boolean => c.doneBelow >= c.total;

export interface BackfillProgress<T> {
  batch: BackfillBatch;
  items: T[];
  /** Persist this after storing `items`: resuming from it skips every completed batch. */
  cursor: BackfillCursor;
}

export interface RunBackfillOptions<T> {
  plan: BackfillPlan;
  fetchBatch: (batch: BackfillBatch, signal: AbortSignal) => Promise<T[]>;
  concurrency?: number;
  cursor?: BackfillCursor | null;
  signal?: AbortSignal;
  /** Times a batch that failed on a passing fault (fault-policy.ts) is tried again (default 2). */
  maxBatchRetries?: number;
}

/**
 * Yields each completed batch in completion order. If a batch fails for good, no new batches
 * start, the ones in flight are allowed to finish and are yielded, and then the error is thrown:
 * the last cursor yielded is exactly the work that is safe to skip on resume.
 */
export async function* runBackfill<T>(opts: RunBackfillOptions<T>): AsyncGenerator<BackfillProgress<T>> {
  const { plan } = opts;
  let cursor = opts.cursor ?? emptyCursor(plan);
  if (cursor.planId !== plan.planId || cursor.total !== plan.batches.length) {
    throw new RangeError('back-fill cursor belongs to a different plan');
  }
  const pending = plan.batches.filter((b) => !isDone(cursor, b.index));
  const controller = new AbortController();
  const onAbort = () => controller.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const done: Array<{ batch: BackfillBatch; items: T[] }> = [];
  let failure: { error: unknown } | null = null;
  const requeued = new Map<number, number>();
  const maxBatchRetries = opts.maxBatchRetries ?? 2;
  let next = 0;
  let running = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const launch = () => {
    while (!failure && !controller.signal.aborted && running < concurrency && next < pending.length) {
      const batch = pending[next++];
      running += 1;
      opts
        .fetchBatch(batch, controller.signal)
        .then(
          (items) => done.push({ batch, items }),
          (error: unknown) => {
            // A batch whose call ran out of retries on a passing fault goes to the back of the line
            // (a bounded number of times) instead of failing the whole run.
            const tries = (requeued.get(batch.index) ?? 0) + 1;
            if (tries <= maxBatchRetries && !controller.signal.aborted && isPassingFault(error)) {
              requeued.set(batch.index, tries);
              pending.push(batch);
            } else failure ??= { error };
          },
        )
        .finally(() => {
          running -= 1;
          notify();
        });
    }
  };
  try {
    launch();
    while (running > 0 || done.length > 0 || (next < pending.length && !failure && !controller.signal.aborted)) {
      if (running === 0 && done.length === 0) {
        launch();
        continue;
      }
      if (done.length === 0) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      const { batch, items } = done.shift()!;
      cursor = markDone(cursor, batch.index);
      yield { batch, items, cursor };
      launch();
    }
    if (failure) throw (failure as { error: unknown }).error;
    if (opts.signal?.aborted) throw opts.signal.reason;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}
