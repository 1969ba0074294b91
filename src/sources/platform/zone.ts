/**
 * Wall time of an instant in an IANA zone. Platform tenants are almost always Asia/Shanghai (no
 * DST), but the zone is configuration, so this asks Intl rather than assuming +08:00.
 */
import { addDays as addDaysBounded } from '../../shared/dates.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  /** `YYYY-MM-DDTHH:mm:ss` */
  wallTime: string;
  utcOffsetMin: number;
}

/**
 * Offsets only change at DST transitions, which in the modern tz database fall on quarter hours,
 * so one Intl lookup per zone and 15-minute slot serves every instant in it (Intl is ~100× slower
 * than the arithmetic, and a month's back-fill maps hundreds of thousands of punches).
 */
const SLOT_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

export function wallTimeOf(atMs: number, timeZone: string): WallTime {
  const key = `${timeZone}|${Math.floor(atMs / SLOT_MS)}`;
  let utcOffsetMin = offsetCache.get(key);
  if (utcOffsetMin === undefined) {
    utcOffsetMin = wallTimeViaIntl(atMs, timeZone).utcOffsetMin;
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, utcOffsetMin);
  }
  const shifted = Math.floor(atMs / 1000) * 1000 + utcOffsetMin * 60_000;
  return { wallTime: new Date(shifted).toISOString().slice(0, 19), utcOffsetMin };
}

function wallTimeViaIntl(atMs: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(atMs))) parts[p.type] = p.value;
  const wallTime = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const utcOffsetMin = Math.round((asUtc - Math.floor(atMs / 1000) * 1000) / 60_000);
  return { wallTime, utcOffsetMin };
}

/**
 * Epoch ms of a wall time (`YYYY-MM-DD` + optional `HH:mm[:ss]`) in a zone. Two passes of the
 * offset lookup settle DST edges; ambiguous times resolve to the earlier instant.
 */
export function instantOf(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h = 0, mi = 0, s = 0] = time ? time.split(':').map(Number) : [];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = naive - wallTimeOf(naive, timeZone).utcOffsetMin * 60_000;
  guess = naive - wallTimeOf(guess, timeZone).utcOffsetMin * 60_000;
  return guess;
}

/** `YYYY-MM-DD` plus n days (calendar arithmetic, zone-free). */
export function addDays(date: string, n: number): string {
  return addDaysBounded(date, n);
}

export function daysBetween(from: string, to: string): number {
  const a = Date.parse(from + 'T00:00:00Z');
  const b = Date.parse(to + 'T00:00:00Z');
  return Math.round((b - a) / 86_400_000);
}
