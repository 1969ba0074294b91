import { sql } from 'kysely';
import { BIG, withId, type DakaMigration } from './helpers.js';

/**
 * Results out to other systems:
 * - `webhook_endpoints`: a company's signed webhook subscriptions (set up by admin/HR or by an
 *   integration platform through REST hooks). The signing secret is sealed; during a rotation the
 *   previous one stays valid until `previous_secret_until_ms`, and requests carry both signatures.
 *   `purpose` 'payroll' marks an endpoint that receives the payroll export when a month closes.
 * - `calendar_feeds`: private ICS feed URLs. Only the SHA-256 of the token is stored.
 * - `calendar_feed_items`: what each feed last said about each event (a hash) and its SEQUENCE,
 *   raised when the event changes, as RFC 5545 asks so calendar apps take the update.
 * - an index that lets the outbox's claim walk a consumer's pending deliveries in id order and
 *   stop at its limit: with only the due-time index, SQLite sorted every pending row on every
 *   claim, so a backlog of 100,000 webhook deliveries took quadratic time to drain.
 */
export const webhooks: DakaMigration = {
  name: '0019_webhooks',
  async up({ db, dialect }) {
    await withId(db.schema.createTable('webhook_endpoints'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('event_types', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('previous_secret_sealed', 'text')
      .addColumn('previous_secret_until_ms', BIG)
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('events'))
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('disabled_reason', 'text')
      .addColumn('disabled_at_ms', BIG)
      .addColumn('created_by_user_id', BIG)
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('webhook_endpoints_company').on('webhook_endpoints').columns(['company_id', 'enabled']).execute();

    await withId(db.schema.createTable('calendar_feeds'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('employee_id', BIG, (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by_user_id', BIG)
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('revoked_at_ms', BIG)
      .execute();
    await db.schema
      .createTable('calendar_feed_items')
      .addColumn('feed_id', BIG, (c) => c.notNull().references('calendar_feeds.id').onDelete('cascade'))
      .addColumn('uid', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('calendar_feed_items_pk', ['feed_id', 'uid'])
      .execute();
    await sql`create index outbox_deliveries_pending_order on outbox_deliveries (consumer, id) where status = 'pending'`.execute(db);
    await db.schema.createIndex('calendar_feeds_employee').on('calendar_feeds').columns(['company_id', 'employee_id']).execute();
  },
};
