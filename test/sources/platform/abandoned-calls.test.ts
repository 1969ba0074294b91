import { virtualClock } from '../../helpers/virtual-clock.js';
import { describe, expect, it } from 'vitest';
import { ApiCaller, fail, ok } from '../../../src/sources/platform/api-caller.js';
import { ConnectorError } from '../../../src/sources/platform/errors.js';
import type { HttpResponse } from '../../../src/sources/platform/http.js';
import { WindowGate } from '../../../src/sources/platform/simulator/window-gate.js';
import { SlidingWindowLimiter } from '../../../src/sources/platform/sliding-window.js';
import { RateLimiterRegistry } from '../../../src/sources/platform/token-bucket.js';
import { dingTalkRateSpec } from '../../../src/sources/dingtalk/limits.js';

/**
 * A virtual clock and a simulated server on it. The server counts a call when it gets round to it:
 * most calls right away, a "slow answer" fault only after the client's timeout has already fired.
 * The client then has no answer, gives the call up and retries, while the server still counts the
 * abandoned call a little later.
 */
function harness(abandonedHoldMs: number) {
  const clock = virtualClock();
  const at = clock.at;
  let seed = 11;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const gate = new WindowGate(clock.now);
  const limits = [
    { label: 'perSecond', limit: 20, windowMs: 1_000 },
    { label: 'perMinute', limit: 1_500, windowMs: 60_000 },
  ];
  const timeoutMs = 1_500;
  const limiter = new RateLimiterRegistry((api) => dingTalkRateSpec(api, 20), clock, abandonedHoldMs);
  const caller = new ApiCaller({
    platform: 'dingtalk',
    limiter,
    clock,
    random: () => 0.5,
    retry: { maxTransientRetries: 10, maxRateLimitRetries: 10, transientBackoff: { baseMs: 100, maxMs: 400 } },
  });
  let slowFaults = 0;
  const send = (): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      const slow = random() < 0.1;
      if (slow) slowFaults++;
      // Slow answer: the server reaches the call 300 ms after the client stopped waiting.
      const countAt = slow ? timeoutMs + 300 : 20 + random() * 150;
      const answerAt = countAt + 30;
      let settled = false;
      at(timeoutMs, () => {
        if (settled) return;
        settled = true;
        reject(new ConnectorError('CONNECTOR_TIMEOUT', 'timed out', { platform: 'dingtalk', api: '/attendance/list' }));
      });
      at(countAt, () => {
        const broken = gate.admit('app:/attendance/list', limits);
        at(answerAt - countAt, () => {
          if (settled) return;
          settled = true;
          const body = broken ? { errcode: 90018 } : { errcode: 0 };
          resolve({ status: 200, contentType: 'application/json', text: JSON.stringify(body), json: body });
        });
      });
    });
  const classify = (res: HttpResponse) =>
    (res.json as { errcode: number }).errcode === 0
      ? ok(true)
      : fail<boolean>({ kind: 'rate_limited' }, new ConnectorError('CONNECTOR_RATE_LIMITED', '90018', { platform: 'dingtalk' }));

  async function run(workers: number, callsEach: number) {
    let done = 0;
    const worker = async () => {
      for (let i = 0; i < callsEach; i++) {
        await caller.call({ api: '/attendance/list', send, classify });
        done++;
      }
    };
    const all = Promise.all(Array.from({ length: workers }, worker));
    all.catch(() => {});
    await clock.runUntil(() => done >= workers * callsEach);
    await all;
    return { done, overLimit: gate.rejected, slowFaults, elapsedMs: clock.now() };
  }
  return { run };
}

describe('calls the client gave up on', () => {
  it('released at the timeout, a late-counted call breaks the per-second limit (the old behaviour)', async () => {
    const r = await harness(0).run(8, 40);
    expect(r.done).toBe(320);
    expect(r.slowFaults).toBeGreaterThan(10);
    expect(r.overLimit.perSecond ?? 0).toBeGreaterThan(0);
  });

  it('held for one more timeout, no window is broken, retries included', async () => {
    const r = await harness(1_500).run(8, 40);
    expect(r.done).toBe(320);
    expect(r.slowFaults).toBeGreaterThan(10);
    expect(r.overLimit).toEqual({});
    // 320 calls plus retries at 20/s: the holds cost some seconds, not a stall.
    expect(r.elapsedMs).toBeLessThan(60_000);
  });

  it('an abandoned call keeps its slot for the hold, then counts for one window from its end', async () => {
    let now = 0;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }], clock, 0, 2_000);
    const release = await limiter.take();
    now = 500;
    release('abandoned');
    await limiter.take();
    // Held until 2 500, then counted as arrived then: the next call leaves at 3 500.
    expect(now).toBe(3_500);
  });

  it('an answer that comes back during a hold still frees its own slot at once', async () => {
    const clock = virtualClock();
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }], clock, 0, 10_000);
    const a = await limiter.take();
    const b = await limiter.take();
    a('abandoned');
    let third = false;
    const pending = limiter.take().then(() => (third = true));
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    clock.set(100);
    b();
    await clock.runUntil(() => third, 100);
    await pending;
    // b answered at 100: one window later its slot is free, long before a's hold ends at 10 100.
    expect(clock.now()).toBe(1_100);
  });
});
