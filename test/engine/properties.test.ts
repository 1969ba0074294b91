/** Invariants of the engine over generated scenarios (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateOfDayIndex,
  dayIndexOf,
  evaluateRange,
  parseScenario,
  type CalendarDay,
  type DayResult,
  type EngineInput,
  type Punch,
} from '../../src/engine/index.js';
import { baseScenario } from './helpers.js';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const FIRST = '2026-03-09';
const SH_OFFSET = 8 * 3_600_000; // Asia/Shanghai: no DST, so local midnight is a fixed offset away
const midnight = (date: string) => dayIndexOf(date) * DAY_MS - SH_OFFSET;

function baseInput(): EngineInput {
  const s = baseScenario();
  s.shifts.N = { ...s.shifts.S1, start: '22:00', end: '06:00', crossesMidnight: true, break: { start: '02:00', end: '02:30' }, checkInEarliestMin: 60, checkOutLatestMin: 120 };
  s.shifts.F = { ...s.shifts.S1, flex: { lateMaxMin: 60, earlyMaxMin: 30 } };
  return parseScenario(s);
}

const dayKind = fc.constantFrom<CalendarDay>(
  { dayType: 'workday', shift: 'S1' },
  { dayType: 'workday', shift: 'N' },
  { dayType: 'workday', shift: 'F' },
  { dayType: 'makeup_workday', shift: 'S1' },
  { dayType: 'rest_day', shift: null },
  { dayType: 'statutory_holiday', shift: null },
);

/** A week of calendar, punches anywhere in it (second resolution), leave and policy switches. */
const scenario = fc
  .record({
    days: fc.array(dayKind, { minLength: 7, maxLength: 7 }),
    punches: fc.array(fc.record({ offsetSec: fc.integer({ min: 0, max: 8 * 86_400 }), source: fc.constantFrom('dingtalk', 'wecom', 'device:zk-01') }), { maxLength: 40 }),
    leave: fc.array(fc.record({ day: fc.integer({ min: 0, max: 6 }), half: fc.constantFrom<'am' | 'pm' | null>('am', 'pm', null) }), { maxLength: 2 }),
    pairs: fc.boolean(),
    approval: fc.boolean(),
    corrections: fc.array(fc.integer({ min: 0, max: 7 * 86_400 }), { maxLength: 2 }),
  })
  .map((g) => {
    const input = baseInput();
    const start = midnight(FIRST);
    input.calendar = {};
    g.days.forEach((d, i) => (input.calendar[dateOfDayIndex(dayIndexOf(FIRST) + i)] = d));
    input.punches = g.punches.map((p, i) => ({ atMs: start + p.offsetSec * 1000, source: p.source, id: `p${i}` }));
    input.leave = g.leave.map((l) => ({ date: dateOfDayIndex(dayIndexOf(FIRST) + l.day), half: l.half, type: 'annual' }));
    input.policy.pairing = g.pairs ? 'pairs' : 'first_last';
    input.policy.overtime.workday.requiresApproval = g.approval;
    input.approvals = {
      overtime: g.approval ? [{ fromMs: start + 19 * 3_600_000, toMs: start + 21 * 3_600_000 }] : [],
      corrections: g.corrections.map((s) => ({ atMs: start + s * 1000 })),
    };
    return input;
  });

const strip = (r: Record<string, DayResult>) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'explanation' ? undefined : v)));

describe('engine properties', () => {
  it('results depend on punch instants only: not on their order nor on when they arrived', () => {
    fc.assert(
      fc.property(scenario, fc.infiniteStream(fc.integer({ min: 0, max: 10 ** 9 })), fc.integer(), (input, arrivals, seed) => {
        const before = evaluateRange(input);
        const shuffled: Punch[] = [...input.punches]
          .map((p) => ({ ...p, receivedAtMs: p.atMs + (arrivals.next().value as number) }))
          .sort((a, b) => ((a.atMs * 31 + seed) % 97) - ((b.atMs * 31 + seed) % 97) || b.atMs - a.atMs);
        const after = evaluateRange({ ...input, punches: shuffled });
        expect(after).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('shifting punches, calendar, leave and approvals by whole days shifts the results (no-DST zone)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: -400, max: 400 }), (input, k) => {
        const shiftDate = (d: string) => dateOfDayIndex(dayIndexOf(d) + k);
        const dMs = k * DAY_MS;
        const moved: EngineInput = {
          ...input,
          calendar: Object.fromEntries(Object.entries(input.calendar).map(([d, v]) => [shiftDate(d), v])),
          leave: input.leave.map((l) => ({ ...l, date: shiftDate(l.date) })),
          punches: input.punches.map((p) => ({ ...p, atMs: p.atMs + dMs })),
          approvals: {
            overtime: input.approvals.overtime.map((a) => ({ fromMs: a.fromMs + dMs, toMs: a.toMs + dMs })),
            corrections: input.approvals.corrections.map((c) => ({ atMs: c.atMs + dMs })),
          },
        };
        const a = evaluateRange(input);
        const b = evaluateRange(moved);
        expect(Object.keys(b).sort()).toEqual(Object.keys(a).map(shiftDate).sort());
        const moveTime = (t: string | null) => (t === null ? null : Date.parse(t) + dMs);
        for (const [d, r] of Object.entries(a)) {
          const m = b[shiftDate(d)];
          expect({ ...m, inTime: Date.parse(m.inTime ?? 'x') || null, outTime: Date.parse(m.outTime ?? 'x') || null }).toEqual({
            ...r,
            inTime: moveTime(r.inTime),
            outTime: moveTime(r.outTime),
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a duplicate within the dedupe window changes only duplicatePunchCount (+1 on one date)', () => {
    // Punches spaced ≥ the window apart and well inside day windows (07:10–23:50), so every punch is
    // kept and a copy δ < window later lands in the same group.
    const spaced = fc
      .record({
        days: fc.array(fc.constantFrom<CalendarDay>({ dayType: 'workday', shift: 'S1' }, { dayType: 'workday', shift: 'F' }, { dayType: 'rest_day', shift: null }), { minLength: 3, maxLength: 3 }),
        minutes: fc.uniqueArray(fc.integer({ min: 0, max: 3 * 1000 - 1 }), { minLength: 1, maxLength: 12 }),
        pick: fc.nat(),
        deltaSec: fc.integer({ min: 0, max: 59 }),
        pairs: fc.boolean(),
      })
      .map((g) => {
        const input = baseInput();
        input.calendar = {};
        g.days.forEach((d, i) => (input.calendar[dateOfDayIndex(dayIndexOf(FIRST) + i)] = d));
        input.policy.pairing = g.pairs ? 'pairs' : 'first_last';
        // 1000 slots per day, one minute apart, from 07:10 to 23:50.
        input.punches = g.minutes.map((m, i) => ({ atMs: midnight(FIRST) + Math.floor(m / 1000) * DAY_MS + (430 + (m % 1000)) * MIN_MS, source: 'dingtalk', id: `p${i}` }));
        return { input, pick: g.pick % g.minutes.length, deltaMs: g.deltaSec * 1000 };
      });
    fc.assert(
      fc.property(spaced, ({ input, pick, deltaMs }) => {
        const before = evaluateRange(input);
        const orig = input.punches[pick];
        const after = evaluateRange({ ...input, punches: [...input.punches, { atMs: orig.atMs + deltaMs, source: 'wecom', id: 'dup' }] });
        const changed = Object.keys(before).filter((d) => JSON.stringify(before[d]) !== JSON.stringify(after[d]));
        expect(changed).toHaveLength(1);
        const d = changed[0];
        expect(after[d]).toEqual({ ...before[d], duplicatePunchCount: before[d].duplicatePunchCount + 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('a punch arriving late changes at most the one date it belongs to (R12)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: -86_400, max: 8 * 86_400 }), (input, offsetSec) => {
        const before = evaluateRange(input);
        const late: Punch = { atMs: midnight(FIRST) + offsetSec * 1000, source: 'device:zk-01', receivedAtMs: Number.MAX_SAFE_INTEGER };
        const after = evaluateRange({ ...input, punches: [...input.punches, late] });
        const changed = Object.keys(before).filter((d) => JSON.stringify(before[d]) !== JSON.stringify(after[d]));
        expect(changed.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('explanations never change the figures', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(strip(evaluateRange(input, { explain: true }))).toEqual(strip(evaluateRange(input)));
      }),
      { numRuns: 100 },
    );
  });
});
