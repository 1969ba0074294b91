/** Scenario builders for the engine tests: the C01 baseline with targeted overrides. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateRange, parseScenario, type DayResult } from '../../src/engine/index.js';

export const DAY = '2026-03-10';
export const NEXT = '2026-03-11';

type Json = Record<string, any>;

const baseline: Json = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rules-cases', 'C01.json'), 'utf8'),
);

/** A deep copy of the C01 scenario without its punches and expectations. */
export function baseScenario(): Json {
  const s = structuredClone(baseline);
  delete s.expected;
  delete s.rationale;
  s.punches = [];
  return s;
}

/**
 * Expand a punch shorthand: `HH:MM[:SS]` on `date` in +08:00, `+1 HH:MM` on the next day,
 * or a full ISO string as is.
 */
export function iso(t: string, date = DAY, offset = '+08:00'): string {
  if (t.includes('T')) return t;
  let d = date;
  if (t.startsWith('+1 ')) {
    d = nextDate(date);
    t = t.slice(3);
  }
  return `${d}T${t.length === 5 ? `${t}:00` : t}${offset}`;
}

export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const n = new Date(Date.UTC(y, m - 1, d + 1));
  return n.toISOString().slice(0, 10);
}

export function punches(times: string[], source = 'dingtalk', date = DAY, offset = '+08:00'): Json[] {
  return times.map((t) => ({ time: iso(t, date, offset), source }));
}

/** Apply `edit` to a fresh baseline, attach punches, evaluate. */
export function run(
  times: string[],
  edit: (s: Json) => void = () => {},
  explain = false,
): Record<string, DayResult> {
  const s = baseScenario();
  s.punches = punches(times);
  edit(s);
  return evaluateRange(parseScenario(s), { explain });
}

/** The result of the baseline date (or `date`). */
export function runDay(times: string[], edit?: (s: Json) => void, date = DAY): DayResult {
  const r = run(times, edit)[date];
  if (!r) throw new Error(`no result for ${date}`);
  return r;
}

export const shift = (s: Json, id = 'S1'): Json => s.shifts[id];
