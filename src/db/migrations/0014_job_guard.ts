import { sql } from 'kysely';
import type { DakaMigration } from './helpers.js';

/**
 * At most one waiting job per queue and singleton key, held by the database: the queue inserts
 * with ON CONFLICT DO NOTHING, so concurrent senders cannot both pass a check and insert twice.
 * Duplicates that the old check-then-insert let through are dropped first (the oldest one stays).
 */
export const jobGuard: DakaMigration = {
  name: '0014_job_guard',
  async up({ db }) {
    await db
      .deleteFrom('jobs')
      .where('status', '=', 'queued')
      .where('singleton_key', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('jobs as older')
            .select(sql.lit(1).as('one'))
            .whereRef('older.queue', '=', 'jobs.queue')
            .whereRef('older.singleton_key', '=', 'jobs.singleton_key')
            .where('older.status', '=', 'queued')
            .whereRef('older.id', '<', 'jobs.id'),
        ),
      )
      .execute();
    await db.schema
      .createIndex('jobs_waiting_singleton')
      .unique()
      .on('jobs')
      .columns(['queue', 'singleton_key'])
      .where(sql.ref('status'), '=', sql.lit('queued'))
      .execute();
  },
};
