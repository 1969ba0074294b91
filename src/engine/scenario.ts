/**
 * The RULES.md scenario file → EngineInput.
 *
 * Every problem is collected with the path of its field and reported in one
 * `validationError(problems, 'INVALID_SCENARIO')`. Entries whose status is not `approved` are
 * dropped here, so EngineInput only ever carries what counts. Documentation-only keys (`id`,
 * `title`, `tags`, `expected`, `rationale`, `refs`) are ignored.
 *
 * Beyond RULES.md, an optional `"freeHours": { "dayStartsAt": "HH:mm", "requiredMinutes": n }`
 * makes the scenario a free-hours group (自由工时, see free-hours.ts).
 */
import { validationError } from '../shared/errors.js';
import { FieldReader, type Obj } from './scenario-fields.js';
import type {
  CalendarDay,
  Correction,
  DayType,
  EngineInput,
  FreeHoursDef,
  LeaveEntry,
  NonWorkdayOvertimePolicy,
  OvertimeApproval,
  Policy,
  Punch,
  ShiftDef,
} from './types.js';
import { isValidZone } from './zone-offsets.js';

const DAY_TYPES: readonly DayType[] = ['workday', 'makeup_workday', 'rest_day', 'statutory_holiday'];

export function parseScenario(json: unknown): EngineInput {
  const r = new FieldReader();
  if (!r.isObject(json)) throw validationError([{ path: '(root)', message: 'must be a JSON object' }], 'INVALID_SCENARIO');
  const timezone = r.string(json, 'timezone', 'timezone');
  const zone = timezone && isValidZone(timezone) ? timezone : null;
  if (timezone && !zone) r.fail('timezone', 'must be an IANA time zone, e.g. Asia/Shanghai');

  const policy = readPolicy(r, json);
  const shifts = readShifts(r, json);
  const calendar = readCalendar(r, json, shifts);
  const leave = readLeave(r, json);
  const freeHours = readFreeHours(r, json);
  const approvals = r.isObject(json.approvals) ? json.approvals : {};
  if (json.approvals !== undefined && !r.isObject(json.approvals)) r.fail('approvals', 'must be an object');
  const overtime: OvertimeApproval[] = [];
  eachItem(r, approvals, 'overtime', 'approvals.overtime', (o, path) => {
    const before = r.problems.length;
    const fromMs = r.instant(o, 'from', `${path}.from`, zone);
    const toMs = r.instant(o, 'to', `${path}.to`, zone);
    if (toMs <= fromMs && r.problems.length === before) r.fail(`${path}.to`, 'must be after from');
    const date = o.date === undefined ? undefined : r.date(o, 'date', `${path}.date`);
    if (r.approved(o, path)) overtime.push(date === undefined ? { fromMs, toMs } : { date, fromMs, toMs });
  });
  const corrections: Correction[] = [];
  eachItem(r, approvals, 'corrections', 'approvals.corrections', (o, path, i) => {
    const atMs = r.instant(o, 'time', `${path}.time`, zone);
    const c: Correction = { atMs, id: typeof o.id === 'string' ? o.id : `corrections[${i}]` };
    if (typeof o.reason === 'string') c.reason = o.reason;
    if (r.approved(o, path)) corrections.push(c);
  });
  const punches: Punch[] = [];
  if (json.punches === undefined) r.fail('punches', 'is required');
  eachItem(r, json, 'punches', 'punches', (o, path, i) => {
    const p: Punch = {
      atMs: r.instant(o, 'time', `${path}.time`, zone),
      source: r.string(o, 'source', `${path}.source`),
      id: typeof o.id === 'string' ? o.id : `punches[${i}]`,
    };
    if (o.receivedAt !== undefined) p.receivedAtMs = r.instant(o, 'receivedAt', `${path}.receivedAt`, zone);
    punches.push(p);
  });
  if (r.problems.length > 0) throw validationError(r.problems, 'INVALID_SCENARIO');
  const input: EngineInput = { timezone, policy, shifts, calendar, leave, approvals: { overtime, corrections }, punches };
  if (freeHours) input.freeHours = freeHours;
  return input;
}

function readFreeHours(r: FieldReader, json: Obj): FreeHoursDef | null {
  if (json.freeHours === undefined || json.freeHours === null) return null;
  const o = r.object(json, 'freeHours', 'freeHours');
  if (!o) return null;
  return { dayStartsAtMin: r.wallTime(o, 'dayStartsAt', 'freeHours.dayStartsAt'), requiredMinutes: r.int(o, 'requiredMinutes', 'freeHours.requiredMinutes') };
}

function eachItem(r: FieldReader, parent: Obj, key: string, path: string, fn: (o: Obj, path: string, i: number) => void): void {
  const list = parent[key];
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    r.fail(path, 'must be an array');
    return;
  }
  list.forEach((item, i) => {
    const p = `${path}[${i}]`;
    if (r.isObject(item)) fn(item, p, i);
    else r.fail(p, 'must be an object');
  });
}

function readNonWorkday(r: FieldReader, o: Obj, path: string): NonWorkdayOvertimePolicy {
  return {
    enabled: r.bool(o, 'enabled', `${path}.enabled`, true),
    minMin: r.int(o, 'minMin', `${path}.minMin`, 0),
    unitMin: r.int(o, 'unitMin', `${path}.unitMin`, 0),
    capMin: r.intOrNull(o, 'capMin', `${path}.capMin`),
    breakWindow: r.window(o, 'breakWindow', `${path}.breakWindow`),
  };
}

function readPolicy(r: FieldReader, json: Obj): Policy {
  const p = r.object(json, 'policy', 'policy') ?? {};
  const ot = r.isObject(p.overtime) ? p.overtime : undefined;
  if (!ot) r.fail('policy.overtime', p.overtime === undefined ? 'is required' : 'must be an object');
  // Categories are only checked inside an overtime object, so a missing block is one problem.
  const category = (key: string): Obj => (ot ? (r.object(ot, key, `policy.overtime.${key}`) ?? {}) : {});
  const wd = category('workday');
  const rest = category('restday');
  const hol = category('holiday');
  const pm = ot && r.isObject(ot.payMultiplier) ? ot.payMultiplier : {};
  const pmPath = 'policy.overtime.payMultiplier';
  return {
    pairing: r.oneOf(p, 'pairing', 'policy.pairing', ['first_last', 'pairs'] as const),
    dedupeWindowSec: r.int(p, 'dedupeWindowSec', 'policy.dedupeWindowSec'),
    minInOutGapMin: r.int(p, 'minInOutGapMin', 'policy.minInOutGapMin'),
    restDayStartsAtMin: r.wallTime(p, 'restDayStartsAt', 'policy.restDayStartsAt'),
    truncateToMinute: r.bool(p, 'truncateToMinute', 'policy.truncateToMinute', true),
    overtime: {
      workday: {
        enabled: r.bool(wd, 'enabled', 'policy.overtime.workday.enabled', true),
        startAfterMin: r.int(wd, 'startAfterMin', 'policy.overtime.workday.startAfterMin', 0),
        minMin: r.int(wd, 'minMin', 'policy.overtime.workday.minMin', 0),
        unitMin: r.int(wd, 'unitMin', 'policy.overtime.workday.unitMin', 0),
        capMin: r.intOrNull(wd, 'capMin', 'policy.overtime.workday.capMin'),
        requiresApproval: r.bool(wd, 'requiresApproval', 'policy.overtime.workday.requiresApproval', false),
      },
      restday: readNonWorkday(r, rest, 'policy.overtime.restday'),
      holiday: readNonWorkday(r, hol, 'policy.overtime.holiday'),
      payMultiplier: {
        workday: r.number(pm, 'workday', `${pmPath}.workday`, 1.5),
        restday: r.number(pm, 'restday', `${pmPath}.restday`, 2.0),
        holiday: r.number(pm, 'holiday', `${pmPath}.holiday`, 3.0),
      },
    },
  };
}

function readShifts(r: FieldReader, json: Obj): Record<string, ShiftDef> {
  const out: Record<string, ShiftDef> = {};
  const shifts = json.shifts === undefined ? {} : r.object(json, 'shifts', 'shifts') ?? {};
  for (const [id, v] of Object.entries(shifts)) {
    const path = `shifts.${id}`;
    if (!r.isObject(v)) {
      r.fail(path, 'must be an object');
      continue;
    }
    const s: ShiftDef = {
      name: typeof v.name === 'string' ? v.name : id,
      startMin: r.wallTime(v, 'start', `${path}.start`),
      endMin: r.wallTime(v, 'end', `${path}.end`),
      crossesMidnight: r.bool(v, 'crossesMidnight', `${path}.crossesMidnight`, false),
      break: r.window(v, 'break', `${path}.break`),
      graceLateMin: r.int(v, 'graceLateMin', `${path}.graceLateMin`),
      graceEarlyMin: r.int(v, 'graceEarlyMin', `${path}.graceEarlyMin`),
      seriousLateMin: r.int(v, 'seriousLateMin', `${path}.seriousLateMin`),
      absenteeismLateMin: r.int(v, 'absenteeismLateMin', `${path}.absenteeismLateMin`),
      checkInEarliestMin: r.int(v, 'checkInEarliestMin', `${path}.checkInEarliestMin`),
      checkOutLatestMin: r.int(v, 'checkOutLatestMin', `${path}.checkOutLatestMin`),
      halfDayBelowMin: r.int(v, 'halfDayBelowMin', `${path}.halfDayBelowMin`),
      absentBelowMin: r.int(v, 'absentBelowMin', `${path}.absentBelowMin`),
      flex: null,
    };
    if (v.flex !== undefined && v.flex !== null) {
      if (r.isObject(v.flex)) {
        s.flex = {
          lateMaxMin: r.int(v.flex, 'lateMaxMin', `${path}.flex.lateMaxMin`),
          earlyMaxMin: r.int(v.flex, 'earlyMaxMin', `${path}.flex.earlyMaxMin`),
        };
      } else r.fail(`${path}.flex`, 'must be an object { lateMaxMin, earlyMaxMin } or null');
    }
    checkShiftShape(r, s, path);
    out[id] = s;
  }
  return out;
}

/** The end must follow the start (on D+1 when crossing midnight) and the break must lie inside. */
function checkShiftShape(r: FieldReader, s: ShiftDef, path: string): void {
  if (!s.crossesMidnight && s.endMin <= s.startMin) {
    r.fail(`${path}.end`, 'must be after start (set crossesMidnight for a shift that ends the next day)');
    return;
  }
  if (s.crossesMidnight && s.endMin > s.startMin) {
    r.fail(`${path}.end`, 'must be at or before start when crossesMidnight is true');
    return;
  }
  if (!s.break) return;
  // Minutes from the shift start, with D+1 times (cross-midnight) after 1440.
  const rel = (m: number) => (m < s.startMin ? m + 1440 : m) - s.startMin;
  const shiftLen = rel(s.endMin) === 0 ? 1440 : rel(s.endMin);
  const bs = rel(s.break.startMin);
  const be = rel(s.break.endMin);
  if (!(bs < be && be <= shiftLen)) r.fail(`${path}.break`, 'must lie inside the shift and end after it starts');
}

function readCalendar(r: FieldReader, json: Obj, shifts: Record<string, ShiftDef>): Record<string, CalendarDay> {
  const out: Record<string, CalendarDay> = {};
  const cal = r.object(json, 'calendar', 'calendar') ?? {};
  for (const [date, v] of Object.entries(cal)) {
    const path = `calendar.${date}`;
    if (!r.isDate(date)) r.fail(path, 'key must be a date YYYY-MM-DD');
    if (!r.isObject(v)) {
      r.fail(path, 'must be an object { dayType, shift }');
      continue;
    }
    const dayType = r.oneOf(v, 'dayType', `${path}.dayType`, DAY_TYPES);
    let shift: string | null = null;
    if (v.shift !== undefined && v.shift !== null) {
      if (typeof v.shift !== 'string') r.fail(`${path}.shift`, 'must be a shift id or null');
      else if (!(v.shift in shifts)) r.fail(`${path}.shift`, `unknown shift "${v.shift}"`);
      else shift = v.shift;
    }
    out[date] = { dayType, shift };
  }
  return out;
}

function readLeave(r: FieldReader, json: Obj): LeaveEntry[] {
  const out: LeaveEntry[] = [];
  eachItem(r, json, 'leave', 'leave', (o, path) => {
    const date = r.date(o, 'date', `${path}.date`);
    const half = o.half === undefined || o.half === null ? null : r.oneOf(o, 'half', `${path}.half`, ['am', 'pm'] as const);
    const type = r.string(o, 'type', `${path}.type`, 'unspecified');
    const entry: LeaveEntry = { date, half, type };
    // R11a: from and to make it hourly leave.
    if (o.from !== undefined || o.to !== undefined) {
      entry.fromMin = r.leaveTime(o, 'from', `${path}.from`);
      entry.toMin = r.leaveTime(o, 'to', `${path}.to`);
      if (entry.toMin === entry.fromMin) r.fail(`${path}.to`, 'must differ from from');
    }
    if (r.approved(o, path)) out.push(entry);
  });
  return out;
}
