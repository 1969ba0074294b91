/** parseScenario: the RULES.md file format, with problems named by field path. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.js';
import { parseScenario } from '../../src/engine/index.js';
import { baseScenario, DAY } from './helpers.js';

type Json = Record<string, any>;

function problemsOf(edit: (s: Json) => void): { path: string; message: string }[] {
  const s = baseScenario();
  edit(s);
  try {
    parseScenario(s);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('INVALID_SCENARIO');
    expect((e as AppError).status).toBe(400);
    return ((e as AppError).details as { problems: { path: string; message: string }[] }).problems;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('parseScenario rejects invalid input, naming the field', () => {
  const cases: { name: string; edit: (s: Json) => void; path: string; message?: RegExp }[] = [
    { name: 'negative grace', edit: (s) => (s.shifts.S1.graceLateMin = -1), path: 'shifts.S1.graceLateMin', message: /integer ≥ 0/ },
    { name: 'fractional grace', edit: (s) => (s.shifts.S1.graceLateMin = 2.5), path: 'shifts.S1.graceLateMin' },
    { name: 'bad wall time', edit: (s) => (s.shifts.S1.start = '9:00'), path: 'shifts.S1.start', message: /HH:MM/ },
    { name: 'end before start without crossesMidnight', edit: (s) => (s.shifts.S1.end = '08:00'), path: 'shifts.S1.end' },
    { name: 'break outside the shift', edit: (s) => (s.shifts.S1.break = { start: '19:00', end: '20:00' }), path: 'shifts.S1.break' },
    { name: 'unknown zone', edit: (s) => (s.timezone = 'Mars/Olympus'), path: 'timezone' },
    { name: 'unknown pairing', edit: (s) => (s.policy.pairing = 'middle'), path: 'policy.pairing', message: /first_last, pairs/ },
    { name: 'missing policy field', edit: (s) => delete s.policy.dedupeWindowSec, path: 'policy.dedupeWindowSec' },
    { name: 'bad dayType', edit: (s) => (s.calendar[DAY].dayType = 'weekend'), path: `calendar.${DAY}.dayType` },
    { name: 'unknown shift id', edit: (s) => (s.calendar[DAY].shift = 'S9'), path: `calendar.${DAY}.shift`, message: /S9/ },
    { name: 'impossible date key', edit: (s) => (s.calendar['2026-02-30'] = { dayType: 'workday', shift: 'S1' }), path: 'calendar.2026-02-30' },
    { name: 'punch time not ISO', edit: (s) => (s.punches = [{ time: 'yesterday', source: 'api' }]), path: 'punches[0].time' },
    { name: 'punch without source', edit: (s) => (s.punches = [{ time: `${DAY}T09:00:00+08:00` }]), path: 'punches[0].source' },
    { name: 'leave half', edit: (s) => (s.leave = [{ date: DAY, half: 'noon', type: 'annual' }]), path: 'leave[0].half' },
    { name: 'approval ends before it starts', edit: (s) => (s.approvals.overtime = [{ from: `${DAY}T20:00:00+08:00`, to: `${DAY}T19:00:00+08:00` }]), path: 'approvals.overtime[0].to' },
    { name: 'punches missing', edit: (s) => delete s.punches, path: 'punches' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const problems = problemsOf(c.edit);
      const hit = problems.find((p) => p.path === c.path);
      expect(hit, JSON.stringify(problems)).toBeDefined();
      if (c.message) expect(hit!.message).toMatch(c.message);
    });
  }

  it('reports every problem at once, in the message too', () => {
    const s = baseScenario();
    s.shifts.S1.graceLateMin = -1;
    s.policy.pairing = 'x';
    expect(() => parseScenario(s)).toThrow(/2 problems: .*policy\.pairing.*shifts\.S1\.graceLateMin|2 problems: .*shifts\.S1\.graceLateMin.*policy\.pairing/);
  });
  it('single problem message is "path: message"', () => {
    const s = baseScenario();
    s.shifts.S1.graceLateMin = -1;
    expect(() => parseScenario(s)).toThrow('shifts.S1.graceLateMin: must be an integer ≥ 0');
  });
  it('rejects a non-object', () => {
    expect(() => parseScenario([])).toThrow(AppError);
  });
});

describe('parseScenario normalises', () => {
  it('wall times to minutes, instants to epoch ms, and drops unapproved entries', () => {
    const s = baseScenario();
    s.punches = [{ time: `${DAY}T08:55:12+08:00`, source: 'dingtalk', receivedAt: `${DAY}T09:30:00Z` }];
    s.leave = [{ date: DAY, half: null, type: 'annual', status: 'pending' }];
    s.approvals.corrections = [{ time: `${DAY}T18:00:00+08:00`, reason: 'x' }];
    const input = parseScenario(s);
    expect(input.shifts.S1).toMatchObject({ startMin: 540, endMin: 1080, break: { startMin: 720, endMin: 780 } });
    expect(input.policy.restDayStartsAtMin).toBe(300);
    expect(input.punches[0]).toEqual({ atMs: Date.UTC(2026, 2, 10, 0, 55, 12), source: 'dingtalk', id: 'punches[0]', receivedAtMs: Date.UTC(2026, 2, 10, 9, 30) });
    expect(input.leave).toEqual([]);
    expect(input.approvals.corrections).toEqual([{ atMs: Date.UTC(2026, 2, 10, 10), id: 'corrections[0]', reason: 'x' }]);
  });
  it('reads a time without offset as a wall time in the scenario zone', () => {
    const s = baseScenario();
    s.punches = [{ time: `${DAY}T08:55:00`, source: 'api' }];
    expect(parseScenario(s).punches[0].atMs).toBe(Date.UTC(2026, 2, 10, 0, 55));
  });
});
