import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { paged, pageOf } from '../../http/paging.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../shared/errors.js';
import type { DomainEvents } from '../../shared/events.js';
import { localDate } from '../../shared/dates.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import { systemActor, type Actor } from '../auth/actor.js';
import { resolveGroups } from '../schedules/group-members.repo.js';
import { groupOn } from '../schedules/group-resolution.js';
import { DEFAULT_POLICY, groupSettingsFromRow } from '../schedules/policy.js';
import { managedEmployeeIds } from './approvers.js';
import type { Outbox } from '../outbox/outbox.js';
import { appendRequestEvent } from './request-events.js';
import { checkRequest, type RequestFields, type RequestInput } from './request-rules.js';
import { checkCorrectionLimits, checkLeaveOverlap } from './request-limits.js';
import {
  activeLeaveTypeUnits,
  coveredDates,
  findExternalRequest,
  findRequest,
  findRequestEmployee,
  groupPolicy,
  insertRequest,
  listRequests,
  requestDto,
  updateRequest,
  updateRequestFromStatus,
  type RequestEmployee,
  type RequestListFilter,
} from './requests.repo.js';
import type { RequestCreateT, RequestQueryT } from './requests.schemas.js';
import type { LeaveRequestHooks } from '../leave-balances/request-hooks.js';
import { companyTimeZone } from '../companies/company-lookups.repo.js';

export interface ExternalRequest extends Partial<Omit<RequestFields, 'kind'>> {
  source: 'dingtalk' | 'wecom';
  externalId: string;
  employeeId: number;
  kind: Row<'requests'>['kind'];
  status: Row<'requests'>['status'];
  decidedAtMs?: number | null;
}

export class RequestsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly events: DomainEvents,
    private readonly now: () => number = Date.now,
    /** Leave balances and closed months: pricing, balance checks and ledger postings. */
    private readonly leave?: LeaveRequestHooks,
    private readonly outbox: Outbox | null = null,
  ) {}

  async create(actor: Actor, input: RequestCreateT) {
    this.access.assertScope(actor, 'write');
    const employeeId = input.employeeId ?? actor.employeeId;
    if (employeeId === null) throw badRequest('EMPLOYEE_REQUIRED', 'Name the employee: this user is not linked to one', { field: 'body.employeeId' });
    const employee = await this.employee(employeeId);
    if (!employee || !this.access.canSeeCompany(actor, employee.company_id)) throw notFound('employee', employeeId);
    const isHr = actor.role === 'admin' || actor.role === 'hr';
    if (!isHr && actor.employeeId !== employeeId) {
      await this.access.assertEmployee(actor, employee);
      throw forbidden('Employees file requests for themselves; HR may file for anyone');
    }
    const zone = await this.zoneOf(employee);
    const leaveTypes = await activeLeaveTypeUnits(this.db, employee.company_id);
    const fields = checkRequest(input, zone, new Map(leaveTypes.map((t) => [t.code, t.unit])));
    const settings = await this.groupSettings(employee, fields.fromDate);
    if (fields.kind === 'correction') await checkCorrectionLimits(this.db, this.now, employee.id, fields, settings.corrections, zone);
    if (fields.kind === 'leave') await checkLeaveOverlap(this.db, employee.id, fields);
    const price = (await this.leave?.beforeFile(employee, fields)) ?? null;
    const auto = fields.kind === 'overtime' && settings.approvalMode === 'auto';
    const now = this.now();
    let announced = false;
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await insertRequest(trx, {
        company_id: employee.company_id,
        employee_id: employee.id,
        ...requestColumns(fields),
        status: auto ? 'approved' : 'pending',
        source: actor.kind === 'token' ? 'api' : 'web',
        external_id: null,
        created_by_user_id: actor.userId,
        decided_by_user_id: null,
        decided_at_ms: auto ? now : null,
        decision_note: auto ? 'approved automatically (group approvalMode auto)' : null,
        created_at_ms: now,
        updated_at_ms: now,
      });
      await this.audit.record(trx, actor, { action: 'request.create', entity: 'request', entityId: r.id, companyId: r.company_id, after: requestDto(r) });
      const adjusted = (await this.leave?.afterWrite(trx, actor, null, r, price)) ?? false;
      announced = (await appendRequestEvent(this.outbox, trx, r, auto ? null : actor.userId, now)) || adjusted;
      return r;
    });
    if (announced) this.outbox?.kick();
    // A pending request changes no result; one approved on filing does.
    if (row.status === 'approved') await this.emit(row, 'request.create');
    return requestDto(row);
  }

  async list(actor: Actor, q: RequestQueryT) {
    this.access.assertScope(actor, 'read');
    if (q.companyId !== undefined) this.access.assertCompany(actor, q.companyId);
    const companies = q.companyId !== undefined ? [q.companyId] : this.access.companyFilter(actor);
    const isHr = actor.role === 'admin' || actor.role === 'hr';
    const p = pageOf(q);
    const filter: RequestListFilter = { companyIds: companies, status: q.status, kind: q.kind, employeeId: q.employeeId, limit: p.limit, offset: p.offset };
    if (!isHr || q.pendingForMe) {
      // Visible: one's own requests and those of the employees one manages.
      const team: number[] = [];
      if (actor.employeeId !== null) for (const c of companies ?? []) team.push(...(await managedEmployeeIds(this.db, c, actor.employeeId)));
      const own = actor.employeeId !== null ? [actor.employeeId] : [];
      if (!isHr) filter.employeeIds = [...own, ...team];
      if (q.pendingForMe) filter.pendingFor = { ownEmployeeId: actor.employeeId, teamIds: isHr ? undefined : team };
    }
    if (q.mine) filter.mineEmployeeId = actor.employeeId ?? -1;
    const { rows, total } = await listRequests(this.db, filter);
    return paged(rows.map(requestDto), total, p);
  }

  async get(actor: Actor, id: number) {
    return requestDto((await this.visible(actor, id)).row);
  }

  async decide(actor: Actor, id: number, decision: 'approved' | 'rejected', note?: string) {
    this.access.assertScope(actor, 'write');
    const { row, isHr, manages } = await this.visible(actor, id);
    if (actor.employeeId !== null && actor.employeeId === row.employee_id) throw new AppError('CANNOT_DECIDE_OWN', 'Nobody decides their own request', 403);
    if (!isHr && !manages) throw forbidden("Only the employee's manager, HR or an admin may decide this request");
    return this.transition(actor, row, decision, note ?? null, decision === 'approved' ? 'request.approve' : 'request.reject');
  }

  /**
   * Withdraws a request. A pending one: by the requester (the employee or whoever filed it). An
   * approved one: by the requester until its first day begins (in the employee's zone), and by HR,
   * an admin or the employee's manager (who may approve it) at any time, since only they can judge
   * leave already under way. Cancelling approved leave gives its time back (leave balances) and
   * recomputes its days; a day in a closed month becomes a payroll adjustment.
   */
  async cancel(actor: Actor, id: number) {
    this.access.assertScope(actor, 'write');
    const { row, employee, isHr, manages } = await this.visible(actor, id);
    const own = (actor.employeeId !== null && actor.employeeId === row.employee_id) || (actor.userId !== null && actor.userId === row.created_by_user_id);
    if (row.status === 'approved') {
      const approver = isHr || (manages && actor.employeeId !== row.employee_id);
      if (!approver) {
        if (!own) throw forbidden("Only the requester, the employee's manager, HR or an admin may cancel an approved request");
        const today = localDate(this.now(), await this.zoneOf(employee));
        const starts = row.from_date ?? localDate(row.from_ms ?? row.correction_at_ms ?? 0, await this.zoneOf(employee));
        if (starts <= today) {
          throw new AppError('REQUEST_ALREADY_STARTED', `Request ${row.id} began on ${starts}: once it has begun, HR or the approver cancels it`, 409, { from: starts, today });
        }
      }
    } else if (!own) throw forbidden('Only the requester may cancel a request');
    return this.transition(actor, row, 'cancelled', null, 'request.cancel');
  }

  /**
   * Creates or updates a request mirrored from DingTalk or WeCom approvals, keyed by its external
   * id: re-delivery changes nothing, a new status or new times update the row. The platform has
   * already applied its own limits, so quota and deadline are not checked here.
   */
  async upsertExternal(companyId: number, input: ExternalRequest, actor: Actor = systemActor(`connector:${input.source}`)) {
    const employee = await this.employee(input.employeeId);
    if (!employee || employee.company_id !== companyId) throw notFound('employee', input.employeeId);
    const zone = await this.zoneOf(employee);
    const fields = checkRequest({ ...input, half: input.half ?? null } as RequestInput, zone, null);
    const price = input.status === 'approved' ? ((await this.leave?.priceExternal(employee, fields)) ?? null) : null;
    const now = this.now();
    const values = {
      ...requestColumns(fields),
      status: input.status,
      decided_at_ms: input.status === 'pending' ? null : (input.decidedAtMs ?? now),
    };
    let announced = false;
    const result = await this.db.transaction().execute(async (trx) => {
      const before = await findExternalRequest(trx, companyId, input.source, input.externalId);
      if (!before) {
        const r = await insertRequest(trx, { ...values, company_id: companyId, employee_id: employee.id, source: input.source, external_id: input.externalId, created_by_user_id: null, decided_by_user_id: null, decision_note: null, created_at_ms: now, updated_at_ms: now });
        await this.audit.record(trx, actor, { action: 'request.external_create', entity: 'request', entityId: r.id, companyId, after: requestDto(r) });
        const adjusted = (await this.leave?.afterWrite(trx, actor, null, r, price)) ?? false;
        announced = (await appendRequestEvent(this.outbox, trx, r, null, now)) || adjusted;
        return { before: null, row: r, changed: true };
      }
      const same = (Object.keys(values) as (keyof typeof values)[]).every((k) => k === 'decided_at_ms' || numOrSame(before[k]) === numOrSame(values[k])) && before.employee_id === employee.id;
      if (same) return { before, row: before, changed: false };
      const r = await updateRequest(trx, before.id, { ...values, employee_id: employee.id, updated_at_ms: now });
      await this.audit.record(trx, actor, { action: 'request.external_update', entity: 'request', entityId: r.id, companyId, before: requestDto(before), after: requestDto(r) });
      announced = (await this.leave?.afterWrite(trx, actor, before, r, price)) ?? false;
      if (r.status !== before.status) announced = (await appendRequestEvent(this.outbox, trx, r, null, now)) || announced;
      return { before, row: r, changed: true };
    });
    if (announced) this.outbox?.kick();
    if (result.changed) {
      if (result.before && result.before.status === 'approved') await this.emit(result.before, 'request.external_update');
      await this.emit(result.row, result.before ? 'request.external_update' : 'request.external_create');
    }
    return { request: requestDto(result.row), created: result.before === null, changed: result.changed };
  }

  private async transition(actor: Actor, row: Row<'requests'>, status: 'approved' | 'rejected' | 'cancelled', note: string | null, action: string) {
    const now = this.now();
    let announced = false;
    // A pending request is decided or withdrawn; an approved one can only be cancelled, and keeps who approved it.
    const from = status === 'cancelled' && row.status === 'approved' ? 'approved' : 'pending';
    const after = await this.db.transaction().execute(async (trx) => {
      // The status guard makes two concurrent decisions safe: only one moves the row.
      const r = await updateRequestFromStatus(
        trx,
        row.id,
        from,
        from === 'approved' ? { status, updated_at_ms: now } : { status, decided_by_user_id: actor.userId, decided_at_ms: now, decision_note: note, updated_at_ms: now },
      );
      if (!r) {
        if (status === 'cancelled') throw conflict('REQUEST_NOT_CANCELLABLE', `request ${row.id} is ${row.status}: only a pending or approved request can be cancelled`, { status: row.status });
        throw conflict('REQUEST_NOT_PENDING', `request ${row.id} is ${row.status}, not pending`, { status: row.status });
      }
      await this.audit.record(trx, actor, { action, entity: 'request', entityId: r.id, companyId: r.company_id, before: requestDto(row), after: requestDto(r) });
      const adjusted = (await this.leave?.afterWrite(trx, actor, row, r)) ?? false;
      announced = (await appendRequestEvent(this.outbox, trx, r, actor.userId, now)) || adjusted;
      return r;
    });
    if (announced) this.outbox?.kick();
    // A cancelled approval changes results like a decision: its days are recomputed below.
    await this.emit(after, action);
    return requestDto(after);
  }

  private async emit(r: Row<'requests'>, reason: string) {
    await this.events.emit('attendance.inputs_changed', { companyId: r.company_id, employeeIds: [r.employee_id], ...coveredDates(r), reason });
  }

  /** The request and what the actor is to it; answers 404 when the actor may not see it. */
  private async visible(actor: Actor, id: number) {
    this.access.assertScope(actor, 'read');
    const row = await findRequest(this.db, id);
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('request', id);
    const employee = (await this.employee(row.employee_id))!;
    const isHr = actor.role === 'admin' || actor.role === 'hr';
    const manages = actor.employeeId !== null && (await managedEmployeeIds(this.db, row.company_id, actor.employeeId)).includes(row.employee_id);
    if (!isHr && !manages && actor.employeeId !== row.employee_id) throw notFound('request', id);
    return { row, employee, isHr, manages };
  }

  private async employee(id: number): Promise<RequestEmployee | undefined> {
    return findRequestEmployee(this.db, id);
  }

  private async zoneOf(e: RequestEmployee): Promise<string> {
    if (e.time_zone) return e.time_zone;
    return companyTimeZone(this.db, e.company_id);
  }

  private async groupSettings(e: RequestEmployee, date: string) {
    const ranges = (await resolveGroups(this.db, e.company_id, [e.id], date, date)).get(e.id);
    const groupId = groupOn(ranges, date);
    const group = groupId === null ? undefined : await groupPolicy(this.db, groupId);
    return group ? groupSettingsFromRow(group) : { approvalMode: DEFAULT_POLICY.overtime.approvalMode, corrections: DEFAULT_POLICY.corrections };
  }
}

/** The columns a request's checked fields fill, the same for filed and mirrored requests. */
const requestColumns = (fields: RequestFields) => ({
  kind: fields.kind,
  leave_type: fields.leaveType,
  from_date: fields.fromDate,
  to_date: fields.toDate,
  half: fields.half,
  hours: fields.hours,
  from_ms: fields.fromMs,
  to_ms: fields.toMs,
  correction_at_ms: fields.correctionAtMs,
  reason: fields.reason,
});

const numOrSame = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
