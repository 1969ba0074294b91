/**
 * Device wall time (no zone) + the device's IANA zone → instant. Temporal is used at this edge only,
 * and only once per (zone, hour): a replay of 40,000 punches touches a few hundred distinct hours,
 * so the per-punch cost is a cache hit plus integer arithmetic.
 */
import { Temporal } from 'temporal-polyfill';

export type ZoneFlag = 'gap' | 'ambiguous';

export interface ZonedWallTime {
  atMs: number;
  utcOffsetMin: number;
  /** 'gap': the wall time does not exist (spring forward), shifted forward. 'ambiguous': fall-back hour, earlier offset taken. */
  flag?: ZoneFlag;
}

/** Parsed wall clock fields; month 1-12. */
export interface WallFields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const WALL_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `YYYY-MM-DD HH:MM:SS` (or with T, single-digit month/day/hour, no seconds) → fields, or null. */
export function parseWallTime(text: string): WallFields | null {
  const m = WALL_RE.exec(text.trim());
  if (!m) return null;
  const f: WallFields = { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: m[6] === undefined ? 0 : +m[6] };
  return validWall(f) ? f : null;
}

export function validWall(f: WallFields): boolean {
  if (f.mo < 1 || f.mo > 12 || f.d < 1 || f.h > 23 || f.mi > 59 || f.s > 59) return false;
  // Day-of-month check through UTC field arithmetic (no zone involved).
  const dim = new Date(Date.UTC(f.y, f.mo, 0)).getUTCDate();
  return f.d <= dim;
}

const p2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** Canonical wall time string used in CheckinInput.wallTime and idempotency keys. */
export function formatWall(f: WallFields): string {
  return `${f.y}-${p2(f.mo)}-${p2(f.d)}T${p2(f.h)}:${p2(f.mi)}:${p2(f.s)}`;
}

interface HourEntry {
  /** Offset valid for the whole hour, or null when a transition falls inside it. */
  offsetMin: number | null;
}

const hourCache = new Map<string, HourEntry>();
const HOUR_CACHE_MAX = 50_000;

function offsetOf(zone: string, f: WallFields, disambiguation: 'compatible' | 'earlier' | 'later' = 'compatible') {
  const zdt = Temporal.PlainDateTime.from({ year: f.y, month: f.mo, day: f.d, hour: f.h, minute: f.mi, second: f.s }).toZonedDateTime(
    zone,
    { disambiguation },
  );
  return { atMs: zdt.epochMilliseconds, offsetMin: Math.round(zdt.offsetNanoseconds / 60e9) };
}

/**
 * Resolve a wall time in `zone`. DST policy (devices.md §3): an ambiguous time takes the earlier
 * offset, a non-existent one is shifted forward; both are flagged so ingest can mark them.
 * Throws RangeError for an unknown zone.
 */
export function zonedInstant(zone: string, f: WallFields): ZonedWallTime {
  const key = `${zone}|${f.y}-${f.mo}-${f.d}T${f.h}`;
  let entry = hourCache.get(key);
  if (!entry) {
    const start = offsetOf(zone, { ...f, mi: 0, s: 0 }, 'earlier');
    const startLater = offsetOf(zone, { ...f, mi: 0, s: 0 }, 'later');
    const end = offsetOf(zone, { ...f, mi: 59, s: 59 }, 'earlier');
    const endLater = offsetOf(zone, { ...f, mi: 59, s: 59 }, 'later');
    const stable =
      start.offsetMin === end.offsetMin && start.offsetMin === startLater.offsetMin && end.offsetMin === endLater.offsetMin;
    entry = { offsetMin: stable && start.atMs + 3599_000 === end.atMs ? start.offsetMin : null };
    if (hourCache.size >= HOUR_CACHE_MAX) hourCache.clear();
    hourCache.set(key, entry);
  }
  if (entry.offsetMin !== null) {
    const utc = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
    return { atMs: utc - entry.offsetMin * 60_000, utcOffsetMin: entry.offsetMin };
  }
  const earlier = offsetOf(zone, f, 'earlier');
  const later = offsetOf(zone, f, 'later');
  if (earlier.atMs === later.atMs) return { atMs: earlier.atMs, utcOffsetMin: earlier.offsetMin };
  // Both candidates differ: either a fold (two real instants) or a gap (none). In a gap, the
  // 'compatible' resolution lands after the wall time; in a fold it equals the earlier one.
  const compatible = offsetOf(zone, f, 'compatible');
  if (compatible.atMs === earlier.atMs) return { atMs: earlier.atMs, utcOffsetMin: earlier.offsetMin, flag: 'ambiguous' };
  return { atMs: compatible.atMs, utcOffsetMin: compatible.offsetMin, flag: 'gap' };
}

/** True when Temporal knows the zone; checked once per device context, not per punch. */
export function isValidZone(zone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/** Current UTC offset of `zone` in minutes (for the handshake's TimeZone option). */
export function currentOffsetMin(zone: string, nowMs: number): number {
  const zdt = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(zone);
  return Math.round(zdt.offsetNanoseconds / 60e9);
}
