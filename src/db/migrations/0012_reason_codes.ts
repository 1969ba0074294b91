import { sql } from 'kysely';
import type { DakaMigration } from './helpers.js';

/**
 * Attendance days say more about themselves:
 * - `leave_minutes`: approved hourly leave inside the shift (AHR-1 R11a); `leave_half` 'hours'
 *   marks a day whose only leave is hourly.
 * - `flags`: comma-separated day flags for HR, e.g. `punches_on_leave` (R11: punches on a day of
 *   full-day leave, which are kept but not counted).
 * - Explanations are stored as reason codes with parameters, rendered in the reader's language
 *   (src/shared/reasons). Rows stored with the former English sentences lose them, so that no
 *   English sentence reaches a Chinese page (the day detail explains such a day live), and their
 *   hash is cleared so that the next recompute rewrites them with codes.
 */
export const reasonCodes: DakaMigration = {
  name: '0012_reason_codes',
  async up({ db }) {
    await db.schema.alterTable('attendance_days').addColumn('leave_minutes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('attendance_days').addColumn('flags', 'text').execute();
    await sql`update attendance_days set explanation = null, result_hash = null where explanation is not null and explanation not like ${'%"code"%'}`.execute(db);
  },
};
