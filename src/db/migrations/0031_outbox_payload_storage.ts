import { sql } from 'kysely';
import type { DakaMigration } from './helpers.js';

/**
 * PostgreSQL stores outbox payloads uncompressed (EXTERNAL): a recompute writes its day changes
 * as rows of tens of kilobytes inside its own transaction, and compressing them cost it more
 * than the bytes saved are worth for rows pruned weeks later. SQLite has no such setting.
 */
export const outboxPayloadStorage: DakaMigration = {
  name: '0031_outbox_payload_storage',
  async up({ db, dialect }) {
    if (dialect === 'postgres') await sql`alter table outbox_events alter column payload set storage external`.execute(db);
  },
};
