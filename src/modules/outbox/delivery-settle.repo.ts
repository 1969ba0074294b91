/** Settling successful sends: a batch's attempts logged and its deliveries marked, in one transaction. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { promoteHeads } from './delivery-heads.repo.js';

const INSERT_CHUNK = 200;

/** A successful send, logged and settled with the rest of its batch. */
export interface DeliveredRecord {
  id: number;
  attempt: number;
  startedAtMs: number;
  durationMs: number;
  responseStatus: number | null;
  remoteId: string | null;
  finishedAtMs: number;
}

/**
 * Logs and settles a batch of successful sends in one transaction. Rows whose lease was lost
 * (another worker took over) are skipped by the token test, as in `settle`.
 */
export async function settleDeliveredBatch(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', done: DeliveredRecord[], token: string): Promise<void> {
  if (!done.length) return;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < done.length; i += INSERT_CHUNK) {
      const chunk = done.slice(i, i + INSERT_CHUNK);
      await trx
        .insertInto('outbox_attempts')
        .values(chunk.map((d) => ({ delivery_id: d.id, attempt: d.attempt, started_at_ms: d.startedAtMs, duration_ms: d.durationMs, outcome: 'delivered' as const, response_status: d.responseStatus, error: null })))
        .execute();
    }
    // One update per response status (finished when its batch was settled; the attempt log keeps
    // each send's own time); remote ids differ per row and are set one by one.
    const settledAt = Math.max(...done.map((d) => d.finishedAtMs));
    const groups = new Map<string, DeliveredRecord[]>();
    for (const d of done) {
      const key = d.remoteId === null ? `status:${d.responseStatus}` : `row:${d.id}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    const settled: { consumer: string; ordering_key: string | null }[] = [];
    for (const rows of groups.values()) {
      const first = rows[0];
      const updated = await trx
        .updateTable('outbox_deliveries')
        .set({ status: 'delivered', lease_until_ms: null, lease_token: null, last_error: null, last_response_status: first.responseStatus, finished_at_ms: first.remoteId === null ? settledAt : first.finishedAtMs, ...(first.remoteId !== null ? { remote_id: first.remoteId } : {}) })
        .where('id', 'in', rows.map((r) => r.id))
        .where('lease_token', '=', token)
        .returning(['consumer', 'ordering_key'])
        .execute();
      settled.push(...updated);
    }
    for (const consumer of new Set(settled.map((r) => r.consumer))) {
      await promoteHeads(trx, dialect, consumer, settled.filter((r) => r.consumer === consumer).map((r) => r.ordering_key));
    }
  });
}
