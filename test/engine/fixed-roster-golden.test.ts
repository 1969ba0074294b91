/**
 * Fixed and roster groups (shift calendars, no free hours) must keep their results bit for bit.
 *
 * The 400 scenarios are stored in fixed-roster-scenarios.json (compact form, see golden-scenarios.ts,
 * with the seed and fast-check version that drew them), so what is compared does not depend on
 * fast-check. fixed-roster.json holds, per scenario, a digest of everything (figures, explanations,
 * monthly summary) and the recorded figures, explanation hashes and summary, so that a mismatch is
 * reported as the first differing scenario, date and field.
 *
 * Re-record the results only for an intended change of AHR-1 results:
 * `UPDATE_GOLDEN=1 npx vitest run test/engine/fixed-roster-golden.test.ts`.
 * Draw a new sample (only when the generator changes): `RESAMPLE_GOLDEN=1` (implies UPDATE_GOLDEN).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_RESULT_FIELDS, evaluateRange, summarizeMonth, type DayResult, type EngineInput } from '../../src/engine/index.js';
import { compactScenario, expandScenario, type CompactScenario } from './golden-scenarios.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'engine-golden');
const SCENARIOS = join(DIR, 'fixed-roster-scenarios.json');
const RESULTS = join(DIR, 'fixed-roster.json');
const SEED = 20260310;
const RUNS = 400;
const FAST_CHECK = (createRequire(import.meta.url)('fast-check/package.json') as { version: string }).version;
/** The recorded figures of a day, in this order. */
const FIELDS = [...DAY_RESULT_FIELDS, 'unapprovedOvertimeMinutes', 'flags'] as const;

interface StoredScenarios {
  generator: { seed: number; runs: number; fastCheck: string };
  scenarios: CompactScenario[];
}
interface Outcome {
  digest: string;
  days: Record<string, unknown[]>;
  explanations: Record<string, string>;
  summary: Record<string, unknown>;
}

const hash = (v: unknown, n = 32) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, n);

function outcomeOf(input: EngineInput): Outcome {
  const plain = evaluateRange(input);
  const explained = evaluateRange(input, { explain: true });
  const summary = summarizeMonth(plain, { timezone: input.timezone, calendar: input.calendar, leave: input.leave, approvals: input.approvals });
  const days: Outcome['days'] = {};
  const explanations: Outcome['explanations'] = {};
  for (const [date, r] of Object.entries(plain)) {
    days[date] = FIELDS.map((f) => (r as unknown as Record<string, unknown>)[f] ?? null);
    explanations[date] = hash(explained[date].explanation ?? null, 12);
  }
  return { digest: hash({ plain, explained, summary }), days, explanations, summary: summary as unknown as Record<string, unknown> };
}

/** The first difference between a recorded outcome and the current one, as `date.field: recorded …, now …`. */
function firstDifference(recorded: Outcome, now: Outcome, nowExplained?: Record<string, DayResult>): string {
  const show = (v: unknown) => JSON.stringify(v) ?? 'undefined';
  const dates = [...new Set([...Object.keys(recorded.days), ...Object.keys(now.days)])].sort();
  for (const date of dates) {
    const a = recorded.days[date];
    const b = now.days[date];
    if (!a || !b) return `${date}: ${a ? 'no result now' : 'a result that was not recorded'}`;
    for (let k = 0; k < FIELDS.length; k++) {
      if (show(a[k]) !== show(b[k])) return `${date}.${FIELDS[k]}: recorded ${show(a[k])}, now ${show(b[k])}`;
    }
    if (recorded.explanations[date] !== now.explanations[date]) {
      const text = nowExplained ? show(nowExplained[date]?.explanation).slice(0, 400) : '(not shown)';
      return `${date}.explanation: differs from the recorded one; now ${text}`;
    }
  }
  for (const k of [...new Set([...Object.keys(recorded.summary), ...Object.keys(now.summary)])]) {
    if (show(recorded.summary[k]) !== show(now.summary[k])) return `summary.${k}: recorded ${show(recorded.summary[k])}, now ${show(now.summary[k])}`;
  }
  return recorded.digest === now.digest ? '' : 'the digest differs, but no recorded field does';
}

/** One scenario or outcome per line: the fixtures stay reviewable in a diff. */
function writeJsonLines(path: string, head: Record<string, unknown>, key: string, items: unknown[]): void {
  const open = JSON.stringify(head).slice(0, -1);
  writeFileSync(path, `${open},${JSON.stringify(key)}:[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]}\n`);
}

const resample = process.env.RESAMPLE_GOLDEN === '1';
const update = resample || process.env.UPDATE_GOLDEN === '1';
if (resample) {
  writeJsonLines(SCENARIOS, { generator: { seed: SEED, runs: RUNS, fastCheck: FAST_CHECK } }, 'scenarios', fc.sample(compactScenario, { seed: SEED, numRuns: RUNS }));
}
const stored = JSON.parse(readFileSync(SCENARIOS, 'utf8')) as StoredScenarios;

describe('fixed and roster results are unchanged', () => {
  const inputs = stored.scenarios.map(expandScenario);
  const outcomes = inputs.map(outcomeOf);
  if (update) writeJsonLines(RESULTS, { scenarios: 'fixed-roster-scenarios.json', fields: FIELDS }, 'outcomes', outcomes);

  it('matches the recorded results of every stored scenario, naming the first difference', () => {
    const recorded = JSON.parse(readFileSync(RESULTS, 'utf8')) as { fields: string[]; outcomes: Outcome[] };
    expect(recorded.fields).toEqual(FIELDS);
    expect(recorded.outcomes).toHaveLength(stored.scenarios.length);
    const changed = outcomes.flatMap((o, i) => (o.digest === recorded.outcomes[i].digest ? [] : [i]));
    if (changed.length) {
      const i = changed[0];
      const why = firstDifference(recorded.outcomes[i], outcomes[i], evaluateRange(inputs[i], { explain: true }));
      expect.fail(`${changed.length} of ${outcomes.length} scenarios differ; first: scenario #${i} (${stored.scenarios[i].zone}) ${why}`);
    }
  });

  it('a difference is reported by scenario, date and field', () => {
    const now = outcomes[0];
    const date = Object.keys(now.days).sort()[3];
    const recorded: Outcome = structuredClone(now);
    const w = FIELDS.indexOf('workedMinutes');
    recorded.days[date][w] = (recorded.days[date][w] as number) + 1;
    recorded.digest = 'x';
    expect(firstDifference(recorded, now)).toBe(`${date}.workedMinutes: recorded ${(now.days[date][w] as number) + 1}, now ${now.days[date][w]}`);
    const explained: Outcome = structuredClone(now);
    explained.explanations[date] = 'x';
    expect(firstDifference(explained, now)).toMatch(new RegExp(`^${date}\\.explanation: differs`));
    const summary: Outcome = structuredClone(now);
    summary.summary.lateCount = -1;
    expect(firstDifference(summary, now)).toBe(`summary.lateCount: recorded -1, now ${now.summary.lateCount}`);
  });

  it.skipIf(stored.generator.fastCheck !== FAST_CHECK)('the stored sample is what the generator draws with the recorded seed (same fast-check)', () => {
    expect(stored.generator).toEqual({ seed: SEED, runs: RUNS, fastCheck: FAST_CHECK });
    expect(fc.sample(compactScenario, { seed: SEED, numRuns: RUNS })).toEqual(stored.scenarios);
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
        if (r.flags) seen.add('flag');
      }
    }
    for (const k of ['present', 'half_day', 'absent', 'missing_punch', 'on_leave', 'rest', 'holiday', 'late:late', 'late:serious', 'early', 'ot:workday', 'ot:restday', 'ot:holiday', 'flag']) {
      expect(seen, k).toContain(k);
    }
  });
});
