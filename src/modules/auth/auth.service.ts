/**
 * Password login, sessions and API tokens. Only SHA-256 digests of session cookies
 * and API tokens are stored; the clear values exist only in the response that creates them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { AppError, notFound, unauthorized } from '../../shared/errors.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from './access.js';
import type { Actor, Role, Scope } from './actor.js';

export const SESSION_COOKIE = 'daka_session';
export const TOKEN_PREFIX = 'dk_';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | null = null;

export interface AuthSettings {
  sessionTtlMs: number;
  maxFailures: number;
  lockMs: number;
}

export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  companyIds: number[];
  employeeId: number | null;
  locale: string | null;
  mustChangePassword: boolean;
}

export const hashPassword = (password: string) => hash(password, { algorithm: 2 /* argon2id */ });

export class AuthService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditRepo,
    private readonly access: AccessPolicy,
    private readonly settings: AuthSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async login(username: string, password: string, ip: string | null, userAgent: string | null) {
    const user = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    const now = this.now();
    if (!user) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verify(await dummyHash, password);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password', 401);
    }
    if (user.locked_until_ms !== null && user.locked_until_ms > now) {
      throw new AppError('LOGIN_LOCKED', 'Too many failed logins; the account is locked for a while', 429, {
        retryAfterSec: Math.ceil((user.locked_until_ms - now) / 1000),
      });
    }
    const ok = user.status === 'active' && (await verify(user.password_hash, password));
    const actor = this.userActor(user, [], ip);
    if (!ok) {
      const failures = user.failed_logins + 1;
      const locked = failures >= this.settings.maxFailures;
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ failed_logins: locked ? 0 : failures, locked_until_ms: locked ? now + this.settings.lockMs : null })
          .where('id', '=', user.id)
          .execute();
        await this.audit.record(trx, actor, { action: locked ? 'auth.lockout' : 'auth.login_failed', entity: 'user', entityId: user.id, companyId: null });
      });
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password', 401);
    }
    const secret = newSecret();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({
          token_hash: sha256(secret),
          user_id: user.id,
          created_at_ms: now,
          expires_at_ms: now + this.settings.sessionTtlMs,
          last_seen_at_ms: now,
          ip,
          user_agent: userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      await trx.updateTable('users').set({ failed_logins: 0, locked_until_ms: null, last_login_at_ms: now }).where('id', '=', user.id).execute();
      await this.audit.record(trx, actor, { action: 'auth.login', entity: 'user', entityId: user.id, companyId: null });
    });
    return { cookie: secret, user: await this.publicUser(user) };
  }

  async logout(cookie: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('token_hash', '=', sha256(cookie)).execute();
      await this.audit.record(trx, actor, { action: 'auth.logout', entity: 'user', entityId: actor.userId, companyId: null });
    });
  }

  /** Resolves a session cookie to its actor, sliding nothing: sessions expire at a fixed time. */
  async actorFromSession(cookie: string, ip: string | null): Promise<Actor | null> {
    const now = this.now();
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.expires_at_ms', 'sessions.last_seen_at_ms'])
      .where('sessions.token_hash', '=', sha256(cookie))
      .executeTakeFirst();
    if (!row || row.expires_at_ms <= now || row.status !== 'active') return null;
    if (now - row.last_seen_at_ms > 60_000) {
      await this.db.updateTable('sessions').set({ last_seen_at_ms: now }).where('token_hash', '=', sha256(cookie)).execute();
    }
    return this.userActor(row, await this.companyIds(row.id), ip);
  }

  async actorFromToken(token: string, ip: string | null): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const digest = sha256(token);
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select(['api_tokens.id as token_id', 'api_tokens.token_hash', 'api_tokens.scopes', 'api_tokens.expires_at_ms', 'api_tokens.revoked_at_ms', 'api_tokens.last_used_at_ms'])
      .where('api_tokens.token_hash', '=', digest)
      .executeTakeFirst();
    const now = this.now();
    if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(digest))) return null;
    if (row.revoked_at_ms !== null || (row.expires_at_ms !== null && row.expires_at_ms <= now) || row.status !== 'active') return null;
    if (row.last_used_at_ms === null || now - row.last_used_at_ms > 60_000) {
      await this.db.updateTable('api_tokens').set({ last_used_at_ms: now }).where('id', '=', row.token_id).execute();
    }
    const actor = this.userActor(row, await this.companyIds(row.id), ip);
    return { ...actor, kind: 'token', tokenId: row.token_id, scopes: JSON.parse(row.scopes) as Scope[], name: `${row.username} (token ${row.token_id})` };
  }

  async me(actor: Actor): Promise<PublicUser> {
    if (actor.userId === null) throw unauthorized();
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirst();
    if (!user) throw unauthorized();
    return this.publicUser(user);
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    if (actor.userId === null || actor.kind !== 'user') throw unauthorized('Log in with a password to change it');
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
    if (!(await verify(user.password_hash, current))) throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong', 400);
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at_ms: this.now() }).where('id', '=', user.id).execute();
      await this.audit.record(trx, actor, { action: 'user.password_change', entity: 'user', entityId: user.id, companyId: null });
    });
  }

  // --- API tokens -------------------------------------------------------

  async createToken(actor: Actor, input: { name: string; scopes: Scope[]; expiresAtMs?: number | null }) {
    this.access.assertScope(actor, 'admin');
    if (actor.userId === null) throw unauthorized();
    if (actor.role !== 'admin' && input.scopes.includes('admin')) {
      throw new AppError('TOKEN_SCOPE', 'Only admins may create tokens with the admin scope', 403);
    }
    const secret = TOKEN_PREFIX + newSecret();
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_tokens')
        .values({
          user_id: actor.userId!,
          name: input.name,
          token_hash: sha256(secret),
          scopes: JSON.stringify(input.scopes),
          created_at_ms: now,
          expires_at_ms: input.expiresAtMs ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'token.create', entity: 'api_token', entityId: row.id, companyId: null, after: publicToken(row) });
      return { token: publicToken(row), secret };
    });
  }

  async listTokens(actor: Actor) {
    this.access.assertScope(actor, 'read');
    let q = this.db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc');
    if (actor.role !== 'admin') q = q.where('user_id', '=', actor.userId ?? -1);
    return (await q.execute()).map(publicToken);
  }

  async revokeToken(actor: Actor, id: number): Promise<void> {
    this.access.assertScope(actor, 'admin');
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || (actor.role !== 'admin' && row.user_id !== actor.userId)) throw notFound('api token', id);
    if (row.revoked_at_ms !== null) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('api_tokens').set({ revoked_at_ms: this.now() }).where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'token.revoke', entity: 'api_token', entityId: id, companyId: null, before: publicToken(row) });
    });
  }

  // --- helpers ------------------------------------------------------------

  private async companyIds(userId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('user_companies').select('company_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.company_id);
  }

  private userActor(user: Row<'users'>, companyIds: number[], ip: string | null): Actor {
    return { kind: 'user', userId: user.id, name: user.username, role: user.role, companyIds, employeeId: user.employee_id, tokenId: null, scopes: null, ip };
  }

  async publicUser(user: Row<'users'>): Promise<PublicUser> {
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      companyIds: await this.companyIds(user.id),
      employeeId: user.employee_id,
      locale: user.locale,
      mustChangePassword: user.must_change_password === 1,
    };
  }
}

export function publicToken(row: Row<'api_tokens'>) {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as Scope[],
    createdAtMs: row.created_at_ms,
    expiresAtMs: row.expires_at_ms,
    lastUsedAtMs: row.last_used_at_ms,
    revokedAtMs: row.revoked_at_ms,
  };
}
