import { BIG, type DakaMigration } from './helpers.js';

/**
 * Biometric templates copied between the terminals of one site:
 * - `device_commands.payload_sealed`: the part of a command that must not sit in plain text (a
 *   template), sealed (SecretBox) beside the command text, opened only to write the device's reply
 *   and wiped once the device answered. The command text the API lists never holds it.
 * - `device_template_copies`: per target terminal and template, which terminal it came from, the
 *   command that carried it, and its outcome (pending / acked / failed), retried like user pushes.
 */
export const deviceTemplateCopies: DakaMigration = {
  name: '0025_device_template_copies',
  async up({ db }) {
    await db.schema.alterTable('device_commands').addColumn('payload_sealed', 'text').execute();
    await db.schema
      .createTable('device_template_copies')
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('pin', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('slot', 'text', (c) => c.notNull())
      .addColumn('source_device_id', BIG, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('command_id', BIG)
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('return_code', 'integer')
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('device_template_copies_pk', ['device_id', 'pin', 'kind', 'slot'])
      .execute();
    await db.schema.createIndex('device_template_copies_command').on('device_template_copies').column('command_id').execute();
  },
};
