import { sql } from 'kysely';
import type { DakaMigration } from './helpers.js';

/**
 * `outbox_deliveries.waiting`: 1 while an earlier pending delivery with the same ordering key
 * exists. A claim then reads only the heads of their keys through `outbox_deliveries_heads`
 * instead of stepping over every delivery queued behind another (31 a month for an employee's
 * day changes), which made each claim of a large backlog cost milliseconds per hundred. Rows
 * stored before are heads (0); the claim's own check keeps their order.
 */
export const deliveryHeads: DakaMigration = {
  name: '0030_delivery_heads',
  async up({ db }) {
    await db.schema.alterTable('outbox_deliveries').addColumn('waiting', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await sql`create index outbox_deliveries_heads on outbox_deliveries (consumer, id) where status = 'pending' and waiting = 0`.execute(db);
  },
};
