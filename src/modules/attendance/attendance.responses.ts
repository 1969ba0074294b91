/**
 * What the attendance and dashboard routes answer, as OpenAPI response schemas. They are the
 * contract the web's generated types (web/src/api/schema.d.ts) come from, and the serializer
 * writes exactly these fields, so a field missing here is missing from the answer.
 */
import { Type } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { Paged } from '../../http/paging.js';
import { LocationView } from '../checkins/checkins.schemas.js';
import { DAY_MARKS, DAY_STATUSES, DAY_TYPES, LATE_LEVELS, OVERTIME_CATEGORIES } from '../../shared/enums.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer();
const Minutes = Type.Integer({ minimum: 0 });
const Status = literalUnion(DAY_STATUSES);
const DayType = literalUnion(DAY_TYPES);
const LateLevel = literalUnion(LATE_LEVELS);
const OvertimeCategory = literalUnion(OVERTIME_CATEGORIES);
/** The day's first and last counted punch: ISO-8601 local time with the zone's offset. */
const WallTime = Nullable(Type.String({ description: 'ISO-8601 with offset, e.g. 2026-03-10T08:55:00+08:00' }))

export const DayEmployee = Type.Object({
  id: Id,
  name: Type.String(),
  jobNumber: Type.String(),
  departmentId: Nullable(Id),
  departmentName: Type.Optional(Nullable(Type.String())),
});

/** The engine's figures of one day (src/engine DayResult without its explanation). */
const dayFigures = {
  status: Status,
  late: Type.Boolean(),
  lateMinutes: Minutes,
  lateLevel: LateLevel,
  early: Type.Boolean(),
  earlyMinutes: Minutes,
  missingIn: Type.Boolean(),
  missingOut: Type.Boolean(),
  workedMinutes: Minutes,
  overtimeMinutes: Minutes,
  overtimeCategory: OvertimeCategory,
  overtimePayMultiplier: Type.Number(),
  inTime: WallTime,
  outTime: WallTime,
  ignoredPunchCount: Type.Integer(),
  duplicatePunchCount: Type.Integer(),
  leaveMinutes: Type.Integer({ description: 'approved hourly leave inside the shift (R11a); 0 otherwise' }),
};

/** A stored day: the figures plus what it was computed from. */
export const StoredDay = Type.Object({
  date: Type.String({ format: 'date' }),
  dayType: DayType,
  groupId: Nullable(Id),
  shiftTypeId: Nullable(Id),
  ...dayFigures,
  unapprovedOvertimeMinutes: Nullable(Type.Integer({ description: 'present when workday overtime requires approval' })),
  leaveType: Nullable(Type.String()),
  leaveHalf: Nullable(Type.Union([Type.Literal('am'), Type.Literal('pm'), Type.Literal('hours')], { description: "'hours' when the day's only leave is hourly" })),
  flags: Type.Array(Type.String(), { description: 'day flags for HR, e.g. punches_on_leave (R11)' }),
  correctionsUsed: Type.Integer(),
  computedAtMs: Type.Integer(),
  inProgress: Type.Boolean({ description: 'the check-out window is still open: shown as 待打卡, not as its status' }),
});

export const DayRow = Type.Object({
  employee: DayEmployee,
  ...StoredDay.properties,
  groupName: Type.Optional(Nullable(Type.String({ description: '考勤组' }))),
  shiftName: Type.Optional(Nullable(Type.String({ description: '班次' }))),
});
export const DayList = Paged(DayRow);

const Explanation = Type.Object({
  field: Type.String(),
  rule: Type.String(),
  code: Type.String({ description: 'a reason code of the catalogue (src/shared/reasons), rendered per locale' }),
  params: Type.Record(Type.String(), Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
  punchIds: Type.Optional(Type.Array(Type.String())),
});

/** Where a punch was made, with a web clock-in's geofence verdict as evidence. */
export const PunchLocation = LocationView;

const DayPunch = Type.Object({
  id: Id,
  atMs: Type.Integer(),
  time: Type.String({ description: 'ISO-8601 with the punch’s own offset' }),
  source: Type.String(),
  deviceSn: Nullable(Type.String()),
  verifyMethod: Nullable(Type.String()),
  location: Nullable(PunchLocation),
  counted: Type.Boolean(),
  holdReason: Nullable(Type.String()),
  named: Type.Boolean({ description: 'an explanation of the day names this punch' }),
});

export const DayDetail = Type.Object({
  employee: DayEmployee,
  date: Type.String({ format: 'date' }),
  day: Nullable(StoredDay),
  live: Nullable(
    Type.Object({
      ...dayFigures,
      unapprovedOvertimeMinutes: Type.Optional(Type.Integer()),
      flags: Type.Optional(Type.Array(Type.String())),
      dayType: Nullable(DayType),
    }),
  ),
  stale: Type.Boolean({ description: 'the stored figures differ from a fresh evaluation (or one of them is missing)' }),
  explanation: Nullable(Type.Array(Explanation)),
  explanationSource: Nullable(Type.Union([Type.Literal('stored'), Type.Literal('live')])),
  punches: Type.Array(DayPunch),
});

const ByKey = Type.Record(Type.String(), Type.Number());

export const MonthlyRow = Type.Object({
  employee: DayEmployee,
  month: Type.String(),
  days: Type.Optional(Type.Record(Type.String({ format: 'date' }), Type.Array(literalUnion(DAY_MARKS)), { description: 'each stored date of the month with its marks (the month grid)' })),
  shouldAttendDays: Type.Number(),
  attendedDays: Type.Number(),
  lateCount: Type.Integer(),
  lateMinutes: Type.Integer(),
  seriousLateCount: Type.Integer(),
  absenteeismLateCount: Type.Integer(),
  earlyCount: Type.Integer(),
  earlyMinutes: Type.Integer(),
  missingInCount: Type.Integer(),
  missingOutCount: Type.Integer(),
  absentDays: Type.Number({ description: 'a half-day absence counts 0.5' }),
  halfDays: Type.Number(),
  leaveDaysByType: ByKey,
  leaveMinutesByType: ByKey,
  overtimeMinutesByCategory: Type.Object({ workday: Type.Number(), restday: Type.Number(), holiday: Type.Number() }),
  correctionsUsed: Type.Integer(),
  restDays: Type.Number(),
  holidayDays: Type.Number(),
  workedMinutes: Type.Integer(),
});
export const MonthlyList = Paged(MonthlyRow);

const JobStatus = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]);

export const RecomputeQueued = Type.Object({ jobId: Type.String(), status: Type.Literal('queued') });

export const RecomputeJob = Type.Object({
  jobId: Type.String(),
  companyId: Id,
  month: Type.String(),
  departmentId: Nullable(Id),
  status: JobStatus,
  employeesDone: Type.Integer(),
  employeesTotal: Nullable(Type.Integer()),
  daysWritten: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  requestedAtMs: Type.Integer(),
  startedAtMs: Nullable(Type.Integer()),
  finishedAtMs: Nullable(Type.Integer()),
});

export const WhatIfResult = Type.Object({
  month: Type.String(),
  employees: Type.Integer(),
  evaluatedDays: Type.Integer(),
  changedDays: Type.Integer(),
  changedEmployees: Type.Integer(),
  truncated: Type.Boolean({ description: 'more days changed than `limit` items list' }),
  items: Type.Array(
    Type.Object({
      employeeId: Id,
      date: Type.String({ format: 'date' }),
      changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
    }),
  ),
});

const DashboardCounts = Type.Object({
  expected: Type.Integer(),
  present: Type.Integer(),
  late: Type.Integer(),
  absent: Type.Integer(),
  missingPunch: Type.Integer(),
  onLeave: Type.Integer(),
  notYetPunched: Type.Integer({ description: 'absent or missing a punch while the check-out window is still open (待打卡)' }),
});

export const DashboardToday = Type.Object({
  date: Type.String({ format: 'date' }),
  counts: DashboardCounts,
  anomalyRange: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }, { description: 'the dates the anomaly list covers' }),
  anomalyTotal: Type.Integer({ description: 'anomalies in that range; the list shows the latest few' }),
  trend: Type.Array(
    Type.Object({
      date: Type.String({ format: 'date' }),
      expected: Type.Integer(),
      present: Type.Integer(),
      late: Type.Integer(),
      attendanceRate: Nullable(Type.Number({ description: 'present / (expected − on leave), 4 decimals' })),
    }),
  ),
  anomalies: Type.Array(
    Type.Object({
      employee: Type.Object({ id: Id, name: Type.String(), jobNumber: Type.String() }),
      date: Type.String({ format: 'date' }),
      status: Status,
      inProgress: Type.Boolean(),
      lateMinutes: Type.Integer(),
      earlyMinutes: Type.Integer(),
      missingIn: Type.Boolean(),
      missingOut: Type.Boolean(),
      inTime: WallTime,
      outTime: WallTime,
    }),
  ),
});
