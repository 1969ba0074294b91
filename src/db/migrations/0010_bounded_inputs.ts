import { BIG, type DakaMigration } from './helpers.js';

/**
 * - `devices.clock_skew_ms`: the device clock minus the server's (positive: ahead, negative: behind),
 *   from a heartbeat that carries the device time, or from a punch newer than its own upload; null
 *   before anything measured it.
 * - `devices.clock_checked_at_ms`: when that was measured.
 */
export const boundedInputs: DakaMigration = {
  name: '0010_bounded_inputs',
  async up({ db }) {
    await db.schema.alterTable('devices').addColumn('clock_skew_ms', BIG).execute();
    await db.schema.alterTable('devices').addColumn('clock_checked_at_ms', BIG).execute();
  },
};
