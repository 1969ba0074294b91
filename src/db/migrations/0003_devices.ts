import { BIG, type DakaMigration, withId } from './helpers.js';

/**
 * Attendance machines. A device that calls in with an unknown serial number is registered as
 * pending with no company: its punches wait in device_held_punches until an admin approves the
 * device into a company, then go through the normal ingest.
 */
export const devices: DakaMigration = {
  name: '0003_devices',
  async up({ db, dialect }) {
    await withId(db.schema.createTable('devices'), dialect)
      .addColumn('company_id', BIG, (c) => c.references('companies.id'))
      .addColumn('site_id', BIG, (c) => c.references('sites.id'))
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('model', 'text')
      .addColumn('serial_number', 'text', (c) => c.notNull().unique())
      .addColumn('mac', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_map', 'text')
      .addColumn('push_options', 'text', (c) => c.notNull())
      .addColumn('auth_token_sealed', 'text')
      .addColumn('allowed_ips', 'text')
      .addColumn('firmware', 'text')
      .addColumn('push_version', 'text')
      .addColumn('language', 'text')
      .addColumn('user_count', 'integer')
      .addColumn('fp_count', 'integer')
      .addColumn('face_count', 'integer')
      .addColumn('attlog_count', 'integer')
      .addColumn('stamps', 'text', (c) => c.notNull())
      .addColumn('last_seen_at_ms', BIG)
      .addColumn('last_upload_at_ms', BIG)
      .addColumn('last_punch_at_ms', BIG)
      .addColumn('last_ip', 'text')
      .addColumn('offline_after_min', 'integer', (c) => c.notNull().defaultTo(10))
      .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('devices_company').on('devices').columns(['company_id', 'status']).execute();

    await withId(db.schema.createTable('device_commands'), dialect)
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('command', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('return_code', 'integer')
      .addColumn('result', 'text')
      .addColumn('created_by_user_id', BIG)
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('sent_at_ms', BIG)
      .addColumn('finished_at_ms', BIG)
      .execute();
    await db.schema.createIndex('device_commands_queue').on('device_commands').columns(['device_id', 'status', 'id']).execute();

    await db.schema
      .createTable('device_held_punches')
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('at_ms', BIG, (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('received_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('device_held_punches_pk', ['device_id', 'idempotency_key'])
      .execute();

    await withId(db.schema.createTable('device_events'), dialect)
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at_ms', BIG, (c) => c.notNull())
      .addColumn('details', 'text')
      .execute();
    await db.schema.createIndex('device_events_device').on('device_events').columns(['device_id', 'at_ms']).execute();
  },
};
