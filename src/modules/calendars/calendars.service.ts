import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { isRealDate, paged, pageOf } from '../../http/paging.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { DomainEvents } from '../../shared/events.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { rejectProblems, type CodedProblem } from '../employees/field-rules.js';
import { recomputeWindow } from '../schedules/setup-change.js';
import type { CalendarCreateT, CalendarPatchT, CalendarQueryT, DaysPutT, DaysQueryT, ImportChinaT } from './calendars.schemas.js';
import { chinaCalendarDays, chinaYears } from './china-holidays.js';
import { countRows } from '../../db/count.js';

type DayType = Row<'calendar_days'>['day_type'];
const CHUNK = 400;

export function calendarDto(r: Row<'holiday_calendars'>) {
  return { id: r.id, companyId: r.company_id, code: r.code, name: r.name, weekendDays: JSON.parse(r.weekend_days) as number[] };
}
export function dayDto(r: Row<'calendar_days'>) {
  return { date: r.date, dayType: r.day_type, name: r.name, source: r.source };
}

export class CalendarsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly events: DomainEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /** Shared calendars plus those of the companies the actor sees (or of one company). */
  async list(actor: Actor, q: CalendarQueryT) {
    this.access.assertScope(actor, 'read');
    if (q.companyId !== undefined) this.access.assertCompany(actor, q.companyId);
    const companies = q.companyId !== undefined ? [q.companyId] : this.access.companyFilter(actor);
    let base = this.db.selectFrom('holiday_calendars');
    if (companies) base = base.where((eb) => eb.or([eb('company_id', 'is', null), eb('company_id', 'in', companies.length ? companies : [-1])]));
    const p = pageOf(q);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('id').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
    ]);
    return paged(rows.map(calendarDto), total, p);
  }

  async get(actor: Actor, id: number) {
    return calendarDto(await this.visible(actor, id));
  }

  async create(actor: Actor, input: CalendarCreateT) {
    this.assertWrite(actor, input.companyId);
    return this.db.transaction().execute(async (trx) => {
      await this.checkCode(trx, input.companyId, input.code, null);
      const now = this.now();
      const row = await trx
        .insertInto('holiday_calendars')
        .values({ company_id: input.companyId, code: input.code, name: input.name, weekend_days: JSON.stringify(input.weekendDays ?? [0, 6]), created_at_ms: now, updated_at_ms: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'holiday_calendar.create', entity: 'holiday_calendar', entityId: row.id, companyId: row.company_id, after: calendarDto(row) });
      return calendarDto(row);
    });
  }

  async update(actor: Actor, id: number, patch: CalendarPatchT) {
    const current = await this.writable(actor, id);
    const after = await this.db.transaction().execute(async (trx) => {
      if (patch.code !== undefined) await this.checkCode(trx, current.company_id, patch.code, id);
      const row = await trx
        .updateTable('holiday_calendars')
        .set({
          ...(patch.code !== undefined ? { code: patch.code } : {}),
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.weekendDays !== undefined ? { weekend_days: JSON.stringify([...patch.weekendDays].sort()) } : {}),
          updated_at_ms: this.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'holiday_calendar.update', entity: 'holiday_calendar', entityId: id, companyId: row.company_id, before: calendarDto(current), after: calendarDto(row) });
      return row;
    });
    // Weekend days change every unlisted date: recompute the open window of each user company.
    if (after.weekend_days !== current.weekend_days) {
      for (const c of await this.userCompanies(id)) {
        await this.events.emit('attendance.inputs_changed', { companyId: c.id, employeeIds: 'all', ...recomputeWindow(c.zone, this.now()), reason: 'holiday_calendar.update' });
      }
    }
    return calendarDto(after);
  }

  async remove(actor: Actor, id: number) {
    const current = await this.writable(actor, id);
    await this.db.transaction().execute(async (trx) => {
      const users = await trx.selectFrom('attendance_groups').select('id').where('holiday_calendar_id', '=', id).execute();
      if (users.length) throw conflict('CALENDAR_IN_USE', `Holiday calendar ${id} is used by attendance groups ${users.map((u) => u.id).join(', ')}`, { groupIds: users.map((u) => u.id) });
      await trx.deleteFrom('calendar_days').where('calendar_id', '=', id).execute();
      await trx.deleteFrom('holiday_calendars').where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'holiday_calendar.delete', entity: 'holiday_calendar', entityId: id, companyId: current.company_id, before: calendarDto(current) });
    });
  }

  async days(actor: Actor, id: number, q: DaysQueryT) {
    await this.visible(actor, id);
    let base = this.db.selectFrom('calendar_days').where('calendar_id', '=', id);
    if (q.from) base = base.where('date', '>=', q.from);
    if (q.to) base = base.where('date', '<=', q.to);
    const p = pageOf(q);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('date').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
    ]);
    return paged(rows.map(dayDto), total, p);
  }

  /** Adds or moves days by hand: they are `manual` and a re-import never overwrites them. */
  async putDays(actor: Actor, id: number, input: DaysPutT) {
    const cal = await this.writable(actor, id);
    const problems: CodedProblem[] = [];
    const seen = new Set<string>();
    input.days.forEach((d, i) => {
      if (!isRealDate(d.date)) problems.push({ path: `body.days[${i}].date`, code: 'INVALID_DATE', message: `'${d.date}' is not a real date` });
      if (seen.has(d.date)) problems.push({ path: `body.days[${i}].date`, code: 'DUPLICATE_DATE', message: `${d.date} appears twice` });
      seen.add(d.date);
    });
    rejectProblems(problems);
    const rows = input.days.map((d) => ({ calendar_id: id, date: d.date, day_type: d.dayType as DayType, name: d.name ?? null, source: 'manual' as const }));
    await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('calendar_days').selectAll().where('calendar_id', '=', id).where('date', 'in', [...seen]).execute();
      await upsertDays(trx, rows);
      await this.audit.record(trx, actor, { action: 'holiday_calendar.days_put', entity: 'holiday_calendar', entityId: id, companyId: cal.company_id, before: before.map(dayDto), after: rows.map((r) => ({ date: r.date, dayType: r.day_type, name: r.name })) });
    });
    await this.emitDates(id, [...seen], 'holiday_calendar.days_put');
    return { saved: rows.length };
  }

  async deleteDay(actor: Actor, id: number, date: string) {
    const cal = await this.writable(actor, id);
    const before = await this.db.selectFrom('calendar_days').selectAll().where('calendar_id', '=', id).where('date', '=', date).executeTakeFirst();
    if (!before) throw notFound('calendar_day', date);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('calendar_days').where('calendar_id', '=', id).where('date', '=', date).execute();
      await this.audit.record(trx, actor, { action: 'holiday_calendar.day_delete', entity: 'holiday_calendar', entityId: id, companyId: cal.company_id, before: dayDto(before) });
    });
    await this.emitDates(id, [date], 'holiday_calendar.day_delete');
  }

  /** Imports China's holidays (all years chinese-days has, or some); manual days are kept as they are. */
  async importChina(actor: Actor, input: ImportChinaT) {
    const years = input.years ?? chinaYears();
    const days = chinaCalendarDays(years);
    let calendarId = input.calendarId;
    if (calendarId !== undefined) {
      await this.writable(actor, calendarId);
    } else {
      this.assertWrite(actor, null);
      const shared = await this.db.selectFrom('holiday_calendars').select('id').where('company_id', 'is', null).where('code', '=', 'CN').executeTakeFirst();
      calendarId = shared?.id ?? (await this.create(actor, { companyId: null, code: 'CN', name: '中国法定节假日', weekendDays: [0, 6] })).id;
    }
    const id = calendarId;
    const cal = await this.row(id);
    const result = await this.db.transaction().execute(async (trx) => {
      const existing = new Map((await trx.selectFrom('calendar_days').selectAll().where('calendar_id', '=', id).execute()).map((d) => [d.date, d]));
      const writes: Row<'calendar_days'>[] = [];
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      let keptManual = 0;
      for (const d of days) {
        const cur = existing.get(d.date);
        if (cur?.source === 'manual') keptManual++;
        else if (cur && cur.day_type === d.dayType && cur.name === d.name) unchanged++;
        else {
          if (cur) updated++;
          else inserted++;
          writes.push({ calendar_id: id, date: d.date, day_type: d.dayType, name: d.name, source: 'chinese-days' });
        }
      }
      await upsertDays(trx, writes);
      const summary = { calendarId: id, years, inserted, updated, unchanged, keptManual };
      await this.audit.record(trx, actor, { action: 'holiday_calendar.import_china', entity: 'holiday_calendar', entityId: id, companyId: cal.company_id, after: summary });
      return { summary, changed: writes.map((w) => w.date) };
    });
    await this.emitDates(id, result.changed, 'holiday_calendar.import_china');
    return result.summary;
  }

  private async emitDates(calendarId: number, dates: string[], reason: string) {
    if (!dates.length) return;
    const sorted = [...dates].sort();
    for (const c of await this.userCompanies(calendarId)) {
      await this.events.emit('attendance.inputs_changed', { companyId: c.id, employeeIds: 'all', fromDate: sorted[0], toDate: sorted[sorted.length - 1], reason });
    }
  }

  /** Companies with an attendance group on the calendar (a company calendar: also its owner). */
  private async userCompanies(calendarId: number): Promise<{ id: number; zone: string }[]> {
    const rows = await this.db
      .selectFrom('attendance_groups')
      .innerJoin('companies', 'companies.id', 'attendance_groups.company_id')
      .select(['companies.id', 'companies.time_zone'])
      .where('attendance_groups.holiday_calendar_id', '=', calendarId)
      .distinct()
      .execute();
    return rows.map((r) => ({ id: r.id, zone: r.time_zone })).sort((a, b) => a.id - b.id);
  }

  private assertWrite(actor: Actor, companyId: number | null) {
    if (companyId === null) this.access.assertRole(actor, ['admin']);
    else this.access.assertCompany(actor, companyId, 'write');
  }

  private async row(id: number) {
    const row = await this.db.selectFrom('holiday_calendars').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('holiday_calendar', id);
    return row;
  }

  private async visible(actor: Actor, id: number) {
    this.access.assertScope(actor, 'read');
    const row = await this.db.selectFrom('holiday_calendars').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || (row.company_id !== null && !this.access.canSeeCompany(actor, row.company_id))) throw notFound('holiday_calendar', id);
    return row;
  }

  private async writable(actor: Actor, id: number) {
    const row = await this.visible(actor, id);
    this.assertWrite(actor, row.company_id);
    return row;
  }

  /** The unique index cannot see duplicates among shared calendars (NULL company), so check here. */
  private async checkCode(trx: Kysely<DB>, companyId: number | null, code: string, selfId: number | null) {
    let q = trx.selectFrom('holiday_calendars').select('id').where('code', '=', code).where('id', '!=', selfId ?? -1);
    q = companyId === null ? q.where('company_id', 'is', null) : q.where('company_id', '=', companyId);
    if (await q.executeTakeFirst()) throw conflict('DUPLICATE_CALENDAR_CODE', `A holiday calendar with code '${code}' exists already`, { field: 'body.code' });
  }
}

async function upsertDays(trx: Kysely<DB>, rows: Row<'calendar_days'>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('calendar_days')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['calendar_id', 'date']).doUpdateSet((eb) => ({ day_type: eb.ref('excluded.day_type'), name: eb.ref('excluded.name'), source: eb.ref('excluded.source') })))
      .execute();
  }
}
