/**
 * R2–R4 and R8 on one attributed group: de-duplicate, truncate, choose in/out and the complete
 * pairs that count as worked time.
 *
 * Results land in a reused scratch object (`PairScratch`) so that a day allocates nothing here;
 * callers copy out what they keep before evaluating the next day.
 */
import type { Pairing } from './types.js';

export interface PairScratch {
  /** Kept punch instants (after R3, truncated by R2), ascending. */
  kept: Float64Array;
  /** Index (into the sorted punch list) of each kept punch, for explanations. */
  keptIdx: Int32Array;
  keptCount: number;
  duplicateCount: number;
  /** Chosen check-in / check-out instants, NaN when missing. */
  inMs: number;
  outMs: number;
  missingIn: boolean;
  missingOut: boolean;
  /** Complete pairs as [inMs, outMs] flattened: pairs[2k], pairs[2k+1]. */
  pairs: Float64Array;
  pairCount: number;
  /** true when the group was a single punch or a cluster shorter than minInOutGapMin. */
  cluster: boolean;
}

export function newPairScratch(): PairScratch {
  return {
    kept: new Float64Array(16),
    keptIdx: new Int32Array(16),
    keptCount: 0,
    duplicateCount: 0,
    inMs: NaN,
    outMs: NaN,
    missingIn: true,
    missingOut: true,
    pairs: new Float64Array(16),
    pairCount: 0,
    cluster: false,
  };
}

/** R3 then R2 on group[from..to) (indices into `times`, ascending by instant). */
export function dedupeAndTruncate(
  s: PairScratch,
  times: Float64Array,
  group: Int32Array,
  from: number,
  to: number,
  dedupeWindowMs: number,
  truncate: boolean,
): void {
  const n = to - from;
  if (s.kept.length < n) {
    s.kept = new Float64Array(n * 2);
    s.keptIdx = new Int32Array(n * 2);
    s.pairs = new Float64Array(n * 2);
  }
  let k = 0;
  let last = -Infinity;
  for (let g = from; g < to; g++) {
    const idx = group[g];
    const t = times[idx];
    // Compared with the previous *kept* punch, on raw instants, whatever the source.
    if (k > 0 && t - last < dedupeWindowMs) continue;
    s.kept[k] = t;
    s.keptIdx[k] = idx;
    last = t;
    k++;
  }
  s.keptCount = k;
  s.duplicateCount = n - k;
  if (truncate) for (let i = 0; i < k; i++) s.kept[i] = Math.floor(s.kept[i] / 60_000) * 60_000;
}

/**
 * R4: in/out and complete pairs. `midMs` is the midpoint of the expected segment. Rest days
 * (R10) call this with `first_last`.
 */
export function choosePairs(s: PairScratch, pairing: Pairing, minGapMs: number, midMs: number): void {
  const k = s.keptCount;
  const kept = s.kept;
  s.inMs = NaN;
  s.outMs = NaN;
  s.pairCount = 0;
  s.cluster = false;
  if (k === 0) {
    s.missingIn = true;
    s.missingOut = true;
    return;
  }
  if (k === 1 || kept[k - 1] - kept[0] < minGapMs) {
    s.cluster = true;
    if (kept[0] <= midMs) {
      s.inMs = kept[0];
      s.missingIn = false;
      s.missingOut = true;
    } else {
      s.outMs = kept[k - 1];
      s.missingIn = true;
      s.missingOut = false;
    }
    return;
  }
  s.missingIn = false;
  s.inMs = kept[0];
  if (pairing === 'first_last') {
    s.outMs = kept[k - 1];
    s.missingOut = false;
    s.pairs[0] = kept[0];
    s.pairs[1] = kept[k - 1];
    s.pairCount = 1;
    return;
  }
  let p = 0;
  for (let i = 0; i + 1 < k; i += 2) {
    s.pairs[2 * p] = kept[i];
    s.pairs[2 * p + 1] = kept[i + 1];
    p++;
  }
  s.pairCount = p;
  // An odd last punch has no partner: the day has no check-out.
  s.missingOut = k % 2 === 1;
  s.outMs = s.missingOut ? NaN : kept[k - 1];
}
