import { sql } from 'kysely';
import type { DakaMigration } from './helpers.js';

/**
 * Attendance days become a derived table written in bulk by the recompute:
 * - `result_hash`: a 52-bit hash of the stored result, so a recompute compares a number per day
 *   instead of every column and rewrites only the days whose result changed (null: unknown, compare).
 * - On PostgreSQL the foreign keys to companies and employees go: each one cost a trigger query per
 *   inserted row, the bulk of writing a month. Rows are only ever written for employees the
 *   recompute has just read, and employees and companies are deactivated, never deleted.
 *   SQLite checks a foreign key with an in-process index probe at no measurable cost, and dropping
 *   one there means rebuilding the table, so they stay.
 */
export const dayResultHash: DakaMigration = {
  name: '0006_day_result_hash',
  async up({ db, dialect }) {
    await db.schema.alterTable('attendance_days').addColumn('result_hash', 'bigint').execute();
    if (dialect === 'postgres') {
      await sql`alter table attendance_days drop constraint if exists attendance_days_company_id_fkey`.execute(db);
      await sql`alter table attendance_days drop constraint if exists attendance_days_employee_id_fkey`.execute(db);
    }
  },
};
