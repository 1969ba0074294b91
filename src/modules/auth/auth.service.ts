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
  /** Failed logins of one username from one source address before that pair is locked. */
  maxFailures: number;
  lockMs: number;
  /** Login attempts per source address per minute, all usernames together (the route's rate limit). */
  loginPerAddressPerMinute?: number;
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

  get loginPerAddressPerMinute(): number {
    return this.settings.loginPerAddressPerMinute ?? 600;
  }

  /**
   * Failed logins lock a username from the address they came from only, so a stranger cannot lock
   * the admin out everywhere; a username that does not exist is counted and locked the same way,
   * so the answers do not tell which names exist.
   */
  async login(username: string, password: string, ip: string | null, userAgent: string | null) {
    const now = this.now();
    const address = ip ?? '';
    const lock = await this.db.selectFrom('login_failures').select('locked_until_ms').where('username', '=', username).where('ip', '=', address).executeTakeFirst();
    if (lock?.locked_until_ms != null && lock.locked_until_ms > now) {
      throw new AppError('LOGIN_LOCKED', 'Too many failed logins; this account is locked from your address for a while', 429, {
        retryAfterSec: Math.ceil((lock.locked_until_ms - now) / 1000),
      });
    }
    const user = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    if (!user) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verify(await dummyHash, password);
      await this.recordFailure(username, address, now, null, ip);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password', 401);
    }
    const ok = user.status === 'active' && (await verify(user.password_hash, password));
    const actor = this.userActor(user, [], ip);
    if (!ok) {
      await this.recordFailure(username, address, now, actor, ip);
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
      await trx.deleteFrom('login_failures').where('username', '=', username).where('ip', '=', address).execute();
      await this.audit.record(trx, actor, { action: 'auth.login', entity: 'user', entityId: user.id, companyId: null });
    });
    return { cookie: secret, user: await this.publicUser(user) };
  }

  /**
   * One more failure of (username, address). Failures older than the lock period are forgotten;
   * reaching the limit locks the pair. Stale rows are pruned here, so guessing random names cannot
   * grow the table beyond what the per-address rate limit lets through in one lock period.
   */
  private async recordFailure(username: string, address: string, now: number, actor: Actor | null, ip: string | null): Promise<void> {
    const cutoff = now - this.settings.lockMs;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_failures').where('last_failed_at_ms', '<', cutoff).where((eb) => eb.or([eb('locked_until_ms', 'is', null), eb('locked_until_ms', '<=', now)])).execute();
      await trx
        .insertInto('login_failures')
        .values({ username, ip: address, failures: 0, locked_until_ms: null, last_failed_at_ms: now })
        .onConflict((oc) => oc.columns(['username', 'ip']).doNothing())
        .execute();
      const row = await trx
        .updateTable('login_failures')
        .set((eb) => ({
          failures: eb.case().when('last_failed_at_ms', '<', cutoff).then(1).else(eb('failures', '+', 1)).end(),
          last_failed_at_ms: now,
        }))
        .where('username', '=', username)
        .where('ip', '=', address)
        .returning('failures')
        .executeTakeFirstOrThrow();
      const locked = row.failures >= this.settings.maxFailures;
      if (locked) {
        await trx.updateTable('login_failures').set({ failures: 0, locked_until_ms: now + this.settings.lockMs }).where('username', '=', username).where('ip', '=', address).execute();
      }
      // Only real accounts are audited: names made up by a scanner would flood the log.
      if (actor) await this.audit.record(trx, { ...actor, ip }, { action: locked ? 'auth.lockout' : 'auth.login_failed', entity: 'user', entityId: actor.userId!, companyId: null, after: { ip } });
    });
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

  /** Changes the caller's password and ends every other session of theirs (`keepCookie` is the caller's own). */
  async changePassword(actor: Actor, current: string, next: string, keepCookie?: string): Promise<void> {
    if (actor.userId === null || actor.kind !== 'user') throw unauthorized('Log in with a password to change it');
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
    if (!(await verify(user.password_hash, current))) throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong', 400);
    if (current === next) throw new AppError('PASSWORD_UNCHANGED', 'The new password must differ from the current one', 400, { field: 'body.newPassword' });
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at_ms: this.now() }).where('id', '=', user.id).execute();
      let ended = trx.deleteFrom('sessions').where('user_id', '=', user.id);
      if (keepCookie) ended = ended.where('token_hash', '!=', sha256(keepCookie));
      const r = await ended.executeTakeFirst();
      await this.audit.record(trx, actor, { action: 'user.password_change', entity: 'user', entityId: user.id, companyId: null, after: { otherSessionsEnded: Number(r.numDeletedRows) } });
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
    return { kind: 'user', userId: user.id, name: user.username, role: user.role, companyIds, employeeId: user.employee_id, tokenId: null, scopes: null, ip, mustChangePassword: user.must_change_password === 1 };
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
