/** Every worked case of spec/RULES.md must be reproduced field for field. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_RESULT_FIELDS, evaluateRange, parseScenario } from '../../src/engine/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'rules-cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('AHR-1 conformance cases', () => {
  it('finds the case files', () => {
    expect(files.length).toBeGreaterThanOrEqual(17);
  });

  for (const file of files) {
    const scenario = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    it(`${file}: ${scenario.title}`, () => {
      const results = evaluateRange(parseScenario(scenario));
      expect(Object.keys(results).sort()).toEqual(Object.keys(scenario.expected).sort());
      for (const [date, expected] of Object.entries<Record<string, unknown>>(scenario.expected)) {
        const got = results[date] as unknown as Record<string, unknown>;
        for (const field of DAY_RESULT_FIELDS) expect(got, `${date} has ${field}`).toHaveProperty(field);
        for (const [field, value] of Object.entries(expected)) {
          expect(got[field], `${file} ${date}.${field}`).toEqual(value);
        }
        expect(got.explanation).toBeUndefined();
      }
    });

    it(`${file}: explanations cover status and name a rule`, () => {
      const results = evaluateRange(parseScenario(scenario), { explain: true });
      for (const r of Object.values(results)) {
        expect(r.explanation?.some((e) => e.field === 'status')).toBe(true);
        for (const e of r.explanation ?? []) expect(e.rule).toMatch(/^R\d+a?$/);
      }
    });
  }
});
