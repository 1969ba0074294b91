/**
 * Fixed and roster groups (shift calendars, no free hours) must keep their results bit for bit:
 * a seeded sample of generated scenarios is evaluated (figures, explanations, monthly summary)
 * and each scenario's digest is compared with the one recorded in the fixture.
 *
 * Regenerate the fixture only for an intended change of AHR-1 results:
 * `UPDATE_GOLDEN=1 npx vitest run test/engine/fixed-roster-golden.test.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateOfDayIndex,
  dayIndexOf,
  evaluateRange,
  parseScenario,
  summarizeMonth,
  wallToMs,
  zoneTable,
  type CalendarDay,
  type EngineInput,
} from '../../src/engine/index.js';
import { baseScenario } from './helpers.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'engine-golden', 'fixed-roster.json');
const SEED = 20260310;
const RUNS = 400;
const FIRST = '2026-03-06';
const DAYS = 10;
const MIN_MS = 60_000;

const dayKind = fc.constantFrom<CalendarDay>(
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
);

/** Ten days in a zone with or without DST (Europe/Berlin switches on 2026-03-29, New York on 03-08). */
const scenario = fc
  .record({
    zone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Asia/Kolkata'),
    days: fc.array(dayKind, { minLength: DAYS, maxLength: DAYS }),
    punches: fc.array(fc.record({ min: fc.integer({ min: 0, max: (DAYS + 1) * 1440 }), sec: fc.integer({ min: 0, max: 59 }) }), { maxLength: 60 }),
    leave: fc.array(fc.record({ day: fc.integer({ min: 0, max: DAYS - 1 }), half: fc.constantFrom<'am' | 'pm' | null>('am', 'pm', null) }), { maxLength: 3 }),
    pairs: fc.boolean(),
    approval: fc.boolean(),
    truncate: fc.boolean(),
    restDayStartsAtMin: fc.constantFrom(0, 300, 240),
    minGap: fc.constantFrom(0, 30),
    corrections: fc.array(fc.integer({ min: 0, max: DAYS * 1440 }), { maxLength: 3 }),
  })
  .map((g): EngineInput => {
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
    g.days.forEach((d, i) => (input.calendar[dateOfDayIndex(first + i)] = d));
    input.punches = g.punches.map((p, i) => ({ atMs: at(p.min) + p.sec * 1000, source: i % 3 ? 'dingtalk' : 'device:zk-01', id: `p${i}` }));
    input.leave = g.leave.map((l) => ({ date: dateOfDayIndex(first + l.day), half: l.half, type: l.half ? 'personal' : 'annual' }));
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
  });

function digest(input: EngineInput): string {
  const plain = evaluateRange(input);
  const explained = evaluateRange(input, { explain: true });
  const summary = summarizeMonth(plain, { timezone: input.timezone, calendar: input.calendar, leave: input.leave, approvals: input.approvals });
  return createHash('sha256').update(JSON.stringify({ plain, explained, summary })).digest('hex').slice(0, 32);
}

describe('fixed and roster results are unchanged', () => {
  const inputs = fc.sample(scenario, { seed: SEED, numRuns: RUNS });
  const digests = inputs.map(digest);

  it('matches the recorded digest of every sampled scenario', () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(FIXTURE, `${JSON.stringify({ seed: SEED, runs: RUNS, digests }, null, 1)}\n`);
    }
    const golden = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { seed: number; runs: number; digests: string[] };
    expect(golden.seed).toBe(SEED);
    expect(golden.runs).toBe(RUNS);
    const changed = digests.flatMap((d, i) => (d === golden.digests[i] ? [] : [i]));
    expect(changed).toEqual([]);
  });

  it('an explain predicate explains exactly the days it accepts, with the same figures and texts', () => {
    const lateOrAbsent = (r: { late: boolean; status: string }) => r.late || r.status === 'absent';
    let explained = 0;
    for (const input of inputs.slice(0, 100)) {
      const all = evaluateRange(input, { explain: true });
      const some = evaluateRange(input, { explain: lateOrAbsent });
      for (const [date, r] of Object.entries(some)) {
        const { explanation, ...figures } = all[date];
        expect({ ...r, explanation: undefined }).toEqual({ ...figures, explanation: undefined });
        if (lateOrAbsent(r)) {
          expect(r.explanation).toEqual(explanation);
          explained++;
        } else expect(r.explanation).toBeUndefined();
      }
    }
    expect(explained).toBeGreaterThan(20);
  });

  it('the sample exercises every kind of day and anomaly', () => {
    const seen = new Set<string>();
    for (const input of inputs) {
      for (const r of Object.values(evaluateRange(input))) {
        seen.add(r.status);
        if (r.late) seen.add(`late:${r.lateLevel}`);
        if (r.early) seen.add('early');
        if (r.overtimeMinutes > 0) seen.add(`ot:${r.overtimeCategory}`);
      }
    }
    for (const k of ['present', 'half_day', 'absent', 'missing_punch', 'on_leave', 'rest', 'holiday', 'late:late', 'late:serious', 'early', 'ot:workday', 'ot:restday', 'ot:holiday']) {
      expect(seen, k).toContain(k);
    }
  });
});
