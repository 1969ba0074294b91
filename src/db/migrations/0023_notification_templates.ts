import { BIG, withId, type DakaMigration } from './helpers.js';

/**
 * Notifications, second part:
 * - `notification_templates`: HR's own wording of a notification kind in one language (zh-CN,
 *   en); a kind without a row uses the built-in default, and resetting deletes the row.
 * - settings: the webhook endpoint (purpose 'notifications') that is the signed-webhook channel,
 *   and the thresholds of the operations alerts (device clock skew, gaps left unfilled, days
 *   after month end before an unclosed month is reported).
 */
export const notificationTemplates: DakaMigration = {
  name: '0023_notification_templates',
  async up({ db, dialect }) {
    await withId(db.schema.createTable('notification_templates'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_by_user_id', BIG)
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addUniqueConstraint('notification_templates_kind', ['company_id', 'kind', 'locale'])
      .execute();
    await db.schema.alterTable('notification_settings').addColumn('webhook_endpoint_id', BIG).execute();
    await db.schema.alterTable('notification_settings').addColumn('ops_clock_skew_min', 'integer', (c) => c.notNull().defaultTo(5)).execute();
    await db.schema.alterTable('notification_settings').addColumn('ops_gap_hours', 'integer', (c) => c.notNull().defaultTo(6)).execute();
    await db.schema.alterTable('notification_settings').addColumn('ops_month_close_days', 'integer', (c) => c.notNull().defaultTo(5)).execute();
  },
};
