/**
 * Wall time ↔ instant in IANA zones: the one implementation behind the engine, the server edges
 * (device and platform sources, API parameters) and the web forms.
 *
 * R1: a wall time inside a DST gap moves forward by the gap's length (02:30 in a 02:00→03:00 gap is
 * 03:30 in the new offset); one inside a fold takes its first occurrence. A local day starts at its
 * first existing wall time, so a day whose DST starts at midnight begins at 01:00.
 *
 * Temporal is asked once per (zone, local date) for the day's bounds and the offset transition
 * inside it, if any. Every conversion after that is integer arithmetic on the cached day, which is
 * what lets the engine call it per punch.
 */
import { Temporal } from 'temporal-polyfill';
import { DAY_MS, MIN_MS, dateOfDayIndex, pad2 } from './civil-date.js';

/** One local calendar day of one zone. */
export interface ZoneDay {
  dayIndex: number;
  date: string;
  /** First instant of the day: local 00:00, or the first wall time after a gap at midnight. */
  startMs: number;
  /** First instant of the next day. */
  endMs: number;
  /** One offset all day: wall minute m is `startMs + m·60000`. */
  uniform: boolean;
  /** UTC offset (local − UTC, ms) before `transitionMs`; on a uniform day, all day. */
  offsetMs: number;
  /** The offset change inside the day (it may coincide with `startMs`), or Infinity. */
  transitionMs: number;
  offsetAfterMs: number;
  /** Two or more changes in one day (historic data only): each conversion asks Temporal. */
  irregular: boolean;
  /** `YYYY-MM-DDT` and `+HH:MM`: formatting a uniform day's instant is two concatenations. */
  isoPrefix: string;
  offsetSuffix: string;
}

/** The cached days of one zone. Held by hot callers (the engine) so a lookup is one Map get. */
export interface ZoneTable {
  zone: string;
  days: Map<number, ZoneDay>;
  /** Offset of the day built last: seeds the local-day guess for an instant. */
  lastOffsetMs: number;
  /** The day most recently formatted: consecutive instants mostly fall on it. */
  lastDay: ZoneDay | null;
}

/** How a wall time resolved: 'gap' moved forward, 'ambiguous' took the first of two instants. */
export type WallFlag = 'gap' | 'ambiguous';

export interface ResolvedWall {
  atMs: number;
  /** Offset of the resulting instant, in minutes. */
  utcOffsetMin: number;
  flag?: WallFlag;
}

// Bounds: zone names and dates come from requests, devices and files.
const MAX_ZONES = 1_000;
/** Days cached over all zones (a day is ~200 bytes): far more than any month of work touches. */
const MAX_CACHED_DAYS = 200_000;
let cachedDays = 0;
const tables = new Map<string, ZoneTable>();
const validity = new Map<string, boolean>();

/** true when `zone` is an IANA zone that Temporal and Intl both know. */
export function isValidZone(zone: string): boolean {
  let ok = validity.get(zone);
  if (ok === undefined) {
    ok = false;
    if (typeof zone === 'string' && zone.length > 0 && zone.length <= 64) {
      try {
        // Both must know it: Temporal converts, and Intl formats (it rejects offsets like +08:00).
        Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        ok = true;
      } catch {
        ok = false;
      }
    }
    if (validity.size >= MAX_ZONES) validity.clear();
    validity.set(zone, ok);
  }
  return ok;
}

/** The cached table of a zone. Throws RangeError for an unknown zone. */
export function zoneTable(zone: string): ZoneTable {
  let t = tables.get(zone);
  if (!t) {
    if (!isValidZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
    t = { zone, days: new Map(), lastOffsetMs: 0, lastDay: null };
    if (tables.size >= MAX_ZONES) {
      tables.clear();
      cachedDays = 0;
    }
    tables.set(zone, t);
  }
  return t;
}

function temporalDayStart(zone: string, dayIndex: number): number {
  const d = new Date(dayIndex * DAY_MS);
  const date = Temporal.PlainDate.from({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  return date.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

function temporalZoned(zone: string, ms: number): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
}

function temporalOffset(zone: string, ms: number): number {
  return temporalZoned(zone, ms).offsetNanoseconds / 1e6;
}

function buildDay(t: ZoneTable, dayIndex: number): ZoneDay {
  const zone = t.zone;
  const startMs = temporalDayStart(zone, dayIndex);
  const endMs = temporalDayStart(zone, dayIndex + 1);
  const before = temporalOffset(zone, startMs - 1);
  let transitionMs = Infinity;
  let after = before;
  let irregular = false;
  // Three probes settle the ordinary day without searching for transitions (a search costs far
  // more in zones that have none ahead of them).
  const plain = endMs - startMs === DAY_MS && temporalOffset(zone, startMs) === before && temporalOffset(zone, endMs - 1) === before;
  if (!plain) {
    const next = temporalZoned(zone, startMs - 1).getTimeZoneTransition('next');
    if (next && next.epochMilliseconds < endMs) {
      transitionMs = next.epochMilliseconds;
      after = next.offsetNanoseconds / 1e6;
      const second = next.getTimeZoneTransition('next');
      irregular = second !== null && second.epochMilliseconds < endMs;
    }
  }
  // A date the zone skipped whole (Pacific/Apia 2011-12-30) has no instants: all of it is gap.
  if (endMs <= startMs) {
    transitionMs = startMs;
    after = temporalOffset(zone, startMs);
    irregular = false;
  }
  const date = dateOfDayIndex(dayIndex);
  const day: ZoneDay = {
    dayIndex,
    date,
    startMs,
    endMs,
    uniform: transitionMs === Infinity,
    offsetMs: before,
    transitionMs,
    offsetAfterMs: after,
    irregular,
    isoPrefix: `${date}T`,
    offsetSuffix: formatOffset(before),
  };
  if (cachedDays >= MAX_CACHED_DAYS) {
    for (const other of tables.values()) {
      other.days.clear();
      other.lastDay = null;
    }
    t.days.clear();
    t.lastDay = null;
    cachedDays = 0;
  }
  t.days.set(dayIndex, day);
  cachedDays += 1;
  t.lastOffsetMs = after;
  return day;
}

/** The cached day `dayIndex` of a zone. */
export function zoneDay(t: ZoneTable, dayIndex: number): ZoneDay {
  return t.days.get(dayIndex) ?? buildDay(t, dayIndex);
}

function temporalResolve(zone: string, day: ZoneDay, msOfDay: number): ResolvedWall {
  const d = new Date(day.dayIndex * DAY_MS + msOfDay);
  const pdt = Temporal.PlainDateTime.from({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  });
  const earlier = pdt.toZonedDateTime(zone, { disambiguation: 'earlier' });
  const later = pdt.toZonedDateTime(zone, { disambiguation: 'later' });
  const off = (z: Temporal.ZonedDateTime) => Math.round(z.offsetNanoseconds / 60e9);
  if (earlier.epochMilliseconds === later.epochMilliseconds) return { atMs: earlier.epochMilliseconds, utcOffsetMin: off(earlier) };
  // Two candidates: a fold if both are real (the earlier one keeps its wall time), else a gap.
  if (earlier.toPlainDateTime().equals(pdt)) return { atMs: earlier.epochMilliseconds, utcOffsetMin: off(earlier), flag: 'ambiguous' };
  const forward = pdt.toZonedDateTime(zone, { disambiguation: 'compatible' });
  return { atMs: forward.epochMilliseconds, utcOffsetMin: off(forward), flag: 'gap' };
}

/** Resolves wall time `msOfDay` (0 ≤ msOfDay < 24 h) on a cached day, with its R1 flag. */
export function resolveOnDay(t: ZoneTable, day: ZoneDay, msOfDay: number): ResolvedWall {
  if (day.irregular) return temporalResolve(t.zone, day, msOfDay);
  const wall = day.dayIndex * DAY_MS + msOfDay;
  const T = day.transitionMs;
  const early = wall - day.offsetMs;
  const late = wall - day.offsetAfterMs;
  const earlyReal = early < T;
  const lateReal = late >= T;
  if (earlyReal && lateReal && early !== late) return { atMs: early, utcOffsetMin: Math.round(day.offsetMs / MIN_MS), flag: 'ambiguous' };
  if (earlyReal) return { atMs: early, utcOffsetMin: Math.round(day.offsetMs / MIN_MS) };
  if (lateReal) return { atMs: late, utcOffsetMin: Math.round(day.offsetAfterMs / MIN_MS) };
  // In the gap: the old offset carries the wall time past the transition, i.e. forward.
  return { atMs: early, utcOffsetMin: Math.round(day.offsetAfterMs / MIN_MS), flag: 'gap' };
}

/** Instant of wall time `minute` on local day `dayIndex`; minutes < 0 or ≥ 1440 carry into other days. */
export function wallToMs(t: ZoneTable, dayIndex: number, minute: number): number {
  if (minute < 0 || minute >= 1440) {
    const carry = Math.floor(minute / 1440);
    dayIndex += carry;
    minute -= carry * 1440;
  }
  const d = t.days.get(dayIndex) ?? buildDay(t, dayIndex);
  if (d.uniform) return d.startMs + minute * MIN_MS;
  return resolveOnDay(t, d, minute * MIN_MS).atMs;
}

/** Local calendar day index of an instant. */
export function localDayIndexOf(t: ZoneTable, ms: number): number {
  let idx = Math.floor((ms + t.lastOffsetMs) / DAY_MS);
  // The guess is off by at most a day (offsets stay within ±26 h of each other); bounded probes.
  for (let i = 0; i < 4; i++) {
    const d = zoneDay(t, idx);
    if (ms < d.startMs) idx -= 1;
    else if (ms >= d.endMs) idx += 1;
    else return idx;
  }
  throw new RangeError(`No local day for instant ${ms} in ${t.zone}`);
}

/** UTC offset (ms) of an instant on its cached local day. */
export function offsetOnDay(t: ZoneTable, day: ZoneDay, ms: number): number {
  if (day.irregular) return temporalOffset(t.zone, ms);
  return ms < day.transitionMs ? day.offsetMs : day.offsetAfterMs;
}

/** UTC offset (ms) in force at an instant. */
export function offsetAt(t: ZoneTable, ms: number): number {
  return offsetOnDay(t, zoneDay(t, localDayIndexOf(t, ms)), ms);
}

const offsetStrings = new Map<number, string>();

/** Offset in ms → `+08:00` / `-03:30`. */
export function formatOffset(offsetMs: number): string {
  let s = offsetStrings.get(offsetMs);
  if (s === undefined) {
    const sign = offsetMs < 0 ? '-' : '+';
    const abs = Math.abs(Math.round(offsetMs / MIN_MS));
    s = `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    if (offsetStrings.size < 1_000) offsetStrings.set(offsetMs, s);
  }
  return s;
}
