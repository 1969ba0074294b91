import type { DakaMigration } from './helpers.js';

/**
 * Fair job scheduling, so one connector cannot hold up another:
 * - `jobs.priority`: higher runs first (callback re-queries ahead of bulk back-fills);
 * - `jobs.group_key`: jobs of one group (a connector) share that group's concurrency limit.
 * Connector budgets and ban pauses live in `connector_cursors` (JSON, no new columns).
 */
export const connectorBudgets: DakaMigration = {
  name: '0013_connector_budgets',
  async up({ db }) {
    await db.schema.alterTable('jobs').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('jobs').addColumn('group_key', 'text').execute();
    await db.schema.createIndex('jobs_claim').on('jobs').columns(['queue', 'status', 'priority', 'run_at_ms']).execute();
  },
};
