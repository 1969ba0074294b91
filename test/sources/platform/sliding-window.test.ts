import { virtualClock } from '../../helpers/virtual-clock.js';
import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../../src/sources/platform/sliding-window.js';
import { WindowGate } from '../../../src/sources/platform/simulator/window-gate.js';
import { dingTalkRateSpec } from '../../../src/sources/dingtalk/limits.js';

/** Max calls in any window of `windowMs` among send instants (sorted). */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while (times[hi] - times[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('SlidingWindowLimiter', () => {
  it('never lets more than the limit into any window, however the calls arrive (virtual clock)', () => {
    let now = 0;
    const clock = { now: () => now, sleep: async () => {} };
    const limiter = new SlidingWindowLimiter([{ limit: 20, windowMs: 1_000 }, { limit: 100, windowMs: 10_000 }], clock);
    const sent: number[] = [];
    // Bursts, pauses and trickles: 400 calls at irregular arrival times.
    for (let i = 0; i < 400; i++) {
      now += i % 50 === 0 ? 1_700 : i % 7 === 0 ? 90 : 0;
      sent.push(now + limiter.reserve());
    }
    sent.sort((a, b) => a - b);
    expect(maxInWindow(sent, 1_000)).toBe(20);
    expect(maxInWindow(sent, 10_000)).toBe(100);
  });

  it('the token bucket it replaces let 30 calls into one second at 20/s', () => {
    // What the DingTalk client did before (capacity 10, 20/s): the reason for this limiter.
    let tokens = 10;
    let admitted = 0;
    for (let t = 0; t < 1_000; t += 1) {
      tokens = Math.min(10, tokens + 20 / 1_000);
      while (tokens >= 1) {
        tokens -= 1;
        admitted++;
      }
    }
    expect(admitted).toBeGreaterThan(20);
  });

  it('reserves in arrival order and keeps the margin between window-mates', () => {
    let now = 0;
    const clock = { now: () => now, sleep: async () => {} };
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }], clock, 50);
    expect([limiter.reserve(), limiter.reserve(), limiter.reserve(), limiter.reserve()]).toEqual([0, 0, 1_050, 1_050]);
    now = 5_000;
    expect(limiter.reserve()).toBe(0);
  });

  it('counts a call until its answer is back: arrivals delayed by a slow network never break the limit', async () => {
    // A virtual clock whose sleeps advance time; each call arrives at the gate a random part of its
    // latency after it left, and its answer comes back at the end of that latency.
    const clock = virtualClock();
    const limiter = new SlidingWindowLimiter([{ limit: 20, windowMs: 1_000 }], clock, 0);
    const gate = new WindowGate(clock.now);
    const limits = [{ label: 'perSecond', limit: 20, windowMs: 1_000 }];
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let rejected = 0;
    let done = 0;
    const worker = async (calls: number) => {
      for (let i = 0; i < calls; i++) {
        const answered = await limiter.take();
        const latency = random() < 0.2 ? 900 : 40 + random() * 200;
        await clock.sleep(latency * random());
        if (gate.admit('api', limits)) rejected++;
        await clock.sleep(latency * random());
        answered!();
        done++;
      }
    };
    const workers = Promise.all(Array.from({ length: 8 }, () => worker(50)));
    await clock.runUntil(() => done >= 400);
    await workers;
    expect(done).toBe(400);
    expect(rejected).toBe(0);
    // Each window of 20 costs 1 s plus about one answer's latency, not many.
    expect(clock.now()).toBeLessThan((400 / 20) * 2_000);
  });

  it('a limit no call in flight can free waits for an answer', async () => {
    let now = 0;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }], clock, 0);
    const a = await limiter.take();
    await limiter.take();
    let third = false;
    const pending = limiter.take().then(() => (third = true));
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    now = 3_000;
    a!();
    await pending;
    // Answered at 3 000 ms: the third call left one window later.
    expect(now).toBe(4_000);
  });

  it('DingTalk specs: 20/s and 1 500/min per API', () => {
    const spec = dingTalkRateSpec('/attendance/listRecord', 20);
    expect(spec.windows).toEqual([
      { limit: 20, windowMs: 1_000 },
      { limit: 1_500, windowMs: 60_000 },
    ]);
  });
});

describe('WindowGate (the simulators)', () => {
  it('rejects the 21st call in any sliding second, not just per calendar second', () => {
    let now = 0;
    const gate = new WindowGate(() => now);
    const limits = [{ label: 'perSecond', limit: 20, windowMs: 1_000 }];
    now = 900;
    for (let i = 0; i < 20; i++) expect(gate.admit('k', limits)).toBeNull();
    // A new calendar second, but the same sliding second: refused.
    now = 1_100;
    expect(gate.admit('k', limits)?.label).toBe('perSecond');
    now = 1_901;
    expect(gate.admit('k', limits)).toBeNull();
    expect(gate.rejected).toEqual({ perSecond: 1 });
  });
});
