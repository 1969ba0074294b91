import { BIG, type DakaMigration } from './helpers.js';

/**
 * Web clock-in (H5 打卡):
 * - `punch_challenges`: single-use tokens the page fetches before a punch. The punch's identity
 *   key derives from the token, so a double tap or a replayed request stores one punch, and a
 *   captured request stops working when the token expires. Only the SHA-256 is stored.
 * - `checkin_photos`: camera photos taken with a punch, keyed like the punch.
 */
export const webPunch: DakaMigration = {
  name: '0016_web_punch',
  async up({ db, dialect }) {
    await db.schema
      .createTable('punch_challenges')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', BIG, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('employee_id', BIG, (c) => c.notNull())
      .addColumn('issued_at_ms', BIG, (c) => c.notNull())
      .addColumn('expires_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('punch_challenges_user').on('punch_challenges').columns(['user_id', 'issued_at_ms']).execute();
    await db.schema
      .createTable('checkin_photos')
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', dialect === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('checkin_photos_pk', ['company_id', 'idempotency_key'])
      .execute();
  },
};
