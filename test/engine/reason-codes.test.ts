/**
 * Reason codes: one catalogue (src/shared/reasons) for the engine, the exports and the web. No
 * English sentence from the engine may reach a zh-CN page or export, so every explanation the
 * engine gives for a broad sample of days is rendered in zh-CN and checked for Latin words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRange, parseScenario, type EngineInput, type Explanation } from '../../src/engine/index.js';
import { REASONS } from '../../src/shared/reasons/catalogue.js';
import { localeSections } from '../../src/shared/reasons/locale-sections.js';
import { isReasonCode, renderReason, type ReasonLocale } from '../../src/shared/reasons/render.js';
import { expandScenario, type CompactScenario } from './golden-scenarios.js';
import { baseScenario, DAY, punches } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
/** Two Latin letters in a row: an English word. Times, numbers and R-numbers have none. */
const LATIN_WORD = /[A-Za-z]{2,}/;
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sampleInputs(): EngineInput[] {
  const cases = join(root, 'test', 'fixtures', 'rules-cases');
  const inputs = readdirSync(cases).filter((f) => f.endsWith('.json')).map((f) => parseScenario(JSON.parse(readFileSync(join(cases, f), 'utf8'))));
  const golden = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'engine-golden', 'fixed-roster-scenarios.json'), 'utf8')) as { scenarios: CompactScenario[] };
  inputs.push(...golden.scenarios.map(expandScenario));
  // Hourly leave, punches on leave, free hours and approval-bound overtime: codes the others lack.
  const extra = (times: string[], edit: (s: Record<string, any>) => void) => {
    const s = baseScenario();
    s.punches = punches(times);
    edit(s);
    return parseScenario(s);
  };
  inputs.push(extra(['09:00', '16:00'], (s) => s.leave.push({ date: DAY, half: null, type: 'personal', from: '14:00', to: '18:00' })));
  inputs.push(extra(['09:00', '18:00'], (s) => s.leave.push({ date: DAY, half: null, type: 'annual' })));
  inputs.push(extra(['09:00', '20:00'], (s) => (s.policy.overtime.workday.enabled = false)));
  for (const times of [['09:00', '16:15'], ['09:00'], ['09:00', '09:10'], ['09:00', '20:30'], []]) {
    inputs.push(extra(times, (s) => {
      s.freeHours = { dayStartsAt: '05:00', requiredMinutes: 480 };
      s.calendar[DAY] = { dayType: 'workday', shift: null };
      s.policy.overtime.workday.requiresApproval = times.length === 2;
    }));
  }
  return inputs;
}

describe('the reason catalogue', () => {
  it('has the same parameters in every language of a code', () => {
    for (const [code, entry] of Object.entries(REASONS) as [string, { 'zh-CN': string; en: string; enOne?: string }][]) {
      expect(placeholders(entry['zh-CN']), code).toEqual(placeholders(entry.en));
      if (entry.enOne) expect(placeholders(entry.enOne), code).toEqual(placeholders(entry.en));
    }
  });

  it('is what the web renders: web/src/locales hold exactly its reasons and labels', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const file = JSON.parse(readFileSync(join(root, 'web', 'src', 'locales', `${locale}.json`), 'utf8'));
      const want = localeSections(locale);
      expect(file.reasons, `${locale}.json reasons`).toEqual(want.reasons);
      expect(file.reasonLabels, `${locale}.json reasonLabels`).toEqual(want.reasonLabels);
    }
  });

  it('has no English word in any zh-CN template or label', () => {
    for (const [code, entry] of Object.entries(REASONS)) {
      const params = Object.fromEntries(placeholders(entry.en).map((p) => [p, p === 'status' ? 'missing_punch' : p === 'dayType' ? 'makeup_workday' : p === 'half' ? 'am' : p === 'category' ? 'restday' : p === 'cap' ? null : '09:00']));
      expect(renderReason({ code, params }, 'zh-CN'), code).not.toMatch(LATIN_WORD);
    }
  });

  it('renders an unknown code as the code, not as a sentence', () => {
    expect(renderReason({ code: 'notACode', params: {} }, 'zh-CN')).toBe('notACode');
    expect(isReasonCode('late')).toBe(true);
    expect(isReasonCode('toString')).toBe(false);
  });
});

describe('engine explanations', () => {
  const seen = new Set<string>();
  const all: Explanation[] = [];
  for (const input of sampleInputs()) {
    for (const r of Object.values(evaluateRange(input, { explain: true }))) all.push(...(r.explanation ?? []));
  }
  for (const e of all) seen.add(e.code);

  it('carry catalogue codes and params, and no English text', () => {
    expect(all.length).toBeGreaterThan(10_000);
    for (const e of all) {
      expect(isReasonCode(e.code), e.code).toBe(true);
      expect(e).not.toHaveProperty('text');
      expect(typeof e.params).toBe('object');
    }
  });

  it('no English sentence reaches zh-CN: every explanation of the sample renders without Latin words', () => {
    const offenders = new Map<string, string>();
    for (const e of all) {
      const zh = renderReason(e, 'zh-CN');
      if (LATIN_WORD.test(zh)) offenders.set(e.code, zh);
    }
    expect([...offenders]).toEqual([]);
  });

  it('renders in English too, with no unfilled placeholder in either language', () => {
    for (const e of all) {
      for (const locale of ['zh-CN', 'en'] as ReasonLocale[]) expect(renderReason(e, locale)).not.toContain('{{');
    }
  });

  it('the sample uses most of the catalogue', () => {
    const unused = Object.keys(REASONS).filter((c) => !seen.has(c));
    expect(unused.length, `unused: ${unused.join(', ')}`).toBeLessThan(8);
  });
});
