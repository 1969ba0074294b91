import type { DakaMigration } from './helpers.js';

/**
 * A keyed digest of each stored biometric template's content (SecretBox.digest), beside the sealed
 * template on the terminal that holds it and on each copy sent: a template re-enrolled under the
 * same PIN and finger/face index has new content, and the copies on the site's other terminals are
 * sent again. Rows stored before carry none (unknown content).
 */
export const templateDigests: DakaMigration = {
  name: '0028_template_digests',
  async up({ db }) {
    await db.schema.alterTable('device_templates').addColumn('content_digest', 'text').execute();
    await db.schema.alterTable('device_template_copies').addColumn('content_digest', 'text').execute();
  },
};
