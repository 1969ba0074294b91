import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { paged, pageOf } from '../../http/paging.js';
import { conflict, notFound } from '../../shared/errors.js';
import { isValidTimeZone } from '../../shared/time.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { rejectProblems } from '../employees/field-rules.js';
import type { SiteCreateT, SitePatchT, SiteQueryT } from './sites.schemas.js';
import { countRows } from '../../db/count.js';

export function siteDto(r: Row<'sites'>) {
  return {
    id: r.id,
    companyId: r.company_id,
    name: r.name,
    address: r.address,
    timeZone: r.time_zone,
    geofence: r.geo_lat !== null && r.geo_lng !== null && r.geo_radius_m !== null ? { lat: r.geo_lat, lng: r.geo_lng, radiusM: r.geo_radius_m } : null,
    active: r.active === 1,
  };
}

const checkZone = (tz: string | undefined) =>
  rejectProblems(tz !== undefined && !isValidTimeZone(tz) ? [{ path: 'body.timeZone', code: 'INVALID_TIME_ZONE', message: `'${tz}' is not an IANA time zone` }] : []);

export class SitesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor, q: SiteQueryT) {
    this.access.assertScope(actor, 'read');
    if (q.companyId !== undefined) this.access.assertCompany(actor, q.companyId);
    const companies = q.companyId !== undefined ? [q.companyId] : this.access.companyFilter(actor);
    let base = this.db.selectFrom('sites');
    if (companies) base = base.where('company_id', 'in', companies.length ? companies : [-1]);
    if (q.active !== undefined) base = base.where('active', '=', q.active ? 1 : 0);
    const p = pageOf(q);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('company_id').orderBy('name').orderBy('id').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
    ]);
    return paged(rows.map(siteDto), total, p);
  }

  async get(actor: Actor, id: number) {
    this.access.assertScope(actor, 'read');
    return siteDto(await this.visible(actor, id));
  }

  async create(actor: Actor, input: SiteCreateT) {
    this.access.assertCompany(actor, input.companyId, 'write');
    checkZone(input.timeZone);
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      const company = await trx.selectFrom('companies').select('time_zone').where('id', '=', input.companyId).executeTakeFirst();
      if (!company) throw notFound('company', input.companyId);
      const name = input.name.trim();
      await this.checkName(trx, input.companyId, name, null);
      const g = input.geofence ?? null;
      const row = await trx
        .insertInto('sites')
        .values({
          company_id: input.companyId,
          name,
          address: input.address ?? null,
          // A site without its own zone keeps the company's: most companies work in one zone.
          time_zone: input.timeZone ?? company.time_zone,
          geo_lat: g?.lat ?? null,
          geo_lng: g?.lng ?? null,
          geo_radius_m: g?.radiusM ?? null,
          active: 1,
          created_at_ms: now,
          updated_at_ms: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'site.create', entity: 'site', entityId: row.id, companyId: row.company_id, after: siteDto(row) });
      return siteDto(row);
    });
  }

  async update(actor: Actor, id: number, patch: SitePatchT) {
    await this.writable(actor, id);
    checkZone(patch.timeZone);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.visible(actor, id, trx);
      const name = patch.name?.trim();
      if (name !== undefined && name !== before.name) await this.checkName(trx, before.company_id, name, id);
      const g = patch.geofence;
      const row = await trx
        .updateTable('sites')
        .set({
          ...(name !== undefined ? { name } : {}),
          ...(patch.address !== undefined ? { address: patch.address } : {}),
          ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
          ...(g !== undefined ? { geo_lat: g?.lat ?? null, geo_lng: g?.lng ?? null, geo_radius_m: g?.radiusM ?? null } : {}),
          updated_at_ms: this.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'site.update', entity: 'site', entityId: id, companyId: row.company_id, before: siteDto(before), after: siteDto(row) });
      return siteDto(row);
    });
  }

  async deactivate(actor: Actor, id: number) {
    await this.writable(actor, id);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.visible(actor, id, trx);
      const row = await trx.updateTable('sites').set({ active: 0, updated_at_ms: this.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'site.deactivate', entity: 'site', entityId: id, companyId: row.company_id, before: siteDto(before), after: siteDto(row) });
      return siteDto(row);
    });
  }

  /** Imports and people find a site by its name, so active names are unique within a company. */
  private async checkName(trx: Kysely<DB>, companyId: number, name: string, selfId: number | null) {
    const clash = await trx.selectFrom('sites').select('id').where('company_id', '=', companyId).where('name', '=', name).where('active', '=', 1).where('id', '!=', selfId ?? -1).executeTakeFirst();
    if (clash) throw conflict('DUPLICATE_SITE_NAME', `An active site named '${name}' exists already`, { field: 'body.name', siteId: clash.id });
  }

  private async visible(actor: Actor, id: number, db: Kysely<DB> = this.db) {
    const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    // Sites of other companies answer like missing ones.
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('site', id);
    return row;
  }

  private async writable(actor: Actor, id: number) {
    const row = await this.visible(actor, id);
    this.access.assertCompany(actor, row.company_id, 'write');
    return row;
  }
}
