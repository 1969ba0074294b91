import { BIG, withId, type DakaMigration } from './helpers.js';

/**
 * What ZKTeco terminals upload besides punches, and what the hub pushes back to them:
 * - `device_users`: each terminal's user list (PIN, name, card, privilege) from OPERLOG `USER` lines;
 *   passwords are never stored, only whether one is set.
 * - `device_templates`: which biometric templates exist per user; the template itself is sealed
 *   (SecretBox) so it can be copied to the site's other terminals, and deleted when the person leaves.
 * - `device_oplog`: the terminal's operation log (OPLOG), once per record.
 * - `device_user_pushes`: joiners and leavers sent to each terminal (`DATA UPDATE/DELETE USERINFO`),
 *   with the command that carried them and its outcome.
 * - `device_gap_fills`: `DATA QUERY ATTLOG` commands queued for a detected gap, and whether the
 *   terminal answered.
 * - `device_alert_streams`: Hikvision terminals followed over ISAPI alertStream: the login (password
 *   sealed) and which instance holds the one connection a terminal allows (a lease).
 */
export const deviceUsers: DakaMigration = {
  name: '0020_device_users',
  async up({ db, dialect }) {
    await db.schema
      .createTable('device_users')
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('pin', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('privilege', 'integer')
      .addColumn('card', 'text')
      .addColumn('user_group', 'integer')
      .addColumn('has_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('device_users_pk', ['device_id', 'pin'])
      .execute();

    await db.schema
      .createTable('device_templates')
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('pin', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('slot', 'text', (c) => c.notNull())
      .addColumn('valid', 'integer')
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('format', 'text')
      .addColumn('template_sealed', 'text', (c) => c.notNull())
      .addColumn('received_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('device_templates_pk', ['device_id', 'pin', 'kind', 'slot'])
      .execute();

    await withId(db.schema.createTable('device_oplog'), dialect)
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('record_key', 'text', (c) => c.notNull())
      .addColumn('op_type', 'integer')
      .addColumn('operator', 'text')
      .addColumn('op_time', 'text')
      .addColumn('who', 'text')
      .addColumn('op_values', 'text', (c) => c.notNull())
      .addColumn('received_at_ms', BIG, (c) => c.notNull())
      .addUniqueConstraint('device_oplog_record', ['device_id', 'record_key'])
      .execute();

    await db.schema
      .createTable('device_user_pushes')
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('employee_id', BIG, (c) => c.notNull())
      .addColumn('pin', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('command_id', BIG)
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('return_code', 'integer')
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('device_user_pushes_pk', ['device_id', 'employee_id'])
      .execute();
    await db.schema.createIndex('device_user_pushes_command').on('device_user_pushes').column('command_id').execute();

    await db.schema
      .createTable('device_gap_fills')
      .addColumn('event_id', BIG, (c) => c.primaryKey())
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('from_wall', 'text', (c) => c.notNull())
      .addColumn('to_wall', 'text', (c) => c.notNull())
      .addColumn('command_id', BIG)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('finished_at_ms', BIG)
      .execute();
    await db.schema.createIndex('device_gap_fills_command').on('device_gap_fills').column('command_id').execute();

    await db.schema
      .createTable('device_alert_streams')
      .addColumn('device_id', BIG, (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('password_sealed', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until_ms', BIG)
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
  },
};
