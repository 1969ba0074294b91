/**
 * Group commit for device uploads: uploads that arrive while an ingest for the same company is
 * running are merged into the next one, so 200 devices posting at once pay the per-call costs
 * (transaction, identity lookup, audit row) once per round instead of once per batch. Each caller
 * still resolves only after the ingest holding its punches has committed, with its own counts.
 */
import type { CheckinInput } from '../../sources/types.js';
import type { GatewayIngest } from './gateway.js';

interface IngestWaiter {
  from: number;
  to: number;
  resolve: (r: { stored: number; duplicates: number }) => void;
  reject: (err: unknown) => void;
}

export class IngestBatcher {
  /** Keyed by company and source, so ingest metrics and audit rows keep the right source. */
  private readonly pendingIngest = new Map<string, { companyId: number; items: CheckinInput[]; waiters: IngestWaiter[] }>();
  private readonly ingesting = new Set<string>();

  constructor(private readonly sink: GatewayIngest) {}

  ingest(companyId: number, punches: CheckinInput[]): Promise<{ stored: number; duplicates: number }> {
    const key = `${companyId}:${punches[0]?.source ?? ''}`;
    return new Promise((resolve, reject) => {
      let group = this.pendingIngest.get(key);
      if (!group) {
        group = { companyId, items: [], waiters: [] };
        this.pendingIngest.set(key, group);
      }
      const from = group.items.length;
      for (const p of punches) group.items.push(p);
      group.waiters.push({ from, to: group.items.length, resolve, reject });
      if (!this.ingesting.has(key)) {
        // Ingest on SQLite never yields to I/O, so nothing could join a round started right away:
        // wait for the end of this poll phase, when every upload that arrived with this one is here.
        this.ingesting.add(key);
        setImmediate(() => void this.drain(key));
      }
    });
  }

  /** Rounds run and uploads merged into them, for metrics and benchmarks. */
  readonly stats = { rounds: 0, uploads: 0 };

  private async drain(key: string): Promise<void> {
    try {
      for (let group = this.pendingIngest.get(key); group; group = this.pendingIngest.get(key)) {
        this.pendingIngest.delete(key);
        const companyId = group.companyId;
        this.stats.rounds++;
        this.stats.uploads += group.waiters.length;
        try {
          const summary = await this.sink.ingest(companyId, group.items);
          for (const w of group.waiters) {
            let stored = 0;
            for (let i = w.from; i < w.to; i++) if (summary.items[i]?.outcome === 'created') stored++;
            w.resolve({ stored, duplicates: w.to - w.from - stored });
          }
        } catch (err) {
          if (group.waiters.length === 1) {
            group.waiters[0].reject(err);
            continue;
          }
          // One bad upload must not fail every device that shared its round: retry each on its own.
          for (const w of group.waiters) {
            try {
              const own = await this.sink.ingest(companyId, group.items.slice(w.from, w.to));
              w.resolve({ stored: own.created, duplicates: own.duplicates });
            } catch (e) {
              w.reject(e);
            }
          }
        }
      }
    } finally {
      this.ingesting.delete(key);
    }
  }
}
