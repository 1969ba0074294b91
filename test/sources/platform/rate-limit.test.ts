import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/sources/platform/backoff.js';
import { MeteredBudget } from '../../../src/sources/platform/budget.js';
import { PauseGate, RateLimiterRegistry, TokenBucket } from '../../../src/sources/platform/token-bucket.js';

describe('TokenBucket', () => {
  it('reserves in arrival order at the configured rate (virtual clock)', () => {
    let now = 0;
    const clock = { now: () => now, sleep: async () => {} };
    const b = new TokenBucket(20, 5, clock);
    const waits = Array.from({ length: 25 }, () => b.reserve());
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // Token k (beyond the burst) is available at k/20 s.
    expect(waits.slice(5, 9)).toEqual([50, 100, 150, 200]);
    expect(waits[24]).toBe(1000);
    now = 10_000; // long idle: refills to capacity, never beyond
    expect(Array.from({ length: 6 }, () => b.reserve())).toEqual([0, 0, 0, 0, 0, 50]);
  });

  it('paces real calls: 30 takes at 50/s with burst 5 take ≈ 500 ms', async () => {
    const b = new TokenBucket(50, 5);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 30 }, () => b.take()));
    const ms = performance.now() - t0;
    // The exact schedule is pinned by the virtual-clock test above; this one shows that take() really
    // waits. A loaded machine only makes it slower, so the upper bound is loose.
    expect(ms).toBeGreaterThanOrEqual(480);
    expect(ms).toBeLessThan(10_000);
  });

  it('registry keeps one bucket per API with its own rate', () => {
    let now = 0;
    const clock = { now: () => now, sleep: async () => {} };
    const reg = new RateLimiterRegistry((api) => (api === '/slow' ? { ratePerSec: 1, burst: 1 } : { ratePerSec: 100, burst: 10 }), clock);
    expect(reg.bucket('/slow')).toBe(reg.bucket('/slow'));
    expect(reg.bucket('/slow').reserve()).toBe(0);
    expect(reg.bucket('/slow').reserve()).toBe(1000);
    expect(reg.bucket('/fast').reserve()).toBe(0);
  });

  it('pause gate holds callers until it reopens', async () => {
    const gate = new PauseGate();
    gate.pauseFor(150);
    const t0 = performance.now();
    await gate.wait();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('backoff', () => {
  it('grows exponentially, bounded, with jitter in [step/2, step]', () => {
    const p = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(1, p, () => 0)).toBe(50);
    expect(backoffDelay(1, p, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, p, () => 0.999999)).toBe(400);
    expect(backoffDelay(10, p, () => 0.999999)).toBe(1000);
    expect(backoffDelay(10, p, () => 0)).toBe(500);
    expect(backoffDelay(2, { ...p, jitter: 0 }, () => 0.3)).toBe(200);
  });
});

describe('MeteredBudget', () => {
  it('warns once per month at the threshold and resets with the (CST) month', async () => {
    const warnings: unknown[] = [];
    const b = new MeteredBudget({ limit: 10, warnAt: 0.8, onWarn: (w) => warnings.push(w) });
    const oct = Date.parse('2026-10-15T00:00:00+08:00');
    for (let i = 0; i < 7; i++) await b.record(oct);
    expect(warnings).toHaveLength(0);
    await b.record(oct);
    expect(warnings).toEqual([{ month: '2026-10', used: 8, limit: 10, threshold: 8 }]);
    await b.record(oct);
    expect(warnings).toHaveLength(1);
    // 2026-10-31 16:30 UTC is already November in Beijing.
    expect(b.month(Date.parse('2026-10-31T16:30:00Z'))).toBe('2026-11');
    expect(await b.used(Date.parse('2026-11-02T00:00:00+08:00'))).toBe(0);
  });
});
