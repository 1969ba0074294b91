import { systemClock, type Clock } from './clock.js';

/** At most `limit` calls in any `windowMs` span: the platforms count per second, minute and hour. */
/** Called once a call is over: `'abandoned'` when the client gave up without an answer. */
export type CallRelease = (outcome?: 'answered' | 'abandoned') => void;

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/**
 * A sliding-window limiter that hands out reservations in arrival order. A token bucket lets a full
 * bucket plus a second's refill through in one second (30 calls against a 20/s limit); this keeps
 * the send time of every admitted call and admits the next one only when each window, slid to that
 * instant, still has room. Retries take a reservation like any call, so they count too.
 *
 * `marginMs` widens every window: the platform counts arrivals, and a call reserved for t leaves a
 * little after t (event-loop lag, TLS); without the margin two calls exactly one window apart could
 * land inside one window at the far end.
 */
export class SlidingWindowLimiter {
  /** Reserved send times, non-decreasing (reservations are FIFO). */
  private stamps: number[] = [];
  private head = 0;
  private readonly longestMs: number;

  /**
   * @param abandonedHoldMs how long a call given up on (timed out, connection lost, aborted) still
   *   counts as in flight after the client gave up: the server may hold it unanswered and count it
   *   later, so its slot is only freed once the server is assumed done with it.
   */
  constructor(
    readonly limits: WindowLimit[],
    private readonly clock: Clock = systemClock,
    readonly marginMs = 0,
    readonly abandonedHoldMs = 0,
  ) {
    if (!(abandonedHoldMs >= 0 && Number.isFinite(abandonedHoldMs))) throw new RangeError('abandonedHoldMs must be a finite number ≥ 0');
    if (limits.length === 0) throw new RangeError('at least one window limit');
    for (const l of limits) {
      if (!(l.limit >= 1 && Number.isFinite(l.limit)) || !(l.windowMs > 0)) throw new RangeError('window limits must be ≥ 1 call per > 0 ms');
    }
    this.longestMs = Math.max(...limits.map((l) => l.windowMs)) + marginMs;
  }

  /** Milliseconds the caller must wait before sending; its slot is already reserved. */
  reserve(): number {
    const now = this.clock.now();
    this.prune(now);
    const count = this.stamps.length - this.head;
    let at = count > 0 ? Math.max(now, this.stamps[this.stamps.length - 1]) : now;
    // Each pass can only move `at` later, and a move frees a slot in the window that caused it, so
    // this settles within a few passes; the bound is a guard, not a limit anyone should reach.
    for (let pass = 0; pass < 16; pass++) {
      let moved = false;
      for (const { limit, windowMs } of this.limits) {
        if (count < limit) continue;
        // The limit-th most recent stamp must have left the window [at - span, at].
        const oldest = this.stamps[this.stamps.length - limit];
        const free = oldest + windowMs + this.marginMs;
        if (free > at) {
          at = free;
          moved = true;
        }
      }
      if (!moved) break;
    }
    this.stamps.push(at);
    return at - now;
  }

  /**
   * Waits for the reserved slot, then checks the windows against what the platform can have seen:
   * a call still in flight may arrive at any moment, so it counts in every window until its answer
   * comes back; an answered call arrived no later than its answer, so it counts until one window
   * after that. A late timer (a busy event loop) or a slow network on one call then never squeezes
   * it into the window of a later call. Resolves with the function to call once the answer (or the
   * error) is in; pass `'abandoned'` when no answer came (timeout, lost connection, abort): the
   * server may still count that call, so it stays in flight for `abandonedHoldMs` more.
   */
  async take(signal?: AbortSignal): Promise<CallRelease> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait, signal);
    for (let i = 0; i < 10_000; i++) {
      const now = this.clock.now();
      const more = this.answeredDelay(now);
      if (more.ms === 0) {
        this.inFlight += 1;
        let released = false;
        return (outcome = 'answered') => {
          if (released) return;
          released = true;
          this.inFlight -= 1;
          const at = this.clock.now();
          if (outcome === 'abandoned' && this.abandonedHoldMs > 0) this.held.push(at + this.abandonedHoldMs);
          else this.answered.push(at);
          const waiters = this.waiters.splice(0);
          for (const w of waiters) w();
        };
      }
      if (more.untilAnswer) await this.nextAnswer(signal, more.ms);
      else await this.clock.sleep(more.ms, signal);
    }
    throw new RangeError('rate limiter: no slot after 10 000 checks');
  }

  /** Calls sent and not yet answered. */
  private inFlight = 0;
  /** Instants answers came back, non-decreasing (the clock does not go back). */
  private answered: number[] = [];
  private answeredHead = 0;
  /** Abandoned calls: the instants until which each still counts as in flight, non-decreasing. */
  private held: number[] = [];
  private waiters: Array<() => void> = [];

  /** Resolves on the next answer, or after `maxMs` (when a held call stops counting as in flight). */
  private nextAnswer(signal: AbortSignal | undefined, maxMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = Number.isFinite(maxMs) ? new AbortController() : null;
      const finish = () => {
        signal?.removeEventListener('abort', abort);
        this.waiters = this.waiters.filter((w) => w !== done);
        timer?.abort();
      };
      const done = () => {
        finish();
        resolve();
      };
      const abort = () => {
        finish();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.waiters.push(done);
      if (timer) this.clock.sleep(maxMs, timer.signal).then(done, () => {});
    });
  }

  /** Held calls whose hold is over count from then on like a call answered at that instant. */
  private settleHeld(now: number): void {
    let n = 0;
    while (n < this.held.length && this.held[n] <= now) n++;
    if (n === 0) return;
    for (const at of this.held.splice(0, n)) {
      // Answers that came back after `at` are already recorded: insert in order.
      let i = this.answered.length;
      while (i > this.answeredHead && this.answered[i - 1] > at) i--;
      this.answered.splice(i, 0, at);
    }
  }

  /**
   * `ms` 0 when a call may leave now, else the wait; `untilAnswer` when only an answer (or, after
   * `ms`, the end of a hold) can free a slot.
   */
  private answeredDelay(now: number): { ms: number; untilAnswer: boolean } {
    this.settleHeld(now);
    const cutoff = now - this.longestMs;
    while (this.answeredHead < this.answered.length && this.answered[this.answeredHead] <= cutoff) this.answeredHead++;
    if (this.answeredHead > 1024 && this.answeredHead * 2 > this.answered.length) {
      this.answered = this.answered.slice(this.answeredHead);
      this.answeredHead = 0;
    }
    const busy = this.inFlight + this.held.length;
    let delay = 0;
    for (const { limit, windowMs } of this.limits) {
      if (busy >= limit) return { ms: this.held.length > 0 ? this.held[0] - now : Infinity, untilAnswer: true };
      const room = limit - busy;
      // The room-th most recent answer must have left the window.
      const idx = this.answered.length - room;
      if (idx < this.answeredHead) continue;
      const free = this.answered[idx] + windowMs + this.marginMs;
      if (free > now) delay = Math.max(delay, free - now);
    }
    return { ms: delay, untilAnswer: false };
  }

  /** Calls sent (or reserved) in the last `windowMs` up to now: for tests and metrics. */
  inWindow(windowMs: number): number {
    const now = this.clock.now();
    let n = 0;
    for (let i = this.stamps.length - 1; i >= this.head && this.stamps[i] > now - windowMs; i--) if (this.stamps[i] <= now) n++;
    return n;
  }

  private prune(now: number) {
    const cutoff = now - this.longestMs;
    while (this.head < this.stamps.length && this.stamps[this.head] <= cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }
}
