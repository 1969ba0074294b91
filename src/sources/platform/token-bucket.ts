import { systemClock, type Clock } from './clock.js';
import { SlidingWindowLimiter, type CallRelease, type WindowLimit } from './sliding-window.js';

/**
 * A token bucket that hands out reservations: a caller that finds the bucket empty takes a token
 * "on credit" and sleeps until it would have accrued. Waiters are therefore served in arrival
 * order without a timer loop, and the long-run rate never exceeds `ratePerSec`.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly ratePerSec: number,
    readonly capacity: number = Math.max(1, Math.ceil(ratePerSec)),
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ratePerSec > 0)) throw new RangeError('ratePerSec must be > 0');
    this.tokens = capacity;
    this.updatedAt = clock.now();
  }

  /** Milliseconds the caller must wait for its token; the token is already reserved. */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSec);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSec) * 1000);
  }

  async take(signal?: AbortSignal): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait, signal);
  }
}

/**
 * Either the documented windows (`windows`: no window is ever exceeded, the default for platform
 * APIs) or a plain token bucket (`ratePerSec`/`burst`).
 */
export type RateSpec =
  | { ratePerSec: number; burst?: number; windows?: undefined }
  | { windows: WindowLimit[]; marginMs?: number; abandonedHoldMs?: number };

export interface Limiter {
  reserve(): number;
  /** Waits for a slot; a limiter that counts calls until they are answered returns the release to call then. */
  take(signal?: AbortSignal): Promise<CallRelease | void>;
}

/** One limiter per (app, API): DingTalk and WeCom both meter each API of each app separately. */
export class RateLimiterRegistry {
  private readonly buckets = new Map<string, Limiter>();

  /**
   * @param abandonedHoldMs for window specs that do not name their own: how long a call the client
   *   gave up on still counts as in flight (see SlidingWindowLimiter).
   */
  constructor(
    private readonly specFor: (api: string) => RateSpec,
    private readonly clock: Clock = systemClock,
    private readonly abandonedHoldMs = 0,
  ) {}

  bucket(api: string): Limiter {
    let b = this.buckets.get(api);
    if (!b) {
      const spec = this.specFor(api);
      b = spec.windows
        ? new SlidingWindowLimiter(spec.windows, this.clock, spec.marginMs ?? 0, spec.abandonedHoldMs ?? this.abandonedHoldMs)
        : new TokenBucket(spec.ratePerSec, spec.burst ?? Math.max(1, Math.ceil(spec.ratePerSec / 2)), this.clock);
      this.buckets.set(api, b);
    }
    return b;
  }

  take(api: string, signal?: AbortSignal): Promise<CallRelease | void> {
    return this.bucket(api).take(signal);
  }
}

/**
 * Closes every call of one app for a while. Used for DingTalk's per-IP ban, which throttles all APIs
 * at once: pausing one request while its siblings keep firing would only extend the ban.
 */
export class PauseGate {
  private openAt = 0;
  constructor(private readonly clock: Clock = systemClock) {}

  pauseFor(ms: number): void {
    this.openAt = Math.max(this.openAt, this.clock.now() + ms);
  }

  get pausedUntil(): number {
    return this.openAt;
  }

  async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.openAt - this.clock.now();
      if (wait <= 0) return;
      await this.clock.sleep(wait, signal);
    }
  }
}
