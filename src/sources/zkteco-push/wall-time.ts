/**
 * Device wall time (no zone) + the device's IANA zone → instant, through the shared per-(zone, date)
 * cache: a replay of 40,000 punches touches a few dozen distinct days, so the per-punch cost is a
 * cache hit plus integer arithmetic.
 */
import { isValidZone as isKnownZone, type ResolvedWall, type WallFlag } from '../../shared/zone-time.js';
import { resolveWall, utcOffsetMinAt, type WallFields as SharedWallFields } from '../../shared/zone-wall.js';

/** 'gap': the wall time does not exist (spring forward), shifted forward. 'ambiguous': fall-back hour, earlier offset taken. */
export type ZoneFlag = WallFlag;

export type ZonedWallTime = ResolvedWall;

/** Parsed wall clock fields; month 1-12 (the shared shape, without milliseconds here). */
export type WallFields = Omit<SharedWallFields, 'ms'>;

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

/**
 * Resolve a device wall time in `zone` by R1 (devices.md §3): an ambiguous time takes the earlier
 * offset, a non-existent one is shifted forward; both are flagged so ingest can mark them.
 * Throws RangeError for an unknown zone.
 */
export function zonedInstant(zone: string, f: WallFields): ZonedWallTime {
  return resolveWall(zone, f);
}

/** True when the zone is known; checked once per device context, not per punch. */
export function isValidZone(zone: string): boolean {
  return isKnownZone(zone);
}

/** Current UTC offset of `zone` in minutes (for the handshake's TimeZone option). */
export function currentOffsetMin(zone: string, nowMs: number): number {
  return utcOffsetMinAt(zone, nowMs);
}
