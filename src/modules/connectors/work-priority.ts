/**
 * Live work ahead of bulk work inside one process. The job queue keeps a back-fill from taking a
 * live sync's worker slot; but both then share this process's one thread, and storing a back-fill's
 * punches is CPU work that would make a small incremental sync or a callback's re-query wait behind
 * it. So before storing each batch a bulk run lets any live run go first.
 */
let liveRuns = 0;

/** Runs `fn` as live work (an incremental sync, an event's re-query). */
export async function asLiveWork<T>(fn: () => Promise<T>): Promise<T> {
  liveRuns += 1;
  try {
    return await fn();
  } finally {
    liveRuns -= 1;
  }
}

/** A bulk run waits at most this long for one turn, so a stream of live work cannot starve it. */
const MAX_WAIT_MS = 10_000;

/** Waits while live work runs (bounded), then yields once to the event loop. */
export async function bulkTurn(): Promise<void> {
  const end = Date.now() + MAX_WAIT_MS;
  while (liveRuns > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setImmediate(r));
}
