import { describe, expect, it } from 'vitest';
import { TokenCache, type AccessToken } from '../../../src/sources/platform/token-cache.js';
import { ConnectorError } from '../../../src/sources/platform/errors.js';

const manualClock = (start = 1_000_000) => {
  let now = start;
  return { now: () => now, sleep: async () => {}, advance: (ms: number) => (now += ms) };
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('TokenCache', () => {
  it('single-flight: 50 concurrent callers share one fetch', async () => {
    const clock = manualClock();
    const gate = deferred<AccessToken>();
    let fetches = 0;
    const cache = new TokenCache(() => (fetches++, gate.promise), { clock });
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get()));
    gate.resolve({ token: 'A', expiresAtMs: clock.now() + 7_200_000 });
    expect(await all).toEqual(Array(50).fill('A'));
    expect(fetches).toBe(1);
    expect(cache.fetchCount).toBe(1);
  });

  it('refreshes before expiry (margin), not per call', async () => {
    const clock = manualClock();
    let n = 0;
    const cache = new TokenCache(async () => ({ token: `T${++n}`, expiresAtMs: clock.now() + 7_200_000 }), { clock });
    expect(await cache.get()).toBe('T1');
    clock.advance(7_200_000 - 300_001);
    expect(await cache.get()).toBe('T1');
    clock.advance(2);
    expect(await cache.get()).toBe('T2');
    expect(n).toBe(2);
  });

  it('invalidate only drops the token that was rejected', async () => {
    const clock = manualClock();
    let n = 0;
    const cache = new TokenCache(async () => ({ token: `T${++n}`, expiresAtMs: clock.now() + 7_200_000 }), { clock });
    await cache.get();
    cache.invalidate('T1');
    expect(await cache.get()).toBe('T2');
    cache.invalidate('T1'); // a late failure on the old token must not discard the new one
    expect(await cache.get()).toBe('T2');
    expect(n).toBe(2);
  });

  it('a failed fetch is shared by its waiters and not cached', async () => {
    const clock = manualClock();
    let n = 0;
    const cache = new TokenCache(
      async () => {
        n += 1;
        if (n === 1) throw new ConnectorError('CONNECTOR_BAD_CREDENTIALS', 'bad');
        return { token: 'OK', expiresAtMs: clock.now() + 7_200_000 };
      },
      { clock },
    );
    const results = await Promise.allSettled([cache.get(), cache.get(), cache.get()]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(n).toBe(1);
    expect(await cache.get()).toBe('OK');
  });

  it('uses a persisted token and saves fresh ones', async () => {
    const clock = manualClock();
    const saved: AccessToken[] = [];
    const store = {
      load: async () => ({ token: 'STORED', expiresAtMs: clock.now() + 3_600_000 }),
      save: async (t: AccessToken) => void saved.push(t),
    };
    let n = 0;
    const cache = new TokenCache(async () => ({ token: `T${++n}`, expiresAtMs: clock.now() + 7_200_000 }), { clock, store });
    expect(await cache.get()).toBe('STORED');
    cache.invalidate('STORED');
    expect(await cache.get()).toBe('T1');
    expect(saved.map((t) => t.token)).toEqual(['T1']);
  });
});
