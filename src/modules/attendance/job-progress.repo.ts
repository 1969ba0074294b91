/**
 * Progress of admin-requested recomputes, readable from any instance whichever queue runs the
 * job (the in-process queue or pg-boss): one row per job in the key/value `settings` table.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface JobProgress {
  jobId: string;
  companyId: number;
  month: string;
  departmentId: number | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  employeesDone: number;
  employeesTotal: number | null;
  daysWritten: number | null;
  error: string | null;
  requestedAtMs: number;
  startedAtMs: number | null;
  finishedAtMs: number | null;
}

const keyOf = (jobId: string) => `attendance.recompute_job:${jobId}`;

export class JobProgressRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Records a queued job unless its worker already started reporting. */
  async init(p: JobProgress, nowMs: number): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key: keyOf(p.jobId), value: JSON.stringify(p), updated_at_ms: nowMs })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async put(p: JobProgress, nowMs: number): Promise<void> {
    const value = JSON.stringify(p);
    await this.db
      .insertInto('settings')
      .values({ key: keyOf(p.jobId), value, updated_at_ms: nowMs })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at_ms: nowMs }))
      .execute();
  }

  async get(jobId: string): Promise<JobProgress | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', keyOf(jobId)).executeTakeFirst();
    return row ? (JSON.parse(row.value) as JobProgress) : null;
  }
}
