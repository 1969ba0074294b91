/** Reading payroll adjustments: HR and admins see what was carried into a month (or made for a closed one). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { paged, pageOf } from '../../http/paging.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { adjustmentDto } from './late-changes.js';
import { PayrollAdjustmentsRepo } from './payroll-adjustments.repo.js';

export interface AdjustmentQuery {
  companyId: number;
  month?: string;
  closedMonth?: string;
  employeeId?: number;
  page?: number;
  pageSize?: number;
}

export class PayrollAdjustmentsService {
  readonly repo: PayrollAdjustmentsRepo;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
  ) {
    this.repo = new PayrollAdjustmentsRepo(db);
  }

  async list(actor: Actor, q: AdjustmentQuery) {
    this.access.assertCompany(actor, q.companyId);
    // Like the payroll export they feed, adjustments are HR's.
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    const p = pageOf(q);
    const { rows, total } = await this.repo.list(q.companyId, { carriedIntoMonth: q.month, closedMonth: q.closedMonth, employeeIds: q.employeeId !== undefined ? [q.employeeId] : null, limit: p.limit, offset: p.offset });
    const ids = [...new Set(rows.map((r) => r.employee_id))];
    const people = ids.length ? await this.db.selectFrom('employees').select(['id', 'job_number', 'name']).where('id', 'in', ids).execute() : [];
    const byId = new Map(people.map((e) => [Number(e.id), e]));
    return paged(rows.map((r) => ({ ...adjustmentDto(r), jobNumber: byId.get(r.employee_id)?.job_number ?? '', name: byId.get(r.employee_id)?.name ?? '' })), total, p);
  }
}
