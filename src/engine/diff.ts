/**
 * What-if previews: which result fields of which dates change between two evaluations.
 * Explanations are not compared (their wording follows the figures); a date present on one side
 * only is reported with every field, the missing side as null.
 */
import type { DayResult } from './types.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Only dates with at least one change appear. */
export type ResultDiff = Record<string, FieldChange[]>;

export function diffResults(before: Record<string, DayResult>, after: Record<string, DayResult>): ResultDiff {
  const out: ResultDiff = {};
  const dates = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const date of dates) {
    const a = before[date] as unknown as Record<string, unknown> | undefined;
    const b = after[date] as unknown as Record<string, unknown> | undefined;
    const fields = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
    fields.delete('explanation');
    const changes: FieldChange[] = [];
    for (const f of fields) {
      const x = a ? (a[f] ?? null) : null;
      const y = b ? (b[f] ?? null) : null;
      if (x !== y) changes.push({ field: f, before: x, after: y });
    }
    if (changes.length > 0) out[date] = changes;
  }
  return out;
}
