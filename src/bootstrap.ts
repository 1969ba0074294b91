/**
 * First start: when no admin exists, create the first admin from DAKA_ADMIN_PASSWORD,
 * or with a one-time password that must be changed at first login.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import { hashPassword } from './modules/auth/auth.service.js';

export interface FirstAdmin {
  username: string;
  /** Set only when Daka generated the password; it is shown once and never stored in clear. */
  generatedPassword: string | null;
}

export async function ensureFirstAdmin(db: Kysely<DB>, configuredPassword: string | null, now = Date.now()): Promise<FirstAdmin | null> {
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  if (admin) return null;
  const generated = configuredPassword ? null : randomBytes(12).toString('base64url');
  const password = configuredPassword ?? generated!;
  await db
    .insertInto('users')
    .values({
      username: 'admin',
      display_name: 'Administrator',
      password_hash: await hashPassword(password),
      role: 'admin',
      employee_id: null,
      locale: null,
      status: 'active',
      failed_logins: 0,
      must_change_password: generated ? 1 : 0,
      created_at_ms: now,
      updated_at_ms: now,
    })
    .execute();
  return { username: 'admin', generatedPassword: generated };
}
