/**
 * Wall time ↔ instant conversion for one IANA zone, with a per-(zone, local date) cache.
 *
 * Temporal is only touched the first time a (zone, date) pair is seen, and again only on the rare
 * day that contains a UTC-offset transition. On every other day a wall time is `startMs + min·60000`,
 * so the hot path does integer arithmetic and Map lookups, never Temporal objects per punch.
 *
 * Disambiguation follows R1 (Temporal's `compatible`): a wall time inside a DST gap moves forward
 * by the gap, an ambiguous one in a fold takes its first (earlier) occurrence.
 */
import { Temporal } from 'temporal-polyfill';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/** What one local calendar day looks like in one zone. */
export interface ZoneDay {
  dayIndex: number;
  date: string;
  /** Instant of local 00:00 (or of the first valid wall time after it). */
  startMs: number;
  /** true when the whole day has one UTC offset, so wall minutes map linearly. */
  uniform: boolean;
  /** UTC offset on a uniform day (local − UTC, ms). */
  offsetMs: number;
  /** `YYYY-MM-DDT` and `+HH:MM`, so formatting a uniform day's instant is two concatenations. */
  isoPrefix: string;
  offsetSuffix: string;
}

export interface ZoneTable {
  zone: string;
  days: Map<number, ZoneDay>;
  /** Slow-path memo for wall minutes on non-uniform days, keyed `dayIndex*1440 + minute`. */
  irregular: Map<number, number>;
  lastOffsetMs: number;
  /** The day most recently formatted: consecutive instants mostly fall on it. */
  lastDay: ZoneDay | null;
}

const zones = new Map<string, ZoneTable>();
const dayIndexByDate = new Map<string, number>();
const dateByDayIndex = new Map<number, string>();

/** Days since 1970-01-01 of a proleptic Gregorian civil date (H. Hinnant's days_from_civil). */
export function civilToDayIndex(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD` → day index; the caller has validated the format. */
export function dayIndexOf(date: string): number {
  let idx = dayIndexByDate.get(date);
  if (idx === undefined) {
    idx = civilToDayIndex(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
    dayIndexByDate.set(date, idx);
  }
  return idx;
}

/** Day index → `YYYY-MM-DD` (civil_from_days). */
export function dateOfDayIndex(idx: number): string {
  let s = dateByDayIndex.get(idx);
  if (s !== undefined) return s;
  const z = idx + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  s = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  dateByDayIndex.set(idx, s);
  return s;
}

/** true when `zone` is an IANA zone this runtime knows. */
export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function zoneTable(zone: string): ZoneTable {
  let t = zones.get(zone);
  if (!t) {
    t = { zone, days: new Map(), irregular: new Map(), lastOffsetMs: 0, lastDay: null };
    zones.set(zone, t);
  }
  return t;
}

function slowWallToMs(zone: string, dayIndex: number, minute: number): number {
  const date = dateOfDayIndex(dayIndex);
  const pdt = Temporal.PlainDateTime.from({
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
    hour: Math.floor(minute / 60),
    minute: minute % 60,
  });
  return pdt.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function slowOffsetAt(zone: string, ms: number): number {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6;
}

export function zoneDay(t: ZoneTable, dayIndex: number): ZoneDay {
  let d = t.days.get(dayIndex);
  if (d) return d;
  const startMs = slowWallToMs(t.zone, dayIndex, 0);
  const nextMs = slowWallToMs(t.zone, dayIndex + 1, 0);
  const offStart = slowOffsetAt(t.zone, startMs);
  const uniform = nextMs - startMs === DAY_MS && offStart === slowOffsetAt(t.zone, nextMs);
  const date = dateOfDayIndex(dayIndex);
  d = { dayIndex, date, startMs, uniform, offsetMs: offStart, isoPrefix: `${date}T`, offsetSuffix: formatOffset(offStart) };
  t.days.set(dayIndex, d);
  t.lastOffsetMs = offStart;
  return d;
}

/** Instant of wall time `minute` (may be < 0 or ≥ 1440) on local day `dayIndex`. */
export function wallToMs(t: ZoneTable, dayIndex: number, minute: number): number {
  if (minute < 0 || minute >= 1440) {
    const carry = Math.floor(minute / 1440);
    dayIndex += carry;
    minute -= carry * 1440;
  }
  const d = zoneDay(t, dayIndex);
  if (d.uniform) return d.startMs + minute * MIN_MS;
  const key = dayIndex * 1440 + minute;
  let ms = t.irregular.get(key);
  if (ms === undefined) {
    ms = slowWallToMs(t.zone, dayIndex, minute);
    t.irregular.set(key, ms);
  }
  return ms;
}

/** Local calendar day index of an instant. */
export function localDayIndexOf(t: ZoneTable, ms: number): number {
  let idx = Math.floor((ms + t.lastOffsetMs) / DAY_MS);
  // The guess is off by at most one day; two probes settle it.
  if (ms < zoneDay(t, idx).startMs) idx -= 1;
  else if (ms >= zoneDay(t, idx + 1).startMs) idx += 1;
  return idx;
}

/** UTC offset (ms) in force at an instant. */
export function offsetAt(t: ZoneTable, ms: number): number {
  const d = zoneDay(t, localDayIndexOf(t, ms));
  return d.uniform ? d.offsetMs : slowOffsetAt(t.zone, ms);
}

const hhmm: string[] = [];
for (let m = 0; m < 1440; m++) hhmm.push(`${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);

/** Minutes since midnight → `HH:MM`. */
export function formatHHMM(minute: number): string {
  return hhmm[((minute % 1440) + 1440) % 1440];
}

const offsetStrings = new Map<number, string>();
export function formatOffset(offsetMs: number): string {
  let s = offsetStrings.get(offsetMs);
  if (s === undefined) {
    const sign = offsetMs < 0 ? '-' : '+';
    const abs = Math.abs(Math.round(offsetMs / MIN_MS));
    s = `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    offsetStrings.set(offsetMs, s);
  }
  return s;
}

/** Local wall fields of an instant: day index and milliseconds since local midnight. */
function localParts(t: ZoneTable, ms: number): { dayIndex: number; msOfDay: number; offsetMs: number } {
  const dayIndex = localDayIndexOf(t, ms);
  const offsetMs = offsetAt(t, ms);
  return { dayIndex, msOfDay: ms + offsetMs - dayIndex * DAY_MS, offsetMs };
}

const secondSuffix: string[] = [];
for (let sec = 0; sec < 60; sec++) secondSuffix.push(`:${pad2(sec)}`);

/** Local ISO-8601 with offset, e.g. `2026-03-10T08:55:00+08:00`. */
export function formatLocalIso(t: ZoneTable, ms: number): string {
  let d = t.lastDay;
  if (d === null || !(ms >= d.startMs && ms - d.startMs < DAY_MS) || !d.uniform) {
    d = zoneDay(t, localDayIndexOf(t, ms));
    t.lastDay = d;
  }
  if (d.uniform) {
    const msOfDay = ms - d.startMs;
    const minute = Math.floor(msOfDay / MIN_MS);
    return d.isoPrefix + hhmm[minute] + secondSuffix[Math.floor((msOfDay - minute * MIN_MS) / 1000)] + d.offsetSuffix;
  }
  const p = localParts(t, ms);
  const minute = Math.floor(p.msOfDay / MIN_MS);
  const sec = Math.floor((p.msOfDay - minute * MIN_MS) / 1000);
  return `${dateOfDayIndex(p.dayIndex)}T${hhmm[minute]}:${pad2(sec)}${formatOffset(p.offsetMs)}`;
}

/** Local `HH:MM` of an instant, for explanations. */
export function formatLocalHHMM(t: ZoneTable, ms: number): string {
  const p = localParts(t, ms);
  return hhmm[Math.floor(p.msOfDay / MIN_MS)];
}
