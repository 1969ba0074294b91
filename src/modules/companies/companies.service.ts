import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { conflict, notFound, validationError } from '../../shared/errors.js';
import { isValidTimeZone } from '../../shared/time.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { CompanyCreateT, CompanyPatchT } from './companies.schemas.js';

export type MatchKey = 'job_number' | 'email' | 'mobile';
export const DEFAULT_MATCH_ORDER: MatchKey[] = ['job_number', 'email', 'mobile'];

export function companyDto(r: Row<'companies'>) {
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    timeZone: r.time_zone,
    identityMatchOrder: JSON.parse(r.identity_match_order) as MatchKey[],
    active: r.active === 1,
    deviceRequireToken: r.device_require_token === 1,
    deviceRequireAllowedIps: r.device_require_allowed_ips === 1,
  };
}

export class CompaniesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor) {
    this.access.assertScope(actor, 'read');
    const ids = this.access.companyFilter(actor);
    let q = this.db.selectFrom('companies').selectAll().orderBy('id');
    if (ids) q = q.where('id', 'in', ids.length ? ids : [-1]);
    return (await q.execute()).map(companyDto);
  }

  async get(actor: Actor, id: number) {
    this.access.assertCompany(actor, id);
    return companyDto(await this.row(id));
  }

  async create(actor: Actor, input: CompanyCreateT) {
    this.access.assertRole(actor, ['admin']);
    const tz = input.timeZone ?? 'Asia/Shanghai';
    if (!isValidTimeZone(tz)) throw validationError([{ path: 'body.timeZone', message: `'${tz}' is not an IANA time zone` }]);
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('companies').select('id').where('code', '=', input.code).executeTakeFirst();
      if (exists) throw conflict('DUPLICATE_COMPANY_CODE', `A company with code '${input.code}' exists already`, { field: 'body.code' });
      const row = await trx
        .insertInto('companies')
        .values({
          name: input.name,
          code: input.code,
          time_zone: tz,
          identity_match_order: JSON.stringify(input.identityMatchOrder ?? DEFAULT_MATCH_ORDER),
          active: 1,
          device_require_token: input.deviceRequireToken ? 1 : 0,
          device_require_allowed_ips: input.deviceRequireAllowedIps ? 1 : 0,
          created_at_ms: now,
          updated_at_ms: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'company.create', entity: 'company', entityId: row.id, companyId: row.id, after: companyDto(row) });
      return companyDto(row);
    });
  }

  async update(actor: Actor, id: number, patch: CompanyPatchT) {
    this.access.assertCompany(actor, id, 'write');
    // Who may push punches into the company is an admin's decision.
    if (patch.deviceRequireToken !== undefined || patch.deviceRequireAllowedIps !== undefined) this.access.assertRole(actor, ['admin'], 'admin');
    if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone)) {
      throw validationError([{ path: 'body.timeZone', message: `'${patch.timeZone}' is not an IANA time zone` }]);
    }
    return this.db.transaction().execute(async (trx) => {
      const before = await this.row(id, trx);
      if (patch.code !== undefined && patch.code !== before.code) {
        // Codes are unique across all companies: letting HR try one would tell them which codes other companies use.
        this.access.assertRole(actor, ['admin']);
        const clash = await trx.selectFrom('companies').select('id').where('code', '=', patch.code).executeTakeFirst();
        if (clash) throw conflict('DUPLICATE_COMPANY_CODE', `A company with code '${patch.code}' exists already`, { field: 'body.code' });
      }
      const row = await trx
        .updateTable('companies')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.code !== undefined ? { code: patch.code } : {}),
          ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
          ...(patch.identityMatchOrder !== undefined ? { identity_match_order: JSON.stringify(patch.identityMatchOrder) } : {}),
          ...(patch.deviceRequireToken !== undefined ? { device_require_token: patch.deviceRequireToken ? 1 : 0 } : {}),
          ...(patch.deviceRequireAllowedIps !== undefined ? { device_require_allowed_ips: patch.deviceRequireAllowedIps ? 1 : 0 } : {}),
          updated_at_ms: this.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'company.update', entity: 'company', entityId: id, companyId: id, before: companyDto(before), after: companyDto(row) });
      return companyDto(row);
    });
  }

  async deactivate(actor: Actor, id: number) {
    this.access.assertRole(actor, ['admin']);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.row(id, trx);
      const row = await trx.updateTable('companies').set({ active: 0, updated_at_ms: this.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'company.deactivate', entity: 'company', entityId: id, companyId: id, before: companyDto(before), after: companyDto(row) });
      return companyDto(row);
    });
  }

  private async row(id: number, db: Kysely<DB> = this.db) {
    const row = await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('company', id);
    return row;
  }
}
