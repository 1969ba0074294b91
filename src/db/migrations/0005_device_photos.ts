import { BIG, type DakaMigration } from './helpers.js';

/** Punch photos uploaded by machines (ATTPHOTO), keyed like the punch they belong to. */
export const devicePhotos: DakaMigration = {
  name: '0005_device_photos',
  async up({ db, dialect }) {
    await db.schema
      .createTable('device_photos')
      .addColumn('device_id', BIG, (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('bytes', dialect === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
      .addColumn('received_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('device_photos_pk', ['device_id', 'idempotency_key'])
      .execute();
  },
};
