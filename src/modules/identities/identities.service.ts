/**
 * Who is behind a punch. Sources name people their own way (device PIN, DingTalk userid,
 * WeCom userid); an external identity links such a name to one employee. Punches whose
 * identity is not linked are kept as unmatched and attributed when HR links them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, conflict, notFound } from '../../shared/errors.js';
import type { DomainEvents } from '../../shared/events.js';
import type { SourceIdentity } from '../../sources/types.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import { systemActor, type Actor } from '../auth/actor.js';
import type { MatchKey } from '../companies/companies.service.js';
import { identityKey, IdentitiesRepo } from './identities.repo.js';

export interface MatchAttributes {
  jobNumber?: string | null;
  email?: string | null;
  mobile?: string | null;
}

export type MatchOutcome =
  | { status: 'matched'; employeeId: number; by: MatchKey }
  | { status: 'ambiguous'; by: MatchKey; candidates: number[] }
  | { status: 'none'; tried: MatchKey[] };

const normalizeMobile = (m: string) => m.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');

export class IdentitiesService {
  readonly repo = new IdentitiesRepo();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly events: DomainEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves identities for an ingest batch. A device PIN nobody has linked yet is matched to
   * the employee whose job number equals it, when exactly one does: that is how machines are
   * enrolled in practice. Everything else stays unmatched until linked.
   */
  async resolveForIngest(db: Kysely<DB>, companyId: number, identities: SourceIdentity[]): Promise<Map<string, number>> {
    const resolved = await this.repo.resolve(db, companyId, identities);
    const pins = [...new Set(identities.filter((i) => i.provider === 'device' && !resolved.has(identityKey(i))).map((i) => i.externalId))];
    if (!pins.length) return resolved;
    const byJob = await db.selectFrom('employees').select(['id', 'job_number']).where('company_id', '=', companyId).where('job_number', 'in', pins).where('status', '=', 'active').execute();
    const now = this.now();
    for (const e of byJob) {
      const identity: SourceIdentity = { provider: 'device', tenant: '', externalId: e.job_number };
      await db
        .insertInto('external_identities')
        .values({ company_id: companyId, employee_id: e.id, provider: 'device', tenant: '', external_id: e.job_number, created_at_ms: now })
        .onConflict((oc) => oc.columns(['company_id', 'provider', 'tenant', 'external_id']).doNothing())
        .execute();
      await this.audit.record(db, systemActor('identity-matcher'), {
        action: 'identity.auto_link',
        entity: 'external_identity',
        entityId: `device::${e.job_number}`,
        companyId,
        after: { employeeId: e.id, ...identity, by: 'job_number' },
      });
      resolved.set(identityKey(identity), e.id);
    }
    return resolved;
  }

  /** Applies the company's matching order: the first key with exactly one match wins; two or more is ambiguous. */
  async match(companyId: number, attrs: MatchAttributes, db: Kysely<DB> = this.db): Promise<MatchOutcome> {
    const company = await db.selectFrom('companies').select('identity_match_order').where('id', '=', companyId).executeTakeFirst();
    if (!company) throw notFound('company', companyId);
    const order = JSON.parse(company.identity_match_order) as MatchKey[];
    const tried: MatchKey[] = [];
    for (const key of order) {
      const raw = key === 'job_number' ? attrs.jobNumber : key === 'email' ? attrs.email : attrs.mobile;
      const value = raw?.trim();
      if (!value) continue;
      tried.push(key);
      let q = db.selectFrom('employees').select('id').where('company_id', '=', companyId).where('status', '=', 'active');
      if (key === 'job_number') q = q.where('job_number', '=', value);
      else if (key === 'email') q = q.where((eb) => eb(eb.fn('lower', ['email']), '=', value.toLowerCase()));
      else q = q.where('mobile', 'in', [...new Set([value, normalizeMobile(value), `+86${normalizeMobile(value)}`])]);
      const rows = await q.limit(10).execute();
      if (rows.length === 1) return { status: 'matched', employeeId: rows[0].id, by: key };
      if (rows.length > 1) return { status: 'ambiguous', by: key, candidates: rows.map((r) => r.id) };
    }
    return { status: 'none', tried };
  }

  async listUnmatched(actor: Actor, companyId: number, limit: number, offset: number) {
    this.access.assertCompany(actor, companyId, 'write', ['admin', 'hr']);
    return this.repo.unmatched(this.db, companyId, limit, offset);
  }

  async listForEmployee(actor: Actor, employeeId: number) {
    const employee = await this.db.selectFrom('employees').select(['id', 'company_id', 'department_id']).where('id', '=', employeeId).executeTakeFirst();
    if (!employee) throw notFound('employee', employeeId);
    this.access.assertScope(actor, 'read');
    await this.access.assertEmployee(actor, employee);
    const rows = await this.db.selectFrom('external_identities').selectAll().where('employee_id', '=', employeeId).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, companyId: r.company_id, employeeId: r.employee_id, provider: r.provider, tenant: r.tenant, externalId: r.external_id }));
  }

  /** Links an identity to an employee and attributes every punch it already has. */
  async link(actor: Actor, input: { companyId: number; employeeId: number } & SourceIdentity) {
    this.access.assertCompany(actor, input.companyId, 'write', ['admin', 'hr']);
    const result = await this.db.transaction().execute(async (trx) => {
      const employee = await trx.selectFrom('employees').select(['id', 'company_id']).where('id', '=', input.employeeId).executeTakeFirst();
      if (!employee || employee.company_id !== input.companyId) {
        throw new AppError('UNKNOWN_EMPLOYEE', `employee ${input.employeeId} is not in company ${input.companyId}`, 400, { field: 'body.employeeId' });
      }
      const existing = await trx
        .selectFrom('external_identities')
        .selectAll()
        .where('company_id', '=', input.companyId)
        .where('provider', '=', input.provider)
        .where('tenant', '=', input.tenant)
        .where('external_id', '=', input.externalId)
        .executeTakeFirst();
      if (existing) {
        throw conflict('IDENTITY_LINKED', `${input.provider} identity '${input.externalId}' is linked to employee ${existing.employee_id} already`, { employeeId: existing.employee_id });
      }
      const row = await trx
        .insertInto('external_identities')
        .values({ company_id: input.companyId, employee_id: input.employeeId, provider: input.provider, tenant: input.tenant, external_id: input.externalId, created_at_ms: this.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      const punches = await this.repo.attributePunches(trx, input.companyId, input, input.employeeId);
      const identity = { id: row.id, companyId: row.company_id, employeeId: row.employee_id, provider: row.provider, tenant: row.tenant, externalId: row.external_id };
      await this.audit.record(trx, actor, { action: 'identity.link', entity: 'external_identity', entityId: row.id, companyId: input.companyId, after: { ...identity, attributedPunches: punches.length } });
      return { identity, punches };
    });
    if (result.punches.length) {
      await this.events.emit('checkins.changed', { companyId: input.companyId, changes: result.punches.map((p) => ({ employeeId: input.employeeId, atMs: p.at_ms })) });
    }
    return { identity: result.identity, attributedPunches: result.punches.length };
  }

  /** Removes a wrong link: its punches go back to unmatched and the employee's days are recomputed. */
  async unlink(actor: Actor, id: number) {
    const row = await this.db.selectFrom('external_identities').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('identity', id);
    this.access.assertCompany(actor, row.company_id, 'write', ['admin', 'hr']);
    const punches = await this.db.transaction().execute(async (trx) => {
      const detached = await trx
        .updateTable('checkins')
        .set({ employee_id: null })
        .where('company_id', '=', row.company_id)
        .where('provider', '=', row.provider)
        .where('tenant', '=', row.tenant)
        .where('external_id', '=', row.external_id)
        .where('employee_id', '=', row.employee_id)
        .returning(['at_ms'])
        .execute();
      await trx.deleteFrom('external_identities').where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'identity.unlink', entity: 'external_identity', entityId: id, companyId: row.company_id, before: row, after: { detachedPunches: detached.length } });
      return detached;
    });
    if (punches.length) {
      await this.events.emit('checkins.changed', { companyId: row.company_id, changes: punches.map((p) => ({ employeeId: row.employee_id, atMs: p.at_ms })) });
    }
  }
}
