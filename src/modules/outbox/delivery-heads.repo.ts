/**
 * Heads of ordering keys. Deliveries with the same ordering key leave one at a time, in id order;
 * each is stored `waiting` (1) and only the first pending one of its key, its head, is made
 * claimable (0). Whatever makes a delivery of a key pending or no longer pending then promotes
 * the key's new head, in the same transaction.
 *
 * On PostgreSQL two transactions may change one key at once (a dispatcher planning the key's next
 * delivery while a worker settles its head): each would miss the other's uncommitted row and the
 * key would be left without a head. Both take a transaction-scoped advisory lock per key, in one
 * sorted order, before promoting, so the second promotes after the first has committed and sees
 * its rows.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

const KEYS_PER_STATEMENT = 500;

export async function promoteHeads(trx: Transaction<DB>, dialect: 'sqlite' | 'postgres', consumer: string, keys: (string | null)[]): Promise<void> {
  const unique = [...new Set(keys.filter((k): k is string => k !== null))].sort();
  for (let i = 0; i < unique.length; i += KEYS_PER_STATEMENT) {
    const part = unique.slice(i, i + KEYS_PER_STATEMENT);
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(h) from (select distinct hashtextextended(${consumer} || '|' || k, 0) as h from unnest(${part}::text[]) as k order by h) as locks`.execute(trx);
    }
    await sql`update outbox_deliveries set waiting = 0
      where waiting = 1 and id in (
        select min(id) from outbox_deliveries
        where consumer = ${consumer} and status = 'pending' and ordering_key in (${sql.join(part)})
        group by ordering_key)`.execute(trx);
  }
}

/** Runs `fn` in `db` when it is a transaction already, else in a new one. */
export function inTransaction<T>(db: Kysely<DB> | Transaction<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}
