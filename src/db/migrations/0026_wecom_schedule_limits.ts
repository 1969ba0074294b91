import { BIG, type DakaMigration } from './helpers.js';

/**
 * WeCom schedules, made safe to retry and kept within the platform's day:
 * - `connector_daily_calls`: calls per connector, China day and API, for APIs WeCom caps per app
 *   and day (schedule/add: 10 000): a call is counted before it is made and refused once the day's
 *   cap is reached, so several instances together never pass it.
 * - `wecom_leave_schedules.add_marker`: the marker of a schedule/add whose answer is not stored yet
 *   (written before the call, in the schedule's description too). A retry after a crash looks the
 *   marker up in WeCom before adding again, so one leave never gets two schedules.
 */
export const wecomScheduleLimits: DakaMigration = {
  name: '0026_wecom_schedule_limits',
  async up({ db }) {
    await db.schema
      .createTable('connector_daily_calls')
      .addColumn('connector_id', BIG, (c) => c.notNull().references('connectors.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('api', 'text', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('connector_daily_calls_pk', ['connector_id', 'day', 'api'])
      .execute();
    await db.schema.alterTable('wecom_leave_schedules').addColumn('add_marker', 'text').execute();
  },
};
