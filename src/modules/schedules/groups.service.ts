import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { isRealDate, paged, pageOf } from '../../http/paging.js';
import { notFound } from '../../shared/errors.js';
import type { DomainEvents } from '../../shared/events.js';
import { isValidTimeZone } from '../../shared/time.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { rejectProblems, type CodedProblem } from '../employees/field-rules.js';
import type { GroupCreateT, GroupPatchT, GroupQueryT } from './groups.schemas.js';
import { checkPolicy, DEFAULT_POLICY, mergePolicy, policyRulesFromStored, storedFromPolicy, type PolicyPatch, type StoredPolicy } from './policy.js';
import { DEFAULT_FREE_HOURS, type FreeHours, type RosterCycle, type WeeklyShifts } from './schedule.js';
import { companyZone, recomputeWindow } from './setup-change.js';
import { countRows } from '../../db/count.js';
import { localDate } from '../../shared/dates.js';
import { resolveGroups } from './group-members.repo.js';
import { groupOn } from './group-resolution.js';

export { DEFAULT_FREE_HOURS };

export function groupDto(r: Row<'attendance_groups'>) {
  return {
    id: r.id,
    companyId: r.company_id,
    name: r.name,
    kind: r.kind,
    timeZone: r.time_zone ?? 'Asia/Shanghai',
    holidayCalendarId: r.holiday_calendar_id,
    policy: policyRulesFromStored(JSON.parse(r.policy) as StoredPolicy),
    weekly: r.weekly ? (JSON.parse(r.weekly) as WeeklyShifts) : null,
    rosterCycle: r.roster_cycle ? (JSON.parse(r.roster_cycle) as RosterCycle) : null,
    freeHours: r.free_hours ? (JSON.parse(r.free_hours) as FreeHours) : null,
    active: r.active === 1,
  };
}
export type GroupDto = ReturnType<typeof groupDto>;

interface GroupShape {
  kind: 'fixed' | 'roster' | 'free';
  timeZone: string;
  holidayCalendarId: number | null;
  weekly: WeeklyShifts | null;
  rosterCycle: RosterCycle | null;
  freeHours: FreeHours | null;
}

export class GroupsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly events: DomainEvents,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor, q: GroupQueryT) {
    this.access.assertCompany(actor, q.companyId);
    let base = this.db.selectFrom('attendance_groups').where('company_id', '=', q.companyId);
    if (q.kind) base = base.where('kind', '=', q.kind);
    if (q.active !== undefined) base = base.where('active', '=', q.active ? 1 : 0);
    const p = pageOf(q);
    const [rows, total, counts] = await Promise.all([
      base.selectAll().orderBy('id').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
      this.memberCountsToday(q.companyId),
    ]);
    return paged(rows.map((r) => ({ ...groupDto(r), memberCount: counts.get(r.id) ?? 0 })), total, p);
  }

  /** Per group, how many active employees it applies to today (by membership precedence, as the results resolve it). */
  private async memberCountsToday(companyId: number): Promise<Map<number, number>> {
    const today = localDate(this.now(), await companyZone(this.db, companyId));
    const ids = (await this.db.selectFrom('employees').select('id').where('company_id', '=', companyId).where('status', '=', 'active').execute()).map((e) => e.id);
    const counts = new Map<number, number>();
    for (const ranges of (await resolveGroups(this.db, companyId, ids, today, today)).values()) {
      const group = groupOn(ranges, today);
      if (group !== null) counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    return counts;
  }

  async get(actor: Actor, id: number) {
    return groupDto(await this.visible(actor, id));
  }

  async create(actor: Actor, input: GroupCreateT) {
    this.access.assertCompany(actor, input.companyId, 'write');
    const shape: GroupShape = {
      kind: input.kind,
      timeZone: input.timeZone ?? (await companyZone(this.db, input.companyId)),
      holidayCalendarId: input.holidayCalendarId ?? null,
      weekly: input.weekly ?? null,
      rosterCycle: input.rosterCycle ?? null,
      freeHours: input.freeHours ?? (input.kind === 'free' ? DEFAULT_FREE_HOURS : null),
    };
    const policy = mergePolicy(DEFAULT_POLICY, input.policy as PolicyPatch | undefined);
    return this.db.transaction().execute(async (trx) => {
      rejectProblems([...(await this.checkShape(trx, input.companyId, shape)), ...checkPolicy(policy, 'body.policy')]);
      const now = this.now();
      const row = await trx
        .insertInto('attendance_groups')
        .values({ company_id: input.companyId, name: input.name, active: 1, policy: JSON.stringify(storedFromPolicy(policy)), created_at_ms: now, updated_at_ms: now, ...columns(shape) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'attendance_group.create', entity: 'attendance_group', entityId: row.id, companyId: row.company_id, after: groupDto(row) });
      return groupDto(row);
    });
  }

  async update(actor: Actor, id: number, patch: GroupPatchT) {
    const current = await this.writable(actor, id);
    const before = groupDto(current);
    const kind = patch.kind ?? before.kind;
    const shape: GroupShape = {
      kind,
      timeZone: patch.timeZone ?? before.timeZone,
      holidayCalendarId: patch.holidayCalendarId !== undefined ? patch.holidayCalendarId : before.holidayCalendarId,
      // Changing the kind drops the settings of the old kind unless new ones are given.
      weekly: patch.weekly !== undefined ? patch.weekly : kind === 'fixed' ? before.weekly : null,
      rosterCycle: patch.rosterCycle !== undefined ? patch.rosterCycle : kind === 'roster' ? before.rosterCycle : null,
      freeHours: patch.freeHours !== undefined ? patch.freeHours : kind === 'free' ? (before.freeHours ?? DEFAULT_FREE_HOURS) : null,
    };
    const policy = mergePolicy(before.policy, patch.policy as PolicyPatch | undefined);
    const after = await this.db.transaction().execute(async (trx) => {
      rejectProblems([...(await this.checkShape(trx, current.company_id, shape)), ...checkPolicy(policy, 'body.policy')]);
      const row = await trx
        .updateTable('attendance_groups')
        .set({
          ...columns(shape),
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
          policy: JSON.stringify(storedFromPolicy(policy)),
          updated_at_ms: this.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'attendance_group.update', entity: 'attendance_group', entityId: id, companyId: row.company_id, before, after: groupDto(row) });
      return groupDto(row);
    });
    if (JSON.stringify(before) !== JSON.stringify(after)) await this.emitChanged(current.company_id, 'attendance_group.update');
    return after;
  }

  /** Deactivates the group: its memberships stop counting from then on (history is recomputed in the open window). */
  async remove(actor: Actor, id: number) {
    const current = await this.writable(actor, id);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('attendance_groups').set({ active: 0, updated_at_ms: this.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'attendance_group.delete', entity: 'attendance_group', entityId: id, companyId: row.company_id, before: groupDto(current), after: groupDto(row) });
    });
    await this.emitChanged(current.company_id, 'attendance_group.delete');
  }

  async visible(actor: Actor, id: number) {
    this.access.assertScope(actor, 'read');
    const row = await this.db.selectFrom('attendance_groups').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('attendance_group', id);
    return row;
  }

  async writable(actor: Actor, id: number) {
    const row = await this.visible(actor, id);
    this.access.assertCompany(actor, row.company_id, 'write');
    return row;
  }

  private async emitChanged(companyId: number, reason: string) {
    const w = recomputeWindow(await companyZone(this.db, companyId), this.now());
    await this.events.emit('attendance.inputs_changed', { companyId, employeeIds: 'all', ...w, reason });
  }

  private async checkShape(trx: Kysely<DB>, companyId: number, s: GroupShape): Promise<CodedProblem[]> {
    const out: CodedProblem[] = [];
    if (!isValidTimeZone(s.timeZone)) out.push({ path: 'body.timeZone', code: 'INVALID_TIME_ZONE', message: `'${s.timeZone}' is not an IANA time zone` });
    if (s.kind === 'fixed' && !s.weekly) out.push({ path: 'body.weekly', code: 'WEEKLY_REQUIRED', message: 'a fixed group needs a shift per weekday' });
    if (s.kind !== 'fixed' && s.weekly) out.push({ path: 'body.weekly', code: 'FIELD_NOT_FOR_KIND', message: `weekly is only for fixed groups, not ${s.kind}` });
    if (s.kind !== 'roster' && s.rosterCycle) out.push({ path: 'body.rosterCycle', code: 'FIELD_NOT_FOR_KIND', message: `rosterCycle is only for roster groups, not ${s.kind}` });
    if (s.kind !== 'free' && s.freeHours) out.push({ path: 'body.freeHours', code: 'FIELD_NOT_FOR_KIND', message: `freeHours is only for free groups, not ${s.kind}` });
    if (s.rosterCycle && !isRealDate(s.rosterCycle.startDate)) out.push({ path: 'body.rosterCycle.startDate', code: 'INVALID_DATE', message: `'${s.rosterCycle.startDate}' is not a real date` });
    const refs: { path: string; id: number }[] = [];
    for (const [d, id] of Object.entries(s.weekly ?? {})) if (id != null) refs.push({ path: `body.weekly.${d}`, id });
    (s.rosterCycle?.shiftTypeIds ?? []).forEach((id, i) => id != null && refs.push({ path: `body.rosterCycle.shiftTypeIds[${i}]`, id }));
    if (refs.length) {
      const ids = [...new Set(refs.map((r) => r.id))];
      const known = new Set((await trx.selectFrom('shift_types').select('id').where('company_id', '=', companyId).where('active', '=', 1).where('id', 'in', ids).execute()).map((r) => r.id));
      for (const r of refs) if (!known.has(r.id)) out.push({ path: r.path, code: 'UNKNOWN_SHIFT_TYPE', message: `shift type ${r.id} is not an active shift type of company ${companyId}` });
    }
    if (s.holidayCalendarId !== null) {
      const cal = await trx.selectFrom('holiday_calendars').select('company_id').where('id', '=', s.holidayCalendarId).executeTakeFirst();
      if (!cal || (cal.company_id !== null && cal.company_id !== companyId)) {
        out.push({ path: 'body.holidayCalendarId', code: 'UNKNOWN_CALENDAR', message: `holiday calendar ${s.holidayCalendarId} is neither shared nor of company ${companyId}` });
      }
    }
    return out;
  }
}

function columns(s: GroupShape) {
  return {
    kind: s.kind,
    time_zone: s.timeZone,
    holiday_calendar_id: s.holidayCalendarId,
    weekly: s.weekly ? JSON.stringify(s.weekly) : null,
    roster_cycle: s.rosterCycle ? JSON.stringify(s.rosterCycle) : null,
    free_hours: s.freeHours ? JSON.stringify(s.freeHours) : null,
  };
}
