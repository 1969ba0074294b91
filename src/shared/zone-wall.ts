/**
 * Zone conversions by zone name and text, for the edges (sources, API parameters, web forms), and
 * the instant formatters the engine uses. All of them go through the cached days of zone-time.ts,
 * so they follow R1 (gap forward, fold first) and agree with the engine to the millisecond.
 */
import { DAY_MS, MIN_MS, dateOfDayIndex, dayIndexOf, isCivilDate, pad2 } from './civil-date.js';
import { formatOffset, localDayIndexOf, offsetOnDay, resolveOnDay, zoneDay, zoneTable, type ResolvedWall, type ZoneTable } from './zone-time.js';

/** Wall clock fields; month 1-12. */
export interface WallFields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms?: number;
}

/** A wall time in a zone, as seen on a clock there. */
export interface LocalWall {
  date: string;
  /** `YYYY-MM-DDTHH:mm:ss` */
  wallTime: string;
  utcOffsetMin: number;
}

function isWallFields(f: WallFields): boolean {
  const ms = f.ms ?? 0;
  const ints = [f.y, f.mo, f.d, f.h, f.mi, f.s, ms].every(Number.isInteger);
  if (!ints || f.y < 1 || f.y > 9999 || f.h < 0 || f.h > 23 || f.mi < 0 || f.mi > 59 || f.s < 0 || f.s > 59 || ms < 0 || ms > 999) return false;
  return isCivilDate(`${String(f.y).padStart(4, '0')}-${pad2(f.mo)}-${pad2(f.d)}`);
}

/** Resolves a wall time in `zone` by R1, flagging gaps and folds. Throws RangeError on a bad zone or time. */
export function resolveWall(zone: string, f: WallFields): ResolvedWall {
  if (!isWallFields(f)) throw new RangeError(`Not a wall time: ${JSON.stringify(f)}`);
  const t = zoneTable(zone);
  const msOfDay = ((f.h * 60 + f.mi) * 60 + f.s) * 1000 + (f.ms ?? 0);
  return resolveOnDay(t, zoneDay(t, dayIndexOf(`${String(f.y).padStart(4, '0')}-${pad2(f.mo)}-${pad2(f.d)}`)), msOfDay);
}

const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * Instant of a wall time: `date` `YYYY-MM-DD`, `time` `HH:mm[:ss[.SSS]]` or '' for 00:00 (on a day
 * whose midnight falls in a gap that is the first instant of the day). Throws RangeError on bad input.
 */
export function wallToInstant(zone: string, date: string, time = ''): number {
  if (!isCivilDate(date)) throw new RangeError(`Not a date: "${date}"`);
  if (time === '') return zoneDay(zoneTable(zone), dayIndexOf(date)).startMs;
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Not a time of day: "${time}"`);
  const f: WallFields = {
    y: Number(date.slice(0, 4)),
    mo: Number(date.slice(5, 7)),
    d: Number(date.slice(8, 10)),
    h: Number(m[1]),
    mi: Number(m[2]),
    s: m[3] === undefined ? 0 : Number(m[3]),
    ms: m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0')),
  };
  return resolveWall(zone, f).atMs;
}

/** First instant of local date `date` (00:00, or the first wall time after a gap at midnight). */
export function dayStartMs(zone: string, date: string): number {
  return wallToInstant(zone, date);
}

/** Wall time (to the second, rounded down) and offset of an instant in `zone`. */
export function wallTimeOf(zone: string, atMs: number): LocalWall {
  const t = zoneTable(zone);
  const day = zoneDay(t, localDayIndexOf(t, atMs));
  const offsetMs = offsetOnDay(t, day, atMs);
  const sec = Math.floor((atMs + offsetMs - day.dayIndex * DAY_MS) / 1000);
  const wallTime = `${day.date}T${hhmm[Math.floor(sec / 60)]}:${pad2(sec % 60)}`;
  return { date: day.date, wallTime, utcOffsetMin: Math.round(offsetMs / MIN_MS) };
}

/** `YYYY-MM-DD HH:mm` of an instant in `zone`, for reports. */
export function wallMinuteOf(zone: string, atMs: number): string {
  return wallTimeOf(zone, atMs).wallTime.slice(0, 16).replace('T', ' ');
}

/** UTC offset in minutes of `zone` at an instant (e.g. +480 for Asia/Shanghai). */
export function utcOffsetMinAt(zone: string, atMs: number): number {
  const t = zoneTable(zone);
  return Math.round(offsetOnDay(t, zoneDay(t, localDayIndexOf(t, atMs)), atMs) / MIN_MS);
}

/** Local calendar date (`YYYY-MM-DD`) of an instant in `zone`. */
export function localDateOf(zone: string, atMs: number): string {
  const t = zoneTable(zone);
  return dateOfDayIndex(localDayIndexOf(t, atMs));
}

/** ISO-8601 with the zone's offset of a wall time, after R1: `2026-03-08T03:30:00-04:00` for NY 02:30. */
export function zonedIso(zone: string, date: string, time: string): string {
  return formatLocalIso(zoneTable(zone), wallToInstant(zone, date, time));
}

const hhmm: string[] = [];
for (let m = 0; m < 1440; m++) hhmm.push(`${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);
const secondSuffix: string[] = [];
for (let sec = 0; sec < 60; sec++) secondSuffix.push(`:${pad2(sec)}`);

/** Minutes since midnight → `HH:MM`. */
export function formatHHMM(minute: number): string {
  return hhmm[((minute % 1440) + 1440) % 1440];
}

/** Local ISO-8601 with offset, e.g. `2026-03-10T08:55:00+08:00` (seconds rounded down). */
export function formatLocalIso(t: ZoneTable, ms: number): string {
  let d = t.lastDay;
  if (d === null || !d.uniform || !(ms >= d.startMs && ms < d.endMs)) {
    d = zoneDay(t, localDayIndexOf(t, ms));
    t.lastDay = d;
  }
  if (d.uniform) {
    const msOfDay = ms - d.startMs;
    const minute = Math.floor(msOfDay / MIN_MS);
    return d.isoPrefix + hhmm[minute] + secondSuffix[Math.floor((msOfDay - minute * MIN_MS) / 1000)] + d.offsetSuffix;
  }
  const offsetMs = offsetOnDay(t, d, ms);
  const sec = Math.floor((ms + offsetMs - d.dayIndex * DAY_MS) / 1000);
  return `${d.date}T${hhmm[Math.floor(sec / 60)]}${secondSuffix[sec % 60]}${formatOffset(offsetMs)}`;
}

/** Local `HH:MM` of an instant, for explanations. */
export function formatLocalHHMM(t: ZoneTable, ms: number): string {
  const d = zoneDay(t, localDayIndexOf(t, ms));
  return hhmm[Math.floor((ms + offsetOnDay(t, d, ms) - d.dayIndex * DAY_MS) / MIN_MS)];
}
