/** Group commit of device uploads: merging, per-caller counts, and failure isolation. */
import { describe, expect, it } from 'vitest';
import { IngestBatcher } from '../../src/modules/devices/ingest-batcher.js';
import type { CheckinInput, IngestSummary } from '../../src/sources/types.js';

const punch = (key: string, source: CheckinInput['source'] = 'zkteco'): CheckinInput => ({
  source,
  sourceRecordId: null,
  idempotencyKey: key,
  identity: { provider: 'device', tenant: '', externalId: '1' },
  atMs: 0,
  wallTime: '2026-03-02T08:00:00',
  utcOffsetMin: 480,
  timeZone: 'Asia/Shanghai',
  raw: null,
});

/** A sink with a set of stored keys, like the checkins table; `poison` keys make a call fail. */
function fakeSink(poison = new Set<string>()) {
  const stored = new Set<string>();
  const calls: { companyId: number; keys: string[] }[] = [];
  return {
    stored,
    calls,
    async ingest(companyId: number, items: CheckinInput[]): Promise<IngestSummary> {
      calls.push({ companyId, keys: items.map((i) => i.idempotencyKey) });
      if (items.some((i) => poison.has(i.idempotencyKey))) throw new Error('bad row');
      const out: IngestSummary = { created: 0, duplicates: 0, rejected: 0, unmatched: 0, items: [] };
      for (const i of items) {
        const dup = stored.has(`${companyId}:${i.idempotencyKey}`);
        stored.add(`${companyId}:${i.idempotencyKey}`);
        out.items.push({ idempotencyKey: i.idempotencyKey, outcome: dup ? 'duplicate' : 'created' });
        if (dup) out.duplicates++;
        else out.created++;
      }
      return out;
    },
  };
}

describe('IngestBatcher', () => {
  it('merges uploads of one company arriving together, and counts each caller on its own', async () => {
    const sink = fakeSink();
    const b = new IngestBatcher(sink);
    sink.stored.add('1:a');
    const [r1, r2, r3, r4] = await Promise.all([
      b.ingest(1, [punch('a'), punch('b')]),
      b.ingest(1, [punch('b'), punch('c')]),
      b.ingest(2, [punch('a')]),
      b.ingest(1, [punch('f', 'file')]),
    ]);
    expect(r1).toEqual({ stored: 1, duplicates: 1 });
    expect(r2).toEqual({ stored: 1, duplicates: 1 });
    expect(r3).toEqual({ stored: 1, duplicates: 0 });
    expect(r4).toEqual({ stored: 1, duplicates: 0 });
    expect(sink.calls).toEqual([
      { companyId: 1, keys: ['a', 'b', 'b', 'c'] },
      { companyId: 2, keys: ['a'] },
      { companyId: 1, keys: ['f'] },
    ]);
    expect(b.stats).toEqual({ rounds: 3, uploads: 4 });
  });

  it('a failing upload fails alone; the others in its round are stored', async () => {
    const sink = fakeSink(new Set(['bad']));
    const b = new IngestBatcher(sink);
    const results = await Promise.allSettled([b.ingest(1, [punch('x')]), b.ingest(1, [punch('bad')]), b.ingest(1, [punch('y')])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([...sink.stored].sort()).toEqual(['1:x', '1:y']);
    // Nothing resolves before its punches are stored.
    const late = b.ingest(1, [punch('z')]);
    expect(sink.stored.has('1:z')).toBe(false);
    await late;
    expect(sink.stored.has('1:z')).toBe(true);
  });
});
