import { BIG, type DakaMigration } from './helpers.js';

/**
 * `attendance_days.announced_seq`: the outbox row that announced the day's current result, when a
 * recompute announced it. A recompute's `attendance_day.changed` row holds only which days changed
 * (and their result before); the result after is read from the day itself when the row is
 * dispatched. A write that is about to change a day whose announcing row is not dispatched yet
 * first copies that row's days into it, so every event keeps the result it announced.
 */
export const dayAnnouncements: DakaMigration = {
  name: '0029_day_announcements',
  async up({ db }) {
    await db.schema.alterTable('attendance_days').addColumn('announced_seq', BIG).execute();
  },
};
