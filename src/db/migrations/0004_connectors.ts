import { BIG, type DakaMigration, withId } from './helpers.js';

/** DingTalk and WeCom apps of a company, their sync state, runs, callbacks and reconciliation. */
export const connectors: DakaMigration = {
  name: '0004_connectors',
  async up({ db, dialect }) {
    await withId(db.schema.createTable('connectors'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('corp_id', 'text', (c) => c.notNull())
      .addColumn('app_key', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text')
      .addColumn('secrets_sealed', 'text', (c) => c.notNull())
      .addColumn('base_url', 'text')
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('connectors_company').on('connectors').columns(['company_id', 'platform']).execute();

    await db.schema
      .createTable('connector_cursors')
      .addColumn('connector_id', BIG, (c) => c.notNull().references('connectors.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('cursor', 'text', (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('connector_cursors_pk', ['connector_id', 'kind'])
      .execute();

    await withId(db.schema.createTable('connector_runs'), dialect)
      .addColumn('connector_id', BIG, (c) => c.notNull().references('connectors.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('params', 'text')
      .addColumn('counts', 'text')
      .addColumn('error', 'text')
      .addColumn('started_at_ms', BIG, (c) => c.notNull())
      .addColumn('finished_at_ms', BIG)
      .execute();
    await db.schema.createIndex('connector_runs_connector').on('connector_runs').columns(['connector_id', 'started_at_ms']).execute();

    await db.schema
      .createTable('connector_usage')
      .addColumn('connector_id', BIG, (c) => c.notNull().references('connectors.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('connector_usage_pk', ['connector_id', 'month'])
      .execute();

    await db.schema
      .createTable('callback_nonces')
      .addColumn('connector_id', BIG, (c) => c.notNull().references('connectors.id').onDelete('cascade'))
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('callback_nonces_pk', ['connector_id', 'nonce'])
      .execute();

    await withId(db.schema.createTable('reconciliation_diffs'), dialect)
      .addColumn('connector_id', BIG, (c) => c.notNull().references('connectors.id').onDelete('cascade'))
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('employee_id', BIG)
      .addColumn('external_user_id', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('platform', 'text')
      .addColumn('daka', 'text')
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('resolved_at_ms', BIG)
      .execute();
    await db.schema.createIndex('reconciliation_diffs_lookup').on('reconciliation_diffs').columns(['company_id', 'date']).execute();
  },
};
