import { systemActor } from '../modules/auth/actor.js';
import { AuditRepo } from '../modules/audit/audit.repo.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { withDatabase } from './context.js';

const fail = (message: string) => {
  process.stderr.write(message + '\n');
  return 1;
};

export async function userCreate(opts: { username: string; password: string; role: 'admin' | 'hr' | 'manager' | 'employee'; displayName?: string; company?: string[] }): Promise<number> {
  if (opts.password.length < 8) return fail('--password: must be at least 8 characters');
  return withDatabase(async ({ db }) => {
    if (await db.selectFrom('users').select('id').where('username', '=', opts.username).executeTakeFirst()) return fail(`User '${opts.username}' exists already`);
    const now = Date.now();
    const companyIds = (opts.company ?? []).map(Number);
    if (companyIds.some((n) => !Number.isInteger(n) || n < 1)) return fail('--company: give company ids (whole numbers)');
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({ username: opts.username, display_name: opts.displayName ?? opts.username, password_hash: await hashPassword(opts.password), role: opts.role, employee_id: null, locale: null, status: 'active', failed_logins: 0, must_change_password: 0, created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const c of companyIds) await trx.insertInto('user_companies').values({ user_id: row.id, company_id: c }).execute();
      await new AuditRepo().record(trx, systemActor('cli'), { action: 'user.create', entity: 'user', entityId: row.id, companyId: null, after: { username: opts.username, role: opts.role, companyIds } });
    });
    process.stdout.write(`Created ${opts.role} '${opts.username}'\n`);
    return 0;
  });
}

export async function userResetPassword(opts: { username: string; password: string }): Promise<number> {
  if (opts.password.length < 8) return fail('--password: must be at least 8 characters');
  return withDatabase(async ({ db }) => {
    const user = await db.selectFrom('users').select('id').where('username', '=', opts.username).executeTakeFirst();
    if (!user) return fail(`No user '${opts.username}'`);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: await hashPassword(opts.password), failed_logins: 0, locked_until_ms: null, must_change_password: 0, updated_at_ms: Date.now() }).where('id', '=', user.id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await trx.updateTable('api_tokens').set({ revoked_at_ms: Date.now() }).where('user_id', '=', user.id).where('revoked_at_ms', 'is', null).execute();
      // Lifts every lockout of the name, from whichever address.
      await trx.deleteFrom('login_failures').where('username', '=', opts.username).execute();
      await new AuditRepo().record(trx, systemActor('cli'), { action: 'user.password_reset', entity: 'user', entityId: user.id, companyId: null });
    });
    process.stdout.write(`Password of '${opts.username}' reset; their sessions were ended, their API tokens revoked and their login locks lifted\n`);
    return 0;
  });
}

export async function userList(): Promise<number> {
  return withDatabase(async ({ db }) => {
    const rows = await db.selectFrom('users').select(['id', 'username', 'role', 'status']).orderBy('id').execute();
    for (const r of rows) process.stdout.write(`${r.id}\t${r.username}\t${r.role}\t${r.status}\n`);
    return 0;
  });
}
