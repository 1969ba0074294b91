import { BIG, type DakaMigration } from './helpers.js';

/**
 * - `devices.clock_ahead_ms`: how far ahead of the server the device's clock ran, measured from its
 *   newest punch against the moment the upload arrived (0 when it was in time); null before any upload.
 * - `devices.clock_checked_at_ms`: when that was measured.
 */
export const boundedInputs: DakaMigration = {
  name: '0010_bounded_inputs',
  async up({ db }) {
    await db.schema.alterTable('devices').addColumn('clock_ahead_ms', BIG).execute();
    await db.schema.alterTable('devices').addColumn('clock_checked_at_ms', BIG).execute();
  },
};
