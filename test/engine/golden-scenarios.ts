/**
 * The scenarios of the fixed/roster golden test, in a compact form that is stored in the repository
 * (test/fixtures/engine-golden/fixed-roster-scenarios.json) and expanded here into engine inputs.
 * fast-check only draws them when the sample itself is renewed, so upgrading it cannot change what
 * the golden test compares.
 */
import fc from 'fast-check';
import { dateOfDayIndex, dayIndexOf, parseScenario, wallToMs, zoneTable, type CalendarDay, type EngineInput } from '../../src/engine/index.js';
import { baseScenario } from './helpers.js';

export const FIRST = '2026-03-06';
export const DAYS = 10;
const MIN_MS = 60_000;

/** Day kinds by index; a stored scenario names its days by these indices, so only append to it. */
export const DAY_KINDS: readonly CalendarDay[] = [
  { dayType: 'workday', shift: 'S1' },
  { dayType: 'workday', shift: 'N' },
  { dayType: 'workday', shift: 'F' },
  { dayType: 'workday', shift: 'E' },
  { dayType: 'workday', shift: null },
  { dayType: 'makeup_workday', shift: 'S1' },
  { dayType: 'rest_day', shift: null },
  { dayType: 'rest_day', shift: 'S1' },
  { dayType: 'statutory_holiday', shift: null },
  { dayType: 'statutory_holiday', shift: 'N' },
];

/** One stored scenario. Punches are [minute from FIRST 00:00, second] pairs; leave [day, half]. */
export interface CompactScenario {
  zone: string;
  days: number[];
  punches: [number, number][];
  leave: [number, 'am' | 'pm' | null][];
  pairs: boolean;
  approval: boolean;
  truncate: boolean;
  restDayStartsAtMin: number;
  minGap: number;
  corrections: number[];
}

/** Ten days in a zone with or without DST (New York switches on 2026-03-08). */
export const compactScenario: fc.Arbitrary<CompactScenario> = fc
  .record({
    zone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Asia/Kolkata'),
    days: fc.array(fc.constantFrom(...DAY_KINDS), { minLength: DAYS, maxLength: DAYS }),
    punches: fc.array(fc.record({ min: fc.integer({ min: 0, max: (DAYS + 1) * 1440 }), sec: fc.integer({ min: 0, max: 59 }) }), { maxLength: 60 }),
    leave: fc.array(fc.record({ day: fc.integer({ min: 0, max: DAYS - 1 }), half: fc.constantFrom<'am' | 'pm' | null>('am', 'pm', null) }), { maxLength: 3 }),
    pairs: fc.boolean(),
    approval: fc.boolean(),
    truncate: fc.boolean(),
    restDayStartsAtMin: fc.constantFrom(0, 300, 240),
    minGap: fc.constantFrom(0, 30),
    corrections: fc.array(fc.integer({ min: 0, max: DAYS * 1440 }), { maxLength: 3 }),
  })
  .map((g) => ({
    ...g,
    days: g.days.map((d) => DAY_KINDS.indexOf(d)),
    punches: g.punches.map((p): [number, number] => [p.min, p.sec]),
    leave: g.leave.map((l): [number, 'am' | 'pm' | null] => [l.day, l.half]),
  }));

export function expandScenario(g: CompactScenario): EngineInput {
  const s = baseScenario();
  s.timezone = g.zone;
  s.shifts.N = { ...s.shifts.S1, start: '22:00', end: '06:00', crossesMidnight: true, break: { start: '02:00', end: '02:30' }, checkInEarliestMin: 60, checkOutLatestMin: 120 };
  s.shifts.F = { ...s.shifts.S1, flex: { lateMaxMin: 60, earlyMaxMin: 30 } };
  s.shifts.E = { ...s.shifts.S1, start: '06:00', end: '14:00', break: null, checkInEarliestMin: 240, checkOutLatestMin: 600 };
  const input = parseScenario(s);
  const zt = zoneTable(g.zone);
  const first = dayIndexOf(FIRST);
  const at = (min: number) => wallToMs(zt, first, 0) + min * MIN_MS;
  input.calendar = {};
  g.days.forEach((d, i) => (input.calendar[dateOfDayIndex(first + i)] = { ...DAY_KINDS[d] }));
  input.punches = g.punches.map(([min, sec], i) => ({ atMs: at(min) + sec * 1000, source: i % 3 ? 'dingtalk' : 'device:zk-01', id: `p${i}` }));
  input.leave = g.leave.map(([day, half]) => ({ date: dateOfDayIndex(first + day), half, type: half ? 'personal' : 'annual' }));
  input.policy.pairing = g.pairs ? 'pairs' : 'first_last';
  input.policy.truncateToMinute = g.truncate;
  input.policy.restDayStartsAtMin = g.restDayStartsAtMin;
  input.policy.minInOutGapMin = g.minGap;
  input.policy.overtime.workday.requiresApproval = g.approval;
  input.approvals = {
    overtime: g.approval ? [{ fromMs: at(19 * 60), toMs: at(21 * 60) }, { fromMs: at(3 * 1440 + 18 * 60), toMs: at(3 * 1440 + 23 * 60) }] : [],
    corrections: g.corrections.map((m, i) => ({ atMs: at(m), id: `c${i}` })),
  };
  return input;
}
