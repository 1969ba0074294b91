import { sql } from 'kysely';
import { BIG, withId, type DakaMigration } from './helpers.js';

/**
 * The transactional outbox: events written with the change they describe, the deliveries that
 * consumers plan from them (unique per consumer and dedupe key), and a log of every attempt.
 */
export const outbox: DakaMigration = {
  name: '0015_outbox',
  async up({ db, dialect }) {
    await withId(db.schema.createTable('outbox_events'), dialect)
      .addColumn('event_id', 'text', (c) => c.notNull().unique())
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('occurred_at_ms', BIG, (c) => c.notNull())
      .addColumn('dispatched_at_ms', BIG)
      .execute();
    // The dispatcher only ever looks for what is not yet dispatched.
    await sql`create index outbox_events_undispatched on outbox_events (id) where dispatched_at_ms is null`.execute(db);
    await db.schema.createIndex('outbox_events_company_time').on('outbox_events').columns(['company_id', 'occurred_at_ms']).execute();

    await withId(db.schema.createTable('outbox_deliveries'), dialect)
      .addColumn('consumer', 'text', (c) => c.notNull())
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('event_id', 'text')
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('ordering_key', 'text')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at_ms', BIG, (c) => c.notNull())
      .addColumn('lease_until_ms', BIG)
      .addColumn('lease_token', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_response_status', 'integer')
      .addColumn('remote_id', 'text')
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('finished_at_ms', BIG)
      .addUniqueConstraint('outbox_deliveries_dedupe', ['consumer', 'dedupe_key'])
      .execute();
    await sql`create index outbox_deliveries_due on outbox_deliveries (consumer, next_attempt_at_ms) where status = 'pending'`.execute(db);
    await sql`create index outbox_deliveries_order on outbox_deliveries (consumer, ordering_key, id) where status = 'pending'`.execute(db);
    await db.schema.createIndex('outbox_deliveries_company').on('outbox_deliveries').columns(['company_id', 'consumer', 'id']).execute();

    await withId(db.schema.createTable('outbox_attempts'), dialect)
      .addColumn('delivery_id', BIG, (c) => c.notNull().references('outbox_deliveries.id').onDelete('cascade'))
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('started_at_ms', BIG, (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('response_status', 'integer')
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('outbox_attempts_delivery').on('outbox_attempts').columns(['delivery_id', 'attempt']).execute();
  },
};
