/**
 * Builds one engine input per employee (per attendance-group segment) for a date range.
 *
 * The setup of the company is read once; each chunk of employees then costs three queries
 * (rosters, approved requests, punches). The engine's calendar covers one day either side of
 * the range so that cross-midnight punches are attributed as they would be in a longer run;
 * only dates inside the range are stored. Employees of a fixed group share one calendar and one
 * shift table object, which lets the engine reuse its per-date plans across them.
 *
 * Each employee is evaluated in their attendance zone: their own, else the group's, else the
 * company's (schedules/attendance-zone.ts). Free groups (自由工时) add their free-hours settings.
 */
import type { CalendarDay, Correction, DayType, EngineInput, LeaveEntry, OvertimeApproval, Policy, Punch, ShiftDef } from '../../engine/index.js';
import { addDays, localDate } from '../../shared/dates.js';
import { dayIndexOf, localDayIndexOf, offsetAt, zoneTable } from '../../engine/zone-offsets.js';
import type { ApprovedInputs } from '../requests/requests.repo.js';
import { membershipOf } from '../schedules/group-members.repo.js';
import { attendanceZone } from '../schedules/attendance-zone.js';
import { groupOn, resolveMemberships, type GroupRange, type Membership } from '../schedules/group-resolution.js';
import { freeHoursDefOf, scheduleFor, type RosterDay, type ScheduledDay } from '../schedules/schedule.js';
import { shiftDefFromRow } from '../schedules/shift-def.js';
import type { EmployeeRow, InputsRepo } from './inputs.repo.js';
import { datesBetween, groupFromRow, mergeDeep, shiftKey, type GroupSetup } from './setup-readers.js';

interface Approved {
  leave: LeaveEntry[];
  /** Hourly leave as stored: instants, turned into the shift timeline's wall minutes per zone. */
  hourly: ApprovedInputs['hourlyLeave'];
  overtime: OvertimeApproval[];
  corrections: Correction[];
}

export interface DayMeta {
  groupId: number;
  shiftTypeId: number | null;
  dayType: DayType;
  leaveType: string | null;
  /** 'hours' when the day's only leave is hourly (R11a). */
  leaveHalf: 'am' | 'pm' | 'hours' | null;
  correctionsUsed: number;
}

export interface EmployeeSegment {
  groupId: number;
  input: EngineInput;
  /** Dates of this segment inside the requested range: the ones to store. */
  dates: string[];
  meta: Map<string, DayMeta>;
}

export interface EmployeeInputs {
  employeeId: number;
  segments: EmployeeSegment[];
  /** Dates of the range without a group (or outside employment): no attendance day. */
  uncovered: string[];
}

/** A what-if draft: engine knobs laid over the stored setup, never saved. */
export interface SetupDraft {
  groupId?: number;
  policy?: Partial<Policy> | Record<string, unknown>;
  shifts?: Record<string, Partial<ShiftDef> | Record<string, unknown>>;
}

const HOUR_MS = 3_600_000;
const MIN_MS = 60_000;
const DAY_MS = 86_400_000;

export class InputBuilder {
  /** Dates given to the engine: the range plus one day either side. */
  readonly calendarDates: string[];
  readonly fromMs: number;
  readonly toMs: number;
  private readonly rangeDates: Set<string>;
  private readonly scheduleCache = new Map<number, Record<string, ScheduledDay>>();
  /** Shared calendars by group and zone: the engine memoises plans per calendar object and zone. */
  private readonly calendarCache = new Map<string, Record<string, CalendarDay>>();
  private readonly byDepartment = new Map<number | null, GroupRange[]>();
  private readonly withOwnMembership: Set<number>;

  private constructor(
    private readonly repo: InputsRepo,
    readonly companyId: number,
    readonly fromDate: string,
    readonly toDate: string,
    private readonly companyTimeZone: string,
    private readonly groups: Map<number, GroupSetup>,
    private readonly shifts: Record<string, ShiftDef>,
    private readonly departments: { id: number; parentId: number | null }[],
    private readonly memberships: Membership[],
  ) {
    this.withOwnMembership = new Set(memberships.filter((m) => m.employeeId !== null).map((m) => m.employeeId!));
    this.calendarDates = datesBetween(addDays(fromDate, -1), addDays(toDate, 1));
    this.rangeDates = new Set(datesBetween(fromDate, toDate));
    // Wide enough for any zone: local day boundaries are within ±14 h of UTC ones.
    this.fromMs = Date.parse(`${addDays(fromDate, -1)}T00:00:00Z`) - 14 * HOUR_MS;
    this.toMs = Date.parse(`${addDays(toDate, 3)}T00:00:00Z`) + 14 * HOUR_MS;
  }

  static async open(repo: InputsRepo, companyId: number, fromDate: string, toDate: string, draft?: SetupDraft): Promise<InputBuilder | null> {
    const zone = await repo.companyTimeZone(companyId);
    if (zone === null) return null;
    const rows = await repo.setup(companyId, zone, addDays(fromDate, -1), addDays(toDate, 1));
    const groups = new Map<number, GroupSetup>();
    for (const g of rows.groups) {
      const setup = groupFromRow(g, g.holiday_calendar_id === null ? null : (rows.calendars.get(g.holiday_calendar_id) ?? null));
      if (draft?.policy && (draft.groupId === undefined || draft.groupId === g.id)) setup.policy = mergeDeep(setup.policy, draft.policy);
      groups.set(g.id, setup);
    }
    const shifts: Record<string, ShiftDef> = {};
    for (const s of rows.shiftTypes) {
      const def = shiftDefFromRow(s);
      const patch = draft?.shifts?.[String(s.id)];
      shifts[String(s.id)] = patch ? mergeDeep(def, patch) : def;
    }
    const departments = rows.departments.map((d) => ({ id: d.id, parentId: d.parent_id }));
    // Inactive groups count as no group.
    const memberships = rows.memberships.filter((m) => groups.has(m.group_id)).map(membershipOf);
    return new InputBuilder(repo, companyId, fromDate, toDate, zone, groups, shifts, departments, memberships);
  }

  employees(ids: number[] | 'all'): Promise<EmployeeRow[]> {
    return this.repo.employees(this.companyId, ids);
  }

  /** Engine inputs of a chunk of employees (sorted by id), from three queries. */
  async build(employees: EmployeeRow[]): Promise<EmployeeInputs[]> {
    if (!employees.length) return [];
    const ids = employees.map((e) => e.id);
    const first = this.calendarDates[0];
    const last = this.calendarDates[this.calendarDates.length - 1];
    const [rosterRows, approved, punches] = await Promise.all([
      this.repo.rosters(this.companyId, ids, first, last),
      this.repo.approvedRequests(this.companyId, ids, first, last),
      this.repo.punches(this.companyId, ids, this.fromMs, this.toMs),
    ]);
    const groupRanges = this.groupRanges(employees);
    const rosters = new Map<number, RosterDay[]>();
    for (const r of rosterRows) {
      const list = rosters.get(r.employee_id);
      const day = { date: r.date, shiftTypeId: r.shift_type_id };
      if (list) list.push(day);
      else rosters.set(r.employee_id, [day]);
    }
    const approvedBy = groupApproved(approved);
    const out: EmployeeInputs[] = [];
    let p = 0;
    for (let k = 0; k < employees.length; k++) {
      const e = employees[k];
      // Punches are ordered by employee id, like `employees`.
      while (p < punches.employeeId.length && punches.employeeId[p] < e.id) p++;
      const own: Punch[] = [];
      for (; p < punches.employeeId.length && punches.employeeId[p] === e.id; p++) {
        own.push({ atMs: punches.atMs[p], source: punches.source[p], id: String(punches.id[p]) });
      }
      const groupOf = this.calendarDates.map((date) => {
        if ((e.hire_date && date < e.hire_date) || (e.leave_date && date > e.leave_date)) return null;
        return groupOn(groupRanges[k], date);
      });
      out.push(this.forEmployee(e, groupOf, own, approvedBy.get(e.id) ?? { leave: [], hourly: [], overtime: [], corrections: [] }, rosters.get(e.id)));
    }
    return out;
  }

  /**
   * Group ranges per employee. Without an individual membership the answer depends only on the
   * department, so it is resolved once per department (a pseudo-employee that matches no
   * individual membership stands in for its members).
   */
  private groupRanges(employees: EmployeeRow[]): (GroupRange[] | undefined)[] {
    const first = this.calendarDates[0];
    const last = this.calendarDates[this.calendarDates.length - 1];
    const individual = employees.filter((e) => this.withOwnMembership.has(e.id));
    const own = individual.length ? resolveMemberships(individual.map((e) => ({ id: e.id, departmentId: e.department_id })), this.departments, this.memberships, first, last) : new Map();
    const missing = [...new Set(employees.filter((e) => !this.withOwnMembership.has(e.id) && !this.byDepartment.has(e.department_id)).map((e) => e.department_id))];
    if (missing.length) {
      const resolved = resolveMemberships(missing.map((d, i) => ({ id: -1 - i, departmentId: d })), this.departments, this.memberships, first, last);
      missing.forEach((d, i) => this.byDepartment.set(d, resolved.get(-1 - i) ?? []));
    }
    return employees.map((e) => (this.withOwnMembership.has(e.id) ? own.get(e.id) : this.byDepartment.get(e.department_id)));
  }

  private forEmployee(e: EmployeeRow, groupOf: (number | null)[], punches: Punch[], approved: Approved, roster: RosterDay[] | undefined): EmployeeInputs {
    const uncovered = this.calendarDates.filter((d, i) => groupOf[i] === null && this.rangeDates.has(d));
    const segments: EmployeeSegment[] = [];
    let i = 0;
    while (i < groupOf.length) {
      const gid = groupOf[i];
      let j = i;
      while (j < groupOf.length && groupOf[j] === gid) j++;
      if (gid !== null) segments.push(this.segment(e, this.groups.get(gid)!, this.calendarDates.slice(i, j), j - i === groupOf.length, punches, approved, roster));
      i = j;
    }
    return { employeeId: e.id, segments, uncovered };
  }

  private scheduleOf(group: GroupSetup, roster: RosterDay[] | undefined): Record<string, ScheduledDay> {
    if (group.schedule.kind === 'roster') return scheduleFor(group.schedule, roster ?? [], group.calendar, this.calendarDates);
    let s = this.scheduleCache.get(group.id);
    if (!s) this.scheduleCache.set(group.id, (s = scheduleFor(group.schedule, [], group.calendar, this.calendarDates)));
    return s;
  }

  private segment(e: EmployeeRow, group: GroupSetup, dates: string[], whole: boolean, punches: Punch[], approved: Approved, roster: RosterDay[] | undefined): EmployeeSegment {
    const schedule = this.scheduleOf(group, roster);
    const timezone = attendanceZone(e.time_zone, group.timeZone, this.companyTimeZone);
    const shared = whole && group.schedule.kind !== 'roster';
    const cacheKey = `${group.id} ${timezone}`;
    let calendar = shared ? this.calendarCache.get(cacheKey) : undefined;
    if (!calendar) {
      calendar = {};
      for (const d of dates) calendar[d] = { dayType: schedule[d].dayType, shift: shiftKey(schedule[d].shiftTypeId) };
      if (shared) this.calendarCache.set(cacheKey, calendar);
    }
    const first = dates[0];
    const last = dates[dates.length - 1];
    const meta = new Map<string, DayMeta>();
    for (const d of dates) {
      if (this.rangeDates.has(d)) meta.set(d, { groupId: group.id, shiftTypeId: schedule[d].shiftTypeId, dayType: schedule[d].dayType, leaveType: null, leaveHalf: null, correctionsUsed: 0 });
    }
    let leave = whole ? approved.leave : approved.leave.filter((l) => l.date >= first && l.date <= last);
    for (const l of leave) {
      const m = meta.get(l.date);
      // A full day beats a half day in what the row shows.
      if (m && (m.leaveType === null || (m.leaveHalf !== null && l.half === null))) {
        m.leaveType = l.type;
        m.leaveHalf = l.half;
      }
    }
    const hourly = approved.hourly.filter((h) => h.date >= first && h.date <= last);
    if (hourly.length) {
      leave = leave.concat(hourly.map((h) => hourlyLeaveEntry(h, timezone)));
      for (const h of hourly) {
        const m = meta.get(h.date);
        // Day and half-day leave say more about the day than hourly leave does.
        if (m && m.leaveType === null) {
          m.leaveType = h.type;
          m.leaveHalf = 'hours';
        }
      }
    }
    for (const c of approved.corrections) {
      const m = meta.get(localDate(c.atMs, timezone));
      if (m) m.correctionsUsed++;
    }
    const overtime = approved.overtime;
    const corrections = approved.corrections;
    const input: EngineInput = { timezone, policy: group.policy, shifts: this.shifts, calendar, leave, approvals: { overtime, corrections }, punches };
    const freeHours = freeHoursDefOf(group.schedule);
    if (freeHours) input.freeHours = freeHours;
    return { groupId: group.id, input, dates: dates.filter((d) => this.rangeDates.has(d)), meta };
  }
}

/**
 * R11a: an hourly leave's window as wall minutes on the timeline of its date in the employee's
 * zone (past 1440 on the next day); without a window, its length only.
 */
export function hourlyLeaveEntry(h: ApprovedInputs['hourlyLeave'][number], timezone: string): LeaveEntry {
  if (h.fromMs === null || h.toMs === null) return { date: h.date, half: null, type: h.type, minutes: Math.round(h.hours * 60) };
  const zt = zoneTable(timezone);
  const day = dayIndexOf(h.date);
  const wall = (ms: number) => {
    const local = ms + offsetAt(zt, ms);
    const minuteOfDay = Math.floor(local / MIN_MS) - Math.floor(local / DAY_MS) * 1440;
    return (localDayIndexOf(zt, ms) - day) * 1440 + minuteOfDay;
  };
  return { date: h.date, half: null, type: h.type, fromMin: wall(h.fromMs), toMin: wall(h.toMs) };
}

function groupApproved(a: ApprovedInputs): Map<number, Approved> {
  const out = new Map<number, Approved>();
  const of = (id: number) => {
    let x = out.get(id);
    if (!x) out.set(id, (x = { leave: [], hourly: [], overtime: [], corrections: [] }));
    return x;
  };
  for (const { employeeId, ...l } of a.leave) of(employeeId).leave.push(l);
  for (const h of a.hourlyLeave) of(h.employeeId).hourly.push(h);
  for (const { employeeId, ...o } of a.overtime) of(employeeId).overtime.push(o);
  for (const { employeeId, ...c } of a.corrections) of(employeeId).corrections.push(c);
  return out;
}
