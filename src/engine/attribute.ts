/**
 * R1 attribution: which calendar date each punch belongs to.
 *
 * Punches arrive sorted by instant; shift windows are visited with a sweep pointer, so a month of
 * punches is attributed in roughly linear time without allocating per punch.
 */
import type { DayPlan } from './shift-window.js';
import { localDayIndexOf, type ZoneTable } from './zone-offsets.js';

export const IGNORED = -1;

let orderScratch = new Int32Array(64);

/**
 * Fills `assign[i]` with the plan index of punch i (times sorted ascending), or IGNORED, and adds
 * each ignored punch to `ignored[p]` of the plan p of its local calendar date, when there is one.
 */
export function attribute(
  plans: DayPlan[],
  planByDayIndex: Map<number, number>,
  zt: ZoneTable,
  times: Float64Array,
  n: number,
  assign: Int32Array,
  ignored: Int32Array,
): void {
  // Plans with a shift instance, ordered by window start (dates are sorted, so this is nearly free).
  if (orderScratch.length < plans.length) orderScratch = new Int32Array(plans.length * 2);
  const order = orderScratch;
  let m = 0;
  for (let p = 0; p < plans.length; p++) {
    const inst = plans[p].inst;
    if (!inst) continue;
    let j = m++;
    while (j > 0 && plans[order[j - 1]].inst!.windowStartMs > inst.windowStartMs) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = p;
  }

  let lo = 0; // every shift plan before `lo` has a window that ended before the current punch
  let restPtr = 0;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    while (lo < m && plans[order[lo]].inst!.windowEndMs < t) lo++;
    let best = IGNORED;
    let bestDist = Infinity;
    let bestStart = -Infinity;
    for (let j = lo; j < m; j++) {
      const inst = plans[order[j]].inst!;
      if (inst.windowStartMs > t) break;
      if (inst.windowEndMs < t) continue;
      const dist = t < inst.startMs ? inst.startMs - t : t > inst.endMs ? t - inst.endMs : 0;
      // Nearest scheduled interval wins; a tie goes to the later instance.
      if (dist < bestDist || (dist === bestDist && inst.startMs > bestStart)) {
        best = order[j];
        bestDist = dist;
        bestStart = inst.startMs;
      }
    }
    if (best === IGNORED) best = restPlanOf(plans, t, restPtr);
    if (best >= 0 && (plans[best].kind === 'rest' || plans[best].kind === 'free')) restPtr = best;
    assign[i] = best;
    if (best === IGNORED) {
      const p = planByDayIndex.get(localDayIndexOf(zt, t));
      if (p !== undefined) ignored[p]++;
    }
  }
}

/** The shiftless rest day (or free-hours day) whose [D boundary, D+1 boundary) range holds t, or IGNORED. */
function restPlanOf(plans: DayPlan[], t: number, from: number): number {
  for (let p = from; p < plans.length; p++) {
    const pl = plans[p];
    if (pl.kind !== 'rest' && pl.kind !== 'free') continue;
    if (pl.restStartMs > t) break;
    if (t < pl.restEndMs) return p;
  }
  return IGNORED;
}
