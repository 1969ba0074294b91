/** The expanders of rows that stand for many events (see Outbox.expandWith). */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OutboxEvent, OutboxExpander } from './outbox.types.js';

export class Expanders {
  private readonly list: OutboxExpander[] = [];

  add(expander: OutboxExpander): void {
    this.list.push(expander);
  }

  /** How many events a stored row stands for. */
  sizeOf(e: OutboxEvent): number {
    for (const x of this.list) {
      const n = x.size(e);
      if (n !== null) return n;
    }
    return 1;
  }

  /** Each row's events, in row order: an expander's rows go to it together, one call per batch. */
  async expand(rows: OutboxEvent[], trx: Transaction<DB>): Promise<OutboxEvent[]> {
    const out: OutboxEvent[][] = rows.map((e) => [e]);
    for (const x of this.list) {
      const mine = rows.map((e, i) => [e, i] as const).filter(([e]) => x.size(e) !== null);
      if (!mine.length) continue;
      const expanded = await x.expand(
        mine.map(([e]) => e),
        trx,
      );
      mine.forEach(([, i], k) => (out[i] = expanded[k]));
    }
    return out.flat();
  }
}
