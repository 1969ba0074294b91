import { systemClock, type Clock } from './clock.js';

export interface AccessToken {
  token: string;
  /** Absolute expiry, epoch ms, as the platform stated it. */
  expiresAtMs: number;
}

/** Optional persistence so several processes share one token instead of each bursting gettoken. */
export interface TokenStore {
  load(): Promise<AccessToken | null>;
  save(token: AccessToken): Promise<void>;
}

export interface TokenCacheOptions {
  /** Refresh this long before the stated expiry (platforms.md: expires_in − 300 s). */
  refreshMarginMs?: number;
  clock?: Clock;
  store?: TokenStore;
}

/**
 * One app's access token. `get()` is single-flight: however many calls arrive while the token is
 * missing or due, exactly one fetch runs and all of them await it. A failed fetch is not cached, so
 * the next call tries again (the caller's retry policy decides whether it should).
 */
export class TokenCache {
  private current: AccessToken | null = null;
  private inFlight: Promise<AccessToken> | null = null;
  private loadedFromStore = false;
  private readonly margin: number;
  private readonly clock: Clock;
  /** How many times the platform was actually asked for a token (tests and metrics read it). */
  fetchCount = 0;

  constructor(
    private readonly fetchToken: () => Promise<AccessToken>,
    private readonly options: TokenCacheOptions = {},
  ) {
    this.margin = options.refreshMarginMs ?? 300_000;
    this.clock = options.clock ?? systemClock;
  }

  private fresh(t: AccessToken | null): t is AccessToken {
    return t !== null && t.expiresAtMs - this.margin > this.clock.now();
  }

  async get(): Promise<string> {
    if (this.fresh(this.current)) return this.current.token;
    return (await this.refresh()).token;
  }

  private refresh(): Promise<AccessToken> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = (async () => {
      try {
        if (!this.loadedFromStore && this.options.store) {
          this.loadedFromStore = true;
          const stored = await this.options.store.load();
          if (this.fresh(stored)) return (this.current = stored);
        }
        this.fetchCount += 1;
        const t = await this.fetchToken();
        this.current = t;
        await this.options.store?.save(t);
        return t;
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }

  /**
   * Drop the token a call was rejected with. Only that token is dropped: when ten parallel calls
   * all fail on the same stale token, the first invalidation triggers one refresh and the other
   * nine must not throw the new token away.
   */
  invalidate(rejected?: string): void {
    if (!this.current) return;
    if (rejected === undefined || this.current.token === rejected) this.current = null;
  }
}
