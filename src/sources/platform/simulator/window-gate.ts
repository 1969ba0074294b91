import type { WindowLimit } from '../sliding-window.js';

/**
 * The platforms' frequency limits as they count them: calls admitted in any window of the stated
 * length, slid continuously (not a token bucket, which lets a refill plus a full bucket through in
 * one second). A rejected call is not counted. Used by both simulators.
 */
export class WindowGate {
  private readonly hits = new Map<string, { stamps: number[]; head: number }>();
  /** Rejections per limit label, for the tests' "no limit was broken" checks. */
  readonly rejected: Record<string, number> = {};

  constructor(private readonly now: () => number = Date.now) {}

  /** Admits one call under every limit, or returns the (first) limit it would break. */
  admit(key: string, limits: Array<WindowLimit & { label: string }>): (WindowLimit & { label: string }) | null {
    const t = this.now();
    let h = this.hits.get(key);
    if (!h) this.hits.set(key, (h = { stamps: [], head: 0 }));
    const longest = Math.max(...limits.map((l) => l.windowMs));
    while (h.head < h.stamps.length && h.stamps[h.head] <= t - longest) h.head++;
    if (h.head > 1024 && h.head * 2 > h.stamps.length) {
      h.stamps = h.stamps.slice(h.head);
      h.head = 0;
    }
    for (const l of limits) {
      if (this.count(h, t - l.windowMs) >= l.limit) {
        this.rejected[l.label] = (this.rejected[l.label] ?? 0) + 1;
        return l;
      }
    }
    h.stamps.push(t);
    return null;
  }

  /** Stamps after `since` (binary search: the stamps are in arrival order). */
  private count(h: { stamps: number[]; head: number }, since: number): number {
    let lo = h.head;
    let hi = h.stamps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h.stamps[mid] <= since) lo = mid + 1;
      else hi = mid;
    }
    return h.stamps.length - lo;
  }
}
