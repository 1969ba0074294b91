import { BIG, type DakaMigration } from './helpers.js';

/**
 * Results out, second part:
 * - `webhook_endpoints.drop_folder`: a payroll endpoint may write the export into a folder (under
 *   the operator's DAKA_PAYROLL_DROP_DIR) instead of POSTing it.
 * - `wecom_leave_schedules`: which WeCom schedule (日程) shows which approved leave request, so a
 *   change updates that schedule and a cancellation deletes it, and a repeated event sends nothing.
 */
export const payrollDropWecomLeave: DakaMigration = {
  name: '0024_payroll_drop_wecom_leave',
  async up({ db }) {
    await db.schema.alterTable('webhook_endpoints').addColumn('drop_folder', 'text').execute();
    await db.schema
      .createTable('wecom_leave_schedules')
      .addColumn('connector_id', BIG, (c) => c.notNull())
      .addColumn('request_id', BIG, (c) => c.notNull())
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('employee_id', BIG, (c) => c.notNull())
      .addColumn('schedule_id', 'text')
      .addColumn('content_hash', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('wecom_leave_schedules_pk', ['connector_id', 'request_id'])
      .execute();
  },
};
