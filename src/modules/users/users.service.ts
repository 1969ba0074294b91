/**
 * User accounts. Admins manage everyone; HR may list and create employee and manager
 * accounts of their own companies. Password hashes never leave this file.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { paged, pageOf } from '../../http/paging.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor, Role } from '../auth/actor.js';
import { hashPassword } from '../auth/auth.service.js';
import { isUniqueViolation, rejectProblems, type CodedProblem } from '../employees/field-rules.js';
import type { UserCreateT, UserPatchT, UserQueryT } from './users.schemas.js';
import { countRows } from '../../db/count.js';

const HR_MANAGEABLE: Role[] = ['employee', 'manager'];

export function userDto(u: Row<'users'>, companyIds: number[]) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    companyIds,
    employeeId: u.employee_id,
    locale: u.locale,
    status: u.status,
    mustChangePassword: u.must_change_password === 1,
    lastLoginAtMs: u.last_login_at_ms,
    createdAtMs: u.created_at_ms,
  };
}

export class UsersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor, q: UserQueryT) {
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    if (q.companyId !== undefined) this.access.assertCompany(actor, q.companyId);
    let base = this.db.selectFrom('users');
    const companies = q.companyId !== undefined ? [q.companyId] : this.access.companyFilter(actor);
    if (companies) {
      const ids = companies.length ? companies : [-1];
      base = base.where('id', 'in', (eb) => eb.selectFrom('user_companies').select('user_id').where('company_id', 'in', ids));
    }
    if (actor.role === 'hr') base = base.where('role', 'in', HR_MANAGEABLE);
    if (q.role) base = base.where('role', '=', q.role);
    if (q.status) base = base.where('status', '=', q.status);
    if (q.q?.trim()) {
      const pattern = `%${q.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where((eb) => eb.or([sql<SqlBool>`lower(username) like ${pattern} escape '\\'`, sql<SqlBool>`lower(display_name) like ${pattern} escape '\\'`]));
    }
    const p = pageOf(q);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('username').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
    ]);
    const links = rows.length ? await this.db.selectFrom('user_companies').selectAll().where('user_id', 'in', rows.map((r) => r.id)).orderBy('company_id').execute() : [];
    return paged(
      rows.map((r) => userDto(r, links.filter((l) => l.user_id === r.id).map((l) => l.company_id))),
      total,
      p,
    );
  }

  async get(actor: Actor, id: number) {
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    const companyIds = user ? await this.companyIds(this.db, id) : [];
    if (!user || (actor.role === 'hr' && (!HR_MANAGEABLE.includes(user.role) || !companyIds.some((c) => actor.companyIds.includes(c))))) throw notFound('user', id);
    return userDto(user, companyIds);
  }

  async create(actor: Actor, input: UserCreateT) {
    this.access.assertRole(actor, ['admin', 'hr']);
    if (actor.role === 'hr') this.access.assertRole(actor, input.role === 'employee' || input.role === 'manager' ? ['hr'] : ['admin']);
    const companyIds = input.companyIds ?? [];
    const passwordHash = await hashPassword(input.password);
    const duplicate = () => conflict('DUPLICATE_USERNAME', `The username '${input.username}' is taken`, { field: 'body.username' });
    return this.db.transaction().execute(async (trx) => {
      await this.checkLinks(trx, actor, input.role, companyIds, input.employeeId ?? null, null);
      if (await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) throw duplicate();
      const now = this.now();
      const row = await trx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName.trim(),
          password_hash: passwordHash,
          role: input.role,
          employee_id: input.employeeId ?? null,
          locale: input.locale ?? null,
          status: 'active',
          failed_logins: 0,
          // Whoever set this password is not the person who will use it.
          must_change_password: 1,
          created_at_ms: now,
          updated_at_ms: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (const c of companyIds) await trx.insertInto('user_companies').values({ user_id: row.id, company_id: c }).execute();
      const dto = userDto(row, [...companyIds].sort((a, b) => a - b));
      await this.audit.record(trx, actor, { action: 'user.create', entity: 'user', entityId: row.id, companyId: null, after: dto });
      return dto;
    }).catch((e: unknown) => {
      // Two requests for the same new username can both pass the check above.
      throw isUniqueViolation(e) ? duplicate() : e;
    });
  }

  async update(actor: Actor, id: number, patch: UserPatchT) {
    this.access.assertRole(actor, ['admin'], 'admin');
    return this.db.transaction().execute(async (trx) => {
      const before = await this.row(trx, id);
      const beforeCompanies = await this.companyIds(trx, id);
      const role = patch.role ?? before.role;
      const status = patch.status ?? before.status;
      const companyIds = patch.companyIds ?? beforeCompanies;
      const employeeId = patch.employeeId !== undefined ? patch.employeeId : before.employee_id;
      await this.checkLinks(trx, actor, role, companyIds, employeeId, id);
      if (before.role === 'admin' && before.status === 'active' && (role !== 'admin' || status !== 'active')) {
        const others = await trx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('status', '=', 'active').where('id', '!=', id).executeTakeFirstOrThrow();
        if (Number(others.n) === 0) throw conflict('LAST_ADMIN', 'This is the last active admin; make another admin first', { field: patch.role !== undefined ? 'body.role' : 'body.status' });
      }
      const row = await trx
        .updateTable('users')
        .set({
          ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
          ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
          role,
          status,
          employee_id: employeeId,
          updated_at_ms: this.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (patch.companyIds !== undefined) {
        await trx.deleteFrom('user_companies').where('user_id', '=', id).execute();
        for (const c of companyIds) await trx.insertInto('user_companies').values({ user_id: id, company_id: c }).execute();
      }
      // A disabled account must not keep working through sessions or tokens made before.
      if (status === 'disabled' && before.status !== 'disabled') await this.endCredentials(trx, id);
      const dto = userDto(row, [...companyIds].sort((a, b) => a - b));
      await this.audit.record(trx, actor, { action: 'user.update', entity: 'user', entityId: id, companyId: null, before: userDto(before, beforeCompanies), after: dto });
      return dto;
    });
  }

  /** Sets a one-time password the user must change at next login; ends their sessions and revokes their tokens. */
  async resetPassword(actor: Actor, id: number, password: string) {
    this.access.assertRole(actor, ['admin'], 'admin');
    await this.row(this.db, id);
    const passwordHash = await hashPassword(password);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: 1, failed_logins: 0, locked_until_ms: null, updated_at_ms: this.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const ended = await this.endCredentials(trx, id);
      await trx.deleteFrom('login_failures').where('username', '=', row.username).execute();
      await this.audit.record(trx, actor, { action: 'user.reset_password', entity: 'user', entityId: id, companyId: null, after: ended });
      return userDto(row, await this.companyIds(trx, id));
    });
  }

  /** Ends every session and revokes every API token of the user. */
  private async endCredentials(trx: Kysely<DB>, userId: number) {
    const sessions = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    const tokens = await trx.updateTable('api_tokens').set({ revoked_at_ms: this.now() }).where('user_id', '=', userId).where('revoked_at_ms', 'is', null).executeTakeFirst();
    return { sessionsEnded: Number(sessions.numDeletedRows), tokensRevoked: Number(tokens.numUpdatedRows) };
  }

  /** Companies must exist (and, for HR, be theirs); the employee must belong to one of them and to no other user. */
  private async checkLinks(trx: Kysely<DB>, actor: Actor, role: Role, companyIds: number[], employeeId: number | null, selfId: number | null) {
    const problems: CodedProblem[] = [];
    const known = companyIds.length ? (await trx.selectFrom('companies').select('id').where('id', 'in', companyIds).execute()).map((c) => c.id) : [];
    companyIds.forEach((c, i) => {
      // Companies HR cannot see answer like missing ones.
      if (!known.includes(c) || !this.access.canSeeCompany(actor, c)) problems.push({ path: `body.companyIds[${i}]`, code: 'UNKNOWN_COMPANY', message: `company ${c} does not exist` });
    });
    if (role !== 'admin' && companyIds.length === 0) problems.push({ path: 'body.companyIds', code: 'COMPANY_REQUIRED', message: `a ${role} must belong to at least one company` });
    if (employeeId !== null) {
      const e = await trx.selectFrom('employees').select('company_id').where('id', '=', employeeId).executeTakeFirst();
      if (!e || !companyIds.includes(e.company_id)) problems.push({ path: 'body.employeeId', code: 'UNKNOWN_EMPLOYEE', message: `employee ${employeeId} is not an employee of the user's companies` });
    }
    rejectProblems(problems);
    if (employeeId !== null) {
      const other = await trx.selectFrom('users').select('id').where('employee_id', '=', employeeId).where('id', '!=', selfId ?? -1).executeTakeFirst();
      if (other) throw conflict('EMPLOYEE_ALREADY_LINKED', `employee ${employeeId} already has user ${other.id}`, { field: 'body.employeeId', userId: other.id });
    }
  }

  private async companyIds(db: Kysely<DB>, userId: number) {
    return (await db.selectFrom('user_companies').select('company_id').where('user_id', '=', userId).orderBy('company_id').execute()).map((r) => r.company_id);
  }

  private async row(db: Kysely<DB>, id: number) {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('user', id);
    return row;
  }
}
