/**
 * The raw SQLite handle shares its one connection with Kysely. Kysely keeps a transaction open
 * across awaits (a dispatcher planning deliveries, a service writing several tables); a raw
 * `db.transaction(...)` started meanwhile would become a savepoint inside it, committed or rolled
 * back with someone else's work. Raw writers wait until no transaction is open, then run theirs
 * synchronously, so nothing can start in between.
 */
import type SQLite from 'better-sqlite3';

const WAIT_LIMIT_MS = 30_000;

export async function outsideOpenTransaction(db: SQLite.Database): Promise<void> {
  if (!db.inTransaction) return;
  const started = Date.now();
  while (db.inTransaction) {
    if (Date.now() - started > WAIT_LIMIT_MS) throw new Error(`a transaction on the SQLite connection stayed open for more than ${WAIT_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
