/**
 * "Now" and "today" for tests, read when a test runs (never captured at module load, so a run that
 * crosses midnight still agrees with the server), and the process-clock shift behind DAKA_TEST_NOW.
 */
import { localDate } from '../../src/shared/dates.js';

export const TEST_ZONE = 'Asia/Shanghai';

/** Today's date in `zone` by the process clock. */
export function testToday(zone: string = TEST_ZONE): string {
  return localDate(Date.now(), zone);
}

const ShiftMarker = Symbol.for('daka.testClockOffsetMs');

/** How far the process clock was moved by shiftProcessClock (0 when it was not). */
export function testClockOffsetMs(): number {
  return (globalThis as { [ShiftMarker]?: number })[ShiftMarker] ?? 0;
}

/**
 * Moves Date and Date.now so that "now" is `iso` and runs on from there at the real pace. Timers
 * (setTimeout, performance.now) are untouched: only the calendar moves.
 */
export function shiftProcessClock(iso: string): void {
  const at = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || !Number.isFinite(at)) throw new Error(`DAKA_TEST_NOW must be an ISO instant such as 2026-12-07T02:00:00Z, not '${iso}'`);
  const holder = globalThis as { [ShiftMarker]?: number; Date: DateConstructor };
  if (holder[ShiftMarker] !== undefined) return;
  const RealDate = holder.Date;
  const realNow = RealDate.now.bind(RealDate);
  const offset = at - realNow();
  const now = () => realNow() + offset;
  holder[ShiftMarker] = offset;
  holder.Date = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object;
    },
    // Date() called without `new` returns the current time as a string.
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, prop, receiver) {
      if (prop === 'now') return now;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
