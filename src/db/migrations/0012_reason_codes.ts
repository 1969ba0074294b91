import type { DakaMigration } from './helpers.js';

/**
 * Attendance days say more about themselves:
 * - `leave_minutes`: approved hourly leave inside the shift (AHR-1 R11a); `leave_half` 'hours'
 *   marks a day whose only leave is hourly.
 * - `flags`: comma-separated day flags for HR, e.g. `punches_on_leave` (R11: punches on a day of
 *   full-day leave, which are kept but not counted).
 */
export const reasonCodes: DakaMigration = {
  name: '0012_reason_codes',
  async up({ db }) {
    await db.schema.alterTable('attendance_days').addColumn('leave_minutes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('attendance_days').addColumn('flags', 'text').execute();
  },
};
