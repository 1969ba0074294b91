import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { paged, pageOf } from '../../http/paging.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { LeaveTypeCreateT, LeaveTypePatchT, LeaveTypeQueryT } from './requests.schemas.js';
import { countRows } from '../../db/count.js';

export function leaveTypeDto(r: Row<'leave_types'>) {
  return { id: r.id, companyId: r.company_id, code: r.code, name: r.name, paid: r.paid === 1, unit: r.unit, active: r.active === 1 };
}

/** The common statutory and customary leave types of Chinese employers. */
export const COMMON_LEAVE_TYPES: { code: string; name: string; paid: boolean; unit: Row<'leave_types'>['unit'] }[] = [
  { code: 'annual', name: '年假', paid: true, unit: 'half_day' },
  { code: 'personal', name: '事假', paid: false, unit: 'hour' },
  { code: 'sick', name: '病假', paid: true, unit: 'half_day' },
  { code: 'compensatory', name: '调休', paid: true, unit: 'hour' },
  { code: 'marriage', name: '婚假', paid: true, unit: 'day' },
  { code: 'maternity', name: '产假', paid: true, unit: 'day' },
  { code: 'bereavement', name: '丧假', paid: true, unit: 'day' },
];

export class LeaveTypesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
  ) {}

  async list(actor: Actor, q: LeaveTypeQueryT) {
    this.access.assertCompany(actor, q.companyId);
    let base = this.db.selectFrom('leave_types').where('company_id', '=', q.companyId);
    if (q.active !== undefined) base = base.where('active', '=', q.active ? 1 : 0);
    const p = pageOf(q);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('id').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
    ]);
    return paged(rows.map(leaveTypeDto), total, p);
  }

  async create(actor: Actor, input: LeaveTypeCreateT) {
    this.access.assertCompany(actor, input.companyId, 'write');
    return this.db.transaction().execute(async (trx) => {
      const clash = await trx.selectFrom('leave_types').select('id').where('company_id', '=', input.companyId).where('code', '=', input.code).executeTakeFirst();
      if (clash) throw conflict('DUPLICATE_LEAVE_TYPE_CODE', `A leave type with code '${input.code}' exists already`, { field: 'body.code' });
      const row = await trx
        .insertInto('leave_types')
        .values({ company_id: input.companyId, code: input.code, name: input.name, paid: input.paid === false ? 0 : 1, unit: input.unit ?? 'day', active: 1 })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'leave_type.create', entity: 'leave_type', entityId: row.id, companyId: row.company_id, after: leaveTypeDto(row) });
      return leaveTypeDto(row);
    });
  }

  async update(actor: Actor, id: number, patch: LeaveTypePatchT) {
    const before = await this.writable(actor, id);
    const changes = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.paid !== undefined ? { paid: patch.paid ? 1 : 0 } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
    };
    // The table has no timestamp to touch, and an UPDATE with an empty SET is not SQL.
    if (Object.keys(changes).length === 0) return leaveTypeDto(before);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('leave_types')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'leave_type.update', entity: 'leave_type', entityId: id, companyId: row.company_id, before: leaveTypeDto(before), after: leaveTypeDto(row) });
      return leaveTypeDto(row);
    });
  }

  /** Leave types are referenced by code from requests, so deleting one only deactivates it. */
  async remove(actor: Actor, id: number) {
    await this.update(actor, id, { active: false });
  }

  /** Adds the common types a company does not have yet (by code); existing ones are left alone. */
  async seed(actor: Actor, companyId: number) {
    this.access.assertCompany(actor, companyId, 'write');
    return this.db.transaction().execute(async (trx) => {
      const have = new Set((await trx.selectFrom('leave_types').select('code').where('company_id', '=', companyId).execute()).map((r) => r.code));
      const created = [];
      for (const t of COMMON_LEAVE_TYPES.filter((t) => !have.has(t.code))) {
        const row = await trx.insertInto('leave_types').values({ company_id: companyId, code: t.code, name: t.name, paid: t.paid ? 1 : 0, unit: t.unit, active: 1 }).returningAll().executeTakeFirstOrThrow();
        await this.audit.record(trx, actor, { action: 'leave_type.create', entity: 'leave_type', entityId: row.id, companyId, after: leaveTypeDto(row) });
        created.push(leaveTypeDto(row));
      }
      return { items: created };
    });
  }

  private async writable(actor: Actor, id: number) {
    const row = await this.db.selectFrom('leave_types').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('leave_type', id);
    this.access.assertCompany(actor, row.company_id, 'write');
    return row;
  }
}
