import { BIG, type DakaMigration } from './helpers.js';

/**
 * - `connectors.deleted_at_ms`: a deleted connector stays as a tombstone (no secrets, no syncs, no
 *   callbacks) so its run history keeps pointing at something; the id is never reused.
 * - `reconciliation_diffs.fields`: JSON array of the fields a `different_result` disagrees on.
 */
export const connectorLifecycle: DakaMigration = {
  name: '0007_connector_lifecycle',
  async up({ db }) {
    await db.schema.alterTable('connectors').addColumn('deleted_at_ms', BIG).execute();
    await db.schema.alterTable('reconciliation_diffs').addColumn('fields', 'text').execute();
  },
};
