/**
 * The web's zone rules. They are the server's own module (R1: a wall time in a DST gap moves
 * forward, one in a fold takes its first occurrence), so what a form sends is the instant the
 * engine would compute. Kept apart from the display helpers: it carries the Temporal polyfill.
 */
import { formatOffset, isValidZone } from '../../../src/shared/zone-time';
import { wallTimeOf, wallToInstant, zonedIso as sharedZonedIso } from '../../../src/shared/zone-wall';

export { isValidZone };

/** A zone name the zone rules do not know: said in the form, never replaced by UTC. */
export class UnknownZoneError extends Error {
  constructor(readonly zone: string) {
    super(`Unknown time zone "${zone}"`);
    this.name = 'UnknownZoneError';
  }
}

function knownZone(timeZone: string): string {
  if (!isValidZone(timeZone)) throw new UnknownZoneError(timeZone);
  return timeZone;
}

/**
 * The UTC offset (`+08:00`) that, written after this wall time, names the instant R1 gives it: the
 * first occurrence in a DST fold and, in a gap, the offset before it (New York 02:30 on 2026-03-08
 * is `-05:00`, i.e. 03:30 EDT). Throws UnknownZoneError.
 */
export function zoneOffset(date: string, time: string, timeZone: string): string {
  const atMs = wallToInstant(knownZone(timeZone), date, time);
  const [h, m] = time.split(':').map(Number);
  const wallAsUtc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m);
  return formatOffset(wallAsUtc - atMs);
}

/**
 * A wall time (`YYYY-MM-DD`, `HH:mm`) in a zone as ISO-8601 with its offset, after R1: a time in a
 * DST gap comes back moved forward with the new offset (`2026-03-08T03:30:00-04:00`), so the offset
 * sent is the one in force at that instant. Throws UnknownZoneError.
 */
export function zonedIso(date: string, time: string, timeZone: string): string {
  return sharedZonedIso(knownZone(timeZone), date, time);
}

// Today's date needs no wall-time rules; it lives in ./today.ts so pages that need only it skip Temporal.
export { todayIn } from './today';

/** `YYYY-MM-DD HH:mm:ss` of an instant in a zone, or null when the zone is unknown. */
export function wallClockIn(timeZone: string, atMs: number): string | null {
  if (!isValidZone(timeZone) || !Number.isFinite(atMs)) return null;
  return wallTimeOf(timeZone, atMs).wallTime.replace('T', ' ');
}
