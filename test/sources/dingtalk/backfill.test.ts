import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDingTalkBackfill, runDingTalkBackfill } from '../../../src/sources/dingtalk/backfill.js';
import { DingTalkClient, type DingTalkAppConfig } from '../../../src/sources/dingtalk/client.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../../src/sources/dingtalk/simulator/server.js';
import type { BackfillCursor } from '../../../src/sources/platform/backfill.js';
import { instantOf } from '../../../src/sources/platform/zone.js';
import type { CheckinInput } from '../../../src/sources/types.js';

let sim: DingTalkSimulator;
const QPS = 200;

beforeAll(async () => {
  sim = await startDingTalkSimulator({ seed: 'backfill', company: { users: 230, month: '2026-10' }, qps: QPS });
});
afterAll(() => sim.close());

const client = (over: Partial<DingTalkAppConfig> = {}) =>
  new DingTalkClient({
    corpId: sim.corpId,
    appKey: sim.apps[0].appKey,
    appSecret: sim.apps[0].appSecret,
    oapiBaseUrl: sim.url,
    qps: QPS,
    timeoutMs: 1_000,
    retry: {
      maxTransientRetries: 8,
      maxRateLimitRetries: 10,
      maxBanPauses: 6,
      transientBackoff: { baseMs: 5, maxMs: 40 },
      rateLimitBackoff: { baseMs: 10, maxMs: 60 },
      banPauseMs: 30,
    },
    ...over,
  });

const keyOf = (c: CheckinInput) => `${c.idempotencyKey}@${c.atMs}`;
const ids = () => sim.company.users.map((u) => u.userId);

async function collect(gen: AsyncGenerator<{ items: CheckinInput[]; cursor: BackfillCursor }>) {
  const keys: string[] = [];
  let cursor: BackfillCursor | null = null;
  for await (const p of gen) {
    keys.push(...p.items.map(keyOf));
    cursor = p.cursor;
  }
  return { keys: keys.sort(), cursor };
}

describe('DingTalk back-fill against the simulator', () => {
  it('clean run returns exactly the company punches, one call per 50 users × 7 days', async () => {
    const plan = planDingTalkBackfill(ids(), '2026-10-01', '2026-10-31');
    expect(plan.batches).toHaveLength(5 * 5);
    const before = sim.stats.byPath['/attendance/listRecord'] ?? 0;
    const retried: string[] = [];
    const c = client({ onCall: (e) => e.outcome !== 'ok' && retried.push(e.outcome) });
    const { keys, cursor } = await collect(runDingTalkBackfill(c, plan));
    // One request per batch, plus at most one per attempt the client reports as failed (a request
    // that timed out on a loaded machine may never have been read by the server).
    const sent = sim.stats.byPath['/attendance/listRecord'] - before;
    expect(sent).toBeGreaterThanOrEqual(25);
    expect(sent).toBeLessThanOrEqual(25 + retried.length);
    const truth = sim.company
      .punchesBetween(ids(), instantOf('2026-10-01', '', 'Asia/Shanghai'), instantOf('2026-11-01', '', 'Asia/Shanghai') - 1)
      .map((p) => `dingtalk:${sim.corpId}:${p.recordId}@${p.atMs}`)
      .sort();
    expect(keys).toEqual(truth);
    expect(new Set(keys).size).toBe(keys.length);
    expect(cursor?.doneBelow).toBe(25);
  });

  it('a run with 30% mixed faults yields the same punches as the clean run', async () => {
    const plan = planDingTalkBackfill(ids(), '2026-10-01', '2026-10-31');
    const clean = await collect(runDingTalkBackfill(client(), plan));
    sim.setFaults({ rate: 0.3, seed: 'test-faults', hangMs: 1_500, slowMs: 50, tokenMinAgeMs: 100 });
    try {
      const faulted = await collect(runDingTalkBackfill(client(), plan, { concurrency: 6 }));
      expect(faulted.keys).toEqual(clean.keys);
    } finally {
      sim.setFaults(null);
    }
    const kinds = Object.keys(sim.stats.faults);
    for (const k of ['rate_limit', 'server_error', 'timeout', 'html_ban', 'system_busy', 'slow']) expect(kinds).toContain(k);
  });

  it('resumes from a cursor after an interruption without losing or repeating batches', async () => {
    const plan = planDingTalkBackfill(ids(), '2026-10-01', '2026-10-31');
    const clean = await collect(runDingTalkBackfill(client(), plan));
    const controller = new AbortController();
    const firstKeys: string[] = [];
    let cursor: BackfillCursor | null = null;
    let batches = 0;
    await expect(
      (async () => {
        for await (const p of runDingTalkBackfill(client(), plan, { signal: controller.signal, concurrency: 3 })) {
          firstKeys.push(...p.items.map(keyOf));
          cursor = p.cursor;
          if (++batches === 7) controller.abort(new Error('operator stop'));
        }
      })(),
    ).rejects.toThrow();
    expect(cursor).not.toBeNull();
    const rest = await collect(runDingTalkBackfill(client(), plan, { cursor }));
    const all = [...firstKeys, ...rest.keys].sort();
    // Batches that were in flight when we stopped may be fetched again: re-delivery is harmless
    // (idempotency keys), losing one is not.
    expect([...new Set(all)]).toEqual(clean.keys);
    expect(rest.cursor?.doneBelow).toBe(plan.batches.length);
  });
});
