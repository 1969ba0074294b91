import { BIG, withId, type DakaMigration } from './helpers.js';

/**
 * Notifications, an outbox consumer: per-company settings (channels, SMTP sealed at rest, quiet
 * hours, caps, reminder minutes), each person's preferences, and the items a manager's digest
 * collects until it is sent. What was sent, when and how is the outbox's own delivery log.
 */
export const notifications: DakaMigration = {
  name: '0018_notifications',
  async up({ db, dialect }) {
    await withId(db.schema.createTable('notification_settings'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().unique().references('companies.id').onDelete('cascade'))
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('default_channel', 'text', (c) => c.notNull())
      .addColumn('dingtalk_connector_id', BIG)
      .addColumn('wecom_connector_id', BIG)
      .addColumn('robot_connector_id', BIG)
      .addColumn('smtp_sealed', 'text')
      .addColumn('quiet_start_min', 'integer')
      .addColumn('quiet_end_min', 'integer')
      .addColumn('daily_cap', 'integer', (c) => c.notNull())
      .addColumn('digest_at_min', 'integer', (c) => c.notNull())
      .addColumn('request_reminder_hours', 'integer', (c) => c.notNull())
      .addColumn('remind_in_before_min', 'integer', (c) => c.notNull())
      .addColumn('remind_out_after_min', 'integer', (c) => c.notNull())
      .addColumn('group_reminders', 'text', (c) => c.notNull())
      .addColumn('kinds', 'text', (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('notification_preferences'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('employee_id', BIG, (c) => c.notNull().unique().references('employees.id').onDelete('cascade'))
      .addColumn('channel', 'text')
      .addColumn('locale', 'text')
      .addColumn('manager_digest', 'text')
      .addColumn('muted', 'text', (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('notification_digest_items'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('manager_employee_id', BIG, (c) => c.notNull())
      .addColumn('item_key', 'text', (c) => c.notNull().unique())
      .addColumn('department_id', BIG)
      .addColumn('employee_id', BIG, (c) => c.notNull())
      .addColumn('employee_name', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('sent_at_ms', BIG)
      .execute();
    // Sends per person and day, for the per-person daily cap.
    await db.schema
      .createTable('notification_counts')
      .addColumn('employee_id', BIG, (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('sent', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_counts_pk', ['employee_id', 'date'])
      .execute();
    await db.schema.createIndex('notification_digest_items_manager').on('notification_digest_items').columns(['manager_employee_id', 'sent_at_ms']).execute();
  },
};
